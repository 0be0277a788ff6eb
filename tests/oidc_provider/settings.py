"""A real OpenID Connect provider for the test suite (django-oidc-provider), run
as its own process on a free loopback port by tests/conftest.py. Not part of
Meldpunt: it stands in for the organisation's Entra ID or Keycloak."""

import os

SECRET_KEY = "test-op-only-" + "y" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
    "tests.oidc_provider.apps.TestProviderConfig",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OP_DATABASE"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LANGUAGE_CODE = "en"
LOGIN_URL = "/inloggen/"
# Own cookie names: the provider and Meldpunt may share a host name in a test.
SESSION_COOKIE_NAME = "op_sessie"
CSRF_COOKIE_NAME = "op_csrf"
SITE_URL = os.environ["OP_URL"]
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.oidc_provider.hooks.amr_toevoegen"
OIDC_USERINFO = "tests.oidc_provider.hooks.userinfo"
OIDC_IDTOKEN_EXPIRE = 600
