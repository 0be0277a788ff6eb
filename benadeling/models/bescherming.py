"""Who is protected and the organisation's settings for it (Art. 5.1, 5.4)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    MOTIVERINGSPERIODE_STANDAARD_MAANDEN,
    RISICOGESPREK_MAXIMUM_DAGEN,
    BeschermdeRol,
)
from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel


class BenadelingInstelling(BasisModel):
    """An organisation's settings for countering retaliation. Without a row the
    defaults apply (benadeling.selectors.instelling_voor)."""

    organisatie = models.OneToOneField(
        "meldingen.Organisatie",
        on_delete=models.CASCADE,
        related_name="benadelinginstelling",
        verbose_name=_("organisatie"),
    )
    motiveringsperiode_maanden = models.PositiveSmallIntegerField(
        _("motiveringsplicht (maanden na de melding)"),
        default=MOTIVERINGSPERIODE_STANDAARD_MAANDEN,
        help_text=_(
            "Een benadelende maatregel binnen deze periode vraagt een ondertekende motivering (Art. 5.4). "
            "Zie docs/adr/0004-motiveringsplicht.md."
        ),
    )
    motivering_voor_alle_beschermden = models.BooleanField(
        _("motiveringsplicht voor alle beschermde personen"),
        default=True,
        help_text=_("Art. 5.4 noemt de melder; Meldpunt past het standaard toe op iedereen van Art. 5.1."),
    )
    risicogesprek_dagen = models.PositiveSmallIntegerField(
        _("risicogesprek (dagen na aanwijzing contactpersoon)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(RISICOGESPREK_MAXIMUM_DAGEN)],
        help_text=_(
            "Onverwijld (Art. 6.1). Leeg: de termijn van de installatie; een organisatie kan hem alleen korter maken."
        ),
    )
    personeelszaken = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerkers personeelszaken"),
        blank=True,
        related_name="+",
        help_text=_("Zij kunnen voorgenomen maatregelen van deze organisatie laten toetsen (Art. 5.4)."),
    )

    class Meta:
        verbose_name = _("instelling benadeling")
        verbose_name_plural = _("instellingen benadeling")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(motiveringsperiode_maanden__gte=12), name="motiveringsperiode_minimaal_12"
            ),
            models.CheckConstraint(
                condition=models.Q(risicogesprek_dagen__lte=RISICOGESPREK_MAXIMUM_DAGEN),
                name="risicogesprek_termijn_onverwijld",
            ),
        ]

    def __str__(self):
        return str(self.organisatie)


class BeschermdPersoon(BasisModel):
    """A person protected against retaliation on one case (Art. 5.1), from a date.

    Only blind indexes (keyed HMAC of the normalised employee number and e-mail)
    are stored for matching the HR check; the values themselves are not. The
    melder's own row holds no name: the identity stays in MelderIdentiteit, seen
    only by the receiving officer (Art. 7.2)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="beschermde_personen", verbose_name=_("melding")
    )
    rol = models.CharField(_("rol"), max_length=40, choices=BeschermdeRol.choices)
    naam = VersleuteldTekstVeld(_("naam"), blank=True)
    personeelsnummer_index = models.CharField(
        _("blinde index personeelsnummer"), max_length=64, blank=True, db_index=True, editable=False
    )
    email_index = models.CharField(
        _("blinde index e-mailadres"), max_length=64, blank=True, db_index=True, editable=False
    )
    beschermd_vanaf = models.DateField(_("beschermd vanaf"))
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )

    class Meta:
        verbose_name = _("beschermd persoon")
        verbose_name_plural = _("beschermde personen")
        ordering = ["beschermd_vanaf", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding"], condition=models.Q(rol=BeschermdeRol.MELDER), name="een_melder_per_melding"
            ),
            models.CheckConstraint(
                condition=~models.Q(rol=BeschermdeRol.MELDER) | models.Q(naam=""), name="melder_zonder_naam"
            ),
        ]

    def __str__(self):
        return self.get_rol_display()
