"""Retention policy, legal hold and the destruction of closed cases
(docs/retention.md; docs/retention.md; docs/adr/0009-bewaren-en-vernietigen.md).

Guard rails (docs/stijl.md, as Signalen's delete_signals): the job runs only when
MELDPUNT_VERNIETIGING_AAN is set; only closed or withdrawn cases; never one
younger than its period (and never below the installation minimum); never one
under a legal hold (checked here and by a database trigger); every run is a
batch with an id; every destroyed case leaves a Vernietigingsverslag and an
audit row naming the batch.

A destroyed case keeps its register row (number, dates, coarse facts, state
`vernietigd`) and its append-only timeline: the timeline and audit log may not
be changed (issue 12a), so the Melding row is anonymised instead of deleted.

Crash safety: each case is destroyed in its own transaction; stored files are
put on a retry list (TeVerwijderenBestand) in that transaction and removed from
storage only after commit. A crash before commit leaves the case whole; a crash
after commit leaves only list rows, which the next run removes first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.ontdekking import app_modules
from kern.opslag import versleutelde_opslag
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import (
    STANDAARD_BEWAARTERMIJN_MAANDEN,
    Status,
)
from meldingen.models import (
    Bewaarbeleid,
    Melding,
    Organisatie,
    TeVerwijderenBestand,
    Vernietigingsbatch,
    Vernietigingsverslag,
)
from meldingen.selectors.bewaring import (  # noqa: F401 - the readers, also reached through this module
    VERNIETIGBARE_STATUSSEN,
    Kandidaat,
    bewaarbeleid_van,
    bewaartermijn_maanden,
    vernietigingskandidaten,
    vernietigingslijst_voor,
)
from meldingen.services.bewaarblokkade import bewaarblokkade_opheffen, bewaarblokkade_plaatsen  # noqa: F401
from meldingen.services.register import melding_status_wijzigen

logger = logging.getLogger(__name__)

ARTIKEL_VERNIETIGING = "AVG art. 5(1)(e); EU 2019/1937 art. 18"


class VernietigingGeweigerd(ValidationError):
    """A case that may not be destroyed (yet): under hold, too young, wrong state."""


# --- The policy ---------------------------------------------------------------


def bewaarbeleid_valideren(*, waarden: dict[str, int]) -> None:
    """Refused as a whole when any period is shorter than the installation
    minimum; longer periods are allowed."""
    minimum = settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN
    fouten = {
        veld: _("Ten minste %(minimum)s maanden (het minimum van deze installatie).") % {"minimum": minimum}
        for veld in STANDAARD_BEWAARTERMIJN_MAANDEN
        if waarden.get(veld) is not None and waarden[veld] < minimum
    }
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def bewaarbeleid_instellen(*, organisatie: Organisatie, door: Gebruiker | None, **waarden: int) -> Bewaarbeleid:
    onbekend = set(waarden) - set(STANDAARD_BEWAARTERMIJN_MAANDEN)
    if onbekend:
        raise TypeError(f"unknown retention fields: {sorted(onbekend)}")
    bewaarbeleid_valideren(waarden=waarden)
    beleid, _nieuw = Bewaarbeleid.objects.get_or_create(organisatie=organisatie)
    for veld, waarde in waarden.items():
        setattr(beleid, veld, waarde)
    beleid.save()
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=organisatie,
        toelichting="bewaarbeleid " + " ".join(f"{k}={getattr(beleid, k)}" for k in STANDAARD_BEWAARTERMIJN_MAANDEN),
    )
    return beleid


# --- Destruction ---------------------------------------------------------------


def vernietigers():
    """The `<app>.vernietiging` modules, highest layer first: a higher app's rows
    point at meldingen's (Verhoor -> Vastlegging), so they go first. Each has
    `bewaarfeiten(*, melding) -> dict` (JSON, no personal data or content) and
    `gegevens_verwijderen(*, melding) -> list[str]` (stored file names). A module
    may also have `vervallen_verwijderen(*, batch, vandaag) -> None`: the nightly
    sweep of its rows that belong to no case, past their own period; it commits
    in its own transactions, audits each row with the batch id, and returns no
    count (docs/retention.md)."""
    return [(config.label, module) for config, module in reversed(list(app_modules("vernietiging")))]


def vervallen_verwijderen(*, batch: Vernietigingsbatch, vandaag: date) -> int:
    """Each app's sweep of rows outside any case (`vervallen_verwijderen` of its
    vernietiging module). One failing app neither stops the others nor the
    job; it is logged and tried again the next night. Returns the failures."""
    mislukt = 0
    for label, module in vernietigers():
        sweep = getattr(module, "vervallen_verwijderen", None)
        if sweep is None:
            continue
        try:
            sweep(batch=batch, vandaag=vandaag)
        except Exception as exc:
            mislukt += 1
            logger.error("retention: sweep of %s failed (%s)", label, type(exc).__name__)
    return mislukt


def _bestanden(model, objecten) -> list[str]:
    velden = [veld for veld in model._meta.concrete_fields if isinstance(veld, models.FileField)]
    namen = []
    for obj in objecten:
        for veld in velden:
            naam = getattr(obj, veld.attname)
            if naam:
                namen.append(str(naam))
    return namen


def rijen_verwijderen(queryset: models.QuerySet) -> list[str]:
    """Delete rows with everything that cascades from them, and return the names
    of every stored file any of them referenced (found through Django's own
    deletion collector, so a cascaded child's file is not forgotten)."""
    collector = Collector(using=queryset.db, origin=queryset)
    collector.collect(queryset)
    namen = []
    for model, objecten in collector.data.items():
        namen += _bestanden(model, objecten)
    for snel in collector.fast_deletes:
        namen += _bestanden(snel.model, snel)
    collector.delete()
    return namen


def _vernietigbaar(*, kandidaat: Kandidaat | None, vandaag: date) -> None:
    if kandidaat is None:
        raise VernietigingGeweigerd(_("Alleen een afgesloten of ingetrokken melding kan worden vernietigd."))
    if kandidaat.geblokkeerd:
        raise VernietigingGeweigerd(_("Op deze melding rust een bewaarblokkade: zij wordt niet vernietigd."))
    if kandidaat.termijn_loopt:
        raise VernietigingGeweigerd(
            _(
                "Voor deze melding loopt nog een termijn die ook na het afsluiten doorloopt, zoals voor de "
                "bescherming van de melder: zij wordt pas vernietigd als die termijn is afgesloten."
            )
        )
    if kandidaat.bewaren_tot > vandaag:
        raise VernietigingGeweigerd(
            _("De bewaartermijn van deze melding loopt tot %(datum)s.") % {"datum": kandidaat.bewaren_tot.isoformat()}
        )


@transaction.atomic
def melding_vernietigen(
    *, melding: Melding, batch: Vernietigingsbatch, vandaag: date | None = None, door: Gebruiker | None = None
) -> Vernietigingsverslag:
    """The one service that takes `afgesloten`/`ingetrokken` -> `vernietigd`.

    Keeps the register row's facts (and, per app, what the annual report needs)
    in a Vernietigingsverslag, deletes everything else about the case, puts its
    stored files on the retry list, and writes the audit row with the batch id.
    """
    vandaag = vandaag or timezone.localdate()
    Melding.objects.select_for_update().get(pk=melding.pk)
    gevonden = vernietigingskandidaten(
        tot_en_met=date.max, meldingen=Melding.objects.filter(pk=melding.pk), inclusief_geblokkeerd=True
    )
    kandidaat = gevonden[0] if gevonden else None
    _vernietigbaar(kandidaat=kandidaat, vandaag=vandaag)
    melding = kandidaat.melding
    status_voor = melding.status
    modules = vernietigers()
    # Facts first: after the deletion there is nothing left to count.
    feiten = {label: module.bewaarfeiten(melding=melding) for label, module in modules}
    namen: list[str] = []
    for _label, module in modules:
        namen += module.gegevens_verwijderen(melding=melding)
    TeVerwijderenBestand.objects.bulk_create(
        [TeVerwijderenBestand(naam=naam, batch=batch) for naam in sorted(set(namen))], ignore_conflicts=True
    )
    melding_status_wijzigen(melding=melding, naar=Status.VERNIETIGD, door=door)
    verslag = Vernietigingsverslag.objects.create(
        melding=melding,
        organisatie_id=melding.organisatie_id,
        batch=batch,
        registernummer=melding.registernummer,
        registerjaar=melding.registerjaar,
        ontvangen_op=melding.ontvangen_op,
        afgesloten_op=kandidaat.afgesloten_op,
        bewaren_tot=kandidaat.bewaren_tot,
        status_voor=status_voor,
        feiten=feiten,
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.VERWIJDERD, object=melding, toelichting=auditnotities.VERNIETIGD(batch=batch.uuid)
    )
    transaction.on_commit(bestanden_opruimen)
    return verslag


def bestanden_opruimen() -> int:
    """Remove the files on the retry list from storage, each row after its file.
    Idempotent: a file already gone counts as removed. Returns how many remain."""
    for rij in TeVerwijderenBestand.objects.order_by("id"):
        try:
            versleutelde_opslag.delete(rij.naam)
        except Exception as exc:
            TeVerwijderenBestand.objects.filter(pk=rij.pk).update(
                pogingen=rij.pogingen + 1, laatste_fout=type(exc).__name__[:200]
            )
            logger.warning("retention: file removal failed, kept on the retry list (%s)", type(exc).__name__)
            continue
        TeVerwijderenBestand.objects.filter(pk=rij.pk).delete()
    return TeVerwijderenBestand.objects.count()


@dataclass(frozen=True)
class Vernietigingsresultaat:
    batch: Vernietigingsbatch | None
    vernietigd: int
    mislukt: int
    bestanden_over: int


def bewaartermijnen_toepassen(*, vandaag: date | None = None) -> Vernietigingsresultaat:
    """The nightly job (meldingen.tasks.bewaartermijn_toepassen). Not atomic as a
    whole: each case is its own transaction, so one failing case neither stops
    nor undoes the others, and a second run changes nothing."""
    if not settings.MELDPUNT_VERNIETIGING_AAN:
        logger.info("retention: destruction is switched off (MELDPUNT_VERNIETIGING_AAN)")
        return Vernietigingsresultaat(batch=None, vernietigd=0, mislukt=0, bestanden_over=0)
    vandaag = vandaag or timezone.localdate()
    # Resume first: files of cases committed before a crash.
    bestanden_opruimen()
    kandidaten = vernietigingskandidaten(tot_en_met=vandaag)
    batch = Vernietigingsbatch.objects.create(peildatum=vandaag)
    vernietigd = mislukt = 0
    for kandidaat in kandidaten:
        try:
            melding_vernietigen(melding=kandidaat.melding, batch=batch, vandaag=vandaag)
        except Exception as exc:
            mislukt += 1
            logger.error("retention: case %s not destroyed (%s)", kandidaat.melding.pk, type(exc).__name__)
        else:
            vernietigd += 1
    # After the cases: rows that went with a case tonight are not swept twice.
    mislukt += vervallen_verwijderen(batch=batch, vandaag=vandaag)
    Vernietigingsbatch.objects.filter(pk=batch.pk).update(
        beeindigd_op=timezone.now(), aantal_vernietigd=vernietigd, aantal_mislukt=mislukt
    )
    batch.refresh_from_db()
    # Each case's on_commit already tried; this catches what failed in between.
    over = bestanden_opruimen() if not transaction.get_connection().in_atomic_block else None
    if over is None:
        # Called inside a transaction (a test, a shell session): the cases are
        # not committed yet, so their files must not go before they are.
        transaction.on_commit(bestanden_opruimen)
        over = TeVerwijderenBestand.objects.count()
    return Vernietigingsresultaat(batch=batch, vernietigd=vernietigd, mislukt=mislukt, bestanden_over=over)


def versies_verwijderen(queryset: models.QuerySet) -> list[str]:
    """Delete signed documents newest first: a version PROTECTs the one it
    replaces (always created before it), and Django's collector does not see
    that both go."""
    namen: list[str] = []
    for obj in queryset.order_by("-id"):
        namen += rijen_verwijderen(type(obj).objects.filter(pk=obj.pk))
    return namen
