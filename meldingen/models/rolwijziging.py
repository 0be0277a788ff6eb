"""Four eyes on who may reach cases (docs/rollen.md; docs/threat-model.md §3).

A change of someone's case role (group) or of a channel's receiving officers
(Functionaris) is proposed by the functioneel beheerder and takes effect only
when a second person approves it: the hoogste leidinggevende, or the hoogste
verantwoordelijke when the HL is the subject."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kern.models import BasisModel
from kern.rollen import ROLLEN_MET_GEVALLEN, Rol
from meldingen.models.register import Functionaris, Organisatie


class RolwijzigingSoort(models.TextChoices):
    ROL_TOEKENNEN = "rol_toekennen", _("zaakrol toekennen")
    ROL_INTREKKEN = "rol_intrekken", _("zaakrol intrekken")
    FUNCTIE_TOEKENNEN = "functie_toekennen", _("functie toekennen")
    FUNCTIE_INTREKKEN = "functie_intrekken", _("functie intrekken")


class RolwijzigingStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")


ZAAKROL_KEUZES = [(r.value, r.label) for r in Rol if r in ROLLEN_MET_GEVALLEN]


class Rolwijziging(BasisModel):
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    betreft = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(_("soort"), max_length=30, choices=RolwijzigingSoort.choices)
    rol = models.CharField(_("zaakrol"), max_length=40, choices=ZAAKROL_KEUZES, blank=True)
    functie = models.CharField(_("functie"), max_length=40, choices=Functionaris.Functie.choices, blank=True)
    reden = models.CharField(_("reden"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=RolwijzigingStatus.choices, default=RolwijzigingStatus.VOORGESTELD
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorgesteld door")
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), db_default=Now())
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")
        ordering = ["-voorgesteld_op"]
        default_permissions = ("view", "add")
        permissions = [("goedkeuren_rolwijziging", _("Rolwijzigingen goedkeuren of afwijzen"))]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(soort__in=["rol_toekennen", "rol_intrekken"], functie="") & ~models.Q(rol=""))
                | (models.Q(soort__in=["functie_toekennen", "functie_intrekken"], rol="") & ~models.Q(functie="")),
                name="rolwijziging_rol_of_functie",
            ),
            # Approval is by someone else than the proposer (four eyes).
            models.CheckConstraint(
                condition=models.Q(beoordeeld_door__isnull=True)
                | ~models.Q(beoordeeld_door=models.F("voorgesteld_door")),
                name="rolwijziging_vier_ogen",
            ),
        ]

    def __str__(self):
        wat = self.get_rol_display() if self.rol else self.get_functie_display()
        return f"{self.get_soort_display()}: {wat} – {self.betreft}"
