"""Staff register a report received by post, phone or in person, and print its receipt
code (docs/melderzijde.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kern.admin_site import tweede_factor_in_orde
from kern.forms import validatiefout_naar_formulier
from meldingen import selectors
from meldingen.constants import Identiteitskeuze, Kanaal, Wijze
from meldingen.forms import (
    RegistratieFormulier,
)
from meldingen.services import bijlagen as bijlage_services
from meldingen.services import melder as melder_services
from meldingen.services import meldingsbox as box_services
from meldingen.views.box import _bestand_antwoord
from meldingen.views.melden import SESSIE_CODE, _post_gegevens


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
                ontvangen_op=form.cleaned_data["ontvangen_op"],
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
