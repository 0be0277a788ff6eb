"""The request to investigate the melder's treatment (Art. 13), referrals, copies to
the melder and the dossier export."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    BenadelingOordeel,
    VerwijzingSoort,
    VerwijzingUitkomst,
    VerzoekUitkomst,
)
from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel
from kern.opslag import versleutelde_opslag


class Onderzoeksverzoek(BasisModel):
    """The melder's request to investigate how they are treated (Art. 13.1). When
    granted it becomes an investigation of the kind "benadeling" under
    onderzoek's rules (Art. 13.2); a refusal is a signed decision with reasons."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadeling_verzoeken", verbose_name=_("melding")
    )
    verzoek = VersleuteldTekstVeld(_("verzoek"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=VerzoekUitkomst.choices, default="open")
    reden = VersleuteldTekstVeld(_("reden"), blank=True)
    onderzoek = models.OneToOneField(
        "onderzoek.Onderzoek",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benadeling_verzoek",
        verbose_name=_("onderzoek"),
    )
    ondertekening = models.OneToOneField(
        "kern.Ondertekening",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekening"),
    )
    beslist_op = models.DateTimeField(_("beslist op"), null=True, blank=True)
    # Art. 13.2 with Art. 11.1: the employer's signed standpunt after the report.
    standpunt = VersleuteldTekstVeld(_("standpunt"), blank=True)
    vervolgstappen = VersleuteldTekstVeld(_("stappen waartoe het onderzoek leidt"), blank=True)
    standpunt_uitkomst = models.CharField(
        _("uitkomst volgens het standpunt"), max_length=30, choices=BenadelingOordeel.choices, blank=True
    )
    standpunt_ondertekening = models.OneToOneField(
        "kern.Ondertekening",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekening van het standpunt"),
    )
    standpunt_op = models.DateTimeField(_("standpunt gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek om onderzoek naar benadeling")
        verbose_name_plural = _("verzoeken om onderzoek naar benadeling")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{_('Verzoek om onderzoek')} {self.created_at:%d-%m-%Y}"


class Verwijzing(BasisModel):
    """A referral or support offered to the melder, with date and outcome."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadeling_verwijzingen", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=VerwijzingSoort.choices)
    aangeboden_op = models.DateField(_("datum"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=VerwijzingUitkomst.choices)
    uitkomst_op = models.DateField(_("datum uitkomst"), null=True, blank=True)
    toelichting = VersleuteldTekstVeld(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("verwijzing of ondersteuning")
        verbose_name_plural = _("verwijzingen en ondersteuning")
        ordering = ["aangeboden_op", "id"]

    def __str__(self):
        return self.get_soort_display()


class Afschrift(BasisModel):
    """A copy for the melder (Art. 6.2, 6.3). Written by
    benadeling.services.afschriften.afschrift_aan_melder_bezorgen, which delivers
    it to the mailbox as a letter (`brief`) and sets `bezorgd_op`."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadeling_afschriften", verbose_name=_("melding")
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    soort = models.CharField(_("soort"), max_length=40)
    document = models.FileField(_("document"), storage=versleutelde_opslag, upload_to="benadeling/afschriften/%Y/")
    document_hash = models.CharField(_("SHA-256 van het document"), max_length=64)
    object_uuid = models.CharField(_("object"), max_length=64)
    bezorgd_op = models.DateTimeField(_("bezorgd in de meldingsbox op"), null=True, blank=True)
    # The letter in the mailbox that carries this copy (docs/melderzijde.md).
    brief = models.OneToOneField(
        "meldingen.Brief",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="benadeling_afschrift",
        verbose_name=_("brief"),
    )

    class Meta:
        verbose_name = _("afschrift aan de melder")
        verbose_name_plural = _("afschriften aan de melder")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.onderwerp


class DossierExport(BasisModel):
    """One export of the retaliation dossier as PDF, with its recipients (for a
    court or the Huis voor Klokkenluiders)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="benadeling_exports", verbose_name=_("melding")
    )
    ontvangers = VersleuteldTekstVeld(_("ontvangers"))
    document = models.FileField(_("document"), storage=versleutelde_opslag, upload_to="benadeling/dossiers/%Y/")
    document_hash = models.CharField(_("SHA-256"), max_length=64)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("dossierexport")
        verbose_name_plural = _("dossierexports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{_('Dossier')} {self.created_at:%d-%m-%Y %H:%M}"
