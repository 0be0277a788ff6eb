"""Closing a case voids what is still open (issue 14; meldingen.services.termijnen
VERVALT_BIJ_STATUS): after "no investigation" or a referral (Art. 9.2-9.3) and
after the standpunt (Art. 12.1-12.2), through the services the screens call."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from meldingen import uitbreidingen
from meldingen.constants import Status, TermijnSoort
from meldingen.deadlines import Termijnberekening
from meldingen.models import Termijn
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.termijnen import termijn_starten, termijnsleutel
from onderzoek.tests.factories import Zaak
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db

S = Status
BLIJVEND = uitbreidingen.Termijnsoort(
    waarde="proef_blijvend", label="Proef", herinneren_dagen_voor=1, blijft_na_afsluiten=True
)


def _open(melding):
    return Termijn.objects.open().filter(melding=melding)


def _sluiten(zaak, van):
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, van, S.AFGESLOTEN)


@pytest.mark.parametrize("van", [S.NIET_IN_ONDERZOEK, S.DOORVERWEZEN])
def test_art_9_2_afsluiten_laat_open_termijnen_vervallen(van):
    zaak = Zaak(doorsturen=False)
    for stap in PAD[van]:
        _nemen(zaak, *stap)
    assert _open(zaak.melding).exists()
    _sluiten(zaak, van)
    assert not _open(zaak.melding).exists()
    vervallen = Termijn.objects.filter(melding=zaak.melding, vervallen_reden="status: afgesloten")
    assert vervallen.exists()


def test_art_12_1_afsluiten_na_standpunt_laat_open_termijnen_vervallen():
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.STANDPUNT_VERZONDEN]:
        _nemen(zaak, *stap)
    assert _open(zaak.melding).exists()
    _sluiten(zaak, S.STANDPUNT_VERZONDEN)
    assert not _open(zaak.melding).exists()
    assert Termijn.objects.filter(melding=zaak.melding, vervallen_reden="status: afgesloten").exists()


def test_afsluiten_laat_een_termijn_die_de_zaak_overleeft_lopen():
    # E.g. acting on a retaliation claim (Art. 6.3): protection outlives the case.
    uitbreidingen.termijnsoort_registreren(BLIJVEND)
    try:
        zaak = Zaak(doorsturen=False)
        for stap in PAD[S.NIET_IN_ONDERZOEK]:
            _nemen(zaak, *stap)
        vandaag = timezone.localdate()
        termijn_starten(
            melding=zaak.melding,
            berekening=Termijnberekening(BLIJVEND.waarde, vandaag, timezone.now() + timedelta(days=60)),
        )
        _sluiten(zaak, S.NIET_IN_ONDERZOEK)
        assert list(_open(zaak.melding).values_list("soort", flat=True)) == [BLIJVEND.waarde]
    finally:
        uitbreidingen.termijnsoort_verwijderen(BLIJVEND.waarde)


def test_intrekken_laat_de_termijn_van_een_blijvend_onderwerp_lopen_en_niet_de_eigen():
    # E.g. the standpunt of a still-running Art. 13.2 investigation: a kind meldingen
    # owns (standpunt), kept by its subject only; the report's own term still ends.
    def blijvend(*, melding):
        return [termijnsleutel(TermijnSoort.STANDPUNT, "proef:1")]

    uitbreidingen.blijvende_termijnen_registreren(blijvend)
    try:
        zaak = Zaak(doorsturen=False)
        for stap in PAD[S.IN_ONDERZOEK]:
            _nemen(zaak, *stap)
        vandaag = timezone.localdate()
        for onderwerp in ("proef:1", "proef:2"):
            termijn_starten(
                melding=zaak.melding,
                berekening=Termijnberekening(TermijnSoort.STANDPUNT, vandaag, timezone.now() + timedelta(days=60)),
                onderwerp=onderwerp,
            )
        melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
        assert list(_open(zaak.melding).values_list("soort", "onderwerp")) == [(TermijnSoort.STANDPUNT, "proef:1")]
        assert Termijn.objects.get(melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp="").vervallen_op
    finally:
        uitbreidingen.blijvende_termijnen_verwijderen(blijvend)
