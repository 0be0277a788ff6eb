from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from kern import auth as kern_auth
from kern import inschrijving
from kern.forms import InlogForm, TokenForm
from kern.oidc import services as oidc_services
from kern.selectors import hartslag_status, post_stand

SESSIE_SLEUTEL = "kern_wachtwoord_ok_voor"
INSCHRIJFLINK_SLEUTEL = "kern_inschrijflink"


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return doel
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters()
@csrf_protect
@never_cache
def inloggen(request):
    """Step 1: username and password. Step 2 (tweede_factor) follows."""
    form = InlogForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        gebruiker = form.get_user()
        auth.login(request, gebruiker)
        request.session[SESSIE_SLEUTEL] = gebruiker.pk
        return redirect(f"{_tweede_factor_url()}?{urlencode({'next': _volgende(request)})}")
    return render(request, "kern/inloggen.html", {"form": form, "next": _volgende(request)})


def _tweede_factor_url() -> str:

    return reverse("kern:tweede_factor")


@sensitive_post_parameters()
@csrf_protect
@never_cache
def tweede_factor(request):
    """Step 2: a TOTP code; enrolment with a QR code when the user has none yet."""
    if not request.user.is_authenticated or request.session.get(SESSIE_SLEUTEL) != request.user.pk:
        return redirect(settings.LOGIN_URL)
    gebruiker = request.user
    apparaat = kern_auth.bevestigd_apparaat(gebruiker=gebruiker)
    inschrijven = apparaat is None
    link = None
    if inschrijven:
        link = _inschrijflink_van_sessie(request)
        if link is None and settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT:
            return render(request, "kern/inschrijflink_nodig.html", status=403)
        apparaat = kern_auth.totp_apparaat_voorbereiden(gebruiker=gebruiker)
    form = TokenForm(request.POST or None, apparaat=apparaat)
    if request.method == "POST" and form.is_valid():
        if inschrijven:
            kern_auth.totp_apparaat_bevestigen(apparaat=apparaat, door=gebruiker, inschrijflink=link)
            request.session.pop(INSCHRIJFLINK_SLEUTEL, None)
        otp_login(request, apparaat)
        kern_auth.inloggen_vastleggen(gebruiker=gebruiker)
        del request.session[SESSIE_SLEUTEL]
        return redirect(_volgende(request))
    context = {
        "form": form,
        "inschrijven": inschrijven,
        "next": _volgende(request),
        "tweede_factor_verplicht": settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT,
    }
    context["passkey_beschikbaar"] = not inschrijven and kern_auth.heeft_passkey(gebruiker=gebruiker)
    if inschrijven:
        context["qr_svg"] = kern_auth.totp_qr_svg(apparaat)
        context["geheim"] = kern_auth.totp_geheim_base32(apparaat)
    return render(request, "kern/tweede_factor.html", context)


def _inschrijflink_van_sessie(request):
    """The enrolment link this browser opened, if it is this user's and still valid
    (docs/threat-model.md §5). The password alone never allows an enrolment."""
    return inschrijving.inschrijflink_voor_sessie(
        link_pk=request.session.get(INSCHRIJFLINK_SLEUTEL), gebruiker=request.user
    )


@never_cache
def inschrijven(request, token: str):
    """Opening the e-mailed enrolment link: remembered in the session, then the
    ordinary login (password, then the enrolment of the authenticator)."""
    link = inschrijving.inschrijflink_geldig(token=token)
    if link is None:
        return render(request, "kern/inschrijflink_ongeldig.html", status=404)
    if request.user.is_authenticated and request.user.pk != link.gebruiker_id:
        auth.logout(request)
    request.session[INSCHRIJFLINK_SLEUTEL] = link.pk
    return redirect(settings.LOGIN_URL)


@never_cache
def passkey_toevoegen(request):
    """Add a passkey (WebAuthn) beside the authenticator app; only for a session
    that passed the second factor (kern/passkeys.py; docs/threat-model.md §2)."""
    if not request.user.is_authenticated or not request.user.is_verified():
        return redirect(settings.LOGIN_URL)
    return render(request, "kern/passkey_toevoegen.html", {"aantal": kern_auth.aantal_passkeys(gebruiker=request.user)})


def uitloggen(request):
    doel = resolve_url(settings.LOGIN_URL)
    if request.method == "POST":
        # A session from the identity provider ends there too (RP-initiated logout).
        doel = oidc_services.uitlog_url(request)
        auth.logout(request)
    return redirect(doel)


@never_cache
def gezondheid(request):
    """Health endpoint for load balancers and monitoring; no personal data."""
    status = hartslag_status()
    try:
        connection.ensure_connection()
        database_ok = True
    except Exception:  # pragma: no cover - reported, not raised
        database_ok = False
    ok = database_ok and status["ok"]
    return JsonResponse(
        {
            "status": "ok" if ok else "fout",
            "database": database_ok,
            "planner": {
                "ok": status["ok"],
                "laatste_run": status["laatste"].isoformat() if status["laatste"] else None,
                "taken": {taak: moment.isoformat() if moment else None for taak, moment in status["taken"].items()},
            },
            # The outbox (kern/post.py): failed messages for operations, as counts
            # only; they do not make the instance unhealthy for the load balancer.
            "post": post_stand() if database_ok else None,
        },
        status=200 if ok else 503,
    )
