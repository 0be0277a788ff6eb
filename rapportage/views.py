"""Pages of the annual report for the HL and the OR, and the public regulation.

Staff pages need a verified second factor, like the admin. Every object comes
from rapportage.selectors (404 for missing and forbidden alike); every write
goes through rapportage.services.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kern.admin_site import tweede_factor_in_orde
from kern.forms import validatiefout_naar_formulier
from kern.models import AuditActie
from kern.services import auditregel_schrijven
from meldingen import selectors as meldingen_selectors
from rapportage import selectors, services
from rapportage.constants import PdfStatus, RapportageStatus, VersieAanleiding
from rapportage.forms import NieuweRapportageForm, OrStandpuntForm, TekstenForm, VersieOndertekenForm
from rapportage.workflow import PROCEDURE, is_bewerkbaar


def personeel(view):
    """Active staff with a verified second factor and access to annual reports."""

    @wraps(view)
    def _view(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff and tweede_factor_in_orde(request)):
            return redirect_to_login(request.get_full_path(), login_url=reverse("kern:inloggen"))
        if not user.has_perm("rapportage.view_jaarrapportage"):
            raise Http404
        return never_cache(view)(request, *args, **kwargs)

    return _view


def _pagina(request, template: str, context: dict):
    """Staff pages look like the admin: same header, user links and styles."""

    return render(request, template, {**admin.site.each_context(request), **context})


def _fout(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for bericht in exc.messages:
            messages.error(request, bericht)
    else:
        messages.error(request, str(exc) or _("Dit mag u niet doen."))


@personeel
def lijst(request):
    organisaties = selectors.hl_organisaties(user=request.user)
    form = NieuweRapportageForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST" and form.is_valid():
        try:
            rapportage = services.jaarrapportage_aanmaken(
                organisatie=form.cleaned_data["organisatie"], jaar=form.cleaned_data["jaar"], door=request.user
            )
        except (ValidationError, PermissionDenied) as exc:
            _fout(request, exc)
        else:
            return redirect("rapportage:detail", uuid=rapportage.uuid)
    return _pagina(
        request,
        "rapportage/lijst.html",
        {
            "title": _("Jaarrapportages"),
            "rapportages": selectors.rapportages_zichtbaar_voor(user=request.user),
            "form": form if organisaties.exists() else None,
        },
    )


def _acties(user, rapportage) -> list[dict]:
    """The workflow steps this user may take now, from the transition table."""
    knoppen = {
        RapportageStatus.BIJ_OR: _("Concept naar de ondernemingsraad sturen"),
        RapportageStatus.STANDPUNT_OR: _("Standpunt van de ondernemingsraad vastleggen"),
        RapportageStatus.TER_GOEDKEURING: _("Verwerking ter goedkeuring aan de ondernemingsraad voorleggen"),
        RapportageStatus.GOEDGEKEURD: _("Verwerking goedkeuren"),
    }
    acties = []
    for (van, naar), regel in PROCEDURE.rijen.items():
        # Adoption is the signature on its own screen; the rest as the guard allows.
        if naar == RapportageStatus.VASTGESTELD or van != rapportage.status:
            continue
        if not PROCEDURE.mag_als(rapportage, regel, user):
            continue
        knop = knoppen[naar]
        if (van, naar) == (RapportageStatus.TER_GOEDKEURING, RapportageStatus.STANDPUNT_OR):
            knop = _("Verwerking niet goedkeuren")
        acties.append(
            {
                "naar": naar.value,
                "knop": knop,
                "artikel": regel.artikel,
                "toelichting": regel.reden_verplicht,
                # Art. 14.3: the date of the consultation meeting.
                "vergadering": (van, naar) == (RapportageStatus.BIJ_OR, RapportageStatus.STANDPUNT_OR),
            }
        )
    return acties


@personeel
def detail(request, uuid):
    rapportage = selectors.rapportage_ophalen_voor(user=request.user, uuid=uuid)
    is_hl = selectors.is_hl(user=request.user, organisatie=rapportage.organisatie)
    bewerkbaar = is_hl and is_bewerkbaar(rapportage)
    form = TekstenForm(request.POST or None, instance=rapportage) if bewerkbaar else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.jaarrapportage_teksten_wijzigen(rapportage=rapportage, door=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                _fout(request, exc)
            else:
                messages.success(request, _("De teksten zijn opgeslagen."))
                return redirect("rapportage:detail", uuid=rapportage.uuid)
    laatste = selectors.laatste_versie(rapportage=rapportage, voor_or=True)
    return _pagina(
        request,
        "rapportage/detail.html",
        {
            "title": _("Jaarrapportage %(jaar)s – %(organisatie)s")
            % {"jaar": rapportage.jaar, "organisatie": rapportage.organisatie.naam},
            "rapportage": rapportage,
            "is_hl": is_hl,
            "form": form,
            "acties": _acties(request.user, rapportage),
            "versies": selectors.versies_voor(user=request.user, rapportage=rapportage),
            "standpunten": selectors.standpunten_voor(rapportage=rapportage),
            "overgangen": rapportage.overgangen.select_related("door"),
            "kan_ondertekenen": is_hl
            and rapportage.status == RapportageStatus.GOEDGEKEURD
            and laatste is not None
            and laatste.aanleiding == VersieAanleiding.VASTSTELLING,
            "laatste": laatste,
        },
    )


@personeel
@require_POST
def stap(request, uuid, naar):
    rapportage = selectors.rapportage_ophalen_voor(user=request.user, uuid=uuid)
    form = OrStandpuntForm(request.POST)
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, fout)
        return redirect("rapportage:detail", uuid=rapportage.uuid)
    try:
        services.rapportage_overgang(
            rapportage=rapportage,
            naar=RapportageStatus(naar),
            door=request.user,
            toelichting=form.cleaned_data.get("toelichting", ""),
            besproken_op=form.cleaned_data.get("besproken_op"),
        )
    except (ValidationError, PermissionDenied, ValueError) as exc:
        _fout(request, exc)
    else:
        messages.success(request, _("De stap is vastgelegd."))
    return redirect("rapportage:detail", uuid=rapportage.uuid)


@personeel
@require_POST
def voorbeeld(request, uuid):
    rapportage = selectors.rapportage_ophalen_voor(user=request.user, uuid=uuid)
    try:
        versie = services.versie_aanmaken(
            rapportage=rapportage, aanleiding=VersieAanleiding.VOORBEELD, door=request.user
        )
    except (ValidationError, PermissionDenied) as exc:
        _fout(request, exc)
        return redirect("rapportage:detail", uuid=rapportage.uuid)
    return redirect("rapportage:versie", uuid=versie.uuid)


@personeel
def versie(request, uuid):
    versie = selectors.versie_ophalen_voor(user=request.user, uuid=uuid)
    return _pagina(
        request,
        "rapportage/versie.html",
        {
            "title": _("Versie %(nummer)s") % {"nummer": versie.nummer},
            "versie": versie,
            "rapportage": versie.rapportage,
            "klaar": versie.pdf_status == PdfStatus.KLAAR,
            "opnieuw_mogelijk": versie.pdf_status == PdfStatus.FOUT
            and selectors.is_hl(user=request.user, organisatie=versie.rapportage.organisatie),
        },
    )


@personeel
@require_POST
def versie_opnieuw(request, uuid):
    """Render a version's PDF again from its frozen content (after a failure)."""
    versie = selectors.versie_ophalen_voor(user=request.user, uuid=uuid)
    try:
        services.versie_opnieuw_genereren(versie=versie, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _fout(request, exc)
    return redirect("rapportage:versie", uuid=versie.uuid)


@personeel
def versie_status(request, uuid):
    versie = selectors.versie_ophalen_voor(user=request.user, uuid=uuid)
    return JsonResponse(
        {
            "status": versie.pdf_status,
            "status_tekst": versie.get_pdf_status_display(),
            "voortgang": versie.voortgang,
            "pdf": reverse("rapportage:versie_pdf", args=[versie.uuid])
            if versie.pdf_status == PdfStatus.KLAAR
            else None,
        }
    )


@personeel
def versie_pdf(request, uuid):
    versie = selectors.versie_ophalen_voor(user=request.user, uuid=uuid)
    if versie.pdf_status != PdfStatus.KLAAR or not versie.pdf:
        raise Http404
    auditregel_schrijven(door=request.user, actie=AuditActie.GEDOWNLOAD, object=versie)
    naam = f"jaarrapportage-{versie.rapportage.organisatie.slug}-{versie.rapportage.jaar}-v{versie.nummer}.pdf"
    response = HttpResponse(bytes(versie.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@personeel
def ondertekenen(request, uuid):
    versie = selectors.versie_ophalen_voor(user=request.user, uuid=uuid)
    if not selectors.is_hl(user=request.user, organisatie=versie.rapportage.organisatie):
        raise Http404
    form = VersieOndertekenForm(request.POST or None, initial={"pdf_sha256": versie.pdf_sha256})
    if request.method == "POST" and form.is_valid():
        try:
            services.versie_ondertekenen(
                versie=versie,
                totp_code=form.cleaned_data["totp_code"],
                pdf_sha256=form.cleaned_data["pdf_sha256"],
                door=request.user,
            )
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            messages.success(request, _("De jaarrapportage is vastgesteld en ondertekend."))
            return redirect("rapportage:detail", uuid=versie.rapportage.uuid)
    return _pagina(
        request,
        "rapportage/ondertekenen.html",
        {"title": _("Jaarrapportage vaststellen"), "versie": versie, "rapportage": versie.rapportage, "form": form},
    )


def regeling(request, slug):
    """Art. 14.1: the regulation, public, no login: current text, history, OR consent."""
    organisatie = meldingen_selectors.organisatie_ophalen_op_slug(slug=slug)
    huidig = selectors.regeling_huidig(organisatie=organisatie)
    if huidig is None:
        raise Http404
    return render(
        request,
        "rapportage/regeling.html",
        {"organisatie": organisatie, "huidig": huidig, "versies": selectors.regeling_versies(organisatie=organisatie)},
    )
