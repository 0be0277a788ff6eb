"""Figures of the register for the annual report (Art. 14.2 b).

Provider for rapportage: `cijfers(*, organisatie, jaar)` returns raw counts per
report section key (rapportage.constants.ONDERDELEN); rapportage suppresses
small cells and renders them. Aggregates only: no case, no number, no text.

A table is {"titel", "kolom", "rijen": [[label, count], ...], "totaal": int,
"totaal_sleutel": str | None, "grafiek": bool}. Tables with the same
`totaal_sleutel` share one total, so suppression treats it as published once.
Counted by register year (the year of receipt, Art. 3.5), every soort and state.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from meldingen.constants import Categorie, Kanaal, Soort, Status, Wijze
from meldingen.models import Melding, Organisatie


def _tabel(titel, kolom, keuzes, teller: Counter, totaal: int) -> dict:
    return {
        "titel": str(titel),
        "kolom": str(kolom),
        "rijen": [[str(label), teller.get(waarde, 0)] for waarde, label in keuzes],
        "totaal": totaal,
        "totaal_sleutel": "meldingen",
        "grafiek": True,
    }


def cijfers(*, organisatie: Organisatie, jaar: int) -> dict[str, list[dict]]:
    # One grouped query; the breakdowns are summed in Python (five dimensions).
    groepen = (
        Melding.objects.filter(organisatie=organisatie, registerjaar=jaar)
        .values_list("soort", "categorie", "kanaal", "wijze", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    per: dict[str, Counter] = {naam: Counter() for naam in ("soort", "categorie", "kanaal", "wijze", "status")}
    totaal = 0
    for soort, categorie, kanaal, wijze, status, n in groepen:
        for naam, waarde in zip(per, (soort, categorie, kanaal, wijze, status), strict=True):
            per[naam][waarde] += n
        totaal += n
    return {
        "aantal": [
            {**_tabel(_("Meldingen naar soort"), _("Soort"), Soort.choices, per["soort"], totaal), "grafiek": False}
        ],
        "aard": [
            _tabel(_("Meldingen naar aard (Art. 1 o, s, t)"), _("Aard"), Categorie.choices, per["categorie"], totaal)
        ],
        "kanalen": [
            _tabel(_("Meldingen naar ontvanger"), _("Gemeld bij"), Kanaal.choices, per["kanaal"], totaal),
            _tabel(_("Meldingen naar wijze van melden"), _("Wijze"), Wijze.choices, per["wijze"], totaal),
        ],
        "afhandeling": [
            {
                **_tabel(_("Meldingen naar huidige status"), _("Status"), Status.choices, per["status"], totaal),
                "grafiek": False,
            }
        ],
    }
