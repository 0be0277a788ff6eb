"""Celery inside a benchmark's own process."""

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def taken_naar_de_broker() -> Iterator[None]:
    """Publish tasks to the broker, as the application does, instead of running
    them eagerly in the caller (config/settings/test.py).

    A benchmark that calls a service in its own process must not run the tasks
    that service queues: the outbox sender a deadline sweep kicks would be timed
    as part of the sweep, and the officers' e-mail run of each mailbox code that
    intake_http creates would work through every report its load phases left
    waiting (no worker runs during a benchmark), which took minutes and ran into
    the script's time limit. Nothing consumes the tasks; they are purged after."""
    from config.celery import app

    gretig = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = gretig
        app.control.purge()
