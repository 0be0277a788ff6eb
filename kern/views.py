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
from kern.forms import InlogForm, TokenForm
from kern.selectors import hartslag_status

SESSIE_SLEUTEL = "kern_wachtwoord_ok_voor"


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
        return redirect(f"{_tweede_factor_url()}?next={_volgende(request)}")
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
    if inschrijven:
        apparaat = kern_auth.totp_apparaat_voorbereiden(gebruiker=gebruiker)
    form = TokenForm(request.POST or None, apparaat=apparaat)
    if request.method == "POST" and form.is_valid():
        if inschrijven:
            kern_auth.totp_apparaat_bevestigen(apparaat=apparaat, door=gebruiker)
        otp_login(request, apparaat)
        del request.session[SESSIE_SLEUTEL]
        return redirect(_volgende(request))
    context = {
        "form": form,
        "inschrijven": inschrijven,
        "next": _volgende(request),
        "tweede_factor_verplicht": settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT,
    }
    if inschrijven:
        context["qr_svg"] = kern_auth.totp_qr_svg(apparaat)
        context["geheim"] = kern_auth.totp_geheim_base32(apparaat)
    return render(request, "kern/tweede_factor.html", context)


def uitloggen(request):
    if request.method == "POST":
        auth.logout(request)
    return redirect(settings.LOGIN_URL)


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
        },
        status=200 if ok else 503,
    )
