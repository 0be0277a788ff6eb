from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel
from meldingen.models.register import Melding


class Betrokkene(BasisModel):
    """A person the report concerns (docs/toestanden.md). They are informed about the
    report unless the investigation interest is recorded (Art. 9.6, 11.4), with a
    date to revisit that reason. A staff user among them can never investigate
    the case (Art. 9.4)."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="betrokkenen", verbose_name=_("melding")
    )
    naam = VersleuteldTekstVeld(_("naam"))
    functie = VersleuteldTekstVeld(_("functie of rol"), blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account in Meldpunt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vul in als deze persoon een account heeft: hij kan dan nooit onderzoeker worden (Art. 9.4)."),
    )
    geinformeerd_op = models.DateTimeField(_("geïnformeerd op"), null=True, blank=True)
    reden_niet_informeren = VersleuteldTekstVeld(_("reden om (nog) niet te informeren"), blank=True)
    herzien_op = models.DateField(_("reden herzien op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            models.CheckConstraint(
                # Not informing needs a date to revisit the reason (Art. 9.6).
                condition=models.Q(reden_niet_informeren="") | models.Q(herzien_op__isnull=False),
                name="betrokkene_uitstel_met_herzieningsdatum",
            )
        ]

    def __str__(self):
        return str(_("betrokkene")) + f" {self.pk}"
