"""Figures cannot be used to watch reports arrive (docs/hostile-input.md, "Annual
figures"): no version of a year until a month after it ended, a limited and
audited number of previews, and no small count revealed by the difference
between two versions (docs/vertrouwelijkheid.md)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.models import AuditRegel
from meldingen.constants import Categorie
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import VersieAanleiding
from rapportage.onderdrukking import verschil_onthult
from rapportage.tests.factories import JaarrapportageFactory, hl_van

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def opzet():
    org = OrganisatieFactory()
    MeldingFactory.create_batch(11, organisatie=org, registerjaar=2025, categorie=Categorie.VEILIGHEID)
    MeldingFactory.create_batch(8, organisatie=org, registerjaar=2025, categorie=Categorie.MILIEU)
    return {"org": org, "hl": hl_van(org), "rapportage": JaarrapportageFactory(organisatie=org, jaar=2025)}


def _voorbeeld(opzet):
    return services.versie_aanmaken(
        rapportage=opzet["rapportage"], aanleiding=VersieAanleiding.VOORBEELD, door=opzet["hl"]
    )


def test_geen_voorbeeld_van_een_lopend_jaar(opzet):
    lopend = JaarrapportageFactory(organisatie=opzet["org"], jaar=timezone.localdate().year)
    with pytest.raises(ValidationError) as fout:
        services.versie_aanmaken(rapportage=lopend, aanleiding=VersieAanleiding.VOORBEELD, door=opzet["hl"])
    assert "pas vanaf 1 februari" in fout.value.messages[0]
    assert not lopend.versies.exists()


@pytest.mark.parametrize(
    ("moment", "toegestaan"),
    [
        (datetime(2025, 12, 31, 23, 0, tzinfo=AMS), False),
        (datetime(2026, 1, 31, 23, 59, tzinfo=AMS), False),  # the cut-off is a month after the year
        (datetime(2026, 2, 1, 0, 1, tzinfo=AMS), True),
    ],
)
def test_cijfers_pas_een_maand_na_het_jaar(opzet, moment, toegestaan):
    with time_machine.travel(moment, tick=False):
        if toegestaan:
            assert _voorbeeld(opzet).aanleiding == VersieAanleiding.VOORBEELD
        else:
            with pytest.raises(ValidationError):
                _voorbeeld(opzet)


def test_aantal_voorbeelden_beperkt_en_geaudit(opzet):
    for _ in range(services.MAX_VOORBEELDEN):
        _voorbeeld(opzet)
    with pytest.raises(ValidationError) as fout:
        _voorbeeld(opzet)
    assert "meer kan niet" in fout.value.messages[0]
    toelichtingen = set(
        AuditRegel.objects.filter(actor=opzet["hl"], toelichting__contains="voorbeeld").values_list(
            "toelichting", flat=True
        )
    )
    assert f"versie {services.MAX_VOORBEELDEN}, voorbeeld 5 van {services.MAX_VOORBEELDEN}" in toelichtingen
    assert len(toelichtingen) == services.MAX_VOORBEELDEN


def _cijfers(aantallen: dict[str, str], totaal: str, drempel: int = 5) -> dict:
    return {
        "drempel": drempel,
        "onderdelen": [
            {"sleutel": "aard", "tabellen": [{"rijen": [[k, None, v] for k, v in aantallen.items()], "totaal": totaal}]}
        ],
    }


@pytest.mark.parametrize(
    ("nieuw", "onthult"),
    [
        (_cijfers({"veiligheid": "11", "milieu": "8"}, "19"), False),  # unchanged
        (_cijfers({"veiligheid": "13", "milieu": "8"}, "21"), True),  # two new reports: a small cell
        (_cijfers({"veiligheid": "16", "milieu": "13"}, "29"), False),  # every change >= 5
        (_cijfers({"veiligheid": "16", "milieu": "8"}, "22"), True),  # a cell +5, the total only +3
        (_cijfers({"veiligheid": "11", "milieu": "8", "fraude": "< 5"}, "20"), True),  # a new cell
        (_cijfers({"veiligheid": "11", "milieu": "×"}, "19"), True),  # suppression changed
        (_cijfers({"veiligheid": "11", "milieu": "8"}, "19", drempel=3), True),
    ],
)
def test_verschil_tussen_versies_onthult_geen_kleine_cel(nieuw, onthult):
    eerder = _cijfers({"veiligheid": "11", "milieu": "8"}, "19")
    assert verschil_onthult(eerder, nieuw, 5) is onthult


def _aard(versie) -> dict:
    onderdeel = next(o for o in versie.inhoud["cijfers"]["onderdelen"] if o["sleutel"] == "aard")
    return {rij[0]: rij[2] for rij in onderdeel["tabellen"][0]["rijen"]}


def test_tweede_versie_met_klein_verschil_houdt_de_eerdere_cijfers(opzet):
    eerste = _voorbeeld(opzet)
    services.versie_genereren(versie_id=eerste.pk)
    eerste.refresh_from_db()
    assert _aard(eerste)["Gevaar voor het milieu"] == "8"
    # Two reports of last year registered late (e.g. a paper report): comparing
    # versions would show "+2" in one category, a small cell.
    MeldingFactory.create_batch(2, organisatie=opzet["org"], registerjaar=2025, categorie=Categorie.MILIEU)
    tweede = _voorbeeld(opzet)
    services.versie_genereren(versie_id=tweede.pk)
    tweede.refresh_from_db()
    assert tweede.inhoud["cijfers"] == eerste.inhoud["cijfers"]
    # Once the change is large enough everywhere, the figures are refreshed.
    MeldingFactory.create_batch(3, organisatie=opzet["org"], registerjaar=2025, categorie=Categorie.MILIEU)
    MeldingFactory.create_batch(5, organisatie=opzet["org"], registerjaar=2025, categorie=Categorie.VEILIGHEID)
    derde = _voorbeeld(opzet)
    services.versie_genereren(versie_id=derde.pk)
    derde.refresh_from_db()
    assert _aard(derde)["Gevaar voor het milieu"] == "13"
    assert _aard(derde)["Gevaar voor de veiligheid van personen"] == "16"
