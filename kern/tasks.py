"""Thin Celery wrappers around kern services."""

from axes.handlers.proxy import AxesProxyHandler
from celery import shared_task

from kern import auditzegels, post
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


@shared_task(name="kern.tasks.auditlog_verzegelen")
def auditlog_verzegelen():
    """Seal the audit rows committed since the previous seal (kern/auditzegels.py;
    docs/adr/0011-audit-zegels.md). Idempotent: nothing new, no seal."""
    zegel = auditzegels.auditlog_verzegelen()
    hartslag_registreren(taak="kern.tasks.auditlog_verzegelen")
    return {"zegel": zegel.nummer if zegel else None}


@shared_task(name="kern.tasks.auditlog_controleren")
def auditlog_controleren():
    """Verify every seal and the rows under it; on a finding, log it (seal numbers
    and id ranges only) and e-mail the functioneel beheerders, without content."""
    controle = auditzegels.auditlog_controleren()
    auditzegels.afwijkingen_melden(controle=controle)
    hartslag_registreren(taak="kern.tasks.auditlog_controleren")
    return {"zegels": controle.zegels, "afwijkingen": len(controle.afwijkingen)}
