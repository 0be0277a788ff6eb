"""Passkeys (WebAuthn) as a phishing-resistant second factor beside TOTP
(django-otp-webauthn; docs/threat-model.md §2).

A passkey is bound to the site's origin, so a look-alike login page cannot
relay it. Policy:

- a passkey is added only by a session that already passed a second factor
  (django-otp-webauthn itself would let an account without any device register
  one with the password alone, which would undo the enrolment link of §5);
- it is used only as the second step after the password (no passwordless login);
- signing (kern.ondertekening) keeps asking a TOTP code, so every account keeps
  its authenticator app as well.
"""

from __future__ import annotations

from django.db import transaction
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from kern import auditnotities
from kern.auth import inloggen_vastleggen
from kern.models import AuditActie, AuditCategorie
from kern.services import auditregel_schrijven

WACHTWOORD_SESSIE_SLEUTEL = "kern_wachtwoord_ok_voor"  # kern.views.SESSIE_SLEUTEL


def rp_id(request) -> str:
    """The relying party is the host the staff member reached (ALLOWED_HOSTS has
    vetted it), without the port."""
    return request.get_host().rsplit(":", 1)[0] if not request.get_host().startswith("[") else request.get_host()


class MeldpuntWebAuthnHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        # The origin of this very request: its host passed ALLOWED_HOSTS, and the
        # browser signs the origin it really talks to, so a phishing origin fails.
        return [f"{self.request.scheme}://{self.request.get_host()}"]


class AlleenNaTweedeFactor(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "tweede_factor_eerst"
    default_detail = "Log eerst in met uw authenticator-app; daarna kunt u een passkey toevoegen."


class PasskeyRegistratieStarten(BeginCredentialRegistrationView):
    def check_can_register(self):
        if not self.request.user.is_verified():
            raise AlleenNaTweedeFactor()


class PasskeyRegistratieAfronden(CompleteCredentialRegistrationView):
    def check_can_register(self):
        if not self.request.user.is_verified():
            raise AlleenNaTweedeFactor()

    def post(self, *args, **kwargs):
        with transaction.atomic():
            antwoord = super().post(*args, **kwargs)
            auditregel_schrijven(
                door=self.request.user,
                actie=AuditActie.AANGEMAAKT,
                object=self.request.user,
                toelichting=auditnotities.PASSKEY_TOEGEVOEGD(),
                categorie=AuditCategorie.INLOGGEN,
            )
        return antwoord


class NaWachtwoord(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "wachtwoord_eerst"
    default_detail = "Log eerst in met uw gebruikersnaam en wachtwoord."


class _NaWachtwoordMixin:
    def check_can_authenticate(self):
        # Second step only: the password step of kern.views.inloggen came first.
        user = self.request.user
        if not user.is_authenticated or self.request.session.get(WACHTWOORD_SESSIE_SLEUTEL) != user.pk:
            raise NaWachtwoord()
        super().check_can_authenticate()


class PasskeyInloggenStarten(_NaWachtwoordMixin, BeginCredentialAuthenticationView):
    pass


class PasskeyInloggenAfronden(_NaWachtwoordMixin, CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)

        inloggen_vastleggen(gebruiker=self.request.user)
        self.request.session.pop(WACHTWOORD_SESSIE_SLEUTEL, None)
