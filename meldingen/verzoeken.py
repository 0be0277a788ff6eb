"""Registry of handlers for answers to requests to the melder (DESIGN.md §7).

The mailbox is the one channel to the melder. Another app opens a request with
meldingen.services.meldingsbox.verzoek_openen and registers, once at start-up
(in its AppConfig.ready), a handler for its soort:

    from meldingen.verzoeken import afhandeling_registreren
    afhandeling_registreren(VerzoekSoort.STANDPUNT_REACTIE, reactie_verwerken)

The handler is called inside the transaction that stores the melder's answer,
as handler(verzoek=verzoek), so the answer and its consequence commit together.
meldingen never imports the higher app (DESIGN.md §1 layers).

The melder must be able to read what a request is about (a record to approve).
For a subject that is not one of meldingen's own records, the opening app
registers a display provider for the subject's object type:

    weergave_registreren("benadeling.risicoanalyse", vastlegging_weergave)

called as provider(verzoek=verzoek) and returning an Onderwerpweergave (title
and plain text for the mailbox) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Onderwerpweergave:
    """What the melder reads of a request's subject in the mailbox: plain text."""

    titel: str
    tekst: str


Weergave = Callable[..., "Onderwerpweergave | None"]

_WEERGAVEN: dict[str, Weergave] = {}


def weergave_registreren(object_type: str, weergave: Weergave) -> None:
    _WEERGAVEN[str(object_type)] = weergave


def weergave_verwijderen(object_type: str) -> None:
    _WEERGAVEN.pop(str(object_type), None)


def onderwerp_weergave(*, verzoek: Verzoek) -> Onderwerpweergave | None:
    weergave = _WEERGAVEN.get(verzoek.object_type or "")
    return weergave(verzoek=verzoek) if weergave else None
