"""Statutory terms as rows, so "due soon" and "overdue" are indexed SQL filters
(docs/termijnen.md). Arithmetic: meldingen.deadlines; writes: meldingen.services.termijnen."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import AppendOnlyModel, BasisModel
from meldingen import deadlines, uitbreidingen
from meldingen.constants import HerinneringSoort

OPEN = Q(gesloten_op__isnull=True, vervallen_op__isnull=True)


class TermijnInstelling(BasisModel):
    """An organisation's shorter terms. Empty means the statutory (or installation)
    term; a longer term is refused as a whole (meldingen.services.termijnen)."""

    organisatie = models.OneToOneField(
        "meldingen.Organisatie",
        on_delete=models.CASCADE,
        related_name="termijninstelling",
        verbose_name=_("organisatie"),
    )
    ontvangstbevestiging_dagen = models.PositiveSmallIntegerField(
        _("ontvangstbevestiging (dagen)"), null=True, blank=True, help_text=_("Ten hoogste 7 dagen (Art. 8.5).")
    )
    doorsturen_dagen = models.PositiveSmallIntegerField(
        _("doorsturen (dagen)"), null=True, blank=True, help_text=_("Onverwijld (Art. 8.3–8.4).")
    )
    contactpersoon_dagen = models.PositiveSmallIntegerField(
        _("contactpersoon aanwijzen (dagen)"), null=True, blank=True, help_text=_("Onverwijld (Art. 8.6).")
    )
    geen_onderzoek_dagen = models.PositiveSmallIntegerField(
        _("mededeling geen onderzoek (dagen)"), null=True, blank=True, help_text=_("Ten hoogste 14 dagen (Art. 9.2).")
    )
    standpunt_dagen = models.PositiveSmallIntegerField(
        _("standpunt (dagen)"), null=True, blank=True, help_text=_("Ten hoogste 56 dagen (Art. 11.1).")
    )
    terugkoppeling_maanden = models.PositiveSmallIntegerField(
        _("terugkoppeling (maanden)"),
        null=True,
        blank=True,
        help_text=_("Ten hoogste 3 maanden na de ontvangstbevestiging (Wbk art. 2)."),
    )

    class Meta:
        verbose_name = _("termijninstelling")
        verbose_name_plural = _("termijninstellingen")

    def __str__(self):
        return str(self.organisatie)

    def als_dict(self) -> dict[str, int | None]:
        return {veld: getattr(self, veld) for veld in deadlines.LENGTE_VELDEN}


class TermijnQuerySet(models.QuerySet):
    def open(self):
        return self.filter(OPEN)

    def verlopen(self, *, nu):
        return self.open().filter(due__lt=nu)

    def binnenkort(self, *, nu):
        return self.open().filter(herinneren_vanaf__lte=nu, due__gte=nu)

    def uiterlijk_voor(self, *, nu, grens):
        """Open and due between now and `grens` (e.g. the end of this week)."""
        return self.open().filter(due__gte=nu, due__lte=grens)


class Termijn(BasisModel):
    """One statutory term of one case (or, for the annual report, of one organisation).

    Closed by the event that satisfies it (a Gebeurtenis, e.g. the letter sent),
    or by hand only with a reason; voided with a reason when the law no longer
    asks for it. A voided term never escalates.
    """

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.CASCADE, related_name="termijnen", verbose_name=_("organisatie")
    )
    melding = models.ForeignKey(
        "meldingen.Melding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="termijnen",
        verbose_name=_("melding"),
    )
    soort = models.CharField(_("termijn"), max_length=40, choices=uitbreidingen.termijnsoort_keuzes)
    # What within the case the term is about, when a case can hold several terms
    # of one kind: "" for the case itself, else a technical key such as
    # "onderzoek:12" (an additional investigation, Art. 12.2) or "verzoek:3" (an
    # Art. 13 request). Never case content.
    onderwerp = models.CharField(_("onderwerp"), max_length=60, blank=True, default="")
    start = models.DateField(_("loopt vanaf"))
    # The end of the due day in Europe/Amsterdam (meldingen.deadlines).
    due = models.DateTimeField(_("uiterlijk"))
    herinneren_vanaf = models.DateTimeField(_("herinneren vanaf"))
    gesloten_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    gesloten_door_gebeurtenis = models.ForeignKey(
        "meldingen.Gebeurtenis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesloten door gebeurtenis"),
    )
    # Only for closing by hand; may describe the case, so encrypted.
    gesloten_reden = VersleuteldTekstVeld(_("reden van handmatig afhandelen"), null=True, blank=True)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesloten door"),
    )
    vervallen_op = models.DateTimeField(_("vervallen op"), null=True, blank=True)
    # A technical reason (the state that voided the term), never case content.
    vervallen_reden = models.CharField(_("reden van vervallen"), max_length=200, blank=True)

    objects = TermijnQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "soort", "onderwerp"],
                condition=Q(melding__isnull=False),
                name="termijn_per_melding_uniek",
            ),
            models.UniqueConstraint(
                fields=["organisatie", "soort", "start"],
                condition=Q(melding__isnull=True),
                name="termijn_per_organisatie_uniek",
            ),
            models.CheckConstraint(
                condition=Q(gesloten_op__isnull=True) | Q(vervallen_op__isnull=True),
                name="termijn_gesloten_of_vervallen",
            ),
            # Closed by an event, or by hand with a reason: never silently.
            models.CheckConstraint(
                condition=Q(gesloten_op__isnull=True)
                | Q(gesloten_door_gebeurtenis__isnull=False)
                | Q(gesloten_reden__isnull=False),
                name="termijn_gesloten_met_gebeurtenis_of_reden",
            ),
            models.CheckConstraint(
                condition=Q(vervallen_op__isnull=True) | ~Q(vervallen_reden=""), name="termijn_vervallen_met_reden"
            ),
        ]
        indexes = [
            # The sweep and the overview read only open terms.
            models.Index(fields=["due"], condition=OPEN, name="termijn_open_due_idx"),
            models.Index(fields=["herinneren_vanaf"], condition=OPEN, name="termijn_open_herinneren_idx"),
        ]

    def __str__(self):
        return self.get_soort_display()

    def toestand(self, *, nu):
        return deadlines.toestand(
            uiterlijk=self.due,
            herinneren=self.herinneren_vanaf,
            gesloten_op=self.gesloten_op,
            vervallen_op=self.vervallen_op,
            nu=nu,
        )


class Verlenging(AppendOnlyModel):
    """An extension of the standpunt (Art. 11.2), as an explicit row.

    The row outlives the case (docs/retention.md), so it holds no text: the
    reason is the toelichting of its timeline event (GebeurtenisToelichting, an
    ordinary, deletable row), which destruction deletes with the case's content."""

    termijn = models.ForeignKey(
        Termijn, on_delete=models.CASCADE, related_name="verlengingen", verbose_name=_("termijn")
    )
    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now())
    oude_due = models.DateTimeField(_("oude termijn"))
    nieuwe_due = models.DateTimeField(_("nieuwe termijn"))
    met_terugkoppeling = models.BooleanField(
        _("brief is ook de terugkoppeling"),
        default=False,
        help_text=_("De brief vermeldt hoe de melding is beoordeeld en welke stappen zijn gezet."),
    )
    gebeurtenis = models.ForeignKey(
        "meldingen.Gebeurtenis", on_delete=models.PROTECT, related_name="+", verbose_name=_("gebeurtenis")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")
        ordering = ["tijdstip", "id"]

    @property
    def reden(self) -> str:
        return self.gebeurtenis.toelichting


class Herinnering(models.Model):
    """One reminder or escalation of one term (for its due) to one person.

    The row is the record that the mail was sent: the sweep inserts with ON
    CONFLICT DO NOTHING and mails, in the same transaction, only the rows it
    inserted. The unique constraint makes "sent exactly once" a database guarantee.
    """

    termijn = models.ForeignKey(
        Termijn, on_delete=models.CASCADE, related_name="herinneringen", verbose_name=_("termijn")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=HerinneringSoort.choices)
    # The due it was about: an extension moves the due and earns a new reminder.
    due = models.DateTimeField(_("uiterlijk"))
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvanger")
    )
    aangemaakt_op = models.DateTimeField(_("verzonden op"), db_default=Now())

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["termijn", "soort", "due", "ontvanger"], name="herinnering_eenmalig"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.termijn_id}"
