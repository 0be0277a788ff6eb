"""onderzoek's part of a full case-file export (meldingen.services.export)."""

from __future__ import annotations

from meldingen.models import Melding
from onderzoek.models import Besluit, ExterneKennisgeving, Onderzoek, Standpunt


def _document(obj, map_: str, bestanden: list) -> str:
    if not obj.document:
        return ""
    naam = f"onderzoek/{map_}/{obj.uuid}.pdf"
    with obj.document.open("rb") as fh:
        bestanden.append((naam, fh.read()))
    return naam


def dossier(*, melding: Melding) -> tuple[dict, list[tuple[str, bytes]]]:
    bestanden: list[tuple[str, bytes]] = []
    gegevens = {
        "besluiten": [
            {
                "soort": b.soort,
                "motivering": b.motivering,
                "versie": b.versie,
                "document": _document(b, "besluiten", bestanden),
            }
            for b in Besluit.objects.filter(melding=melding)
        ],
        "onderzoeken": [
            {
                "soort": o.soort,
                "status": o.status,
                "opdracht": o.opdracht,
                "rapporten": [{"tekst": r.tekst, "status": r.status} for r in o.rapporten.all()],
            }
            for o in Onderzoek.objects.filter(melding=melding)
        ],
        "standpunten": [
            {
                "uitkomst": s.uitkomst,
                "inhoud": s.inhoud,
                "vervolgstappen": s.vervolgstappen,
                "document": _document(s, "standpunten", bestanden),
            }
            for s in Standpunt.objects.filter(melding=melding)
        ],
        "externe_kennisgevingen": [
            {"inhoud": k.inhoud, "document": _document(k, "kennisgevingen", bestanden)}
            for k in ExterneKennisgeving.objects.filter(melding=melding)
        ],
    }
    return gegevens, bestanden
