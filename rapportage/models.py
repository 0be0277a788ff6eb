from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kern.models import AppendOnlyModel, BasisModel
from rapportage.constants import PdfStatus, RapportageStatus, VersieAanleiding


class OrLidmaatschap(BasisModel):
    """A member of an organisation's ondernemingsraad. Gives access to that
    organisation's annual reports only: never to a case or the register."""

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.CASCADE, related_name="or_leden", verbose_name=_("organisatie")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="or_lidmaatschappen",
        verbose_name=_("gebruiker"),
    )

    class Meta:
        verbose_name = _("lid van de ondernemingsraad")
        verbose_name_plural = _("leden van de ondernemingsraad")
        constraints = [models.UniqueConstraint(fields=["organisatie", "gebruiker"], name="orlidmaatschap_uniek")]

    def __str__(self):
        return f"{self.gebruiker} ({self.organisatie})"


class Jaarrapportage(BasisModel):
    """The annual report on the regulation for one organisation and year (Art. 14.2)."""

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.PROTECT, related_name="jaarrapportages", verbose_name=_("organisatie")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        _("status"), max_length=20, choices=RapportageStatus.choices, default=RapportageStatus.CONCEPT
    )
    # Art. 14.2 a: policy of the past year and of the coming year.
    beleid_afgelopen_jaar = models.TextField(_("gevoerd beleid in het afgelopen jaar"), blank=True)
    beleid_komend_jaar = models.TextField(_("beleid voor het komende jaar"), blank=True)
    # Art. 14.2 c: experience with countering retaliation.
    ervaringen_benadeling = models.TextField(_("ervaringen met het tegengaan van benadeling"), blank=True)
    # Art. 14.4: how the HL processed the OR's standpunt into the report.
    verwerking_standpunt = models.TextField(_("verwerking van het standpunt van de ondernemingsraad"), blank=True)

    class Meta:
        verbose_name = _("jaarrapportage")
        verbose_name_plural = _("jaarrapportages")
        ordering = ["-jaar"]
        constraints = [models.UniqueConstraint(fields=["organisatie", "jaar"], name="jaarrapportage_uniek")]
        permissions = [
            ("vaststellen_jaarrapportage", _("Jaarrapportage naar de OR sturen, verwerken en vaststellen")),
            ("goedkeuren_jaarrapportage", _("Verwerking van het OR-standpunt goedkeuren")),
        ]

    def __str__(self):
        return f"{self.organisatie} {self.jaar}"


class RapportageOvergang(AppendOnlyModel):
    """History of the report's stages: appended, never edited."""

    rapportage = models.ForeignKey(
        Jaarrapportage, on_delete=models.CASCADE, related_name="overgangen", verbose_name=_("jaarrapportage")
    )
    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now())
    van_status = models.CharField(_("van status"), max_length=20, choices=RapportageStatus.choices)
    naar_status = models.CharField(_("naar status"), max_length=20, choices=RapportageStatus.choices)
    artikel = models.CharField(_("artikel"), max_length=40)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("stap van de jaarrapportage")
        verbose_name_plural = _("stappen van de jaarrapportage")
        ordering = ["tijdstip", "id"]


class RapportageVersie(BasisModel):
    """One version of the report: its figures and texts frozen as JSON, so the
    PDF can be regenerated identically. Signed versions never change."""

    rapportage = models.ForeignKey(
        Jaarrapportage, on_delete=models.CASCADE, related_name="versies", verbose_name=_("jaarrapportage")
    )
    nummer = models.PositiveSmallIntegerField(_("versie"))
    aanleiding = models.CharField(_("aanleiding"), max_length=20, choices=VersieAanleiding.choices)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemaakt door")
    )
    # Frozen at generation: suppressed figures, the texts, the threshold used.
    inhoud = models.JSONField(_("bevroren inhoud"), null=True, blank=True)
    pdf_status = models.CharField(_("status PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.WACHTRIJ)
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 van de PDF"), max_length=64, blank=True)
    # Sign-off by the HL (Art. 14.2): who, when, and the hash of the exact PDF signed.
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekend door"),
    )
    ondertekend_op = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    ondertekend_sha256 = models.CharField(_("SHA-256 van de ondertekende PDF"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("versie van de jaarrapportage")
        verbose_name_plural = _("versies van de jaarrapportage")
        ordering = ["rapportage", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["rapportage", "nummer"], name="rapportageversie_uniek"),
            # A signature covers one exact PDF: all three or none.
            models.CheckConstraint(
                condition=(
                    models.Q(ondertekend_op__isnull=True, ondertekend_door__isnull=True, ondertekend_sha256="")
                    | (
                        models.Q(ondertekend_op__isnull=False, ondertekend_door__isnull=False)
                        & ~models.Q(ondertekend_sha256="")
                    )
                ),
                name="rapportageversie_handtekening_volledig",
            ),
        ]

    def __str__(self):
        return f"{self.rapportage} v{self.nummer}"

    @property
    def is_ondertekend(self) -> bool:
        return self.ondertekend_op is not None


class OrStandpunt(BasisModel):
    """The OR's standpunt on the policy, the regulation's execution and the
    report (Art. 14.4), recorded by one of its members on one version."""

    rapportage = models.ForeignKey(
        Jaarrapportage, on_delete=models.CASCADE, related_name="standpunten", verbose_name=_("jaarrapportage")
    )
    versie = models.ForeignKey(
        RapportageVersie, on_delete=models.PROTECT, related_name="standpunten", verbose_name=_("versie")
    )
    tekst = models.TextField(_("standpunt"))
    # Art. 14.3: the concept is discussed in a consultation meeting with the OR.
    besproken_op = models.DateField(_("besproken in de overlegvergadering op"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("standpunt van de ondernemingsraad")
        verbose_name_plural = _("standpunten van de ondernemingsraad")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["versie"], name="orstandpunt_een_per_versie")]


class RegelingVersie(AppendOnlyModel, BasisModel):
    """A version of the organisation's published regulation (Art. 14.1). Never
    edited: a change is a new version, so the public history stays true."""

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.PROTECT, related_name="regelingversies", verbose_name=_("organisatie")
    )
    nummer = models.PositiveSmallIntegerField(_("versie"))
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"))
    in_werking_op = models.DateField(_("in werking op"))
    # The regulation needs the OR's consent (WOR art. 27); its date is published.
    or_instemming_op = models.DateField(_("instemming ondernemingsraad op"))
    toelichting_wijziging = models.CharField(_("wat is gewijzigd"), max_length=300, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgesteld door")
    )

    class Meta:
        verbose_name = _("versie van de regeling")
        verbose_name_plural = _("versies van de regeling")
        ordering = ["organisatie", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["organisatie", "nummer"], name="regelingversie_uniek")]

    def __str__(self):
        return f"{self.titel} (v{self.nummer})"
