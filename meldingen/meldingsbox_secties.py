"""Registry of extra sections on the melder's mailbox page (DESIGN.md §7).

The mailbox is the one channel to the melder, and higher apps have things to
show there (benadeling: retaliation, Art. 6.2, 13). meldingen never imports
them (DESIGN.md §1 layers): an app registers, once in its AppConfig.ready, a
provider that is called as provider(meldingsbox=...) and returns a Sectie (a
template name and its context) or None. The mailbox view renders each section
with the request, so forms in it get their CSRF token. Forms post to the app's
own URLs, which find the mailbox with meldingen.views.meldingsbox_uit_sessie.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meldingen.models import Meldingsbox


@dataclass(frozen=True)
class Sectie:
    template: str
    context: dict = field(default_factory=dict)


Aanbieder = Callable[..., "Sectie | None"]

_SECTIES: dict[str, Aanbieder] = {}


def sectie_registreren(naam: str, aanbieder: Aanbieder) -> None:
    _SECTIES[naam] = aanbieder


def sectie_verwijderen(naam: str) -> None:
    _SECTIES.pop(naam, None)


def secties_voor(*, meldingsbox: Meldingsbox) -> list[Sectie]:
    secties = (aanbieder(meldingsbox=meldingsbox) for aanbieder in _SECTIES.values())
    return [s for s in secties if s is not None]
