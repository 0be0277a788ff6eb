"""Thin Celery wrappers around kern services."""

from axes.handlers.proxy import AxesProxyHandler
from celery import shared_task

from kern.services import hartslag_registreren


@shared_task(name="kern.tasks.hartslag")
def hartslag():
    hartslag_registreren(taak="kern.tasks.hartslag")


@shared_task(name="kern.tasks.axes_opschonen")
def axes_opschonen():

    AxesProxyHandler.reset_logs(age_days=30)
    hartslag_registreren(taak="kern.tasks.axes_opschonen")
