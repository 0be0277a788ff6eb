"""Production-safe base settings.

Everything here is safe to run in production: secure cookies, HSTS, a strict
Content-Security-Policy and a mandatory second factor for staff. Modules that
relax anything (``demo``) say so explicitly and show a banner.

Configuration comes from the environment (django-environ); see ``.env.example``.
With no ``DATABASE_URL`` or ``CELERY_BROKER_URL`` the app runs on the embedded
default: SQLite and Celery's ``filesystem://`` broker under ``var/``.

This module holds Django itself and its security. Beside it, by topic, and all
imported here, so that ``from .base import *`` is the whole base:
``_omgeving`` (project folder, var/ and the one ``env``; reads ``.env``),
``oidc`` (sign-in through the organisation's identity provider), ``celery``
(broker, workers, the beat schedule) and ``meldpunt`` (Meldpunt's own terms,
outbox, notifications, heartbeat and retention).
"""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.settings._omgeving import BASE_DIR, VAR_DIR, env
from config.settings.celery import *  # noqa: F403
from config.settings.meldpunt import *  # noqa: F403
from config.settings.oidc import *  # noqa: F403
from config.settings.oidc import MELDPUNT_OIDC_AAN

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "kern.apps.MeldpuntAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "axes",
    "guardian",
    "csp",
    "django_celery_beat",
    # Staff sign-in through the organisation's identity provider (off unless configured).
    "kern.oidc",
    # Layers: kern <- meldingen <- onderzoek <- benadeling <- rapportage (docs/architecture.md).
    "kern",
    "meldingen",
    "onderzoek",
    "benadeling",
    "rapportage",
]

MIDDLEWARE = [
    # The security headers outermost, so every answer carries them: also the 413
    # and 400 below, the 400 for an unknown host and CommonMiddleware's redirects.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CsrfViewMiddleware is the first that does):
    # an oversized body or a form in another charset is refused (docs/hostile-input.md).
    "kern.uploads.VerzoekGrootteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # An empty 405 (a form's address opened in the address bar) gets the project's page.
    "kern.foutpaginas.LegeFoutAntwoordenMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After CSPMiddleware, so its response hook runs first (form-action for the
    # provider's logout); inert unless OIDC is configured (kern/oidc/middleware.py).
    "kern.oidc.middleware.SessieVerversen",
    # Axes last, as its documentation requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "kern.context_processors.meldpunt",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------
# Embedded default: SQLite under var/. Production: DATABASE_URL=postgres://...
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'meldpunt.sqlite3'}"),
}
# PostgreSQL binds parameters on the server and prepares a statement the fifth
# time a connection runs it: the intake's statements are parsed and planned once
# per connection instead of once per submission (a third less database CPU,
# docs/adr/0008-intake-onder-last.md). With a pooler in transaction mode
# (PgBouncer < 1.21) set DATABASE_PREPARE_THRESHOLD=0 to turn preparing off.
_voorbereiden = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
POSTGRESQL_OPTIES = {"server_side_binding": True, "prepare_threshold": _voorbereiden or None}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Worker, beat and web share the file. A report must never be lost to
    # "database is locked" (docs/adr/0008-intake-onder-last.md): every write
    # transaction takes the write lock up front (BEGIN IMMEDIATE), so concurrent
    # submissions queue on the busy timeout instead of failing when a reader
    # upgrades to a writer; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # Persistent connections, checked before reuse in each request: no new
    # connection per request (a third of the intake's cost), and a database
    # restart is survived without manual action (the broken connection fails its
    # health check and is replaced).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRESQL_OPTIES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and authentication ---------------------------------------------
AUTH_USER_MODEL = "kern.Gebruiker"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out account never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in through the organisation's identity provider; returns nobody
    # unless OIDC is configured (config/settings/oidc.py).
    "kern.oidc.backend.OidcBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "kern:inloggen"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "kern:inloggen"

# Mandatory second factor (TOTP, django-otp) for every staff login. Only the demo
# settings may switch this off, and then a banner says so on every staff page.
MELDPUNT_TWEEDE_FACTOR_VERPLICHT = True
OTP_TOTP_ISSUER = "Meldpunt"
# django-otp: never show keys or QR codes in any admin (docs/threat-model.md §2).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Passkeys (WebAuthn) beside TOTP, as a second factor only (kern/passkeys.py).
# The relying party and the expected origin follow the host of the request,
# which ALLOWED_HOSTS has vetted; ALLOWED_ORIGINS only satisfies the app's check.
OTP_WEBAUTHN_RP_NAME = "Meldpunt"
OTP_WEBAUTHN_RP_ID_CALLABLE = "kern.passkeys.rp_id"
OTP_WEBAUTHN_HELPER_CLASS = "kern.passkeys.MeldpuntWebAuthnHelper"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS] or ["https://localhost"]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# --- OpenID Connect ----------------------------------------------------------------
# Staff sign-in through the organisation's identity provider: config/settings/oidc.py
# (imported above; SESSION_COOKIE_SAMESITE below follows MELDPUNT_OIDC_AAN).

# Lockout after repeated failures (django-axes). Locked per username, not per IP:
# many employees share one company NAT address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "kern/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
# Axes must not store the client's address: the login page is reached by staff,
# but a proxy may forward melder traffic on the same host.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
# axes.W006 warns that per-username lockout lets an attacker rotate addresses.
# Deliberate: locking per address would lock out a whole office behind one NAT
# address (docs/melderzijde.md); a username is locked after AXES_FAILURE_LIMIT failures
# from anywhere, which is the stricter limit for the account under attack.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# django-guardian: anonymous users have no object permissions at all.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# --- Security ---------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null`
# with every form POST (Fetch spec, "append a request Origin header"), which Django's
# CSRF check rightly refuses, so no form would work in a real browser. "same-origin"
# still sends nothing to other sites (e.g. the link to the Huis voor Klokkenluiders).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Strict, except with OIDC: the provider's redirect back to Meldpunt is a
# cross-site navigation, and a Strict session cookie would not be sent with it,
# so the login state (PKCE verifier, nonce) could never be found. Lax still
# keeps the cookie off cross-site POSTs, and CSRF stays Strict.
SESSION_COOKIE_SAMESITE = "Lax" if MELDPUNT_OIDC_AAN else "Strict"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
# Flash messages live in the session, not in a cookie of their own: the melder's
# side sets no cookies beyond the session, CSRF and the language choice (docs/vertrouwelijkheid.md).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Hostile clients (docs/hostile-input.md): the whole body is capped on its
# Content-Length before it is read (kern.uploads.VerzoekGrootteMiddleware); form
# fields other than files may take 5 MiB; files stay in memory only, never in a
# temporary file on disk, so no plaintext attachment outlives the request.
MELDPUNT_MAX_VERZOEK_GROOTTE = 52 * 1024 * 1024  # 50 MiB of files + form fields
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["kern.uploads.GeheugenUploadHandler"]

# Strict Content-Security-Policy (django-csp 4): nothing from third parties, no
# inline script or style without the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Confidentiality keys -------------------------------------------------------
# Fernet keys for encrypted fields and files, newest first; older keys stay
# readable so rotation is: add a key in front, run `manage.py sleutels_roteren`,
# then remove the old key. See docs/adr/0001-versleuteling.md.
MELDPUNT_VERSLEUTELSLEUTELS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
# HMAC key for blind indexes (receipt codes, employee matching). Never rotated
# without re-indexing; separate from the encryption keys.
MELDPUNT_BLINDE_INDEX_SLEUTEL = env.str("BLIND_INDEX_KEY", default="")

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Celery keeps Django's clock (the rest of Celery: config/settings/celery.py).
CELERY_TIMEZONE = TIME_ZONE

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Private files (attachments, letters) are encrypted and never served
        # directly: no MEDIA_URL is exposed.
        "OPTIONS": {"location": str(Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "bestanden"))))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="meldpunt@localhost")
# A mail server that hangs must not hold the sender: seconds per SMTP operation.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# --- Logging ---------------------------------------------------------------------
# Never log case content, personal data or client addresses: request logging is
# limited to method, path and status (see kern.logging).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "zonder_persoonsgegevens": {"()": "kern.logging.ZonderPersoonsgegevens"},
        "onbekende_host_kort": {"()": "kern.logging.OnbekendeHostKort"},
    },
    "formatters": {"kort": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "kort",
            "filters": ["zonder_persoonsgegevens"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint and fontTools report every step of every PDF at INFO (seven lines
        # per letter); their warnings and errors still come through.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # A request for an unknown host: one warning line, no traceback (kern.logging).
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["onbekende_host_kort"],
            "propagate": False,
        },
    },
}
