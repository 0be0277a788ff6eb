"""Settings of the server processes that benchmarks and load tests start: the
test settings (PostgreSQL and Redis from the environment) with persistent
connections as in production (config/settings/base.py), real Celery publishing
instead of eager tasks, and a URLconf with one extra bench-only view. Never used
by the application itself."""

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, env

DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
ROOT_URLCONF = "benchmarks.hulp.urls"
