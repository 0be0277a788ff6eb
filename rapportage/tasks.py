"""Thin Celery wrappers: ids in, one service, idempotent (STYLE.md)."""

from celery import shared_task


@shared_task
def versie_genereren(versie_id: int) -> None:
    # Figures and PDF of one version; a version already ready is skipped.
    from rapportage.services import versie_genereren as genereren

    genereren(versie_id=versie_id)
