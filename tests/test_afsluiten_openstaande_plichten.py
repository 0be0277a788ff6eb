"""Steps closing a case must not void without them (review "stappen-af"). The
Art. 8.5-8.6 case is fixed; the Art. 13.2 one is still a strict xfail: it
documents a defect not fixed yet, and a fix makes it fail so the marker goes."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Termijn
from meldingen.workflow import ONTVANGER, TOEGESTANE_OVERGANGEN
from onderzoek.constants import termijnonderwerp
from onderzoek.tests.factories import Zaak
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


@pytest.mark.xfail(strict=True, reason="closing voids the Art. 13.2 investigation's standpunt term (review stappen-af)")
def test_art_13_2_afsluiten_laat_het_standpunt_over_benadeling_niet_vervallen():
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.STANDPUNT_VERZONDEN]:
        _nemen(zaak, *stap)
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, S.STANDPUNT_VERZONDEN, S.AFGESLOTEN)
    termijn = Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(verzoek.onderzoek)
    )
    assert termijn.vervallen_op is None
