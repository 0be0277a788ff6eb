"""Figures of decisions, investigations and standpunten for the annual report
(Art. 14.2 b: "de uitkomsten van de onderzoeken en de standpunten van de
werkgever"). Counted over the reports of the register year; only the current
version of a signed document counts (a correction replaces, never adds)."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from meldingen.jaarcijfers import tabel_uit_rijen, vernietigde_feiten
from meldingen.models import Organisatie
from onderzoek.constants import BesluitSoort, OnderzoekSoort, OnderzoekStatus, StandpuntUitkomst
from onderzoek.models import Besluit, Onderzoek, Standpunt


def cijfers(*, organisatie: Organisatie, jaar: int) -> dict[str, list[dict]]:
    van_het_jaar = {"melding__organisatie": organisatie, "melding__registerjaar": jaar}
    besluiten = Counter(
        Besluit.objects.filter(**van_het_jaar, vervangen_door__isnull=True).values_list("soort", flat=True)
    )
    onderzoeken = Counter(
        Onderzoek.objects.filter(**van_het_jaar)
        .exclude(soort=OnderzoekSoort.BENADELING)  # counted with retaliation (Art. 14.2 d)
        .values_list("soort", "status")
    )
    standpunten = Counter(
        Standpunt.objects.filter(**van_het_jaar, vervangen_door__isnull=True).values_list("uitkomst", flat=True)
    )
    # Destroyed cases: the facts kept when they were destroyed (docs/retention.md).
    for feiten in vernietigde_feiten(organisatie=organisatie, app="onderzoek", registerjaar=jaar):
        besluiten.update(feiten.get("besluiten", []))
        onderzoeken.update(tuple(o) for o in feiten.get("onderzoeken", []) if o[0] != OnderzoekSoort.BENADELING)
        standpunten.update(feiten.get("standpunten", []))
    return {
        "onderzoeken": [
            tabel_uit_rijen(
                _("Besluiten over de meldingen (Art. 9.1–9.3)"),
                _("Besluit"),
                [(s.label, besluiten.get(s.value, 0)) for s in BesluitSoort],
                "besluiten",
            ),
            tabel_uit_rijen(
                _("Onderzoeken naar soort en stand"),
                _("Onderzoek"),
                [
                    (f"{soort.label}: {status.label.lower()}", onderzoeken.get((soort.value, status.value), 0))
                    for soort in OnderzoekSoort
                    if soort != OnderzoekSoort.BENADELING
                    for status in OnderzoekStatus
                ],
                "onderzoeken",
                grafiek=False,
            ),
        ],
        "standpunten": [
            tabel_uit_rijen(
                _("Standpunten van de werkgever naar uitkomst (Art. 11.1)"),
                _("Uitkomst"),
                [(u.label, standpunten.get(u.value, 0)) for u in StandpuntUitkomst],
                "standpunten",
            )
        ],
    }
