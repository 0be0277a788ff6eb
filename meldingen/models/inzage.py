"""A person concerned's access request (AVG art. 15) and its redactions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel
from kern.opslag import VersleuteldeOpslag


def _inzagepad(instance, filename):
    return f"meldingen/{instance.melding.uuid}/inzage-{instance.uuid}"


class Inzageverzoek(BasisModel):
    """Answered within a month (AVG art. 12(3)); the answer may be delayed while
    the investigation interest requires it (EU 2019/1937 art. 22; AVG art. 23,
    UAVG art. 41), with a recorded reason and a date to answer by."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="inzageverzoeken", verbose_name=_("melding")
    )
    betrokkene = models.ForeignKey(
        "meldingen.Betrokkene", on_delete=models.CASCADE, related_name="inzageverzoeken", verbose_name=_("betrokkene")
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    uiterlijk = models.DateField(_("uiterlijk beantwoorden op"))
    uitstel_reden = VersleuteldTekstVeld(_("reden van uitstel (onderzoeksbelang)"), blank=True)
    uitgesteld_tot = models.DateField(_("uitgesteld tot"), null=True, blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    document = models.FileField(
        _("document"), storage=VersleuteldeOpslag(), upload_to=_inzagepad, max_length=200, blank=True
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")
        constraints = [
            models.CheckConstraint(
                # A delay always has its reason (AVG art. 23(2)).
                condition=models.Q(uitgesteld_tot__isnull=True) | ~models.Q(uitstel_reden=""),
                name="inzageverzoek_uitstel_met_reden",
            ),
        ]

    def __str__(self):
        return str(_("inzageverzoek")) + f" {self.pk}"


class Weglating(BasisModel):
    """One redaction in the file handed to the person concerned, with its reason.
    `omschrijving` names what was left out ("naam van de melder"), never the
    value; a passage chosen by hand is kept encrypted to reproduce the file."""

    verzoek = models.ForeignKey(
        Inzageverzoek, on_delete=models.CASCADE, related_name="weglatingen", verbose_name=_("inzageverzoek")
    )
    omschrijving = models.CharField(_("wat is weggelaten"), max_length=200)
    passage = VersleuteldTekstVeld(_("passage"), blank=True)
    reden = models.CharField(_("reden"), max_length=300)
    automatisch = models.BooleanField(_("automatisch"), default=False)

    class Meta:
        verbose_name = _("weglating")
        verbose_name_plural = _("weglatingen")
        ordering = ["created_at", "id"]
