"""Retaliation: protected persons, the risk conversation, claims, the HL's
measures, the motivation duty and referrals (Art. 5, 6 and 13; docs/architecture.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    MOTIVERINGSPERIODE_STANDAARD_MAANDEN,
    RISICOGESPREK_MAXIMUM_DAGEN,
    BenadelingOordeel,
    BenadelingType,
    BeschermdeRol,
    ClaimUitkomst,
    MaatregelSoort,
    MotiveringVerstrekking,
    VerwijzingSoort,
    VerwijzingUitkomst,
    VerzoekUitkomst,
    VoornemenBron,
    VoornemenStatus,
)
from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel, OndertekendDocument
from kern.opslag import versleutelde_opslag
from kern.vastleggingen import GoedTeKeurenVastlegging


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


class Personeelstoets(BasisModel):
    """HR's submission of an intended adverse measure (Art. 5.4). HR sees no case:
    the row holds no link to one, only the blind indexes it was matched with."""

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingediend door")
    )
    soort = models.CharField(_("voorgenomen maatregel"), max_length=10, choices=BenadelingType.choices)
    omschrijving = VersleuteldTekstVeld(_("toelichting"), blank=True)
    beoogd_op = models.DateField(_("beoogde datum"))
    personeelsnummer_index = models.CharField(
        _("blinde index personeelsnummer"), max_length=64, blank=True, editable=False
    )
    email_index = models.CharField(_("blinde index e-mailadres"), max_length=64, blank=True, editable=False)
    # When the check was matched against the protected persons (toets_matchen), set in
    # the same transaction as the match's result, whatever it was. Empty: not matched
    # yet (the task was lost with the broker); the catch-up run matches it, and the
    # retention rule never deletes it (docs/retention.md, "HR checks").
    gematcht_op = models.DateTimeField(_("gematcht op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("toets voorgenomen maatregel")
        verbose_name_plural = _("toetsen voorgenomen maatregelen")
        default_permissions = ("add",)
        indexes = [
            # The catch-up run's query: the checks not matched yet.
            models.Index(
                fields=["created_at"], condition=models.Q(gematcht_op__isnull=True), name="toets_nog_te_matchen"
            ),
            # Re-matching when someone becomes protected: the checks of the organisation
            # with the person's blind index.
            models.Index(fields=["organisatie", "personeelsnummer_index"], name="toets_personeelsnummer"),
            models.Index(fields=["organisatie", "email_index"], name="toets_email"),
        ]

    def __str__(self):
        return f"{_('Toets')} {self.created_at:%d-%m-%Y}"


class VoorgenomenMaatregel(BasisModel):
    """An adverse measure of Art. 5.2 intended against a protected person. Within
    the organisation's period it cannot be recorded as taken without the HL's
    signed motivation (Art. 5.4)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="voorgenomen_maatregelen", verbose_name=_("melding")
    )
    beschermd_persoon = models.ForeignKey(
        BeschermdPersoon, on_delete=models.PROTECT, related_name="maatregelen", verbose_name=_("beschermd persoon")
    )
    bron = models.CharField(_("bron"), max_length=20, choices=VoornemenBron.choices)
    toets = models.ForeignKey(
        Personeelstoets,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toets voorgenomen maatregel"),
    )
    soort = models.CharField(_("maatregel"), max_length=10, choices=BenadelingType.choices)
    omschrijving = VersleuteldTekstVeld(_("omschrijving"), blank=True)
    beoogd_op = models.DateField(_("beoogde datum"))
    motivering_vereist = models.BooleanField(_("motivering vereist (Art. 5.4)"), default=False)
    status = models.CharField(_("status"), max_length=30, choices=VoornemenStatus.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    motivering_gevraagd_op = models.DateTimeField(_("motivering gevraagd op"), null=True, blank=True)
    genomen_op = models.DateTimeField(_("als genomen vastgelegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voorgenomen benadelende maatregel")
        verbose_name_plural = _("voorgenomen benadelende maatregelen")
        ordering = ["created_at", "id"]
        constraints = [
            # One task per HR check and protected person: the match task may run twice.
            models.UniqueConstraint(
                fields=["toets", "beschermd_persoon"],
                condition=models.Q(toets__isnull=False),
                name="voornemen_eenmaal_per_toets",
            ),
        ]

    def __str__(self):
        return self.get_soort_display()


class Motivering(OndertekendDocument):
    """Art. 5.4: why the measure is needed and why it is unrelated to the report,
    signed by the HL (or the hoogste verantwoordelijke on a routed case)."""

    voornemen = models.ForeignKey(
        VoorgenomenMaatregel,
        on_delete=models.PROTECT,
        related_name="motiveringen",
        verbose_name=_("voorgenomen maatregel"),
    )
    waarom_nodig = VersleuteldTekstVeld(_("waarom de maatregel nodig is"))
    geen_verband = VersleuteldTekstVeld(_("waarom de maatregel geen verband houdt met de melding"))
    # Art. 5.4 "motiveert hij": when and how the signed motivation reached the
    # person concerned (the melder in the mailbox; another protected person by hand
    # or by post, recorded by an officer). The signed content itself never changes.
    verstrekt_op = models.DateTimeField(_("aan de betrokkene gegeven op"), null=True, blank=True)
    verstrekt_wijze = models.CharField(
        _("gegeven via"), max_length=20, choices=MotiveringVerstrekking.choices, blank=True
    )
    verstrekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstrekt door"),
    )

    class Meta:
        verbose_name = _("motivering")
        verbose_name_plural = _("motiveringen")
        constraints = [models.UniqueConstraint(fields=["voornemen", "versie"], name="motivering_versie_uniek")]

    def __str__(self):
        return f"{_('Motivering')} v{self.versie}"


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
