"""Steps closing a case must not void without them (review "stappen-af"): the
acknowledgement and the contactpersoon (Art. 8.5-8.6) are taken before any row
to afgesloten, and the standpunt of a still-running Art. 13.2 investigation
outlives closing and withdrawal, until its own standpunt closes it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from benadeling.constants import BenadelingOordeel
from benadeling.services.verzoeken import (
    onderzoeksverzoek_indienen,
    onderzoeksverzoek_inwilligen,
    onderzoeksverzoek_standpunt_vaststellen,
)
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Termijn
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon
from meldingen.workflow import ONTVANGER, TOEGESTANE_OVERGANGEN
from onderzoek.constants import termijnonderwerp
from onderzoek.tests.factories import Zaak, onderzoek_lopend_maken, rapport_vaststellen_na_hoor
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status


def _tot_afsluiten(zaak, van):
    """Every step to `van` and past the reaction period, through the services; the
    closing row itself is taken by the caller."""
    for stap in PAD[van]:
        _nemen(zaak, *stap)


def test_art_8_5_8_6_elke_rij_naar_afgesloten_wacht_op_ontvangstbevestiging_en_contactpersoon():
    rijen = [paar for paar in TOEGESTANE_OVERGANGEN if paar[1] == S.AFGESLOTEN]
    assert len(rijen) == 4
    for paar in rijen:
        assert "ontvangst_en_contactpersoon" in TOEGESTANE_OVERGANGEN[paar].voorwaarden, paar


@pytest.mark.parametrize("van", [S.NIET_IN_ONDERZOEK, S.DOORVERWEZEN])
def test_art_8_5_8_6_afsluiten_niet_zonder_ontvangstbevestiging_en_contactpersoon(van):
    """Closing voided the acknowledgement and contactpersoon terms without either
    step; now every row to afgesloten refuses while one is owed, and after both
    steps the case closes with both terms closed, not voided."""
    zaak = Zaak(doorsturen=False)
    _tot_afsluiten(zaak, van)
    dienst = import_string(TOEGESTANE_OVERGANGEN[(van, S.AFGESLOTEN)].dienst)
    door = zaak.ontvanger if TOEGESTANE_OVERGANGEN[(van, S.AFGESLOTEN)].door == ONTVANGER else zaak.hl.gebruiker
    with (
        time_machine.travel(timezone.now() + timedelta(days=16)),
        pytest.raises(ValidationError, match=r"Art\. 8\.5.*Art\. 8\.6"),
    ):
        dienst(melding=zaak.melding, reden="Afgerond.", door=door)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == van
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, van, S.AFGESLOTEN)
    termijnen = Termijn.objects.filter(
        melding=zaak.melding, soort__in=[TermijnSoort.ONTVANGSTBEVESTIGING, TermijnSoort.CONTACTPERSOON]
    )
    assert termijnen.count() == 2
    assert all(t.gesloten_op is not None and t.vervallen_op is None for t in termijnen)


def _onderzoek_naar_benadeling(zaak):
    """Art. 13.1-13.2: the melder asks, the HL grants; the investigation has its
    own standpunt term (Termijn.onderwerp "onderzoek:<id>")."""
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    return onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )


def _standpunttermijn(zaak, onderwerp=""):
    return Termijn.objects.get(melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=onderwerp)


def _afsluiten_met_onderzoek_naar_benadeling():
    """A case closed after the standpunt (Art. 12.1) while an Art. 13.2
    investigation runs."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.STANDPUNT_VERZONDEN]:
        _nemen(zaak, *stap)
    verzoek = _onderzoek_naar_benadeling(zaak)
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, S.STANDPUNT_VERZONDEN, S.AFGESLOTEN)
    return zaak, verzoek


def test_art_13_2_afsluiten_laat_het_standpunt_over_benadeling_niet_vervallen():
    zaak, verzoek = _afsluiten_met_onderzoek_naar_benadeling()
    termijn = _standpunttermijn(zaak, termijnonderwerp(verzoek.onderzoek))
    assert termijn.vervallen_op is None
    assert termijn.gesloten_op is None
    # It is the only term left running: the report's own are closed or void.
    assert list(Termijn.objects.open().filter(melding=zaak.melding)) == [termijn]
    assert Termijn.objects.filter(melding=zaak.melding, vervallen_reden="status: afgesloten").exists()


def test_art_11_1_intrekken_laat_het_eigen_standpunt_van_de_melding_wel_vervallen():
    """Only the Art. 13.2 investigation's term outlives the case: the report's own
    standpunt term and cap (onderwerp "") end with the case as before."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    verzoek = _onderzoek_naar_benadeling(zaak)
    # Withdrawn before the standpunt: the report's own standpunt term is still open.
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    eigen = _standpunttermijn(zaak)
    assert eigen.vervallen_reden == "ingetrokken"
    assert Termijn.objects.get(melding=zaak.melding, soort=TermijnSoort.TERUGKOPPELING).vervallen_op is not None
    assert _standpunttermijn(zaak, termijnonderwerp(verzoek.onderzoek)).vervallen_op is None


def test_art_13_2_intrekken_laat_het_standpunt_over_benadeling_niet_vervallen():
    """Withdrawal ends the report's procedure, not the melder's protection (Art. 5):
    the investigation into the treatment still owes its standpunt."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.STANDPUNT_VERZONDEN]:
        _nemen(zaak, *stap)
    verzoek = _onderzoek_naar_benadeling(zaak)
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.INGETROKKEN
    termijn = _standpunttermijn(zaak, termijnonderwerp(verzoek.onderzoek))
    assert termijn.vervallen_op is None
    assert termijn.gesloten_op is None


def test_art_13_2_na_afsluiten_sluit_het_eigen_standpunt_van_het_onderzoek_de_termijn():
    """The term that outlives the case is not left open for ever: the investigation
    runs on after the case closed (Art. 9.4-10.6 by Art. 13.2) and its own signed
    standpunt, once it reaches the melder, closes it (Art. 13.2 with 11.1)."""
    zaak, verzoek = _afsluiten_met_onderzoek_naar_benadeling()
    onderzoek = verzoek.onderzoek
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    rapport_vaststellen_na_hoor(onderzoek, onderzoeker)
    onderzoeksverzoek_standpunt_vaststellen(
        verzoek=verzoek,
        uitkomst=BenadelingOordeel.GEEN_BENADELING,
        standpunt="Er is geen benadeling vastgesteld.",
        vervolgstappen="Geen.",
        kennisgeving_melden=False,
        kennisgeving_motivering="Geen externe instantie: een interne kwestie.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    brief = zaak.melding.brieven.get(soort="benadeling_standpunt_benadeling")
    if brief.via_vertrouwenspersoon:
        # Art. 7.3: the letter reaches the melder when the vertrouwenspersoon forwards it.
        brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=zaak.ontvanger)
    termijn = _standpunttermijn(zaak, termijnonderwerp(onderzoek))
    assert termijn.gesloten_op is not None
    assert termijn.vervallen_op is None
    assert termijn.gesloten_door_gebeurtenis is not None
