"""benadeling's hooks into the melder's side of meldingen (DESIGN.md §7):
the section in the mailbox (Art. 6.2, 13) and the melder's protected-person row
(Art. 5.1, 5.4). Registered in BenadelingConfig.ready; meldingen never imports this."""

from __future__ import annotations

import logging

from django.urls import reverse

from kern.kalender import lokale_datum
from meldingen.meldingsbox_secties import Sectie

logger = logging.getLogger(__name__)


def box_sectie(*, meldingsbox) -> Sectie:
    """Retaliation in the mailbox: what became of the melder's claims and requests,
    the copies sent to them, and the way to report, ask for an investigation or
    tell that they went to the Huis voor Klokkenluiders (Art. 6.2, 13.1, 13.3)."""
    from benadeling.selectors import melder_overzicht

    return Sectie(
        template="benadeling/melder_overzicht.html",
        context={
            "overzicht": melder_overzicht(melding=meldingsbox.melding),
            "melder_url": reverse("benadeling_melder:benadeling"),
        },
    )


def melder_beschermen(*, melding, identiteit=None, **_kwargs) -> None:
    """Receiver of meldingen.signals.melding_ingediend (after commit): a melder who
    gave an identity is protected from the date of the report (Art. 5.1), with blind
    indexes of employee number and e-mail so HR's check finds them (Art. 5.4).
    Idempotent: one melder row per case. Logs no personal data."""
    from benadeling.constants import BeschermdeRol
    from benadeling.models import BeschermdPersoon
    from benadeling.services.beschermd import beschermd_persoon_toevoegen

    if identiteit is None:
        return
    if BeschermdPersoon.objects.filter(melding=melding, rol=BeschermdeRol.MELDER).exists():
        return
    try:
        beschermd_persoon_toevoegen(
            melding=melding,
            rol=BeschermdeRol.MELDER,
            personeelsnummer=identiteit.personeelsnummer,
            email=identiteit.email,
            beschermd_vanaf=lokale_datum(melding.ontvangen_op),
            door=None,
        )
    except Exception as exc:
        # The report itself is committed; the melder must not see an error for this.
        # The case id and error class only (never content, identity or a traceback
        # with values), so the row can be added on the case screen.
        logger.error(
            "Beschermd persoon voor melder niet vastgelegd (melding id %s): %s", melding.pk, type(exc).__name__
        )
