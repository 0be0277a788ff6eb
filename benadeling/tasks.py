"""Thin Celery wrappers around benadeling services; they take ids and are idempotent."""

from celery import shared_task

from benadeling.models import Personeelstoets
from benadeling.services.toetsen import toets_matchen as matchen
from benadeling.services.toetsen import toetsen_inhalen as inhalen


@shared_task(name="benadeling.tasks.toets_matchen")
def toets_matchen(toets_id: int) -> None:
    """Returns nothing on purpose: Celery logs a task's result, and whether an HR
    check matched a protected person must not end up in a log (Art. 7)."""

    toets = Personeelstoets.objects.filter(pk=toets_id).first()
    if toets is not None:
        matchen(toets=toets)


@shared_task(name="benadeling.tasks.toetsen_inhalen")
def toetsen_inhalen() -> None:
    """Matches what a broker outage or a lost task left unmatched (scheduled in
    CELERY_BEAT_SCHEDULE). Returns nothing, as above."""
    inhalen()
