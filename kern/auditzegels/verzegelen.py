"""Sealing the rows that became final since the previous seal (the package's
docstring says which rows are final, and why)."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from kern.auditzegels.anker import anker_afwijking, anker_schrijven
from kern.auditzegels.formaat import VERSIE, regels_mac, sleutels, zegel_mac
from kern.models import AuditRegel, AuditZegel

logger = logging.getLogger(__name__)

# One sealer at a time, whatever starts it (beat, a redelivered task, the command).
_SLOT = int.from_bytes(b"auditzgl", "big") >> 1


def _lopende_schrijvers() -> list[str]:
    """The other transactions that inserted into the audit log and have not ended
    (their virtual transaction ids). SQLite has one writer at a time: none."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT virtualtransaction FROM pg_locks "
            "WHERE locktype = 'relation' AND mode = 'RowExclusiveLock' AND relation = %s::regclass "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND pid IS DISTINCT FROM pg_backend_pid() ORDER BY 1",
            [AuditRegel._meta.db_table],
        )
        return [rij[0] for rij in cursor.fetchall()]


def _volgorde_bewaken() -> None:
    """Ids must be drawn in the order the INSERTs run (kern/auditzegels/__init__.py): a sequence
    that hands each connection a cache of ids breaks that. Django creates it with
    CACHE 1; refuse to seal if someone changed it."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.seqcache FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence(%s, 'id')::regclass",
            [AuditRegel._meta.db_table],
        )
        rij = cursor.fetchone()
    if rij and rij[0] != 1:
        raise RuntimeError("The audit log's id sequence caches ids (CACHE > 1): sealing would be unsound.")


def _grens(vorige: AuditZegel | None) -> tuple[int, int | None, list[str]]:
    """(the highest final id, the next plan's id, the transactions it waits for).
    Read the highest id first, then who still writes (kern/auditzegels/__init__.py):
    a transaction that drew an id below it held its lock before that id committed."""
    grens = vorige.tot_id if vorige else 0
    hoogste = AuditRegel.objects.aggregate(m=Max("id"))["m"] or 0
    schrijvers = _lopende_schrijvers()
    if vorige and vorige.kandidaat_tot_id is not None:
        if set(vorige.wacht_op) & set(schrijvers):
            return grens, vorige.kandidaat_tot_id, list(vorige.wacht_op)  # the plan still waits
        grens = max(grens, vorige.kandidaat_tot_id)
    if not schrijvers:
        return max(grens, hoogste), None, []
    if hoogste <= grens:
        return grens, None, []
    return grens, hoogste, schrijvers


def auditlog_verzegelen() -> AuditZegel | None:
    """Seal the audit rows that became final since the previous seal
    (kern/auditzegels/__init__.py); returns the new seal, or None when there was
    nothing to seal or plan.

    Run it as a transaction of its own at READ COMMITTED, PostgreSQL's default
    (the beat task, the command): each statement must see what committed before
    it, which the order of the reads in `_grens` relies on."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SLOT])
        _volgorde_bewaken()
        vorige = AuditZegel.objects.order_by("-nummer").first()
        tot_id, kandidaat, wacht_op = _grens(vorige)
        van_id = vorige.tot_id if vorige else 0
        ongewijzigd = vorige is not None and (kandidaat, wacht_op) == (vorige.kandidaat_tot_id, list(vorige.wacht_op))
        if tot_id == van_id and (ongewijzigd or kandidaat is None):
            return None
        # Checked before the new seal exists: after a cut-off tail the new seal takes
        # the number of the removed one, and must not replace the anchor's evidence.
        anker = anker_afwijking()
        sleutel_id, sleutel = next(iter(sleutels().items()))
        aantal, mac_van_regels = regels_mac(sleutel, van_id=van_id, tot_id=tot_id)
        zegel = AuditZegel(
            nummer=(vorige.nummer + 1) if vorige else 1,
            tijdstip=timezone.now(),
            versie=VERSIE,
            van_id=van_id,
            tot_id=tot_id,
            aantal=aantal,
            regels_mac=mac_van_regels,
            kandidaat_tot_id=kandidaat,
            wacht_op=wacht_op,
            sleutel_id=sleutel_id,
            vorige_mac=vorige.mac if vorige else "",
        )
        zegel.mac = zegel_mac(sleutel, zegel)
        zegel.save()
        if anker is None:
            transaction.on_commit(lambda: anker_schrijven(zegel.nummer, zegel.mac))
        else:
            # Never overwrite the evidence: the anchor stays until operations have looked.
            logger.error("auditzegel %s: anker niet bijgewerkt: %s", zegel.nummer, anker)
    # The seal's number, range and MAC in the application's log as well: a record
    # outside the database that operations can hold the database against.
    logger.info(
        "auditzegel %s: na auditregel %s tot en met %s (%s regels), mac %s",
        zegel.nummer,
        van_id,
        tot_id,
        aantal,
        zegel.mac,
    )
    return zegel
