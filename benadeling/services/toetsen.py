"""HR's check of an intended adverse measure (Art. 5.4): submitted through the
check form, which answers everyone alike, and matched against the protected
persons by blind index only, also later (a catch-up after a broker outage, and
when someone becomes protected). A match puts the intended measure on the case,
where the motivation duty of benadeling.services.motivering applies
(docs/architecture.md, docs/adr/0004-motiveringsplicht.md)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.constants import (
    VoornemenBron,
    VoornemenStatus,
)
from benadeling.models import BeschermdPersoon, Personeelstoets, VoorgenomenMaatregel
from benadeling.selectors import organisaties_voor_personeelszaken
from benadeling.services.common import taak_melden
from benadeling.services.motivering import maatregelsoort, motivering_vereist
from kern import toegang
from kern.crypto import blinde_index, normaliseer
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.constants import ToewijzingRol
from meldingen.models import Organisatie

logger = logging.getLogger(__name__)


@transaction.atomic
def maatregel_toetsen(
    *,
    organisatie: Organisatie,
    soort: str,
    beoogd_op: date,
    door: Gebruiker,
    personeelsnummer: str = "",
    email: str = "",
    omschrijving: str = "",
) -> None:
    """Route 2: HR submits an intended measure against an employee (Art. 5.4).

    Returns nothing, on purpose: HR gets the same answer for every employee,
    protected or not. The check is stored with the blind indexes of what HR
    typed (never the values) and audited; `toets_matchen` does the matching
    after commit, in a task."""
    # HR checks only for the organisations it serves (BenadelingInstelling.personeelszaken).
    if not door.has_perm("benadeling.add_personeelstoets") or not (
        organisaties_voor_personeelszaken(user=door).filter(pk=organisatie.pk).exists()
    ):
        raise PermissionDenied
    soort = maatregelsoort(soort)
    if beoogd_op is None:
        raise ValidationError({"beoogd_op": _("Vul de beoogde datum in.")})
    if not normaliseer(personeelsnummer) and not normaliseer(email):
        raise ValidationError(_("Vul het personeelsnummer of het e-mailadres van de medewerker in."))
    pn_index = blinde_index(personeelsnummer, doel="personeelsnummer") if normaliseer(personeelsnummer) else ""
    email_index = blinde_index(email, doel="email") if normaliseer(email) else ""
    toets = Personeelstoets.objects.create(
        organisatie=organisatie,
        ingediend_door=door,
        soort=soort,
        omschrijving=omschrijving.strip(),
        beoogd_op=beoogd_op,
        personeelsnummer_index=pn_index,
        email_index=email_index,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=toets, toelichting="Art. 5.4 toets")
    # Matching runs after commit in a task: HR's response neither waits for it nor
    # depends on it (same content, and no timing difference for a match).
    # Imported here: benadeling.tasks imports this module.
    from benadeling import tasks

    def inplannen():
        # Publish without retry: a broker that is down costs HR nothing (the check is
        # stored and HR gets the same answer); the check stays unmatched (gematcht_op
        # empty) and `toetsen_inhalen` matches it (docs/adr/0008-intake-onder-last.md).
        try:
            tasks.toets_matchen.apply_async((toets.pk,), retry=False)
        except Exception:  # any broker failure: the catch-up task covers it
            logger.warning("broker niet bereikbaar: de toets wordt gematcht door de inhaaltaak")

    transaction.on_commit(inplannen)


# The first key of the per-organisation lock below (PostgreSQL's two-key advisory
# locks, a key space of their own); Art. 5.4 in a number nothing else uses.
_MATCHSLOT = 50_004


def _matchen_vergrendelen(*, organisatie_id: int, gedeeld: bool) -> None:
    """The per-organisation lock that closes the race between a check's first match
    and someone's protection (docs/adr/0004-motiveringsplicht.md). Each path reads
    what the other writes (the match reads the protected persons, the protection
    reads the checks), so without it both could read before the other commits and
    the check is matched against neither. Held until the transaction ends; taken
    before either reads, so whichever comes second waits and then reads the other's
    commit (READ COMMITTED: every statement reads what was committed before it).

    Protecting takes it shared: submissions of reports (the melder is protected there)
    do not wait for each other, only for a match in progress (docs/adr/0008-intake-onder-last.md).
    Matching takes it exclusive. Taken before the check's row lock, so the order is
    the same on both paths: a protection holding the shared lock may need a key-share
    lock on the check's row (opening the task), never the other way round.

    On PostgreSQL a transaction-level advisory lock; the organisation's id is folded
    into 32 bits, and two organisations sharing a key only wait for each other. The
    embedded SQLite of the demo begins every transaction IMMEDIATE, holding the
    database's one write lock to the end (docs/adr/0008-intake-onder-last.md, point 1),
    so the two can never overlap there and nothing is needed."""
    if connection.vendor != "postgresql":
        return
    functie = "pg_advisory_xact_lock_shared" if gedeeld else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {functie}(%s, %s)", [_MATCHSLOT, organisatie_id % 2_147_483_647])


def _toets_voorwaarde(toets: Personeelstoets) -> Q:
    voorwaarde = Q()
    if toets.personeelsnummer_index:
        voorwaarde |= Q(personeelsnummer_index=toets.personeelsnummer_index)
    if toets.email_index:
        voorwaarde |= Q(email_index=toets.email_index)
    return voorwaarde


@transaction.atomic
def toets_matchen(*, toets: Personeelstoets) -> int:
    """Match one HR check against the protected persons of its organisation by
    blind index. A match within the period opens a task for the receiving officer
    (a VoorgenomenMaatregel with bron personeelszaken) and tells them without
    content. Every match is audited, as "systeem". Returns the tasks opened.

    Records that the check was matched (`gematcht_op`) in the same transaction as
    the result. Idempotent: the check's row is locked and a check matched before is
    left alone (a task delivered twice, or the catch-up run beside the queued task),
    so nothing is opened or audited twice; the unique constraint backs this up.
    Someone protected later is matched against the check by
    `toetsen_voor_beschermde_matchen`; someone whose protection commits meanwhile
    is waited for (the per-organisation lock), so neither misses the other."""
    organisatie_id = Personeelstoets.objects.filter(pk=toets.pk).values_list("organisatie_id", flat=True).first()
    if organisatie_id is None:
        return 0
    # Before reading the protected persons, and before the check's row lock (same order
    # as protecting): a protection committing now is either waited for or waits for us.
    _matchen_vergrendelen(organisatie_id=organisatie_id, gedeeld=False)
    toets = Personeelstoets.objects.select_for_update().filter(pk=toets.pk).first()
    if toets is None or toets.gematcht_op is not None:
        return 0
    voorwaarde = _toets_voorwaarde(toets)
    geopend = 0
    if voorwaarde:
        treffers = BeschermdPersoon.objects.filter(
            voorwaarde, melding__organisatie_id=toets.organisatie_id
        ).select_related("melding__organisatie")
        geopend = _tegen_personen_matchen(toets=toets, personen=treffers)
    toets.gematcht_op = timezone.now()
    toets.save(update_fields=["gematcht_op", "updated_at"])
    return geopend


# No savepoint: it runs inside the transaction that protects the person, also in the
# submission of a report (docs/adr/0008-intake-onder-last.md, point 3).
@transaction.atomic(savepoint=False)
def toetsen_voor_beschermde_matchen(*, persoon: BeschermdPersoon) -> int:
    """Re-matching (Art. 5.4): someone who becomes protected after HR's check but
    before its intended date is matched against the open checks of the
    organisation, by the same blind indexes, in the transaction that protects them
    (beschermd_persoon_toevoegen). Checks not matched yet are matched here against
    this person too; their own match later finds the task already open. Returns the
    tasks opened; never shown to HR."""
    voorwaarde = Q()
    if persoon.personeelsnummer_index:
        voorwaarde |= Q(personeelsnummer_index=persoon.personeelsnummer_index)
    if persoon.email_index:
        voorwaarde |= Q(email_index=persoon.email_index)
    if not voorwaarde:
        return 0
    # Before reading the checks: a first match running now either committed (and its
    # check is read here) or waits for this transaction (and then reads this person).
    _matchen_vergrendelen(organisatie_id=persoon.melding.organisatie_id, gedeeld=True)
    toetsen = Personeelstoets.objects.filter(
        voorwaarde, organisatie_id=persoon.melding.organisatie_id, beoogd_op__gte=timezone.localdate()
    ).order_by("id")
    return sum(_tegen_personen_matchen(toets=toets, personen=[persoon]) for toets in toetsen)


def _tegen_personen_matchen(*, toets: Personeelstoets, personen) -> int:
    """Open a task per protected person the check reaches within the period; inside
    the caller's transaction. Returns the tasks opened."""
    geopend = 0
    for persoon in personen:
        vereist = motivering_vereist(beschermd_persoon=persoon, soort=toets.soort, beoogd_op=toets.beoogd_op)
        if not vereist:
            auditregel_schrijven(
                door=None,
                actie=AuditActie.BEKEKEN,
                object=persoon,
                toelichting="beschermd persoon, buiten de periode",
            )
            continue
        voornemen, nieuw = VoorgenomenMaatregel.objects.get_or_create(
            toets=toets,
            beschermd_persoon=persoon,
            defaults={
                "melding": persoon.melding,
                "bron": VoornemenBron.PERSONEELSZAKEN,
                "soort": toets.soort,
                "omschrijving": toets.omschrijving,
                "beoogd_op": toets.beoogd_op,
                "motivering_vereist": True,
                "status": VoornemenStatus.MOTIVERING_VEREIST,
            },
        )
        if not nieuw:
            continue
        auditregel_schrijven(
            door=None,
            actie=AuditActie.AANGEMAAKT,
            object=voornemen,
            toelichting="motivering vereist (Art. 5.4)",
        )
        taak_melden(gebruikers=toegang.toegewezenen(melding=persoon.melding, rollen=[ToewijzingRol.ONTVANGER]))
        geopend += 1
    return geopend


# At most this many checks per catch-up run; the next run (a minute later) takes the rest.
INHALEN_PER_RUN = 500


def toetsen_inhalen(*, ouder_dan_seconden: int | None = None) -> None:
    """The catch-up run (Celery beat, "personeelstoetsen-inhalen"): match every check
    still unmatched a while after it was submitted (the broker was down at the
    submission, or the queued task was lost), oldest first; before that the queued
    task is given its chance. Each check in its own transaction: one that fails
    stays unmatched and is tried again next run, without holding up the others.
    Returns nothing on purpose: the result of a match must not reach a log (Art. 7)."""
    if ouder_dan_seconden is None:
        ouder_dan_seconden = settings.MELDPUNT_PERSONEELSTOETS_INHALEN_NA_SECONDEN
    grens = timezone.now() - timedelta(seconds=ouder_dan_seconden)
    ids = list(
        Personeelstoets.objects.filter(gematcht_op__isnull=True, created_at__lte=grens)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:INHALEN_PER_RUN]
    )
    mislukt = 0
    for toets_id in ids:
        try:
            toets_matchen(toets=Personeelstoets(pk=toets_id))
        except Exception as exc:
            mislukt += 1
            # The exception's type only, as the retention job logs: its message or
            # traceback could carry what the check was matched with (threat model §4).
            logger.error(
                "toets %s niet gematcht (%s); blijft klaarstaan voor de volgende run", toets_id, type(exc).__name__
            )
    if mislukt:
        raise ToetsenNietGematcht(f"{mislukt} van {len(ids)} toetsen niet gematcht")


class ToetsenNietGematcht(Exception):
    """Some checks of a catch-up run were not matched; they stay for the next run."""
