"""URLs of the passkey ceremonies, under the names django-otp-webauthn's
template tags reverse (namespace `otp_webauthn`), with our stricter views."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from kern import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path("registratie/begin/", passkeys.PasskeyRegistratieStarten.as_view(), name="credential-registration-begin"),
    path(
        "registratie/afronden/", passkeys.PasskeyRegistratieAfronden.as_view(), name="credential-registration-complete"
    ),
    path("inloggen/begin/", passkeys.PasskeyInloggenStarten.as_view(), name="credential-authentication-begin"),
    path("inloggen/afronden/", passkeys.PasskeyInloggenAfronden.as_view(), name="credential-authentication-complete"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
