"""The annual report as a PDF, rendered only from a version's frozen content."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kern.pdf import template_naar_pdf
from rapportage.constants import VersieAanleiding
from rapportage.grafieken import staaflengtes
from rapportage.onderdrukking import SECUNDAIR_TEKEN

HOOFDSTUKKEN = [
    # (anchor, article, title); figures of ONDERDELEN go under their article.
    ("beleid", "14.2 a", _("Beleid")),
    ("meldingen", "14.2 b", _("Meldingen, onderzoeken en standpunten")),
    ("benadeling", "14.2 c", _("Tegengaan van benadeling")),
    ("verzoeken", "14.2 d", _("Verzoeken om onderzoek naar benadeling")),
    ("ondernemingsraad", "14.3-14.4", _("Bespreking met de ondernemingsraad")),
]


def context_voor(inhoud: dict) -> dict:
    cijfers = inhoud["cijfers"]
    onderdelen = []
    for onderdeel in cijfers["onderdelen"]:
        tabellen = [
            {
                **t,
                "rijen": [
                    [*rij, lengte]
                    for rij, lengte in zip(
                        t["rijen"],
                        staaflengtes(t["rijen"]) if t.get("grafiek") else [None] * len(t["rijen"]),
                        strict=True,
                    )
                ],
            }
            for t in onderdeel["tabellen"]
        ]
        onderdelen.append({**onderdeel, "tabellen": tabellen})
    per_artikel = {
        artikel: [o for o in onderdelen if o["artikel"] == artikel] for _anker, artikel, _titel in HOOFDSTUKKEN
    }
    return {
        "inhoud": inhoud,
        "organisatie": inhoud["organisatie"],
        "jaar": inhoud["jaar"],
        "teksten": inhoud["teksten"],
        "standpunten": [
            {
                **s,
                "datum": date.fromisoformat(s["datum"]),
                "besproken_op": date.fromisoformat(s["besproken_op"]) if s.get("besproken_op") else None,
            }
            for s in inhoud["standpunten"]
        ],
        "drempel": cijfers["drempel"],
        "secundair_teken": SECUNDAIR_TEKEN,
        "berekend_op": datetime.fromisoformat(cijfers["berekend_op"]),
        "datum": date.fromisoformat(cijfers["berekend_op"][:10]),
        "versie": inhoud["versie"],
        "aanleiding": VersieAanleiding(inhoud["aanleiding"]).label,
        "hoofdstukken": [
            {"anker": anker, "artikel": artikel, "titel": titel, "onderdelen": per_artikel[artikel]}
            for anker, artikel, titel in HOOFDSTUKKEN
        ],
    }


def jaarrapportage_pdf(*, inhoud: dict) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return template_naar_pdf("rapportage/pdf/jaarrapportage.html", context_voor(inhoud))
