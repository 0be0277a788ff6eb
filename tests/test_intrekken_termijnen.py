"""Terms that belong to the report and those that belong to the melder's
protection kept apart.

Withdrawing a report ends its procedure, not the melder's protection (Art. 5,
docs/toestanden.md: "protection continues"): the terms that outlive closing the
case (acting on a retaliation claim, Art. 6.3; deciding an Art. 13.1 request;
revisiting a person concerned not yet told, Art. 9.6/11.4) outlive withdrawal
too, through the services the mailbox calls."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from benadeling.constants import VERZOEK_BENADELING
from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Termijn
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.termijnen import standpunt_verlengen
from onderzoek.constants import termijnonderwerp
from onderzoek.tests.factories import Zaak
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db


def test_art_13_1_intrekken_laat_de_termijn_voor_het_verzoek_om_onderzoek_naar_benadeling_lopen():
    zaak = Zaak(doorsturen=False)
    for stap in PAD[Status.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    termijn = Termijn.objects.get(melding=zaak.melding, soort=VERZOEK_BENADELING, onderwerp=f"verzoek:{verzoek.pk}")
    # The HL still decides on the request within its term (Art. 13.1); it reminds and escalates.
    assert termijn.vervallen_op is None
    assert termijn.gesloten_op is None
    # The procedure's own terms are void, with the reason.
    standpunt = Termijn.objects.get(melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp="")
    assert standpunt.vervallen_reden == "ingetrokken"


def test_art_11_2_verlenging_verlengt_het_eigen_standpunt_niet_dat_van_het_onderzoek_naar_benadeling():
    zaak = Zaak(doorsturen=False)
    for stap in PAD[Status.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        verzoek = onderzoeksverzoek_inwilligen(
            verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
        )
    eigen = Termijn.objects.get(melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp="")
    benadeling = Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(verzoek.onderzoek)
    )
    oud_eigen, oud_benadeling = eigen.due, benadeling.due
    nieuwe_datum = timezone.localdate(oud_eigen) + timedelta(days=14)
    standpunt_verlengen(melding=zaak.melding, nieuwe_datum=nieuwe_datum, reden="", door=zaak.hl.gebruiker)
    eigen.refresh_from_db()
    benadeling.refresh_from_db()
    # Art. 11.2: the letter names the report's standpunt; that term moves, the other keeps its date.
    assert timezone.localdate(eigen.due) == nieuwe_datum
    assert benadeling.due == oud_benadeling
