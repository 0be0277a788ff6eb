"""Retention, legal hold and destruction (docs/retention.md; docs/retention.md).

A destroyed case keeps its register row (number, dates, coarse facts) and its
timeline; everything else about it is removed. What the annual report needs of
it is kept in its Vernietigingsverslag.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import AppendOnlyModel, BasisModel
from meldingen.constants import STANDAARD_BEWAARTERMIJN_MAANDEN, BlokkadeReden, VerwijderingSoort
from meldingen.models.register import Melding

_S = STANDAARD_BEWAARTERMIJN_MAANDEN


class Bewaarbeleid(BasisModel):
    """An organisation's retention periods in months after closing. Never below
    the installation minimum (MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN): the
    service refuses that as a whole (meldingen.services.bewaring)."""

    organisatie = models.OneToOneField(
        "meldingen.Organisatie", on_delete=models.CASCADE, related_name="bewaarbeleid", verbose_name=_("organisatie")
    )
    maanden_met_onderzoek = models.PositiveSmallIntegerField(
        _("na afsluiten, met onderzoek (maanden)"), default=_S["maanden_met_onderzoek"]
    )
    maanden_zonder_onderzoek = models.PositiveSmallIntegerField(
        _("na afsluiten, zonder onderzoek (maanden)"), default=_S["maanden_zonder_onderzoek"]
    )
    maanden_ingetrokken = models.PositiveSmallIntegerField(
        _("na intrekken (maanden)"), default=_S["maanden_ingetrokken"]
    )
    maanden_adviesvraag = models.PositiveSmallIntegerField(
        _("adviesvraag, na afsluiten (maanden)"), default=_S["maanden_adviesvraag"]
    )

    class Meta:
        verbose_name = _("bewaarbeleid")
        verbose_name_plural = _("bewaarbeleid")

    def __str__(self):
        return str(self.organisatie)


class Bewaarblokkade(BasisModel):
    """A legal hold: while it is active, the case cannot be destroyed by any path
    (the service refuses, and a database trigger refuses the state change)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="bewaarblokkades", verbose_name=_("melding")
    )
    reden = models.CharField(_("reden"), max_length=40, choices=BlokkadeReden.choices)
    toelichting = VersleuteldTekstVeld(_("toelichting"), blank=True)
    geplaatst_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geplaatst door")
    )
    opgeheven_op = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeheven door"),
    )
    opheffen_toelichting = VersleuteldTekstVeld(_("reden van opheffen"), blank=True)

    class Meta:
        verbose_name = _("bewaarblokkade")
        verbose_name_plural = _("bewaarblokkades")
        constraints = [
            models.UniqueConstraint(
                fields=["melding"], condition=Q(opgeheven_op__isnull=True), name="bewaarblokkade_een_actieve"
            ),
        ]

    def __str__(self):
        return self.get_reden_display()


class Vernietigingsbatch(BasisModel):
    """One run of the destruction job: the batch id on every verslag and audit row."""

    gestart_op = models.DateTimeField(_("gestart op"), db_default=Now())
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum"))
    aantal_vernietigd = models.PositiveIntegerField(_("vernietigd"), default=0)
    aantal_mislukt = models.PositiveIntegerField(_("mislukt"), default=0)

    class Meta:
        verbose_name = _("vernietigingsronde")
        verbose_name_plural = _("vernietigingsrondes")
        ordering = ["-gestart_op"]

    def __str__(self):
        return str(self.uuid)


class Vernietigingsverslag(AppendOnlyModel, BasisModel):
    """The audit row of one destroyed case: the register number, the dates and the
    facts the annual report needs (`feiten`, per app), never personal data or
    content (docs/retention.md). Written in the transaction that destroys."""

    melding = models.OneToOneField(
        "meldingen.Melding", on_delete=models.PROTECT, related_name="vernietigingsverslag", verbose_name=_("melding")
    )
    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    batch = models.ForeignKey(
        Vernietigingsbatch, on_delete=models.PROTECT, related_name="verslagen", verbose_name=_("vernietigingsbatch")
    )
    registernummer = models.CharField(_("registernummer"), max_length=20)
    registerjaar = models.PositiveSmallIntegerField(_("registerjaar"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    afgesloten_op = models.DateTimeField(_("afgesloten op"))
    bewaren_tot = models.DateField(_("bewaard tot"))
    vernietigd_op = models.DateTimeField(_("vernietigd op"), db_default=Now())
    status_voor = models.CharField(_("status voor vernietiging"), max_length=30)
    feiten = models.JSONField(_("bewaarde feiten"), default=dict)

    class Meta:
        verbose_name = _("vernietigingsverslag")
        verbose_name_plural = _("vernietigingsverslagen")
        ordering = ["-vernietigd_op"]
        indexes = [models.Index(fields=["organisatie", "registerjaar"])]

    def __str__(self):
        return self.registernummer


class TeVerwijderenBestand(models.Model):
    """The retry list of stored files of destroyed cases. Written in the case's
    transaction; the file is removed after commit and the row with it. A crash
    between the two leaves the row, and the next run removes the file."""

    naam = models.CharField(_("bestandsnaam"), max_length=300, unique=True)
    batch = models.ForeignKey(
        Vernietigingsbatch, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("vernietigingsbatch")
    )
    aangemeld_op = models.DateTimeField(_("aangemeld op"), db_default=Now())
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=200, blank=True)

    class Meta:
        default_permissions = ()
        verbose_name = _("te verwijderen bestand")
        verbose_name_plural = _("te verwijderen bestanden")

    def __str__(self):
        return self.naam


class Inhoudsverwijdering(BasisModel):
    """Something clearly irrelevant removed from an open case, with the reason
    (EU 2019/1937 art. 17). The timeline shows that something was removed; only
    this row (for the staff on the case) says why."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="inhoudsverwijderingen", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=VerwijderingSoort.choices)
    reden = VersleuteldTekstVeld(_("reden"))
    gebeurtenis = models.ForeignKey(
        "meldingen.Gebeurtenis", on_delete=models.PROTECT, related_name="+", verbose_name=_("gebeurtenis")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("verwijdering van niet-relevante gegevens")
        verbose_name_plural = _("verwijderingen van niet-relevante gegevens")


class TeVernietigenMelding(Melding):
    """Admin anchor for next week's destruction list: register numbers and dates
    only (meldingen.admin.bewaring)."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("melding op de vernietigingslijst")
        verbose_name_plural = _("vernietigingslijst (komende week)")
