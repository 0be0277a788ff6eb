"""Retention of HR's checks of intended measures (Art. 5.4; docs/retention.md,
"HR checks"; AVG art. 5(1)(c) and (e)).

A check (Personeelstoets) holds a description of a measure against an employee
and the blind indexes that identify them. It has no case, so the destruction of
cases does not reach it by itself. Two rules:

- a check that opened a task on a case (a VoorgenomenMaatregel points at it) is
  part of that case's Art. 5.4 trail: it stays while any such task exists, and
  goes in the transaction that destroys the last case it reached
  (`toetsen_met_de_melding_verwijderen`, from benadeling.vernietiging);
- a check that was matched (`gematcht_op` set) and opened no task (nobody
  protected, or outside the period) has done its work: the nightly job deletes it
  MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN after its intended date, or after
  it was submitted when that is later (`vervallen_toetsen_verwijderen`);
- a check never matched (its task was lost with the broker, and the catch-up run
  has not reached it yet) is never deleted: "no task" would not mean "nobody
  protected" (Art. 5.4).

Neither leaves a trace HR or the functioneel beheerder can see (docs/threat-model.md
§4): an expired check gets one `geval` audit row with the batch id and no content;
no count is written on the batch or returned by the task, since the number of
checks expiring on a day would tell whoever knows what HR submitted whether a
check matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from benadeling.models import Personeelstoets, VoorgenomenMaatregel
from kern.invoegen import rijen_toevoegen
from kern.kalender import einde_van_dag, lokale_datum, plus_maanden
from kern.models import AuditActie
from kern.services import auditregel_maken
from meldingen.models import Vernietigingsbatch

# Rows deleted per transaction: a large backlog (the first run after an upgrade)
# neither holds long locks nor is lost as a whole when one batch fails.
BATCHGROOTTE = 500


def bewaartermijn_maanden() -> int:
    """The period of a matched check that opened no task; never below one month."""
    return max(settings.MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN, 1)


def bewaren_tot(*, toets: Personeelstoets) -> date:
    """From this day on a check that opened no task may be deleted: the period
    after its intended date, or after its submission when that is later."""
    vanaf = max(toets.beoogd_op, lokale_datum(toets.created_at))
    return plus_maanden(vanaf, bewaartermijn_maanden())


def _laatste_verstreken_dag(*, vandaag: date, maanden: int) -> date:
    """The last day d with plus_maanden(d, maanden) <= vandaag (calendar months,
    EU 1182/71: 31 January + 1 month is 28 February, so on 28 February the checks
    of 29, 30 and 31 January are due as well)."""
    dag = plus_maanden(vandaag, -maanden)
    while plus_maanden(dag + timedelta(days=1), maanden) <= vandaag:
        dag += timedelta(days=1)
    return dag


def _zonder_taak(queryset: QuerySet) -> QuerySet:
    return queryset.filter(~Exists(VoorgenomenMaatregel.objects.filter(toets=OuterRef("pk"))))


def vervallen_toetsen(*, vandaag: date) -> QuerySet:
    """Checks that were matched, that no task on any case points at, and whose
    period ended on or before `vandaag`. A check not matched yet is never one."""
    grens = _laatste_verstreken_dag(vandaag=vandaag, maanden=bewaartermijn_maanden())
    return _zonder_taak(
        Personeelstoets.objects.filter(
            gematcht_op__isnull=False, beoogd_op__lte=grens, created_at__lte=einde_van_dag(grens)
        )
    )


def vervallen_toetsen_verwijderen(*, batch: Vernietigingsbatch, vandaag: date) -> None:
    """The nightly job's part for checks (benadeling.vernietiging.vervallen_verwijderen):
    delete the expired checks, BATCHGROOTTE per transaction, each with an audit
    row naming the destruction batch. Returns nothing on purpose (module docstring)."""
    while True:
        with transaction.atomic():
            # A check being re-matched right now (someone became protected) is locked
            # by nobody, but that insert of a VoorgenomenMaatregel would make this
            # delete fail on the foreign key: the batch rolls back and the next night
            # tries again. The first match locks the check (skipped here).
            toetsen = list(
                vervallen_toetsen(vandaag=vandaag)
                .select_for_update(skip_locked=True)
                .order_by("id")
                .only("id", "uuid")[:BATCHGROOTTE]
            )
            if not toetsen:
                return
            rijen_toevoegen(
                [
                    auditregel_maken(
                        door=None,
                        actie=AuditActie.VERWIJDERD,
                        object=toets,
                        toelichting=f"bewaartermijn verstreken; batch {batch.uuid}",
                    )
                    for toets in toetsen
                ]
            )
            Personeelstoets.objects.filter(pk__in=[toets.pk for toets in toetsen]).delete()
        if len(toetsen) < BATCHGROOTTE:
            return


def toetsen_met_de_melding_verwijderen(*, toets_ids: Iterable[int]) -> None:
    """Inside a case's destruction, after its VoorgenomenMaatregel rows went: the
    checks that opened them and reach no other case now go too, whatever their
    own period, since their purpose was the Art. 5.4 trail of the case(s) they
    reached. No audit row of their own: the case's destruction row covers them,
    as it covers every other row of the case, and a row naming the check would
    tie HR's check to this case in the append-only log for good."""
    _zonder_taak(Personeelstoets.objects.filter(pk__in=list(toets_ids))).delete()
