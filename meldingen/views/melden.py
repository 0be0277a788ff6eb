"""The public front door, the report form and the receipt page (docs/melderzijde.md)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from kern.crypto import ontsleutel_van_client, versleutel_voor_client
from kern.forms import validatiefout_naar_formulier
from meldingen import selectors, uitbreidingen
from meldingen.constants import Identiteitskeuze, Kanaal
from meldingen.forms import (
    MeldFormulier,
)
from meldingen.services import melder as melder_services

SESSIE_CODE = "meldingen_ontvangstcode"
SESSIE_BOX = "meldingen_meldingsbox"

# The web form's receipt code travels to the receipt page in a short-lived
# cookie, encrypted and authenticated with the application key (kern.crypto), sent
# only to that page and removed by it: the submission writes nothing but the
# report, no session row (docs/adr/0008-intake-onder-last.md).
ONTVANGST_COOKIE = "meldpunt_ontvangst"
ONTVANGST_COOKIE_SECONDEN = 15 * 60


def _post_gegevens(request) -> tuple:
    """Bound on every POST, even an empty one (an empty form must show its errors)."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


# How long the parts of the report form that are the same for every visitor
# (per organisation, its recipients and the language) are kept in the cache.
FORMULIER_CACHE_SECONDEN = 600


def _meldcontext(organisatie, form, kanalen=None) -> dict:
    # A returned form shows the melder's own input and errors: never cached. The
    # key names everything the cached parts show, so a changed organisation or
    # recipient list is a new key.
    cachebaar = not form.is_bound and kanalen is not None
    regeling_url = uitbreidingen.regeling_url(organisatie=organisatie)
    return {
        "organisatie": organisatie,
        "form": form,
        "geen_ontvangers": kanalen == [],
        "regeling_url": regeling_url,
        "formulier_cache_tijd": FORMULIER_CACHE_SECONDEN if cachebaar else 0,
        "formulier_cache_sleutel": (
            f"{organisatie.pk}:{organisatie.updated_at.timestamp()}:{','.join(kanalen)}:{regeling_url}"
            if cachebaar
            else "gebonden"
        ),
    }


@require_safe
def voordeur(request):
    """The site's root: how to report, the way back to the mailbox, the staff
    login. Lists organisations only where the installation allows it."""
    return render(request, "meldingen/voordeur.html", {"organisaties": selectors.organisaties_voor_voordeur()})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters()
@sensitive_variables()
def melden(request, slug):
    """The public report form of one organisation (no account)."""
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    # A submission is not checked against the channels the page offered: the
    # service refuses a channel without an officer when it selects the officers,
    # in the submission's transaction (which the page cannot: an officer may go
    # between the two). The channels are read only for a page to show.
    kanalen = None if request.method == "POST" else selectors.kanalen_met_ontvangers(organisatie=organisatie)
    form = MeldFormulier(*_post_gegevens(request), kanalen=kanalen)
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction (the service's own): the report is stored before the
            # code leaves the server; no savepoint, no session row.
            bewijs = melder_services.melding_indienen(
                organisatie=organisatie,
                inhoud=form.inhoud(),
                identiteit=form.identiteit(),
                identiteitskeuze=Identiteitskeuze(form.cleaned_data["identiteitskeuze"]),
                kanaal=Kanaal(form.cleaned_data["kanaal"]),
                formeel=form.cleaned_data["toestemming"] == "ja",
                notificatie_email=form.cleaned_data["notificatie_email"],
            )
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            antwoord = redirect("meldingen:ontvangen", slug=organisatie.slug)
            antwoord.set_cookie(
                ONTVANGST_COOKIE,
                versleutel_voor_client(bewijs.code),
                max_age=ONTVANGST_COOKIE_SECONDEN,
                path=antwoord.url,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=True,
                samesite="Strict",
            )
            return antwoord
    if kanalen is None:
        # A returned form offers the organisation's channels again.
        kanalen = selectors.kanalen_met_ontvangers(organisatie=organisatie)
        form.kanalen_beperken(kanalen)
    return render(
        request, "meldingen/melden.html", _meldcontext(organisatie, form, kanalen), status=400 if form.errors else 200
    )


@never_cache
@require_safe
def ontvangen(request, slug):
    """The receipt page: the code once, from the cookie the submission set; a
    reload or a forged, altered or expired cookie shows the page without it."""
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    token = request.COOKIES.get(ONTVANGST_COOKIE)
    code = ontsleutel_van_client(token, geldig_seconden=ONTVANGST_COOKIE_SECONDEN) if token else None
    antwoord = render(request, "meldingen/ontvangen.html", {"organisatie": organisatie, "code": code})
    if token:
        antwoord.delete_cookie(ONTVANGST_COOKIE, path=reverse("meldingen:ontvangen", kwargs={"slug": slug}))
    return antwoord
