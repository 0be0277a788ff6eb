from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from kern.fields import VersleuteldTekstVeld
from kern.models import AppendOnlyModel, AppendOnlyQuerySet, BasisModel
from meldingen import uitbreidingen
from meldingen.constants import (
    ARTIKEL_WEERGAVE,
    OPEN_STATUSSEN,
    Categorie,
    Identiteitskeuze,
    Kanaal,
    Relatie,
    Soort,
    Status,
    ToewijzingRol,
    Wijze,
)


class Organisatie(BasisModel):
    """An employer with its own procedure, public form and register (docs/architecture.md)."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("adres op de website"), unique=True, help_text=_("Deel van de openbare adressen."))
    briefhoofd = models.TextField(_("briefhoofd"), blank=True, help_text=_("Adresregels boven elke brief."))
    heeft_toezichtorgaan = models.BooleanField(
        _("heeft een intern toezichtorgaan (RvC)"),
        default=True,
        help_text=_("Zonder toezichtorgaan is de hoogste leidinggevende ook hoogste verantwoordelijke (Art. 1 l)."),
    )
    ontvanger_handelt_namens_hl = models.BooleanField(
        _("ontvanger mag namens de hoogste leidinggevende handelen"),
        default=False,
        help_text=_(
            "De ontvangstbevestiging en het aanwijzen van de contactpersoon zijn taken van de hoogste "
            "leidinggevende (Art. 8.5, 8.6); de ontvangende functionaris mag ze namens hem doen als dit aan staat."
        ),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Functionaris(BasisModel):
    """Who holds which function for an organisation: the receiving officers per
    channel, the hoogste leidinggevende and the hoogste verantwoordelijke
    (docs/rollen.md). Holding a function gives no access to any case by itself."""

    class Functie(models.TextChoices):
        EXTERNE_VERTROUWENSPERSOON = Kanaal.EXTERNE_VERTROUWENSPERSOON.value, Kanaal.EXTERNE_VERTROUWENSPERSOON.label
        VERTROUWENSPERSOON = Kanaal.VERTROUWENSPERSOON.value, Kanaal.VERTROUWENSPERSOON.label
        LEIDINGGEVENDE = Kanaal.LEIDINGGEVENDE.value, Kanaal.LEIDINGGEVENDE.label
        HOOGSTE_LEIDINGGEVENDE = "hoogste_leidinggevende", _("Hoogste leidinggevende")
        # Also a channel (Art. 3.2, 4.1): Kanaal.HOOGSTE_VERANTWOORDELIJKE has the same value.
        HOOGSTE_VERANTWOORDELIJKE = Kanaal.HOOGSTE_VERANTWOORDELIJKE.value, _("Hoogste verantwoordelijke (RvC)")

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="functionarissen", verbose_name=_("organisatie")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="functies", verbose_name=_("gebruiker")
    )
    functie = models.CharField(_("functie"), max_length=40, choices=Functie.choices)

    class Meta:
        verbose_name = _("functionaris")
        verbose_name_plural = _("functionarissen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "gebruiker", "functie"], name="functionaris_uniek"),
        ]

    def __str__(self):
        return f"{self.get_functie_display()}: {self.gebruiker}"


class Registerteller(models.Model):
    """Last register number per organisation and year; locked while numbering (Art. 3.5)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, verbose_name=_("organisatie"))
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    laatste = models.PositiveIntegerField(_("laatste volgnummer"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisatie", "jaar"], name="registerteller_uniek")]
        verbose_name = _("registerteller")
        verbose_name_plural = _("registertellers")

    def __str__(self):
        return f"{self.organisatie_id}/{self.jaar}: {self.laatste}"


class MeldingQuerySet(models.QuerySet):
    def open(self):

        return self.filter(status__in=OPEN_STATUSSEN)


class Melding(BasisModel):
    """The register entry of one report (Art. 3.5). Content is encrypted at rest;
    the melder's identity lives apart (MelderIdentiteit, issue 3)."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="meldingen", verbose_name=_("organisatie")
    )
    registerjaar = models.PositiveSmallIntegerField(_("registerjaar"))
    # Empty only inside the registering transaction: the number is given as its
    # last statement (meldingen.services.register.registernummer_vastleggen), so
    # the year's counter is locked for as short as possible. On PostgreSQL a
    # deferred trigger refuses to commit a report without one (migration 0015).
    volgnummer = models.PositiveIntegerField(_("volgnummer"), null=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.ONTVANGEN)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.MELDING)
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    kanaal = models.CharField(_("gemeld bij"), max_length=40, choices=Kanaal.choices)
    wijze = models.CharField(_("wijze van melden"), max_length=20, choices=Wijze.choices)
    categorie = models.CharField(_("aard"), max_length=40, choices=Categorie.choices, default=Categorie.ONBEKEND)
    hl_betrokken = models.BooleanField(
        _("hoogste leidinggevende betrokken"),
        default=False,
        help_text=_(
            "Dan gaat de melding naar de hoogste verantwoordelijke en ziet geen hoogste leidinggevende haar (Art. 8.4)."
        ),
    )
    omschrijving = VersleuteldTekstVeld(_("omschrijving"))
    # What the melder told us beside the description (issue 3), encrypted at rest (docs/vertrouwelijkheid.md).
    wanneer = VersleuteldTekstVeld(_("wanneer"), blank=True)
    waar = VersleuteldTekstVeld(_("waar"), blank=True)
    # The melder's own words on who is involved; the structured persons concerned
    # (Art. 9.6, 11.4) are separate rows, so this field has its own name.
    betrokkenen_omschrijving = VersleuteldTekstVeld(_("wie zijn betrokken (volgens de melder)"), blank=True)
    eerdere_meldingen = VersleuteldTekstVeld(_("eerder gemeld"), blank=True)
    relatie_toelichting = VersleuteldTekstVeld(_("toelichting relatie"), blank=True)
    # Not encrypted: coarse choices the annual report counts (Art. 14.2 b); no free text.
    relatie = models.CharField(_("relatie tot de organisatie"), max_length=20, choices=Relatie.choices, blank=True)
    discriminatiegronden = models.JSONField(_("discriminatiegronden"), default=list, blank=True)
    identiteitskeuze = models.CharField(
        _("identiteit"), max_length=20, choices=Identiteitskeuze.choices, default=Identiteitskeuze.ANONIEM
    )
    # Art. 3.4 3°: a meeting in person within a reasonable time, on request.
    gesprek_gewenst = models.BooleanField(_("wil een gesprek"), default=False)
    # When the receiving officers were sent the content-free "new report" e-mail.
    # Sent after commit by a Celery task; empty until then, so the catch-up task
    # finds what a broker outage left unsent (docs/adr/0008-intake-onder-last.md).
    ontvangers_genotificeerd_op = models.DateTimeField(
        _("ontvangers genotificeerd op"), null=True, blank=True, editable=False
    )

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-registerjaar", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "registerjaar", "volgnummer"], name="melding_registernummer_uniek"
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "status"]),
            models.Index(
                fields=["ontvangen_op"],
                condition=models.Q(ontvangers_genotificeerd_op__isnull=True),
                name="melding_nog_te_notificeren",
            ),
            # The register's own order (Meta.ordering, with the admin's pk tiebreak),
            # read backwards: a page of the triage list is the first rows the officer
            # may see, not a sort of all of them (issue 16).
            models.Index(fields=["registerjaar", "volgnummer", "id"], name="melding_registervolgorde"),
        ]
        permissions = [
            ("identiteit_inzien", _("Identiteit van de melder inzien")),
            ("adviseur_inzien", _("Identiteit van de adviseur van de melder inzien")),
            ("toewijzen", _("Anderen aan de melding toewijzen")),
        ]

    def __str__(self):
        return self.registernummer

    @property
    def leiding_rol(self) -> ToewijzingRol:
        """Who leads this case: the HL, or the hoogste verantwoordelijke when the HL
        is involved (Art. 8.4: "lees dan de Raad van Commissarissen"). Read by the
        access questions of kern.toegang."""
        return ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE if self.hl_betrokken else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE

    @property
    def registernummer(self) -> str:
        return f"{self.registerjaar}-{self.volgnummer:04d}"


class Toewijzing(BasisModel):
    """Record of who is assigned to a case, in which capacity. The object
    permissions (guardian) that give access are granted and revoked together
    with this row, only in meldingen.services (docs/vertrouwelijkheid.md)."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="toewijzingen", verbose_name=_("melding")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("gebruiker")
    )
    rol = models.CharField(_("rol"), max_length=40, choices=ToewijzingRol.choices)
    verleend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verleend door"),
    )
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "gebruiker", "rol"],
                condition=models.Q(beeindigd_op__isnull=True),
                name="toewijzing_actief_uniek",
            ),
        ]

    def __str__(self):
        return f"{self.get_rol_display()}: {self.gebruiker}"


class MeldingKoppeling(BasisModel):
    """Two reports about the same matter, e.g. a melder who lost the code and
    reported again. Stored once per pair (lowest id first)."""

    van = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="koppelingen_van", verbose_name=_("van melding")
    )
    naar = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="koppelingen_naar", verbose_name=_("naar melding")
    )
    reden = VersleuteldTekstVeld(_("reden"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("gekoppelde melding")
        verbose_name_plural = _("gekoppelde meldingen")
        constraints = [
            models.UniqueConstraint(fields=["van", "naar"], name="meldingkoppeling_uniek"),
            models.CheckConstraint(condition=models.Q(van__lt=models.F("naar")), name="meldingkoppeling_geordend"),
        ]

    def __str__(self):
        return f"{self.van} - {self.naar}"


class GebeurtenisQuerySet(AppendOnlyQuerySet):
    def create(self, *, toelichting: str = "", **velden):
        """`toelichting` (free text typed by staff) goes to its own, deletable row:
        the timeline row itself holds no personal data, so destroying a case never
        needs to change or delete timeline rows (docs/threat-model.md §6)."""
        gebeurtenis = super().create(**velden)
        if toelichting:
            GebeurtenisToelichting.objects.create(gebeurtenis=gebeurtenis, tekst=toelichting)
        return gebeurtenis


class Gebeurtenis(AppendOnlyModel):
    """The case timeline: appended, never edited (docs/toestanden.md). Append-only in
    the database as well (docs/threat-model.md §6)."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("melding")
    )
    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now())
    soort = models.CharField(_("soort"), max_length=40, choices=uitbreidingen.gebeurtenissoort_keuzes)
    van_status = models.CharField(_("van status"), max_length=30, choices=Status.choices, blank=True)
    naar_status = models.CharField(_("naar status"), max_length=30, choices=Status.choices, blank=True)
    artikel = models.CharField(_("artikel"), max_length=40, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    objects = GebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["tijdstip", "id"]

    @property
    def artikel_weergave(self) -> str:
        """The article in the reader's language: a stored text with Dutch words is
        translated from a known set (meldingen.constants.ARTIKEL_WEERGAVE)."""
        return str(ARTIKEL_WEERGAVE.get(self.artikel, self.artikel))

    @property
    def toelichting(self) -> str:
        try:
            return self.toelichting_rij.tekst
        except GebeurtenisToelichting.DoesNotExist:
            return ""


class GebeurtenisToelichting(models.Model):
    """The free-text reason of a timeline event, encrypted, apart from the
    append-only row, so the retention job can delete it with the case's content."""

    gebeurtenis = models.OneToOneField(
        Gebeurtenis,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="toelichting_rij",
        verbose_name=_("gebeurtenis"),
    )
    tekst = VersleuteldTekstVeld(_("toelichting"))

    class Meta:
        verbose_name = _("toelichting bij gebeurtenis")
        verbose_name_plural = _("toelichtingen bij gebeurtenissen")
        default_permissions = ()

    def __str__(self):
        return f"toelichting {self.gebeurtenis_id}"


# Direct foreign-key object permissions (django-guardian): indexed joins instead
# of generic object_pk strings, so "the cases I may see" is one cheap query.
class MeldingGebruikerPermissie(UserObjectPermissionBase):
    content_object = models.ForeignKey(Melding, on_delete=models.CASCADE, verbose_name=_("melding"))

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("gebruikerspermissie op een melding")
        verbose_name_plural = _("gebruikerspermissies op meldingen")


class MeldingGroepPermissie(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Melding, on_delete=models.CASCADE, verbose_name=_("melding"))

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("groepspermissie op een melding")
        verbose_name_plural = _("groepspermissies op meldingen")
