"""Reproductions of steps closing a case still voids without them (review
"stappen-af"). Marked xfail(strict): each documents a defect described in the
review, not fixed here because the fix changes when users may close a case; a
fix makes it pass, and strict xfail then fails so the marker is removed."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Termijn
from onderzoek.constants import termijnonderwerp
from onderzoek.tests.factories import Zaak
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status


def _gesloten(zaak, van):
    for stap in PAD[van]:
        _nemen(zaak, *stap)
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, van, S.AFGESLOTEN)


@pytest.mark.parametrize("van", [S.NIET_IN_ONDERZOEK, S.DOORVERWEZEN, S.STANDPUNT_VERZONDEN])
def test_art_8_5_8_6_afsluiten_niet_zonder_ontvangstbevestiging_en_contactpersoon(van):
    zaak = Zaak(doorsturen=False)
    try:
        _gesloten(zaak, van)
    except Exception:  # refused: the fix under review
        return
    vervallen = set(
        Termijn.objects.filter(melding=zaak.melding, vervallen_reden="status: afgesloten").values_list(
            "soort", flat=True
        )
    )
    assert not vervallen & {TermijnSoort.ONTVANGSTBEVESTIGING, TermijnSoort.CONTACTPERSOON}


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
