"""benadeling's hooks into the melder's side of meldingen (docs/melderzijde.md):
the section in the mailbox (Art. 6.2, 13) and the melder's protected-person row
(Art. 5.1, 5.4). Registered in BenadelingConfig.ready; meldingen never imports this."""

from __future__ import annotations

from django.urls import reverse

from benadeling.constants import BeschermdeRol
from benadeling.models import BeschermdPersoon
from benadeling.selectors import melder_overzicht
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from kern.kalender import lokale_datum
from meldingen.uitbreidingen import Sectie


def box_sectie(*, meldingsbox) -> Sectie:
    """Retaliation in the mailbox: what became of the melder's claims and requests,
    the copies sent to them, and the way to report, ask for an investigation or
    tell that they went to the Huis voor Klokkenluiders (Art. 6.2, 13.1, 13.3)."""
    return Sectie(
        template="benadeling/melder_overzicht.html",
        context={
            "overzicht": melder_overzicht(melding=meldingsbox.melding),
            "melder_url": reverse("benadeling_melder:benadeling"),
        },
    )


def melder_beschermen(*, melding, identiteit=None) -> None:
    """Submission hook (meldingen.uitbreidingen.bij_indiening_registreren), inside
    the transaction of melding_indienen: a melder who gave an identity is protected
    from the date of the report (Art. 5.1), with blind indexes of employee number
    and e-mail so HR's check finds them (Art. 5.4). Report and protection commit
    together: a failure here fails the submission rather than leaving a melder
    unprotected. Idempotent: one melder row per case."""
    if identiteit is None:
        return
    if BeschermdPersoon.objects.filter(melding=melding, rol=BeschermdeRol.MELDER).exists():
        return
    beschermd_persoon_toevoegen(
        melding=melding,
        rol=BeschermdeRol.MELDER,
        personeelsnummer=identiteit.personeelsnummer,
        email=identiteit.email,
        beschermd_vanaf=lokale_datum(melding.ontvangen_op),
        door=None,
    )
