"""The public front door, the report form and the receipt page (docs/melderzijde.md)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kern.forms import validatiefout_naar_formulier
from meldingen import selectors, uitbreidingen
from meldingen.constants import Identiteitskeuze, Kanaal
from meldingen.forms import (
    MeldFormulier,
)
from meldingen.services import melder as melder_services

SESSIE_CODE = "meldingen_ontvangstcode"
SESSIE_BOX = "meldingen_meldingsbox"


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


def voordeur(request):
    """The site's root: how to report, the way back to the mailbox, the staff
    login. Lists organisations only where the installation allows it."""
    return render(request, "meldingen/voordeur.html", {"organisaties": selectors.organisaties_voor_voordeur()})


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def melden(request, slug):
    """The public report form of one organisation (no account)."""
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    kanalen = selectors.kanalen_met_ontvangers(organisatie=organisatie)
    form = MeldFormulier(*_post_gegevens(request), kanalen=kanalen)
    if request.method == "POST" and form.is_valid():
        try:
            # The report and the session that carries its receipt code to the next
            # page are committed together: a report is never stored without its
            # code reaching the melder, nor a code shown for a report not stored.
            with transaction.atomic():
                bewijs = melder_services.melding_indienen(
                    organisatie=organisatie,
                    inhoud=form.inhoud(),
                    identiteit=form.identiteit(),
                    identiteitskeuze=Identiteitskeuze(form.cleaned_data["identiteitskeuze"]),
                    kanaal=Kanaal(form.cleaned_data["kanaal"]),
                    formeel=form.cleaned_data["toestemming"] == "ja",
                    notificatie_email=form.cleaned_data["notificatie_email"],
                )
                # Shown once on the next page, then removed from the session. A
                # session that already existed gets a new key (no fixation).
                if request.session.session_key:
                    request.session.cycle_key()
                request.session[SESSIE_CODE] = bewijs.code
                request.session.save()
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            return _met_sessiecookie(request, redirect("meldingen:ontvangen", slug=organisatie.slug))
    return render(
        request, "meldingen/melden.html", _meldcontext(organisatie, form, kanalen), status=400 if form.errors else 200
    )


def _met_sessiecookie(request, antwoord):
    """The session was saved in the submission's transaction: set its cookie here
    (as SessionMiddleware would) and tell the middleware not to write it again,
    so nothing after the commit can fail the request (docs/adr/0008-intake-onder-last.md)."""
    request.session.modified = False
    antwoord.set_cookie(
        settings.SESSION_COOKIE_NAME,
        request.session.session_key,
        max_age=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE,
        domain=settings.SESSION_COOKIE_DOMAIN,
        path=settings.SESSION_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=settings.SESSION_COOKIE_HTTPONLY or None,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
    return antwoord


@never_cache
def ontvangen(request, slug):
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    code = request.session.pop(SESSIE_CODE, None)
    return render(request, "meldingen/ontvangen.html", {"organisatie": organisatie, "code": code})
