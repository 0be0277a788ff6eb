"""The figures for a year against a known data set (Art. 14.2 b)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from meldingen.constants import Categorie, Kanaal, Soort, Status, Wijze
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import cijfers as cijfers_module
from rapportage.cijfers import aanbieders, jaarcijfers, ruwe_cijfers

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def organisatie():
    org = OrganisatieFactory(slug="woonstichting-cijfers")
    ontvangen = datetime(2025, 3, 1, 10, tzinfo=AMS)
    reeks = [
        # (count, categorie, kanaal, wijze, status, soort)
        (7, Categorie.VEILIGHEID, Kanaal.VERTROUWENSPERSOON, Wijze.WEBFORMULIER, Status.AFGESLOTEN, Soort.MELDING),
        (
            6,
            Categorie.INTEGRITEITSSCHENDING,
            Kanaal.EXTERNE_VERTROUWENSPERSOON,
            Wijze.SCHRIFTELIJK,
            Status.IN_ONDERZOEK,
            Soort.MELDING,
        ),
        (
            2,
            Categorie.ONGEWENSTE_OMGANGSVORMEN,
            Kanaal.VERTROUWENSPERSOON,
            Wijze.GESPREK,
            Status.ONTVANGEN,
            Soort.ADVIESVRAAG,
        ),
    ]
    for aantal, categorie, kanaal, wijze, status, soort in reeks:
        MeldingFactory.create_batch(
            aantal,
            organisatie=org,
            registerjaar=2025,
            ontvangen_op=ontvangen,
            categorie=categorie,
            kanaal=kanaal,
            wijze=wijze,
            status=status,
            soort=soort,
        )
    # Not counted: another year, another organisation.
    MeldingFactory.create_batch(3, organisatie=org, registerjaar=2024, categorie=Categorie.MILIEU)
    MeldingFactory.create_batch(4, registerjaar=2025, categorie=Categorie.MILIEU)
    return org


def _tabel(cijfers, sleutel, index=0):
    onderdeel = next(o for o in cijfers["onderdelen"] if o["sleutel"] == sleutel)
    return onderdeel["tabellen"][index]


def _rijen(tabel):
    return {label: tekst for label, _waarde, tekst in tabel["rijen"]}


def test_ruwe_cijfers_van_het_register_kloppen(organisatie):
    ruw = ruwe_cijfers(organisatie=organisatie, jaar=2025)
    aard = dict(map(tuple, ruw["aard"][0]["rijen"]))
    assert ruw["aard"][0]["totaal"] == 15
    assert aard["Gevaar voor de veiligheid van personen"] == 7
    assert aard["Integriteitsschending of onregelmatigheid"] == 6
    assert aard["Ongewenste omgangsvormen of discriminatie"] == 2
    assert aard["Gevaar voor het milieu"] == 0
    kanalen = dict(map(tuple, ruw["kanalen"][0]["rijen"]))
    # Art. 3.2, 4.1: the channel straight to the supervisory body is counted too.
    assert kanalen == {
        "Externe vertrouwenspersoon": 6,
        "Vertrouwenspersoon": 9,
        "Leidinggevende": 0,
        "Raad van commissarissen of toezichthoudend orgaan (als de hoogste leiding betrokken is)": 0,
    }
    soort = dict(map(tuple, ruw["aantal"][0]["rijen"]))
    assert soort == {"Formele melding": 13, "Adviesvraag": 2}
    status = dict(map(tuple, ruw["afhandeling"][0]["rijen"]))
    assert status["Afgesloten"] == 7
    assert status["In onderzoek"] == 6
    assert status["Ontvangen"] == 2


def test_gepubliceerde_cijfers_onderdrukken_kleine_aantallen_ook_via_het_totaal(organisatie):
    cijfers = jaarcijfers(organisatie=organisatie, jaar=2025, drempel=5)
    aard = _tabel(cijfers, "aard")
    assert aard["totaal"] == "15"
    rijen = _rijen(aard)
    assert rijen["Ongewenste omgangsvormen of discriminatie"] == "< 5"
    # 15 - 7 - 6 would give the 2 away: the next smallest (6) is hidden too.
    assert rijen["Integriteitsschending of onregelmatigheid"] == "×"
    assert rijen["Gevaar voor de veiligheid van personen"] == "7"
    assert rijen["Gevaar voor het milieu"] == "0"
    assert _rijen(_tabel(cijfers, "kanalen", 0)) == {
        "Externe vertrouwenspersoon": "6",
        "Vertrouwenspersoon": "9",
        "Leidinggevende": "0",
        "Raad van commissarissen of toezichthoudend orgaan (als de hoogste leiding betrokken is)": "0",
    }
    assert _rijen(_tabel(cijfers, "kanalen", 1))["Gesprek op locatie"] == "< 5"
    assert _rijen(_tabel(cijfers, "aantal")) == {"Formele melding": "×", "Adviesvraag": "< 5"}
    # No raw small count is frozen anywhere in the JSON.
    for onderdeel in cijfers["onderdelen"]:
        for tabel in onderdeel["tabellen"]:
            for _label, waarde, _tekst in tabel["rijen"]:
                assert waarde is None or waarde == 0 or waarde >= 5


def test_drempel_is_instelbaar(organisatie, settings):
    settings.MELDPUNT_RAPPORTAGE_DREMPEL = 2
    cijfers = jaarcijfers(organisatie=organisatie, jaar=2025)
    assert cijfers["drempel"] == 2
    assert _rijen(_tabel(cijfers, "aard"))["Ongewenste omgangsvormen of discriminatie"] == "2"


def test_elk_onderdeel_heeft_een_bron(organisatie):
    cijfers = jaarcijfers(organisatie=organisatie, jaar=2025)
    assert all(o["beschikbaar"] for o in cijfers["onderdelen"])


def test_onderdelen_zonder_bron_zeggen_geen_gegevens(organisatie, monkeypatch):

    alleen_register = [(app, f) for app, f in aanbieders() if app == "meldingen"]
    monkeypatch.setattr(cijfers_module, "aanbieders", lambda: alleen_register)
    cijfers = jaarcijfers(organisatie=organisatie, jaar=2025)
    beschikbaar = {o["sleutel"]: o["beschikbaar"] for o in cijfers["onderdelen"]}
    # A section without a provider says so; figures are never invented.
    assert {s for s, b in beschikbaar.items() if not b} == {
        "onderzoeken",
        "standpunten",
        "benadeling_verzoeken",
        "benadeling_maatregelen",
    }


def test_aanbieders_worden_per_app_gevonden():
    assert [app for app, _f in aanbieders()] == ["meldingen", "onderzoek", "benadeling"]
