"""Thin Celery wrappers around meldingen services (STYLE.md). Scheduled in
config/settings/base.py CELERY_BEAT_SCHEDULE."""

from celery import shared_task

from kern.services import hartslag_registreren
from meldingen.services import bewaring, termijnbewaking


@shared_task(name="meldingen.tasks.termijnen_bewaken")
def termijnen_bewaken():
    """The deadline engine: reminders, escalations, heartbeat (DESIGN.md §3)."""
    resultaat = termijnbewaking.termijnen_bewaken()
    return {"nieuw": resultaat.nieuw, "mails": resultaat.mails}


@shared_task(name="meldingen.tasks.jaarrapportage_herinneren")
def jaarrapportage_herinneren():
    """Creates this year's annual-report term per organisation (Art. 14.2); the
    deadline engine sends its reminder and escalation."""
    termijnbewaking.jaarrapportage_termijnen_aanmaken()
    hartslag_registreren(taak="meldingen.tasks.jaarrapportage_herinneren")


@shared_task(name="meldingen.tasks.bewaartermijn_toepassen")
def bewaartermijn_toepassen():
    """Nightly retention job (DESIGN.md §8; docs/retention.md): destroys closed
    cases past their period, with the guard rails of meldingen.services.bewaring.
    Does nothing unless MELDPUNT_VERNIETIGING_AAN is set; records its heartbeat."""
    resultaat = bewaring.bewaartermijnen_toepassen()
    hartslag_registreren(taak="meldingen.tasks.bewaartermijn_toepassen")
    return {
        "batch": str(resultaat.batch.uuid) if resultaat.batch else None,
        "vernietigd": resultaat.vernietigd,
        "mislukt": resultaat.mislukt,
        "bestanden_over": resultaat.bestanden_over,
    }
