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
from kern.models import BasisModel, OndertekendDocument
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
    # Art. 12.1 via 13.2: the melder's reaction to the investigation and the standpunt,
    # given in the mailbox. A reasoned objection (Art. 12.2) obliges a substantive answer.
    reactie = VersleuteldTekstVeld(_("reactie van de melder op het standpunt"), blank=True)
    reactie_op = models.DateTimeField(_("reactie ontvangen op"), null=True, blank=True)
    onderbouwd_bezwaar = models.BooleanField(
        _("onderbouwd bezwaar tegen onderzoek of standpunt"),
        default=False,
        help_text=_("Niet (deugdelijk) onderzocht, of wezenlijke onjuistheden (Art. 12.2)."),
    )
    antwoord = VersleuteldTekstVeld(_("inhoudelijk antwoord op de reactie"), blank=True)
    beantwoord_op = models.DateTimeField(_("reactie beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    # Art. 12 via 13.2: closed once the melder reacted or the reaction period passed,
    # and a reasoned reaction was answered.
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    afsluitreden = VersleuteldTekstVeld(_("reden van afsluiten"), blank=True)

    class Meta:
        verbose_name = _("verzoek om onderzoek naar benadeling")
        verbose_name_plural = _("verzoeken om onderzoek naar benadeling")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{_('Verzoek om onderzoek')} {self.created_at:%d-%m-%Y}"


class BenadelingKennisgeving(OndertekendDocument):
    """The HL's Art. 11.3 assessment after an investigation into the treatment
    (Art. 13.2: "artikelen 10 t/m 13 van overeenkomstige toepassing"): whether an
    external authority is told of it, its report and the standpunt. Given with the
    standpunt and signed in the same act, also when the answer is no (as
    onderzoek.KennisgevingBeoordeling for the report). With yes, `document` is the
    signed notification of `instantie`, copied to the melder unless serious objections
    are recorded; with no, the signed assessment. Apart from the report's own
    notifications, so the report's Art. 12.3 does not send its reactions here."""

    verzoek = models.OneToOneField(
        Onderzoeksverzoek,
        on_delete=models.CASCADE,
        related_name="kennisgeving",
        verbose_name=_("verzoek om onderzoek naar benadeling"),
    )
    melden = models.BooleanField(_("externe instantie in kennis stellen"))
    motivering = VersleuteldTekstVeld(_("motivering"))
    instantie = models.CharField(_("externe instantie"), max_length=200, blank=True)
    inhoud = VersleuteldTekstVeld(_("kennisgeving"), blank=True)
    ernstige_bezwaren_afschrift = VersleuteldTekstVeld(_("ernstige bezwaren tegen afschrift aan melder"), blank=True)

    class Meta:
        verbose_name = _("beoordeling externe kennisgeving na onderzoek naar benadeling")
        verbose_name_plural = _("beoordelingen externe kennisgeving na onderzoek naar benadeling")

    def __str__(self):
        return f"{_('Beoordeling externe kennisgeving')} {self.created_at:%d-%m-%Y}"


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
