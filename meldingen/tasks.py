"""Thin Celery wrappers around meldingen services (docs/stijl.md). Scheduled in
config/settings/celery.py CELERY_BEAT_SCHEDULE."""

from celery import shared_task

from kern.services import hartslag_registreren
from meldingen.services import bewaring, notificaties
from meldingen.services.termijnen import bewaking as termijnbewaking


@shared_task(name="meldingen.tasks.termijnen_bewaken")
def termijnen_bewaken():
    """The deadline engine: reminders, escalations, heartbeat (docs/termijnen.md)."""
    resultaat = termijnbewaking.termijnen_bewaken()
    return {"nieuw": resultaat.nieuw, "mails": resultaat.mails}


@shared_task(name="meldingen.tasks.bewaartermijn_toepassen")
def bewaartermijn_toepassen():
    """Nightly retention job (docs/retention.md): destroys closed cases past their
    period, with the guard rails of meldingen.services.bewaring. Does nothing
    unless MELDPUNT_VERNIETIGING_AAN is set; records its heartbeat."""
    resultaat = bewaring.bewaartermijnen_toepassen()
    hartslag_registreren(taak="meldingen.tasks.bewaartermijn_toepassen")
    return {
        "batch": str(resultaat.batch.uuid) if resultaat.batch else None,
        "vernietigd": resultaat.vernietigd,
        "mislukt": resultaat.mislukt,
        "bestanden_over": resultaat.bestanden_over,
    }


@shared_task(
    name="meldingen.tasks.nieuwe_melding_notificeren",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=12,
)
def nieuwe_melding_notificeren(melding_id):
    """The officers' content-free e-mail about a new report, once (idempotent:
    meldingen.services.notificaties). Queued by submissions before issue 16
    bundled the runs; kept so that such a task still in the broker is handled."""
    return notificaties.nieuwe_melding_notificeren(melding_id=melding_id)


@shared_task(
    name="meldingen.tasks.nieuwe_meldingen_notificeren",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=12,
)
def nieuwe_meldingen_notificeren():
    """The officers' e-mail for every new report still waiting for it: queued at
    most once per window per web process after a submission's commit
    (meldingen.services.notificaties.nieuwe_melding_inplannen)."""
    return notificaties.nieuwe_meldingen_notificeren()


@shared_task(name="meldingen.tasks.nieuwe_meldingen_inhalen")
def nieuwe_meldingen_inhalen():
    """Sends what a broker outage left unsent (scheduled in CELERY_BEAT_SCHEDULE)."""
    return notificaties.nieuwe_meldingen_inhalen()
