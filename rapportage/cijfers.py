"""Collect the year's figures from every installed app and suppress small cells.

Each lower app may have `<app>/jaarcijfers.py` with `cijfers(*, organisatie,
jaar) -> dict[str, list[table]]` keyed by the sections of
rapportage.constants.ONDERDELEN (autodiscovered like kern.rollen does for
`rollen.py`), so later apps (deadlines, investigations, retaliation) add their
figures without touching rapportage. A section nobody fills is reported as
"geen gegevens beschikbaar": figures are never invented.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from kern.ontdekking import app_modules
from rapportage.constants import ONDERDEEL_SLEUTELS, ONDERDELEN
from rapportage.onderdrukking import onderdelen_onderdrukken


def aanbieders():
    """The `cijfers` functions of every installed app but rapportage itself."""
    return [(config.name, module.cijfers) for config, module in app_modules("jaarcijfers", behalve=("rapportage",))]


def ruwe_cijfers(*, organisatie, jaar: int) -> dict[str, list[dict]]:
    verzameld: dict[str, list[dict]] = {}
    for app, cijfers in aanbieders():
        for sleutel, tabellen in cijfers(organisatie=organisatie, jaar=jaar).items():
            if sleutel not in ONDERDEEL_SLEUTELS:
                raise LookupError(f"{app}.jaarcijfers fills unknown report section {sleutel!r}")
            verzameld.setdefault(sleutel, []).extend({**t, "bron": app} for t in tabellen)
    return verzameld


def jaarcijfers(*, organisatie, jaar: int, drempel: int | None = None) -> dict:
    """The publishable figures as JSON-ready data, in report order. Only
    suppressed values are returned (and frozen): raw small counts never leave
    this function."""
    drempel = settings.MELDPUNT_RAPPORTAGE_DREMPEL if drempel is None else drempel
    with translation.override(settings.LANGUAGE_CODE):
        onderdrukt = onderdelen_onderdrukken(ruwe_cijfers(organisatie=organisatie, jaar=jaar), drempel)
        onderdelen = [
            {
                "sleutel": sleutel,
                "artikel": artikel,
                "titel": str(titel),
                "tabellen": onderdrukt.get(sleutel, []),
                "beschikbaar": sleutel in onderdrukt,
            }
            for sleutel, artikel, titel in ONDERDELEN
        ]
    return {"drempel": drempel, "berekend_op": timezone.now().isoformat(), "onderdelen": onderdelen}
