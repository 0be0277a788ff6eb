"""Periodic re-confirmation of an OIDC session at the provider.

mozilla-django-oidc's SessionRefresh sends the browser to the provider with
prompt=none once the interval (OIDC_VERVERSEN_SECONDEN) has passed; when the
provider refuses (the account was closed or disabled there), the callback ends
the Meldpunt session (kern.oidc.views.TerugView). Sessions of the local password
login are never touched.

Settings are read per request, not at start-up, so the behaviour follows the
configuration (and tests that switch OIDC on) without a restart.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import cached_property
from mozilla_django_oidc.middleware import SessionRefresh

OIDC_BACKEND = "kern.oidc.backend.OidcBackend"


class SessieVerversen(SessionRefresh):
    def __init__(self, get_response):
        # Skip SessionRefresh.__init__: it copies the settings once at start-up.
        MiddlewareMixin.__init__(self, get_response)

    OIDC_EXEMPT_URLS = ()
    OIDC_OP_AUTHORIZATION_ENDPOINT = property(lambda self: settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_STATE_SIZE = 32
    OIDC_AUTHENTICATION_CALLBACK_URL = property(lambda self: settings.OIDC_AUTHENTICATION_CALLBACK_URL)
    OIDC_RP_SCOPES = property(lambda self: settings.OIDC_RP_SCOPES)
    OIDC_USE_NONCE = True
    OIDC_NONCE_SIZE = 32

    @cached_property
    def exempt_urls(self):
        return {
            reverse("kern_oidc:start"),
            reverse("kern_oidc:terug"),
            reverse("kern:uitloggen"),
        }

    def is_refreshable_url(self, request):
        return (
            settings.MELDPUNT_OIDC_AAN
            and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND
            and super().is_refreshable_url(request)
        )

    def process_response(self, request, response):
        # The logout form of an OIDC session ends at the provider's
        # end_session_endpoint: browsers apply CSP form-action to the redirect
        # after a form POST, so that origin is allowed on these sessions' pages.
        eind = settings.MELDPUNT_OIDC_END_SESSION_ENDPOINT
        sessie = getattr(request, "session", None)
        if settings.MELDPUNT_OIDC_AAN and eind and sessie is not None and sessie.get("oidc_id_token"):
            deel = urlsplit(eind)
            bijwerken = dict(getattr(response, "_csp_update", None) or {})
            bijwerken["form-action"] = [*bijwerken.get("form-action", []), f"{deel.scheme}://{deel.netloc}"]
            response._csp_update = bijwerken
        return response
