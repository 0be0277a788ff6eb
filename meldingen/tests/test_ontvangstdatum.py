"""Real dates entered by an officer (issue 14): the date of receipt of a report
registered by post, phone or in a meeting (Art. 8.5), and the date a paper consent
was signed (Art. 7.2). Terms run from those dates."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.kalender import einde_van_dag, lokale_datum
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, Soort, TermijnSoort, ToestemmingSoort, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Termijn
from meldingen.services.melder import Meldinginhoud, melding_registreren_door_functionaris
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.services.toestemming import toestemming_op_papier
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _registreren(ontvangen_op, wijze=Wijze.SCHRIFTELIJK):
    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    return melding_registreren_door_functionaris(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Per post: de kas klopt niet."),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=wijze,
        formeel=True,
        ontvangen_op=ontvangen_op,
        door=vp,
    ).melding


def test_art_8_5_ontvangstdatum_van_de_functionaris_bepaalt_de_termijnen():
    ontvangen = timezone.localdate() - timedelta(days=5)
    melding = _registreren(ontvangen)
    assert lokale_datum(melding.ontvangen_op) == ontvangen
    bevestiging = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert bevestiging.start == ontvangen
    assert bevestiging.due == einde_van_dag(ontvangen + timedelta(days=7))
    assert Termijn.objects.get(melding=melding, soort=TermijnSoort.STANDPUNT).start == ontvangen


def test_art_8_5_ontvangstdatum_vandaag_is_het_moment_van_registratie():
    voor = timezone.now()
    melding = _registreren(timezone.localdate(), wijze=Wijze.TELEFONISCH)
    assert melding.ontvangen_op >= voor


def test_art_8_5_ontvangstdatum_niet_in_de_toekomst():
    with pytest.raises(ValidationError) as fout:
        _registreren(timezone.localdate() + timedelta(days=1))
    assert "ontvangen_op" in fout.value.message_dict


def test_art_8_5_ontvangstdatum_niet_onredelijk_ver_terug(settings):
    settings.MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN = 30
    with pytest.raises(ValidationError) as fout:
        _registreren(timezone.localdate() - timedelta(days=31))
    assert "ontvangen_op" in fout.value.message_dict
    assert _registreren(timezone.localdate() - timedelta(days=30))


def test_art_8_5_ontvangstdatum_verplicht():
    with pytest.raises(ValidationError) as fout:
        _registreren(None)
    assert "ontvangen_op" in fout.value.message_dict


@pytest.fixture
def adviesvraag():
    organisatie = OrganisatieFactory()
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="Mag dit?",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.GESPREK,
        formeel=False,
        ontvangen_op=timezone.now() - timedelta(days=20),
    )
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    return melding, vp


def test_art_7_2_toestemming_op_papier_telt_vanaf_de_datum_ondertekening(adviesvraag):
    melding, vp = adviesvraag
    getekend = timezone.localdate() - timedelta(days=6)
    toestemming = toestemming_op_papier(
        melding=melding,
        soort=ToestemmingSoort.FORMELE_BEHANDELING,
        getekend_pdf=b"%PDF-1.4 getekend",
        getekend_op=getekend,
        door=vp,
    )
    assert lokale_datum(toestemming.gegeven_op) == getekend
    melding.refresh_from_db()
    assert melding.soort == Soort.MELDING
    # The terms of the formal report run from the signature, not from the upload.
    assert Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING).start == getekend
    assert Termijn.objects.get(melding=melding, soort=TermijnSoort.STANDPUNT).start == getekend


@pytest.mark.parametrize("dagen", [1, -21])
def test_art_7_2_datum_ondertekening_niet_in_de_toekomst_of_voor_de_ontvangst(adviesvraag, dagen):
    melding, vp = adviesvraag
    with pytest.raises(ValidationError) as fout:
        toestemming_op_papier(
            melding=melding,
            soort=ToestemmingSoort.FORMELE_BEHANDELING,
            getekend_pdf=b"%PDF-1.4 getekend",
            getekend_op=timezone.localdate() + timedelta(days=dagen),
            door=vp,
        )
    assert "getekend_op" in fout.value.message_dict
    melding.refresh_from_db()
    assert melding.soort == Soort.ADVIESVRAAG
