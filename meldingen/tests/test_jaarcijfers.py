"""The register's figures for the annual report (Art. 14.2 b): anonymity,
discrimination grounds, and how often each statutory term was met."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meldingen import jaarcijfers
from meldingen.constants import Categorie, Identiteitskeuze, Kanaal, TermijnSoort, Wijze
from meldingen.models import Termijn
from meldingen.services.register import melding_registreren
from meldingen.tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def _rijen(tabel):
    return dict(tabel["rijen"])


def test_art_14_2_b_anoniem_discriminatie_en_termijnen():
    organisatie = OrganisatieFactory()
    nu = timezone.now()
    meldingen = []
    for keuze, gronden in (
        (Identiteitskeuze.ANONIEM, ["leeftijd", "geslacht"]),
        (Identiteitskeuze.ANONIEM, ["leeftijd"]),
        (Identiteitskeuze.OPEN, []),
    ):
        melding = melding_registreren(
            organisatie=organisatie,
            omschrijving="x",
            kanaal=Kanaal.VERTROUWENSPERSOON,
            wijze=Wijze.WEBFORMULIER,
            categorie=Categorie.ONGEWENSTE_OMGANGSVORMEN,
            ontvangen_op=nu - timedelta(days=20),
        )
        melding.identiteitskeuze, melding.discriminatiegronden = keuze, gronden
        melding.save(update_fields=["identiteitskeuze", "discriminatiegronden"])
        meldingen.append(melding)
    # Acknowledgement: two on time (after 3 days), one late (after 10 days).
    for melding, na in zip(meldingen, (3, 3, 10), strict=True):
        Termijn.objects.filter(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING).update(
            gesloten_op=melding.ontvangen_op + timedelta(days=na), gesloten_reden="Per post bevestigd."
        )
    cijfers = jaarcijfers.cijfers(organisatie=organisatie, jaar=meldingen[0].registerjaar)
    anoniem = _rijen(cijfers["anoniem"][0])
    assert anoniem[str(Identiteitskeuze.ANONIEM.label)] == 2
    assert anoniem[str(Identiteitskeuze.OPEN.label)] == 1
    gronden = _rijen(cijfers["discriminatiegronden"][0])
    assert gronden["Leeftijd"] == 2
    assert gronden["Geslacht"] == 1
    assert cijfers["discriminatiegronden"][0]["totaal"] is None  # several grounds per report
    termijnen, kengetallen = cijfers["termijnen"]
    rijen = _rijen(termijnen)
    assert rijen["Ontvangstbevestiging: op tijd"] == 2
    assert rijen["Ontvangstbevestiging: te laat"] == 1
    # An open term past its due date counts as missed; one not yet due is not counted.
    verlopen = Termijn.objects.filter(melding__in=meldingen).verlopen(nu=timezone.now())
    assert verlopen.exists()
    assert termijnen["totaal"] == 3 + verlopen.count()
    assert rijen["Standpunt: te laat"] == 0
    assert rijen["Standpunt: op tijd"] == 0
    mediaan = {label: (waarde, n) for label, waarde, n in kengetallen["rijen"]}
    assert mediaan["Ontvangstbevestiging"] == (3.0, 3)
    assert mediaan["Standpunt"] == (0, 0)
