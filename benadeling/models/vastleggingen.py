"""Records the melder approves (the risk conversation, Art. 6.1; a claim of retaliation,
Art. 6.2) and the HL's signed measures (Art. 6.3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    BenadelingType,
    ClaimUitkomst,
    MaatregelSoort,
)
from kern.fields import VersleuteldTekstVeld
from kern.models import OndertekendDocument
from kern.opslag import versleutelde_opslag
from kern.vastleggingen import GoedTeKeurenVastlegging


class MelderVastlegging(GoedTeKeurenVastlegging):
    """Abstract: a written record the melder approves, in the mailbox or on a
    signed paper copy (Art. 6.1–6.2, as Art. 8.1), with the one lifecycle of
    kern.vastleggingen. The PDF is stored encrypted with its SHA-256, so the
    melder approves exactly those bytes; the signed paper copy stays with the
    retaliation file (not among the case's attachments, which investigators see)."""

    melding = models.ForeignKey("meldingen.Melding", on_delete=models.CASCADE, related_name="+")
    document = models.FileField(_("document"), storage=versleutelde_opslag, upload_to="benadeling/%Y/")
    document_hash = models.CharField(_("SHA-256 van het verslag"), max_length=64)
    ondertekend_exemplaar = models.FileField(
        _("ondertekend exemplaar"), storage=versleutelde_opslag, upload_to="benadeling/getekend/%Y/", blank=True
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )

    class Meta(GoedTeKeurenVastlegging.Meta):
        abstract = True


class Risicoanalyse(MelderVastlegging):
    """The risk conversation of Art. 6.1: the risks of retaliation, how to reduce
    them, and what the melder can do when it happens; dated."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="risicoanalyses", verbose_name=_("melding")
    )
    gesprek_op = models.DateField(_("gesprek gevoerd op"))
    risicos = VersleuteldTekstVeld(_("risico's op benadeling"))
    beperking = VersleuteldTekstVeld(_("hoe die risico's worden verminderd"))
    wat_melder_kan_doen = VersleuteldTekstVeld(_("wat de melder kan doen bij benadeling"))

    class Meta(MelderVastlegging.Meta):
        verbose_name = _("risicoanalyse")
        verbose_name_plural = _("risicoanalyses")
        ordering = ["gesprek_op", "id"]

    def __str__(self):
        return f"{_('Risicoanalyse')} {self.gesprek_op:%d-%m-%Y}"


class Benadelingsmelding(MelderVastlegging):
    """A retaliation claim (Art. 6.2): written by the melder in the mailbox, or
    recorded by the contactpersoon and approved by the melder; then forwarded to
    the HL (or the hoogste verantwoordelijke) without delay, with a copy to the melder."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadelingsmeldingen", verbose_name=_("melding")
    )
    omschrijving = VersleuteldTekstVeld(_("omschrijving"))
    # A list of BenadelingType values (validated in the service).
    types = models.JSONField(_("soorten benadeling"), default=list)
    doorgestuurd_op = models.DateTimeField(_("doorgestuurd op"), null=True, blank=True)
    doorgestuurd_aan = models.CharField(_("doorgestuurd aan"), max_length=40, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=ClaimUitkomst.choices, blank=True)
    uitkomst_toelichting = VersleuteldTekstVeld(_("toelichting op de uitkomst"), blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta(MelderVastlegging.Meta):
        verbose_name = _("benadelingsmelding")
        verbose_name_plural = _("benadelingsmeldingen")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{_('Benadelingsmelding')} {self.created_at:%d-%m-%Y}"

    def type_labels(self) -> list[str]:
        return [str(BenadelingType(t).label) for t in self.types]


class Maatregel(OndertekendDocument):
    """A measure of the HL, signed: to counter retaliation (Art. 6.3) or against a
    colleague who retaliates (Art. 5.6). The melder sees what concerns them: the
    `mededeling_aan_melder`, never the disciplinary detail about a colleague."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadeling_maatregelen", verbose_name=_("melding")
    )
    benadelingsmelding = models.ForeignKey(
        Benadelingsmelding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maatregelen",
        verbose_name=_("benadelingsmelding"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=MaatregelSoort.choices)
    omschrijving = VersleuteldTekstVeld(_("omschrijving"))
    mededeling_aan_melder = VersleuteldTekstVeld(_("wat de melder hierover hoort"), blank=True)

    class Meta:
        verbose_name = _("maatregel tegen benadeling")
        verbose_name_plural = _("maatregelen tegen benadeling")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.get_soort_display()
