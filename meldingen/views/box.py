"""The melder's mailbox, opened with the receipt code (docs/melderzijde.md)."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kern.forms import validatiefout_naar_formulier
from meldingen import selectors, uitbreidingen
from meldingen.constants import Status
from meldingen.forms import (
    BerichtFormulier,
    CodeFormulier,
    IntrekFormulier,
    NotificatieFormulier,
    VerzoekAntwoordFormulier,
    WissingFormulier,
)
from meldingen.overgangen import mag_overgang
from meldingen.services import afsluiten as afsluiten_services
from meldingen.services import bijlagen as bijlage_services
from meldingen.services import identiteit as identiteit_services
from meldingen.services import meldingsbox as box_services
from meldingen.services.afsluiten import GEVOLGEN_INTREKKEN
from meldingen.views.melden import SESSIE_BOX, _post_gegevens


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
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
        elif poging.uitkomst == box_services.Uitkomst.VERVANGEN:
            form.add_error(
                "code",
                _(
                    "Deze code is op %(datum)s vervangen door een nieuwe en werkt niet meer. Hebt u zelf om een "
                    "nieuwe code gevraagd? Gebruik dan die. Vroeg u er niet om? Neem dan contact op met het Huis "
                    "voor Klokkenluiders (huisvoorklokkenluiders.nl) of met de vertrouwenspersoon van uw organisatie."
                )
                % {"datum": date_format(poging.vervangen_op, "j F Y")},
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
        # AVG art. 17: asking to erase the identity, and where that request stands.
        "wissing": selectors.wissingsstand(melding=box.melding),
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
@require_safe
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
@require_safe
def box_bijlage(request, uuid):
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        raise Http404
    bijlage = selectors.bijlage_voor_melder(meldingsbox=meldingsbox, uuid=uuid)
    inhoud = bijlage_services.bijlage_inhoud_lezen(bijlage=bijlage, door=None)
    return _bestand_antwoord(inhoud, bijlage.bestandsnaam, bijlage.inhoudstype)


@never_cache
@require_safe
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
@require_http_methods(["GET", "HEAD", "POST"])
def box_identiteit_wissen(request):
    """AVG art. 17: the melder reads what erasing their identity means, then asks
    for it by confirming. Nothing here is limited per IP address (docs/melderzijde.md)."""
    meldingsbox = _box_of_none(request)
    if meldingsbox is None:
        return redirect("meldingen:box_openen")
    stand = selectors.wissingsstand(melding=meldingsbox.melding)
    if not stand.mag_vragen:
        # Nothing to erase, or a request already waits: the mailbox says which.
        return redirect(reverse("meldingen:box") + "#identiteit")
    form = WissingFormulier(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = identiteit_services.wissing_aanvragen(meldingsbox=meldingsbox)
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            uiterlijk = selectors.wissing_uiterlijk(verzoek=verzoek)
            messages.success(
                request,
                _("Uw verzoek om uw identiteit te wissen is verstuurd. Uiterlijk op %(datum)s krijgt u antwoord.")
                % {"datum": date_format(uiterlijk, "j F Y")},
            )
            return redirect(reverse("meldingen:box") + "#identiteit")
    context = {
        "box": meldingsbox,
        "melding": meldingsbox.melding,
        "organisatie": meldingsbox.melding.organisatie,
        "gevolgen": identiteit_services.gevolgen_identiteit_wissen(melding=meldingsbox.melding),
        "form": form,
    }
    return render(request, "meldingen/box_identiteit_wissen.html", context, status=400 if form.errors else 200)


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
