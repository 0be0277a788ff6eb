"""The OpenID Connect endpoints of Meldpunt: start, return from the provider, and
enrolling Meldpunt's own authenticator for signing."""

from __future__ import annotations

import requests
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kern import auth as kern_auth
from kern.admin_site import tweede_factor_in_orde
from kern.forms import TokenForm
from kern.oidc import services
from kern.oidc.mfa import mfa_door_provider
from kern.oidc.models import ProviderMfaApparaat
from kern.views import SESSIE_SLEUTEL

GEEN_TOEGANG = _(
    "Inloggen via uw organisatie gaf geen toegang tot Meldpunt. Heeft u wel een account? Vraag de "
    "functioneel beheerder of beheer uw account te koppelen."
)
SESSIE_BEEINDIGD = _("Uw sessie is beëindigd: uw organisatie bevestigde uw aanmelding niet meer. Log opnieuw in.")
AUTHENTICATOR_NODIG = _(
    "Om te ondertekenen vraagt Meldpunt altijd een code uit een eigen authenticator-app. U heeft die nog "
    "niet gekoppeld: doe dat eerst via"
)


class _AlleenAlsIngesteld:
    def dispatch(self, request, *args, **kwargs):
        if not settings.MELDPUNT_OIDC_AAN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class StartView(_AlleenAlsIngesteld, OIDCAuthenticationRequestView):
    """Send the browser to the provider: code flow, PKCE (S256), state and nonce."""


class TerugView(_AlleenAlsIngesteld, OIDCAuthenticationCallbackView):
    """The provider's redirect back: tokens, subject match, then the second factor."""

    @property
    def failure_url(self):
        return reverse(settings.LOGIN_URL)

    def get(self, request):
        if request.GET.get("error"):
            # A refusal, also of the periodic re-confirmation (prompt=none): the
            # library ends the session; we record who lost it and why. Only for a
            # flow this browser started (known state), so a crafted URL cannot
            # fill the audit log.
            gebruiker = request.user if request.user.is_authenticated else None
            if request.GET.get("state") in (request.session.get("oidc_states") or {}):
                services.weigering_registreren(gebruiker=gebruiker, fout=request.GET["error"])
            self._melding = SESSIE_BEEINDIGD if gebruiker is not None else GEEN_TOEGANG
        try:
            return super().get(request)
        except requests.RequestException:
            # The provider is unreachable or refused the code; never a 500 with its answer.
            services.weigering_registreren(gebruiker=None, fout="token_request_failed")
            return self.login_failure()

    def login_failure(self):
        messages.error(self.request, getattr(self, "_melding", GEEN_TOEGANG))
        return super().login_failure()

    def login_success(self):
        verversing = self.request.user.is_authenticated and self.request.user == self.user
        response = super().login_success()
        if verversing:
            # The periodic re-confirmation: the session continues as it was verified.
            return response
        claims = getattr(self.request, "oidc_claims", {}) or {}
        door_provider = mfa_door_provider(claims)
        services.inlog_registreren(gebruiker=self.user, tweede_factor_door_provider=door_provider)
        if door_provider:
            otp_login(self.request, services.mfa_apparaat_vastleggen(gebruiker=self.user))
            if kern_auth.bevestigd_apparaat(gebruiker=self.user) is None:
                messages.info(
                    self.request,
                    format_html(
                        '{} <a href="{}">{}</a>.',
                        AUTHENTICATOR_NODIG,
                        reverse("kern_oidc:authenticator"),
                        _("Authenticator koppelen"),
                    ),
                )
            return response
        # No multi-factor assertion: Meldpunt's own second factor (kern.views), as
        # after the password step.
        self.request.session[SESSIE_SLEUTEL] = self.user.pk
        return HttpResponseRedirect(f"{reverse('kern:tweede_factor')}?{urlencode({'next': response.url})}")


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return doel
    return reverse("admin:index")


@sensitive_post_parameters()
@csrf_protect
@never_cache
def authenticator_koppelen(request):
    """Enrol Meldpunt's own authenticator after signing in through the provider.

    Signing asks a fresh code from it (kern/ondertekening.py); the provider's
    second factor never signs. Only for a verified session without one yet."""
    if not tweede_factor_in_orde(request):
        return redirect(settings.LOGIN_URL)
    gebruiker = request.user
    if kern_auth.bevestigd_apparaat(gebruiker=gebruiker) is not None:
        return redirect(_volgende(request))
    apparaat = kern_auth.totp_apparaat_voorbereiden(gebruiker=gebruiker)
    form = TokenForm(request.POST or None, apparaat=apparaat)
    if request.method == "POST" and form.is_valid():
        # The provider's multi-factor sign-in stands in for the enrolment link
        # (docs/threat-model.md §5): the password the functioneel beheerder set
        # played no part in this session.
        kern_auth.totp_apparaat_bevestigen(
            apparaat=apparaat,
            door=gebruiker,
            provider_mfa=isinstance(getattr(gebruiker, "otp_device", None), ProviderMfaApparaat),
        )
        messages.success(request, _("Uw authenticator-app is gekoppeld. U kunt nu ondertekenen."))
        return redirect(_volgende(request))
    return render(
        request,
        "kern/oidc/authenticator_koppelen.html",
        {
            "form": form,
            "next": _volgende(request),
            "qr_svg": kern_auth.totp_qr_svg(apparaat),
            "geheim": kern_auth.totp_geheim_base32(apparaat),
        },
    )
