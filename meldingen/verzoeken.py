"""Registry of handlers for answers to requests to the melder (DESIGN.md §7).

The mailbox is the one channel to the melder. Another app opens a request with
meldingen.services.meldingsbox.verzoek_openen and registers, once at start-up
(in its AppConfig.ready), a handler for its soort:

    from meldingen.verzoeken import afhandeling_registreren
    afhandeling_registreren(VerzoekSoort.STANDPUNT_REACTIE, reactie_verwerken)

The handler is called inside the transaction that stores the melder's answer,
as handler(verzoek=verzoek), so the answer and its consequence commit together.
meldingen never imports the higher app (DESIGN.md §1 layers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meldingen.models import Verzoek

Afhandeling = Callable[..., None]

_AFHANDELINGEN: dict[str, list[Afhandeling]] = {}


def afhandeling_registreren(soort: str, afhandeling: Afhandeling) -> None:
    lijst = _AFHANDELINGEN.setdefault(str(soort), [])
    if afhandeling not in lijst:
        lijst.append(afhandeling)


def afhandeling_verwijderen(soort: str, afhandeling: Afhandeling) -> None:
    lijst = _AFHANDELINGEN.get(str(soort), [])
    if afhandeling in lijst:
        lijst.remove(afhandeling)


def afhandelingen_voor(soort: str) -> tuple[Afhandeling, ...]:
    return tuple(_AFHANDELINGEN.get(str(soort), ()))


def afhandelen(*, verzoek: Verzoek) -> None:
    for afhandeling in afhandelingen_voor(verzoek.soort):
        afhandeling(verzoek=verzoek)
