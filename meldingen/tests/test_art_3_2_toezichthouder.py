"""Art. 3.2, 4.1: with a reasonable suspicion that the HL is involved, the melder
reports straight to the internal supervisory body (the hoogste verantwoordelijke,
e.g. the RvC), a choice on the public form; the HL never receives the report."""

import pytest
from django.urls import reverse

from kern import toegang
from meldingen import selectors
from meldingen.constants import Kanaal, Relatie, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Melding, Toewijzing
from meldingen.services.melder import Meldinginhoud, melding_indienen
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisatie():
    organisatie = OrganisatieFactory(slug="woonstichting-rvc")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    return organisatie


@pytest.fixture
def hl(organisatie):
    return FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker


@pytest.fixture
def rvc(organisatie):
    return FunctionarisFactory(
        organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
    ).gebruiker


def _hl_ziet_niets(melding, hl):
    assert not Toewijzing.objects.filter(melding=melding, gebruiker=hl).exists()
    assert melding not in selectors.meldingen_zichtbaar_voor(user=hl)
    assert not toegang.mag(user=hl, perm="meldingen.view_melding", obj=melding)


def test_art_3_2_rechtstreeks_bij_de_raad_van_commissarissen(organisatie, hl, rvc):
    melding = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="De directeur gunt opdrachten aan zijn zwager."),
        kanaal=Kanaal.HOOGSTE_VERANTWOORDELIJKE,
        wijze=Wijze.WEBFORMULIER,
        formeel=True,
    ).melding
    assert melding.hl_betrokken
    assert melding.leiding_rol == ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE
    assert Toewijzing.objects.filter(melding=melding, gebruiker=rvc, rol=ToewijzingRol.ONTVANGER).exists()
    _hl_ziet_niets(melding, hl)
    # Forwarding (Art. 8.3-8.4) stays with the supervisory body.
    melding_doorsturen(melding=melding, door=rvc)
    assert Toewijzing.objects.filter(
        melding=melding, gebruiker=rvc, rol=ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE, beeindigd_op=None
    ).exists()
    _hl_ziet_niets(melding, hl)


def _geldig(**extra):
    return {
        "omschrijving": "De directeur gunt opdrachten aan zijn zwager.",
        "hl_betrokken": "nee",
        "categorie": "integriteitsschending",
        "kanaal": Kanaal.HOOGSTE_VERANTWOORDELIJKE,
        "identiteitskeuze": "anoniem",
        "toestemming": "ja",
        **extra,
    }


def test_art_4_1_keuze_op_het_formulier_ook_voor_wie_geen_werknemer_is(client, organisatie, hl, rvc):
    url = reverse("meldingen:melden", kwargs={"slug": organisatie.slug})
    html = client.get(url).content.decode()
    assert "Raad van commissarissen of toezichthoudend orgaan" in html
    assert "rechtstreeks melden bij de raad van commissarissen" in html
    antwoord = client.post(url, _geldig(relatie=Relatie.ZZP))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    melding = Melding.objects.get()
    assert melding.kanaal == Kanaal.HOOGSTE_VERANTWOORDELIJKE
    assert melding.hl_betrokken
    _hl_ziet_niets(melding, hl)


def test_art_4_1_keuze_in_het_engels(client, organisatie, rvc):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("meldingen:melden", kwargs={"slug": organisatie.slug})).content.decode()
    assert "Supervisory board or supervisory body" in html
    assert "report directly to the supervisory board" in html


def test_art_3_2_zonder_raad_van_commissarissen_geen_keuze(client, organisatie):
    html = client.get(reverse("meldingen:melden", kwargs={"slug": organisatie.slug})).content.decode()
    assert "Raad van commissarissen of toezichthoudend orgaan" not in html
