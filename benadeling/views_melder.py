"""The melder's retaliation pages, reached from the mailbox (Art. 6.2, 13.1, 13.3).

No account: the mailbox is the one the session opened with the receipt code
(meldingen.views.meldingsbox_uit_sessie); without it, back to the code page.
Thin: forms in, benadeling services out; the actions are audited as the melder.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from benadeling.forms import MelderBenadelingFormulier, MelderHuisRouteFormulier, MelderOnderzoeksverzoekFormulier
from benadeling.selectors import melder_overzicht
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.services.verzoeken import huis_route_genomen, onderzoeksverzoek_indienen
from kern.forms import validatiefout_naar_formulier
from meldingen.views import meldingsbox_uit_sessie

FORMULIEREN = {
    "melden_form": MelderBenadelingFormulier,
    "onderzoek_form": MelderOnderzoeksverzoekFormulier,
    "huis_form": MelderHuisRouteFormulier,
}


def _pagina(request, box, status=200, **gebonden):
    context = {
        "box": box,
        "melding": box.melding,
        "organisatie": box.melding.organisatie,
        "overzicht": melder_overzicht(melding=box.melding),
        **{naam: gebonden.get(naam) or formulier() for naam, formulier in FORMULIEREN.items()},
    }
    return render(request, "benadeling/melder_pagina.html", context, status=status)


def _terug_naar_box(request, tekst):
    messages.success(request, tekst)
    return redirect(reverse("meldingen:box") + "#benadeling")


@never_cache
def benadeling(request):
    box = meldingsbox_uit_sessie(request)
    if box is None:
        return redirect("meldingen:box_openen")
    return _pagina(request, box)


def _verwerken(request, naam, uitvoeren, gelukt):
    box = meldingsbox_uit_sessie(request)
    if box is None:
        return redirect("meldingen:box_openen")
    form = FORMULIEREN[naam](request.POST)
    if form.is_valid():
        try:
            uitvoeren(box.melding, form.cleaned_data)
        except ValidationError as exc:
            validatiefout_naar_formulier(form, exc)
        else:
            return _terug_naar_box(request, gelukt)
    return _pagina(request, box, status=400, **{naam: form})


@never_cache
@sensitive_post_parameters()
@require_POST
def benadeling_melden(request):
    """Art. 6.2: the melder's own text goes to the HL at once, with a copy to them."""
    return _verwerken(
        request,
        "melden_form",
        lambda melding, d: benadeling_melden_door_melder(
            melding=melding, omschrijving=d["omschrijving"], types=d["types"]
        ),
        _("Uw melding van benadeling is verstuurd. U ontvangt een afschrift in uw meldingsbox."),
    )


@never_cache
@sensitive_post_parameters()
@require_POST
def onderzoek_vragen(request):
    """Art. 13.1: a request to investigate how the melder is treated."""
    return _verwerken(
        request,
        "onderzoek_form",
        lambda melding, d: onderzoeksverzoek_indienen(melding=melding, verzoek=d["verzoek"]),
        _("Uw verzoek om onderzoek is verstuurd."),
    )


@never_cache
@sensitive_post_parameters()
@require_POST
def huis_route(request):
    """Art. 13.3: the melder tells that they asked the Huis voor Klokkenluiders."""
    return _verwerken(
        request,
        "huis_form",
        lambda melding, d: huis_route_genomen(melding=melding, op=d["op"]),
        _("Vastgelegd dat u het Huis voor Klokkenluiders om onderzoek vroeg."),
    )
