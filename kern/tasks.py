"""Thin Celery wrappers around kern services."""

from axes.handlers.proxy import AxesProxyHandler
from celery import shared_task

from kern import post
from kern.services import hartslag_registreren


@shared_task(name="kern.tasks.hartslag")
def hartslag():
    hartslag_registreren(taak="kern.tasks.hartslag")


@shared_task(name="kern.tasks.axes_opschonen")
def axes_opschonen():

    AxesProxyHandler.reset_logs(age_days=30)
    hartslag_registreren(taak="kern.tasks.axes_opschonen")


@shared_task(name="kern.tasks.post_verzenden")
def post_verzenden():
    """Send the due e-mails of the outbox, one by one (kern/post.py); kicked after
    each enqueuing commit and run by beat to catch up."""
    resultaat = post.post_verzenden()
    post.verzonden_opruimen()
    return {
        "verzonden": resultaat.verzonden,
        "uitgesteld": resultaat.uitgesteld,
        "mislukt": resultaat.mislukt,
        "storing": resultaat.storing,
    }
