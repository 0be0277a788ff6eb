"""A task travels through the real Redis broker to a real Celery worker process,
which writes to the real PostgreSQL test database."""

import os
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from kern.models import Hartslag

pytestmark = [pytest.mark.integratie, pytest.mark.django_db(transaction=True)]


def _redis_bereikbaar(url: str) -> bool:
    deel = urlparse(url)
    try:
        with socket.create_connection((deel.hostname or "127.0.0.1", deel.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def worker():
    broker = settings.CELERY_BROKER_URL
    assert broker.startswith("redis://"), f"integration test needs the Redis broker, got {broker}"
    assert _redis_bereikbaar(broker), f"Redis is not reachable at {broker}; `make test` starts it"
    db = settings.DATABASES["default"]
    host, poort, naam = db["HOST"] or "127.0.0.1", db["PORT"] or 5432, connection.settings_dict["NAME"]
    wachtrij = f"meldpunt-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # The worker writes to the same test database this test reads.
        "DATABASE_URL": f"postgres://{db['USER']}@{host}:{poort}/{naam}",
        "CELERY_BROKER_URL": broker,
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", wachtrij, "--pool", "solo", "-l", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield wachtrij
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proces.kill()


def test_taak_via_redis_naar_echte_worker(worker, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    try:
        celery_app.send_task("kern.tasks.hartslag", queue=worker)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if Hartslag.objects.filter(taak="kern.tasks.hartslag").exists():
                break
            time.sleep(0.25)
        assert Hartslag.objects.filter(taak="kern.tasks.hartslag").count() == 1
    finally:
        celery_app.conf.task_always_eager = True
