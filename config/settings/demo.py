"""Demo settings for `make run`: the only place where anything is relaxed.

- plain http on localhost, so cookies are not marked Secure and there is no HSTS;
- the second factor is optional, and every staff page shows a banner saying so;
- secrets are generated once and kept in var/demo-secrets.env (never for production);
- e-mail is written to var/mail/ instead of being sent.
"""

from kern.demo_secrets import demo_secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

_secrets = demo_secrets(VAR_DIR / "demo-secrets.env")

DEBUG = False
SECRET_KEY = _secrets["SECRET_KEY"]
MELDPUNT_VERSLEUTELSLEUTELS = [_secrets["FIELD_ENCRYPTION_KEY"]]
MELDPUNT_BLINDE_INDEX_SLEUTEL = _secrets["BLIND_INDEX_KEY"]
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

MELDPUNT_DEMO = True
MELDPUNT_ORGANISATIES_OP_VOORPAGINA = True
MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")

# Serve static files without collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
