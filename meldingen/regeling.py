"""Where the organisation's published regulation (Art. 14.1) can be read.

The regulation lives in a higher app (rapportage), which registers a provider at
start-up; meldingen never imports it (DESIGN.md §1 layers). Without a provider,
or when nothing is published yet, the form says where else to find it.
"""

from __future__ import annotations

from collections.abc import Callable

_aanbieder: Callable | None = None


def aanbieder_registreren(aanbieder: Callable) -> None:
    """`aanbieder(organisatie) -> str | None`: the public URL, or None if unpublished."""
    global _aanbieder
    _aanbieder = aanbieder


def regeling_url(*, organisatie) -> str | None:
    return _aanbieder(organisatie) if _aanbieder is not None else None
