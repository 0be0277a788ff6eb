"""What onderzoek keeps and removes when a case is destroyed (docs/retention.md).

Kept for the annual report (Art. 14.2 b): the kind of each current decision,
the kind and state of each investigation, the outcome of each current
standpunt. Removed: every decision, investigation, report, hearing, document,
notification and Art. 11.3 assessment, reaction and extension letter, with
their stored files. The signatures (kern.Ondertekening) stay: they hold only a
hash, a signer and a register number.
"""

from __future__ import annotations

from meldingen.models import Melding
from meldingen.services.bewaring import rijen_verwijderen, versies_verwijderen
from onderzoek.models import (
    Besluit,
    ExterneKennisgeving,
    KennisgevingBeoordeling,
    Onderzoek,
    Standpunt,
    Verhoor,
    Verlengingsbrief,
    Wederhoor,
)


def bewaarfeiten(*, melding: Melding) -> dict:
    return {
        "besluiten": list(
            Besluit.objects.filter(melding=melding, vervangen_door__isnull=True).values_list("soort", flat=True)
        ),
        "onderzoeken": [list(r) for r in Onderzoek.objects.filter(melding=melding).values_list("soort", "status")],
        "standpunten": list(
            Standpunt.objects.filter(melding=melding, vervangen_door__isnull=True).values_list("uitkomst", flat=True)
        ),
    }


def gegevens_verwijderen(*, melding: Melding) -> list[str]:
    namen: list[str] = []
    # A reaction PROTECTs the additional investigation it led to; a hearing its record.
    namen += rijen_verwijderen(Wederhoor.objects.filter(melding=melding))
    namen += rijen_verwijderen(Verhoor.objects.filter(onderzoek__melding=melding))
    # An Art. 11.3 assessment PROTECTs the notification it led to: it goes first.
    for model in (KennisgevingBeoordeling, Standpunt, Verlengingsbrief, ExterneKennisgeving, Besluit):
        namen += versies_verwijderen(model.objects.filter(melding=melding))
    namen += rijen_verwijderen(Onderzoek.objects.filter(melding=melding))
    return namen
