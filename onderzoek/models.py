from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel, OndertekendDocument
from kern.opslag import versleutelde_opslag
from onderzoek.constants import (
    BesluitSoort,
    Gehoorde,
    KennisgevingFase,
    OnderzoekSoort,
    OnderzoekStatus,
    RapportStatus,
    StandpuntUitkomst,
    StukHerkomst,
)


class Besluit(OndertekendDocument):
    """The HL's decision: investigate, not (with reasons), or refer (Art. 9.1–9.3)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="besluiten", verbose_name=_("melding")
    )
    soort = models.CharField(_("besluit"), max_length=40, choices=BesluitSoort.choices)
    motivering = VersleuteldTekstVeld(_("motivering"))

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [models.UniqueConstraint(fields=["melding", "versie"], name="besluit_versie_uniek")]

    def __str__(self):
        return f"{self.get_soort_display()} (v{self.versie})"


class Onderzoek(BasisModel):
    """An investigation with its signed mandate (onderzoeksopdracht, Art. 9.4–9.5)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="onderzoeken", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort onderzoek"), max_length=30, choices=OnderzoekSoort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=OnderzoekStatus.choices, default=OnderzoekStatus.INGESTELD
    )
    opdracht = VersleuteldTekstVeld(_("onderzoeksopdracht"))
    opdracht_document = models.FileField(_("opdrachtdocument"), storage=versleutelde_opslag, upload_to="opdrachten/%Y/")
    opdracht_ondertekening = models.OneToOneField(
        "kern.Ondertekening",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ondertekening van de opdracht"),
    )
    # Art. 9.5: a copy of the mandate goes to the melder unless serious objections
    # are recorded with a reason.
    ernstige_bezwaren_afschrift = VersleuteldTekstVeld(_("ernstige bezwaren tegen afschrift aan melder"), blank=True)
    # Art. 9.5: when the melder was told in writing that the investigation started and by whom.
    melder_geinformeerd_op = models.DateTimeField(_("melder geïnformeerd op"), null=True, blank=True)
    # Art. 10.1: when the investigators invited the melder to be heard (a letter).
    melder_uitgenodigd_op = models.DateTimeField(_("melder uitgenodigd voor verhoor op"), null=True, blank=True)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        permissions = [("onderzoek_uitvoeren", _("Het onderzoek uitvoeren"))]

    def __str__(self):
        return f"{self.get_soort_display()} {self.melding}"


class Onderzoeker(BasisModel):
    """An investigator on one investigation: an internal user or an external name,
    each with an independence declaration (Art. 9.4)."""

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="onderzoekers", verbose_name=_("onderzoek")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    externe_naam = VersleuteldTekstVeld(_("naam (extern)"), blank=True)
    onafhankelijkheidsverklaring = VersleuteldTekstVeld(_("verklaring van onafhankelijkheid en onpartijdigheid"))
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("onderzoeker")
        verbose_name_plural = _("onderzoekers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gebruiker__isnull=False) | ~models.Q(externe_naam=""),
                name="onderzoeker_intern_of_extern",
            ),
            models.UniqueConstraint(
                fields=["onderzoek", "gebruiker"],
                condition=models.Q(gebruiker__isnull=False, beeindigd_op__isnull=True),
                name="onderzoeker_eenmaal_actief",
            ),
        ]

    def __str__(self):
        return str(self.gebruiker) if self.gebruiker_id else self.externe_naam


class Rapport(BasisModel):
    """The investigators' report: a concept the melder may comment on (Art. 10.5),
    then fixed (vastgesteld) with a copy to the melder (Art. 10.6), in both cases
    unless serious objections are recorded with a reason."""

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="rapporten", verbose_name=_("onderzoek")
    )
    status = models.CharField(_("status"), max_length=20, choices=RapportStatus.choices, default=RapportStatus.CONCEPT)
    tekst = VersleuteldTekstVeld(_("rapport"))
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgesteld door")
    )
    ernstige_bezwaren = VersleuteldTekstVeld(_("ernstige bezwaren tegen delen met de melder"), blank=True)
    commentaar_melder = VersleuteldTekstVeld(_("opmerkingen van de melder"), blank=True)
    # Art. 10.5: the concept goes to the melder for comments, unless serious
    # objections are recorded with a reason.
    concept_voorgelegd_op = models.DateTimeField(_("concept aan de melder voorgelegd op"), null=True, blank=True)
    ernstige_bezwaren_concept = VersleuteldTekstVeld(
        _("ernstige bezwaren tegen voorleggen van het concept aan de melder"), blank=True
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    document = models.FileField(_("document"), storage=versleutelde_opslag, upload_to="rapporten/%Y/", blank=True)

    class Meta:
        verbose_name = _("onderzoeksrapport")
        verbose_name_plural = _("onderzoeksrapporten")

    def __str__(self):
        return f"{self.get_status_display()} {self.onderzoek}"


class ExterneKennisgeving(OndertekendDocument):
    """Notification of an external authority (Art. 9.3, 11.3), with a copy to the
    melder unless serious objections are recorded with a reason."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="externe_kennisgevingen", verbose_name=_("melding")
    )
    instantie = models.CharField(_("externe instantie"), max_length=200)
    inhoud = VersleuteldTekstVeld(_("kennisgeving"))
    ernstige_bezwaren_afschrift = VersleuteldTekstVeld(_("ernstige bezwaren tegen afschrift aan melder"), blank=True)

    class Meta:
        verbose_name = _("externe kennisgeving")
        verbose_name_plural = _("externe kennisgevingen")

    def __str__(self):
        return f"{self.instantie} ({self.melding})"


class Wederhoor(BasisModel):
    """The melder's reaction to report and standpunt, and the employer's answer
    (Art. 12). A reasoned reaction that the investigation was not sound obliges a
    substantive answer and, where needed, an additional investigation (Art. 12.2)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="wederhoren", verbose_name=_("melding")
    )
    reactie = VersleuteldTekstVeld(_("reactie van de melder"))
    onderbouwd_bezwaar = models.BooleanField(
        _("onderbouwd bezwaar tegen onderzoek of standpunt"),
        default=False,
        help_text=_("Niet (deugdelijk) onderzocht, of wezenlijke onjuistheden (Art. 12.2)."),
    )
    antwoord = VersleuteldTekstVeld(_("inhoudelijk antwoord"), blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    aanvullend_onderzoek = models.ForeignKey(
        Onderzoek,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanvullend onderzoek"),
    )
    # Art. 12.3: the reaction also goes to every external authority that was
    # notified, with a copy to the melder.
    extern_doorgestuurd_op = models.DateTimeField(_("naar externe instantie gestuurd op"), null=True, blank=True)
    extern_doorgestuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("extern doorgestuurd door"),
    )

    class Meta:
        verbose_name = _("wederhoor")
        verbose_name_plural = _("wederhoren")

    def __str__(self):
        return f"{_('Wederhoor')} {self.melding}"


class Standpunt(OndertekendDocument):
    """The employer's substantive standpunt and the steps that follow (Art. 11.1)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="standpunten", verbose_name=_("melding")
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=StandpuntUitkomst.choices, blank=True)
    inhoud = VersleuteldTekstVeld(_("standpunt"))
    vervolgstappen = VersleuteldTekstVeld(_("stappen waartoe de melding heeft geleid of zal leiden"))

    class Meta:
        verbose_name = _("standpunt")
        verbose_name_plural = _("standpunten")
        constraints = [models.UniqueConstraint(fields=["melding", "versie"], name="standpunt_versie_uniek")]

    def __str__(self):
        return f"{_('Standpunt')} {self.melding} (v{self.versie})"


class Verlengingsbrief(OndertekendDocument):
    """The signed extension letter of Art. 11.2: the new term and, past twelve
    weeks, why it is needed. When it also gives the feedback of Wbk art. 2 it says
    how the report was assessed and which steps were taken (docs/termijnen.md, ADR 0003)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="verlengingsbrieven", verbose_name=_("melding")
    )
    verlenging = models.OneToOneField(
        "meldingen.Verlenging", on_delete=models.PROTECT, related_name="+", verbose_name=_("verlenging")
    )
    beoordeling = VersleuteldTekstVeld(_("beoordeling en gezette stappen (terugkoppeling)"), blank=True)

    class Meta:
        verbose_name = _("verlengingsbrief")
        verbose_name_plural = _("verlengingsbrieven")

    def __str__(self):
        return f"{_('Verlenging')} {self.melding}"


class Verhoor(BasisModel):
    """A hearing by the investigators (Art. 10.1–10.2). Its written record is a
    meldingen.Vastlegging, final only when the person heard approved it: the
    melder in the mailbox, anyone else by the signed paper copy."""

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="verhoren", verbose_name=_("onderzoek")
    )
    vastlegging = models.OneToOneField(
        "meldingen.Vastlegging", on_delete=models.PROTECT, related_name="verhoor", verbose_name=_("vastlegging")
    )
    gehoorde = models.CharField(_("gehoord"), max_length=20, choices=Gehoorde.choices)
    # Only for others: the melder's identity is never written on the case (Art. 7.2).
    naam_gehoorde = VersleuteldTekstVeld(_("naam van de gehoorde"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    # Art. 10.2: the person heard did not approve the record; the investigators
    # record that, with why, instead of waiting for ever.
    niet_goedgekeurd_op = models.DateTimeField(_("niet goedgekeurd vastgelegd op"), null=True, blank=True)
    niet_goedgekeurd_reden = VersleuteldTekstVeld(_("waarom niet goedgekeurd"), blank=True)
    # Art. 10.2: someone else heard receives a copy of the record (outside Meldpunt).
    afschrift_gegeven_op = models.DateTimeField(_("afschrift aan de gehoorde gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verhoor")
        verbose_name_plural = _("verhoren")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_gehoorde_display()} ({self.created_at:%Y-%m-%d})"


class Onderzoeksstuk(BasisModel):
    """A document the investigators looked at or requested (Art. 10.3) or an
    employee provided (Art. 10.4). Stored encrypted with the investigation, never
    in the melder's mailbox."""

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="stukken", verbose_name=_("onderzoek")
    )
    herkomst = models.CharField(_("herkomst"), max_length=20, choices=StukHerkomst.choices)
    omschrijving = VersleuteldTekstVeld(_("omschrijving"))
    bestand = models.FileField(_("bestand"), storage=versleutelde_opslag, upload_to="onderzoeksstukken/%Y/")
    bestandsnaam = VersleuteldTekstVeld(_("bestandsnaam"))
    inhoudstype = models.CharField(_("soort bestand"), max_length=100)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("onderzoeksstuk")
        verbose_name_plural = _("onderzoeksstukken")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_herkomst_display()} ({self.created_at:%Y-%m-%d})"


class AfzienVanRapport(OndertekendDocument):
    """The HL's signed reason why an investigation ends without a report
    (Art. 11.1: a standpunt follows a report, or a recorded reason why none was needed)."""

    onderzoek = models.OneToOneField(
        Onderzoek, on_delete=models.CASCADE, related_name="afzien_van_rapport", verbose_name=_("onderzoek")
    )
    reden = VersleuteldTekstVeld(_("waarom geen onderzoeksrapport nodig is"))

    class Meta:
        verbose_name = _("besluit zonder onderzoeksrapport")
        verbose_name_plural = _("besluiten zonder onderzoeksrapport")

    def __str__(self):
        return f"{_('Zonder rapport')} {self.onderzoek}"


class KennisgevingBeoordeling(OndertekendDocument):
    """The HL's signed assessment whether an external authority is to be notified
    (Art. 9.3, 11.3), recorded also when the answer is no."""

    melding = models.ForeignKey(
        "meldingen.Melding",
        on_delete=models.CASCADE,
        related_name="kennisgevingsbeoordelingen",
        verbose_name=_("melding"),
    )
    fase = models.CharField(_("moment"), max_length=20, choices=KennisgevingFase.choices)
    melden = models.BooleanField(_("externe instantie in kennis stellen"))
    motivering = VersleuteldTekstVeld(_("motivering"))
    kennisgeving = models.OneToOneField(
        ExterneKennisgeving,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beoordeling",
        verbose_name=_("kennisgeving"),
    )

    class Meta:
        verbose_name = _("beoordeling externe kennisgeving")
        verbose_name_plural = _("beoordelingen externe kennisgeving")

    def __str__(self):
        return f"{self.get_fase_display()} {self.melding}"


class StandpuntMededeling(BasisModel):
    """Art. 11.4: a person concerned is told of the standpunt, or the interest of
    the investigation or enforcement that stands in the way is recorded with a
    date to revisit it (a term of its own reminds on that date)."""

    standpunt = models.ForeignKey(
        Standpunt, on_delete=models.CASCADE, related_name="mededelingen", verbose_name=_("standpunt")
    )
    betrokkene = models.ForeignKey(
        "meldingen.Betrokkene", on_delete=models.CASCADE, related_name="+", verbose_name=_("betrokkene")
    )
    geinformeerd_op = models.DateTimeField(_("geïnformeerd op"), null=True, blank=True)
    reden_niet_informeren = VersleuteldTekstVeld(_("reden om (nog) niet te informeren"), blank=True)
    herzien_op = models.DateField(_("reden herzien op"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("mededeling van het standpunt")
        verbose_name_plural = _("mededelingen van het standpunt")
        constraints = [
            models.UniqueConstraint(fields=["standpunt", "betrokkene"], name="standpuntmededeling_eenmaal"),
            models.CheckConstraint(
                condition=models.Q(geinformeerd_op__isnull=False) | models.Q(herzien_op__isnull=False),
                name="standpuntmededeling_geinformeerd_of_herzien",
            ),
        ]

    def __str__(self):
        return f"{_('Mededeling')} {self.standpunt}"


class OnderzoekGebruikerPermissie(UserObjectPermissionBase):
    content_object = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, verbose_name=_("onderzoek"))

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("gebruikerspermissie op een onderzoek")
        verbose_name_plural = _("gebruikerspermissies op onderzoeken")


class OnderzoekGroepPermissie(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, verbose_name=_("onderzoek"))

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("groepspermissie op een onderzoek")
        verbose_name_plural = _("groepspermissies op onderzoeken")
