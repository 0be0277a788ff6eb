"""Settings of the server processes that benchmarks and load tests start: the
test settings (PostgreSQL and Redis from the environment) with persistent
connections as in production (config/settings/base.py), real Celery publishing
instead of eager tasks, and a URLconf with one extra bench-only view. Never used
by the application itself."""

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, env

DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The officers' e-mail runs bundled as in production (config/settings/meldpunt.py).
MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN = env.int("MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN", default=2)
ROOT_URLCONF = "benchmarks.hulp.urls"
# Load and fault tests read mail from files and shorten the broker's redelivery
# of a task whose worker died (production: Redis' default of one hour).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
