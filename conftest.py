"""Suite-wide fixtures. Tests run on real PostgreSQL (and Redis for Celery
integration): a missing service is a failure, never a skip."""

import socket

import pytest
from django.conf import settings


def _bereikbaar(host: str, poort: int) -> bool:
    try:
        with socket.create_connection((host, poort), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("The suite runs on PostgreSQL only (set DATABASE_URL=postgres://...).")
    host, poort = db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432)
    if not _bereikbaar(host, poort):
        raise pytest.UsageError(f"PostgreSQL is not reachable at {host}:{poort}. Run `make test` (it starts it).")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes files to its own folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path / "bestanden")}},
    }


@pytest.fixture(autouse=True)
def _nederlands():
    """Every test starts in Dutch, the source language. A request with English
    (LocaleMiddleware) leaves its language active in the thread; without this a
    later test in the same worker would see English messages."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
