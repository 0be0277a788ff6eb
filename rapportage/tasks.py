"""Thin Celery wrappers: ids in, one service, idempotent (docs/stijl.md)."""

from celery import shared_task

from kern.services import hartslag_registreren
from rapportage import termijnen


@shared_task
def versie_genereren(versie_id: int) -> None:
    # Figures and PDF of one version; a version already ready is skipped.
    from rapportage.services import versie_genereren as genereren

    genereren(versie_id=versie_id)


@shared_task(name="rapportage.tasks.jaarrapportage_herinneren")
def jaarrapportage_herinneren():
    """Creates this year's annual-report term per organisation (Art. 14.2); the
    deadline engine sends its reminder and escalation."""
    termijnen.jaarrapportage_termijnen_aanmaken()
    hartslag_registreren(taak="rapportage.tasks.jaarrapportage_herinneren")
