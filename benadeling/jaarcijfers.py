"""Figures for the annual report (Art. 14.2 c–d): retaliation claims and their
outcomes, requests for investigation and their outcomes, and the motivation duty.
Collected by the rapportage app by autodiscovery of `<app>.jaarcijfers.cijfers`.
Plain counts; suppressing small counts ("< N") is the annual report's job."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from benadeling.constants import (
    BenadelingOordeel,
    ClaimUitkomst,
    MaatregelSoort,
    VerwijzingSoort,
    VerzoekUitkomst,
    VoornemenStatus,
)
from benadeling.models import (
    Benadelingsmelding,
    Maatregel,
    Onderzoeksverzoek,
    Verwijzing,
    VoorgenomenMaatregel,
)
from kern.vastleggingen import VastleggingStatus
from meldingen.jaarcijfers import tabel_uit_rijen, vernietigde_feiten
from meldingen.models import Organisatie


def cijfers(*, organisatie: Organisatie, jaar: int) -> dict[str, list[dict]]:
    """Report sections 'benadeling_verzoeken' (Art. 14.2 d, with the claims and
    referrals of 14.2 c) and 'benadeling_maatregelen' (Art. 14.2 c, motivation duty)."""
    claims = Benadelingsmelding.objects.filter(
        melding__organisatie=organisatie, created_at__year=jaar, status=VastleggingStatus.GOEDGEKEURD
    )
    uitkomsten = Counter(claims.values_list("uitkomst", flat=True))
    verzoeken = Onderzoeksverzoek.objects.filter(melding__organisatie=organisatie, created_at__year=jaar)
    verzoek_uitkomsten = Counter(verzoeken.values_list("uitkomst", flat=True))
    standpunten = Counter(verzoeken.exclude(standpunt_uitkomst="").values_list("standpunt_uitkomst", flat=True))
    voornemens = VoorgenomenMaatregel.objects.filter(
        melding__organisatie=organisatie, created_at__year=jaar, motivering_vereist=True
    )
    voornemen_status = Counter(voornemens.values_list("status", flat=True))
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
    # Destroyed cases: the facts kept when they were destroyed, by the year they
    # count in (docs/retention.md).
    for feiten in vernietigde_feiten(organisatie=organisatie, app="benadeling"):
        uitkomsten.update(u for j, u in feiten.get("claims", []) if j == jaar)
        verzoek_uitkomsten.update(u for j, u, _s in feiten.get("verzoeken", []) if j == jaar)
        standpunten.update(s for j, _u, s in feiten.get("verzoeken", []) if j == jaar and s)
        voornemen_status.update(s for j, s in feiten.get("voornemens", []) if j == jaar)
        maatregelen.update(s for j, s in feiten.get("maatregelen", []) if j == jaar)
        verwijzingen.update(s for j, s in feiten.get("verwijzingen", []) if j == jaar)
    nog_open = _("Nog in behandeling")
    return {
        "benadeling_verzoeken": [
            tabel_uit_rijen(
                _("Meldingen van benadeling naar uitkomst (Art. 6.2)"),
                _("Uitkomst"),
                [(u.label, uitkomsten.get(u.value, 0)) for u in ClaimUitkomst] + [(nog_open, uitkomsten.get("", 0))],
                "benadelingsmeldingen",
            ),
            tabel_uit_rijen(
                _("Verzoeken om onderzoek naar benadeling (Art. 13.1)"),
                _("Besluit"),
                [(u.label, verzoek_uitkomsten.get(u.value, 0)) for u in VerzoekUitkomst],
                "benadeling_onderzoeksverzoeken",
            ),
            tabel_uit_rijen(
                _("Standpunten na onderzoek naar benadeling (Art. 13.2)"),
                _("Standpunt"),
                [(u.label, standpunten.get(u.value, 0)) for u in BenadelingOordeel],
                "benadeling_standpunten",
            ),
            tabel_uit_rijen(
                _("Verwijzingen en ondersteuning"),
                _("Verwijzing"),
                [(s.label, verwijzingen.get(s.value, 0)) for s in VerwijzingSoort],
                "benadeling_verwijzingen",
            ),
        ],
        "benadeling_maatregelen": [
            tabel_uit_rijen(
                _("Voorgenomen maatregelen onder de motiveringsplicht (Art. 5.4)"),
                _("Stand"),
                [(s.label, voornemen_status.get(s.value, 0)) for s in VoornemenStatus],
                "benadeling_motiveringsplicht",
                grafiek=False,
            ),
            tabel_uit_rijen(
                _("Maatregelen van de hoogste leidinggevende (Art. 6.3, 5.6)"),
                _("Maatregel"),
                [(s.label, maatregelen.get(s.value, 0)) for s in MaatregelSoort],
                "benadeling_maatregelen",
            ),
        ],
    }
