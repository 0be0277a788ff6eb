"""Figures for the annual report (Art. 14.2 c–d): retaliation claims and their
outcomes, requests for investigation and their outcomes, and the motivation duty.
Collected by the rapportage app by autodiscovery of `<app>.jaarcijfers.cijfers`.
Plain counts; suppressing small counts ("< N") is the annual report's job."""

from __future__ import annotations

from collections import Counter

from benadeling.constants import (
    BenadelingType,
    ClaimUitkomst,
    MaatregelSoort,
    StandpuntUitkomst,
    VastleggingStatus,
    VerwijzingSoort,
    VerzoekUitkomst,
    VoornemenBron,
    VoornemenStatus,
)
from benadeling.models import (
    Benadelingsmelding,
    Maatregel,
    Motivering,
    Onderzoeksverzoek,
    Personeelstoets,
    Verwijzing,
    VoorgenomenMaatregel,
)
from meldingen.models import Organisatie
from onderzoek.constants import OnderzoekStatus


def cijfers(*, organisatie: Organisatie, jaar: int) -> dict:
    claims = Benadelingsmelding.objects.filter(
        melding__organisatie=organisatie, created_at__year=jaar, status=VastleggingStatus.GOEDGEKEURD
    )
    uitkomsten = Counter(claims.values_list("uitkomst", flat=True))
    per_type = Counter(t for types in claims.values_list("types", flat=True) for t in types)
    verzoeken = Onderzoeksverzoek.objects.filter(melding__organisatie=organisatie, created_at__year=jaar)
    verzoek_uitkomsten = Counter(verzoeken.values_list("uitkomst", flat=True))
    standpunten = Counter(verzoeken.values_list("standpunt_uitkomst", flat=True))
    voornemens = VoorgenomenMaatregel.objects.filter(
        melding__organisatie=organisatie, created_at__year=jaar, motivering_vereist=True
    )
    maatregelen = Counter(
        Maatregel.objects.filter(melding__organisatie=organisatie, created_at__year=jaar).values_list(
            "soort", flat=True
        )
    )
    verwijzingen = Counter(
        Verwijzing.objects.filter(melding__organisatie=organisatie, created_at__year=jaar).values_list(
            "soort", flat=True
        )
    )
    return {
        "benadelingsmeldingen": {
            "totaal": claims.count(),
            "open": uitkomsten.get("", 0),
            "per_uitkomst": {u.value: uitkomsten.get(u.value, 0) for u in ClaimUitkomst},
            "per_soort": {t.value: per_type.get(t.value, 0) for t in BenadelingType},
        },
        "maatregelen": {s.value: maatregelen.get(s.value, 0) for s in MaatregelSoort},
        "onderzoeksverzoeken": {
            "totaal": verzoeken.count(),
            "per_uitkomst": {u.value: verzoek_uitkomsten.get(u.value, 0) for u in VerzoekUitkomst},
            "onderzoeken_afgerond": verzoeken.filter(onderzoek__status=OnderzoekStatus.AFGEROND).count(),
            # Art. 14.2 d: an indication of the outcomes and the employer's standpunten.
            "standpunten": {u.value: standpunten.get(u.value, 0) for u in StandpuntUitkomst},
        },
        "motiveringsplicht": {
            "maatregelen_met_motiveringsplicht": voornemens.count(),
            "via_personeelszaken": voornemens.filter(bron=VoornemenBron.PERSONEELSZAKEN).count(),
            "motiveringen_ondertekend": Motivering.objects.filter(
                voornemen__melding__organisatie=organisatie, created_at__year=jaar
            ).count(),
            "genomen": voornemens.filter(status=VoornemenStatus.GENOMEN).count(),
            "afgezien": voornemens.filter(status=VoornemenStatus.AFGEZIEN).count(),
            "toetsen_personeelszaken": Personeelstoets.objects.filter(
                organisatie=organisatie, created_at__year=jaar
            ).count(),
        },
        "verwijzingen": {s.value: verwijzingen.get(s.value, 0) for s in VerwijzingSoort},
    }
