"""Test settings: the production-safe base on real PostgreSQL and Redis.

Only what makes tests fast or observable differs from production: a fast
password hasher, an in-memory mail outbox, and fixed test keys.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 20
# A fixed test key; rotation tests add keys with override_settings.
MELDPUNT_VERSLEUTELSLEUTELS = [
    "jW4jN4kq2_pXVRb3HIl_l5YEoRGF9S4KPyi-exgrIGE=",
]
MELDPUNT_BLINDE_INDEX_SLEUTEL = "test-blind-index-key"
# The audit log's anchor file is per test (tmp_path) where a test needs it: the
# suite's databases come and go, and one shared file would point at seals of another.
MELDPUNT_AUDITZEGEL_ANKER = ""
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/meldpunt"),
}
# As in production (base.py), but per-request connections unless a server process
# started by a test or benchmark asks for persistent ones (CONN_MAX_AGE=600).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# As in production: server-side binding and prepared statements (base.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRESQL_OPTIES)  # noqa: F405
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
# Unit tests run tasks in-process; the integration test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# Static files straight from the app folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# One notification task per submission, run eagerly at its commit: tests see the
# officers' e-mail at once (the bundling itself has its own test).
MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN = 0
