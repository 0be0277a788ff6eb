"""Art. 11.4: the persons concerned are told of the standpunt "in overeenkomstige
zin" as the melder, unless the investigation or enforcement interest would be
harmed (the HL records that interest with a date to revisit it). Telling them is
a term (docs/termijnen.md, `betrokkenen_standpunt`): it starts with the
standpunt, the deadline sweep reminds and escalates it, and it closes once every
person concerned was told or the interest recorded. Every state is reached
through the services the screens call."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from meldingen import deadlines
from meldingen.constants import Status
from meldingen.models import Termijn
from meldingen.services.betrokkenen import betrokkene_toevoegen
from onderzoek.constants import TERMIJN_BETROKKENE_HERZIEN, TERMIJN_BETROKKENEN_STANDPUNT
from onderzoek.services import betrokkene_standpunt_meedelen, melding_afsluiten_na_standpunt
from onderzoek.tests.factories import Zaak
from tests.termijnbewaking_hulp import herinnerd_geescaleerd_en_zichtbaar
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status


def _standpunt_met_betrokkenen(*namen):
    """A case with persons concerned, recorded before the standpunt was sent."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    betrokkenen = [betrokkene_toevoegen(melding=zaak.melding, naam=naam, door=zaak.hl.gebruiker) for naam in namen]
    _nemen(zaak, S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN)
    return zaak, betrokkenen


def _termijn(zaak):
    standpunt = zaak.melding.standpunten.get()
    return Termijn.objects.get(
        melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT, onderwerp=f"standpunt:{standpunt.pk}"
    )


def test_art_11_4_standpunt_start_termijn_voor_de_betrokkenen_die_herinnerd_en_geescaleerd_wordt(settings):
    settings.MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN = 10
    zaak, _betrokkenen = _standpunt_met_betrokkenen("Hoofd Financiën")
    termijn = _termijn(zaak)
    assert termijn.start == timezone.localdate()
    assert termijn.due == deadlines.uiterlijk_na_dagen(termijn.start, 10)
    assert termijn.gesloten_op is None
    herinnerd_geescaleerd_en_zichtbaar(termijn, wie=zaak.hl.gebruiker, artikel="Art. 11.4")


def test_art_11_4_termijn_sluit_als_iedere_betrokkene_geinformeerd_of_het_belang_vastgelegd_is():
    zaak, (eerste, tweede) = _standpunt_met_betrokkenen("Hoofd Financiën", "Crediteurenbeheer")
    betrokkene_standpunt_meedelen(betrokkene=eerste, door=zaak.hl.gebruiker)
    # One person still owed: the term runs and the case does not close.
    assert _termijn(zaak).gesloten_op is None
    with (
        time_machine.travel(timezone.now() + timedelta(days=16)),
        pytest.raises(ValidationError, match=r"Art\. 11\.4"),
    ):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)
    # The enforcement interest recorded with a revisit date is what Art. 11.4 asks now.
    herzien = timezone.localdate() + timedelta(days=30)
    betrokkene_standpunt_meedelen(
        betrokkene=tweede, reden="Handhaving loopt nog.", herzien_op=herzien, door=zaak.hl.gebruiker
    )
    termijn = _termijn(zaak)
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.artikel == "Art. 11.4"
    # The revisit term takes over for that person, and outlives closing.
    herziening = Termijn.objects.get(melding=zaak.melding, soort=TERMIJN_BETROKKENE_HERZIEN)
    assert herziening.gesloten_op is None
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)
    termijn.refresh_from_db()
    assert termijn.vervallen_op is None


def test_art_11_4_zonder_betrokkenen_geen_termijn():
    zaak, _geen = _standpunt_met_betrokkenen()
    assert not Termijn.objects.filter(melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).exists()
