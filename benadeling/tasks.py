"""Thin Celery wrappers around benadeling services; they take ids and are idempotent."""

from celery import shared_task


@shared_task(name="benadeling.tasks.toets_matchen")
def toets_matchen(toets_id: int) -> int:
    from benadeling.models import Personeelstoets
    from benadeling.services.motivering import toets_matchen as matchen

    toets = Personeelstoets.objects.filter(pk=toets_id).first()
    return matchen(toets=toets) if toets is not None else 0
