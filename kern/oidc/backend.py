"""Authentication backend: mozilla-django-oidc's code flow (with PKCE), with
Meldpunt's matching by issuer + subject instead of the library's e-mail match."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from kern.oidc import services


class OidcBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.MELDPUNT_OIDC_AAN:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; OpenID Connect Core
        §3.1.3.7 also requires the issuer and the audience to be ours."""
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from another issuer.")
        aud = payload.get("aud")
        doelgroep = [aud] if isinstance(aud, str) else list(aud or [])
        if self.OIDC_RP_CLIENT_ID not in doelgroep:
            raise SuspiciousOperation("ID token for another client.")
        if len(doelgroep) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token with several audiences and another azp.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        subject = payload.get("sub")
        if not subject:
            raise SuspiciousOperation("ID token without subject.")
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core §5.3.2: userinfo of another subject must not be used.
            if userinfo.get("sub") != subject:
                raise SuspiciousOperation("Userinfo of another subject.")
            claims = {**userinfo, **payload}
        # The callback view reads amr/acr from here to decide on the second factor.
        self.request.oidc_claims = {"amr": payload.get("amr"), "acr": payload.get("acr")}
        return services.aanmelding_verwerken(issuer=payload["iss"], subject=subject, claims=claims)

    def get_user(self, user_id):
        # The library's get_user also returns deactivated accounts; Django's does not.
        gebruiker = super().get_user(user_id)
        return gebruiker if gebruiker is not None and self.user_can_authenticate(gebruiker) else None
