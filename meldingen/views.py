"""Views of the melder's side, thin: forms in, services and selectors out.

No IP address is read or stored here, nothing is loaded from third parties, and
only the session and CSRF cookies are set (docs/vertrouwelijkheid.md–5). The mailbox keeps
just its UUID in the session after the receipt code was checked.
"""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from kern.admin_site import tweede_factor_in_orde
from kern.forms import validatiefout_naar_formulier
from meldingen import selectors, uitbreidingen
from meldingen.constants import Identiteitskeuze, Kanaal, Status, Wijze
from meldingen.forms import (
    BerichtFormulier,
    CodeFormulier,
    IntrekFormulier,
    MeldFormulier,
    NotificatieFormulier,
    RegistratieFormulier,
    VerzoekAntwoordFormulier,
)
from meldingen.overgangen import mag_overgang
from meldingen.services import afsluiten as afsluiten_services
from meldingen.services import bijlagen as bijlage_services
from meldingen.services import melder as melder_services
from meldingen.services import meldingsbox as box_services
from meldingen.services.afsluiten import GEVOLGEN_INTREKKEN

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


@never_cache
@sensitive_post_parameters()
def box_openen(request):
    form = CodeFormulier(*_post_gegevens(request)[:1])
    if request.method == "POST" and form.is_valid():
        poging = box_services.meldingsbox_openen(
            code=form.cleaned_data["code"], wachtbewijs=form.cleaned_data.get("wachtbewijs") or ""
        )
        if poging.uitkomst == box_services.Uitkomst.GEOPEND:
            request.session.cycle_key()
            request.session[SESSIE_BOX] = str(poging.meldingsbox.uuid)
            return redirect("meldingen:box")
        if poging.uitkomst == box_services.Uitkomst.VERNIETIGD:
            form.add_error(
                "code",
                _("Deze melding is op %(datum)s vernietigd volgens het bewaarbeleid. Er is niets meer in te zien.")
                % {"datum": date_format(poging.vernietigd_op, "j F Y") if poging.vernietigd_op else "?"},
            )
        elif poging.uitkomst == box_services.Uitkomst.WACHTEN:
            # Answered at once, never slept on: the worker is free for the next
            # request (docs/hostile-input.md, "Receipt codes").
            form = CodeFormulier(
                initial={"code": form.cleaned_data["code"], "wachtbewijs": poging.wachtbewijs},
            )
            antwoord = render(
                request,
                "meldingen/box_openen.html",
                {"form": form, "wachttijd": poging.wachttijd},
                status=429,
            )
            antwoord["Retry-After"] = str(poging.wachttijd)
            return antwoord
        else:
            # The same words for a wrong and an unknown code.
            form.add_error("code", _("Deze code klopt niet. Controleer de code en probeer het opnieuw."))
    return render(request, "meldingen/box_openen.html", {"form": form}, status=400 if form.errors else 200)


def meldingsbox_uit_sessie(request):
    """The mailbox this session opened with its receipt code, or None. Higher apps
    with pages for the melder (meldingen.uitbreidingen) use this too."""
    return selectors.meldingsbox_ophalen(uuid=request.session.get(SESSIE_BOX))


_box_of_none = meldingsbox_uit_sessie


def _extra_secties(request, box) -> list[str]:

    return [
        render_to_string(sectie.template, {"box": box, "melding": box.melding, **sectie.context}, request=request)
        for sectie in uitbreidingen.secties_voor(meldingsbox=box)
    ]


def _box_context(request, box, **extra) -> dict:
    context = {
        "box": box,
        "melding": box.melding,
        "organisatie": box.melding.organisatie,
        "overzicht": selectors.meldingsbox_overzicht(meldingsbox=box),
        **selectors.meldingsbox_tijdlijn(meldingsbox=box),
        "bericht_form": BerichtFormulier(),
        "notificatie_form": NotificatieFormulier(initial={"notificatie_email": box.notificatie_email}),
        "antwoord_forms": {},
        "extra_secties": _extra_secties(request, box),
        # Offered while the table allows the melder's withdrawal (meldingen.workflow).
        "mag_intrekken": mag_overgang(melding=box.melding, naar=Status.INGETROKKEN, gebruiker=None),
        "intrek_form": IntrekFormulier(),
        "gevolgen_intrekken": GEVOLGEN_INTREKKEN,
    }
    context.update(extra)
    for verzoek in context["verzoeken_open"]:
        sleutel = str(verzoek.uuid)
        verzoek.antwoord_form = context["antwoord_forms"].get(sleutel) or VerzoekAntwoordFormulier(prefix=sleutel)
        verzoek.vastlegging = context["vastleggingen"].get(verzoek.object_uuid) or context["onderwerpen"].get(
            str(verzoek.uuid)
        )
    return context


@never_cache
def box(request):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    return render(request, "meldingen/box.html", _box_context(request, meldingsbox))


@never_cache
@require_POST
def box_bericht(request):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    form = BerichtFormulier(request.POST, request.FILES)
    if form.is_valid():
        try:
            box_services.bericht_van_melder(
                meldingsbox=meldingsbox,
                tekst=form.cleaned_data["tekst"],
                bijlagen=form.cleaned_data.get("voorbereide_bijlagen") or [],
            )
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect(reverse("meldingen:box") + "#berichten")
    return render(request, "meldingen/box.html", _box_context(request, meldingsbox, bericht_form=form), status=400)


@never_cache
@require_POST
def box_notificatie(request):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    form = NotificatieFormulier(request.POST)
    if form.is_valid():
        box_services.notificatie_email_instellen(meldingsbox=meldingsbox, email=form.cleaned_data["notificatie_email"])
        messages.success(request, _("Uw keuze voor e-mailberichten is opgeslagen."))
        return redirect("meldingen:box")
    return render(request, "meldingen/box.html", _box_context(request, meldingsbox, notificatie_form=form), status=400)


@never_cache
@require_POST
def box_verzoek(request, uuid):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    verzoek = selectors.verzoek_voor_melder(meldingsbox=meldingsbox, uuid=uuid)
    form = VerzoekAntwoordFormulier(request.POST, prefix=str(verzoek.uuid))
    if form.is_valid():
        try:
            box_services.verzoek_beantwoorden(
                meldingsbox=meldingsbox,
                verzoek=verzoek,
                akkoord=form.akkoord_waarde(),
                antwoord=form.cleaned_data["antwoord"],
            )
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            messages.success(request, _("Uw antwoord is verstuurd."))
            return redirect("meldingen:box")
    context = _box_context(request, meldingsbox, antwoord_forms={str(verzoek.uuid): form})
    return render(request, "meldingen/box.html", context, status=400)


def _bestand_antwoord(inhoud: bytes, naam: str, inhoudstype: str) -> FileResponse:

    antwoord = FileResponse(io.BytesIO(inhoud), as_attachment=True, filename=naam, content_type=inhoudstype)
    antwoord["Cache-Control"] = "no-store"
    return antwoord


@never_cache
def box_bijlage(request, uuid):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        raise Http404
    bijlage = selectors.bijlage_voor_melder(meldingsbox=meldingsbox, uuid=uuid)
    inhoud = bijlage_services.bijlage_inhoud_lezen(bijlage=bijlage, door=None)
    return _bestand_antwoord(inhoud, bijlage.bestandsnaam, bijlage.inhoudstype)


@never_cache
def box_brief(request, uuid):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        raise Http404
    brief = selectors.brief_voor_melder(meldingsbox=meldingsbox, uuid=uuid)
    if not brief.pdf:
        raise Http404
    inhoud = box_services.brief_pdf_lezen(brief=brief, door=None)
    return _bestand_antwoord(inhoud, f"brief-{brief.verzonden_op:%Y-%m-%d}.pdf", "application/pdf")


@never_cache
@require_POST
def box_intrekken(request):
    """The melder withdraws the report from the mailbox (docs/rollen.md)."""
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    form = IntrekFormulier(request.POST)
    if form.is_valid():
        try:
            afsluiten_services.melding_intrekken(meldingsbox=meldingsbox, reden=form.cleaned_data["reden"])
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            messages.success(request, _("Uw melding is ingetrokken.") + " " + str(GEVOLGEN_INTREKKEN))
            return redirect("meldingen:box")
    return render(request, "meldingen/box.html", _box_context(request, meldingsbox, intrek_form=form), status=400)


@never_cache
def box_sluiten(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    request.session.flush()
    messages.info(
        request, _("Uw meldingsbox is gesloten. Sluit ook het browservenster als u een gedeelde computer gebruikt.")
    )
    return redirect("meldingen:box_openen")


# --- Staff: oral, phone, post and in-person reports (Art. 3.4, 8.1–8.2) ------------------


def _personeel_of_404(request):
    # Missing and forbidden look alike (docs/vertrouwelijkheid.md).
    if not (request.user.is_authenticated and request.user.is_staff and tweede_factor_in_orde(request)):
        raise Http404


@never_cache
@sensitive_post_parameters()
def personeel_registreren(request, slug):
    _personeel_of_404(request)
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    form = RegistratieFormulier(*_post_gegevens(request))
    if request.method == "POST" and form.is_valid():
        try:
            bewijs = melder_services.melding_registreren_door_functionaris(
                organisatie=organisatie,
                inhoud=form.inhoud(),
                identiteit=form.identiteit(),
                identiteitskeuze=Identiteitskeuze(form.cleaned_data["identiteitskeuze"]),
                kanaal=Kanaal(form.cleaned_data["kanaal"]),
                wijze=Wijze(form.cleaned_data["wijze"]),
                formeel=form.cleaned_data["toestemming"] == "ja",
                door=request.user,
            )
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            request.session[SESSIE_CODE] = bewijs.code
            return redirect("meldingen:personeel_ontvangstbewijs", slug=organisatie.slug)
    context = {
        "organisatie": organisatie,
        "form": form,
        "personeel": True,
        "formulier_cache_tijd": 0,
        "formulier_cache_sleutel": "personeel",
    }
    return render(request, "meldingen/personeel_registreren.html", context, status=400 if form.errors else 200)


@never_cache
def personeel_ontvangstbewijs(request, slug):
    """A printable page for the melder: only the code and the mailbox address."""
    _personeel_of_404(request)
    organisatie = selectors.organisatie_ophalen_op_slug(slug=slug)
    code = request.session.pop(SESSIE_CODE, None)
    box_url = request.build_absolute_uri(reverse("meldingen:box_openen"))
    return render(
        request, "meldingen/ontvangstbewijs_papier.html", {"organisatie": organisatie, "code": code, "box_url": box_url}
    )


@never_cache
@require_POST
def personeel_nieuwe_code(request, uuid):
    """A new receipt code on paper for a melder who lost theirs. Only the receiving
    officer (who may see the identity) can do this: a new code opens the mailbox."""
    _personeel_of_404(request)
    melding = selectors.melding_ophalen_voor(user=request.user, uuid=uuid, perm="meldingen.identiteit_inzien")
    meldingsbox = selectors.meldingsbox_van(melding=melding)
    try:
        nieuwe = box_services.ontvangstcode_vernieuwen(meldingsbox=meldingsbox, door=request.user)
    except PermissionDenied:
        raise Http404 from None  # not the receiving officer: as if there were nothing
    request.session[SESSIE_CODE] = nieuwe.code
    return redirect("meldingen:personeel_ontvangstbewijs", slug=melding.organisatie.slug)


@never_cache
def personeel_bijlage(request, uuid):
    """An attachment for staff assigned to the case; each download audited."""
    _personeel_of_404(request)
    bijlage = selectors.bijlage_ophalen_voor(user=request.user, uuid=uuid)
    inhoud = bijlage_services.bijlage_inhoud_lezen(bijlage=bijlage, door=request.user)
    return _bestand_antwoord(inhoud, bijlage.bestandsnaam, bijlage.inhoudstype)
