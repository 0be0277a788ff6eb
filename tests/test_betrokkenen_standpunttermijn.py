"""Art. 11.4: the persons concerned are told of the standpunt "in overeenkomstige
zin" as the melder, unless the investigation or enforcement interest would be
harmed (the HL records that interest with a date to revisit it). Telling them is
a term (docs/termijnen.md, `betrokkenen_standpunt`): it starts with the
standpunt, the deadline sweep reminds and escalates it, and it closes once every
person concerned was told or the interest recorded. A person concerned recorded
after the standpunt starts that term again when none is open. Every state is
reached through the services the screens call."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from meldingen import deadlines
from meldingen.constants import HerinneringSoort, Status
from meldingen.models import Herinnering, Termijn
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.termijnen.bewaking import termijnen_bewaken
from onderzoek.constants import (
    BETROKKENEN_STANDPUNT_AFGEHANDELD,
    TERMIJN_BETROKKENE_HERZIEN,
    TERMIJN_BETROKKENEN_STANDPUNT,
)
from onderzoek.services import (
    betrokkene_melding_meedelen,
    betrokkene_standpunt_meedelen,
    melding_afsluiten_na_standpunt,
)
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


def _open_termijnen(zaak):
    return list(Termijn.objects.open().filter(melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT))


def _afsluiten_geweigerd(zaak):
    with pytest.raises(ValidationError, match=r"Art\. 11\.4"):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)


def test_art_11_4_betrokkene_na_standpunt_start_termijn(settings):
    """Everyone known at the standpunt was told and its term closed; a person
    concerned recorded a week later is owed the standpunt too: a new term runs the
    full length from that day, the sweep reminds and escalates it, and it closes
    once that person is told."""
    settings.MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN = 10
    zaak, (eerste,) = _standpunt_met_betrokkenen("Hoofd Financiën")
    betrokkene_standpunt_meedelen(betrokkene=eerste, door=zaak.hl.gebruiker)
    assert _termijn(zaak).gesloten_op is not None
    assert _open_termijnen(zaak) == []

    with time_machine.travel(timezone.now() + timedelta(days=7), tick=False):
        later = betrokkene_toevoegen(melding=zaak.melding, naam="Crediteurenbeheer", door=zaak.hl.gebruiker)
        (termijn,) = _open_termijnen(zaak)
        assert termijn.start == timezone.localdate()
        assert termijn.due == deadlines.uiterlijk_na_dagen(timezone.localdate(), 10)
        assert termijn.onderwerp == f"standpunt:{zaak.melding.standpunten.get().pk}:betrokkene:{later.pk}"
        # The closing precondition asks for the late person, and now so does the sweep.
        _afsluiten_geweigerd(zaak)
        herinnerd_geescaleerd_en_zichtbaar(termijn, wie=zaak.hl.gebruiker, artikel="Art. 11.4")

        betrokkene_standpunt_meedelen(betrokkene=later, door=zaak.hl.gebruiker)
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.soort == BETROKKENEN_STANDPUNT_AFGEHANDELD
    assert _open_termijnen(zaak) == []
    # Told, the term closed: the sweep is silent about it from now on.
    termijnen_bewaken(nu=termijn.due + timedelta(days=2))
    assert not Herinnering.objects.filter(termijn=termijn, due__gt=termijn.due).exists()
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)


def test_art_11_4_eerste_betrokkene_pas_na_standpunt_start_termijn():
    # No person concerned at the standpunt, so its own term never started.
    zaak, _geen = _standpunt_met_betrokkenen()
    assert not Termijn.objects.filter(melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).exists()
    betrokkene = betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    (termijn,) = _open_termijnen(zaak)
    assert termijn.start == timezone.localdate()
    # The interest recorded with a revisit date is what Art. 11.4 asks now.
    betrokkene_standpunt_meedelen(
        betrokkene=betrokkene,
        reden="Handhaving loopt nog.",
        herzien_op=timezone.localdate() + timedelta(days=30),
        door=zaak.hl.gebruiker,
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


def test_art_11_4_betrokkene_na_standpunt_bij_lopende_termijn_geen_tweede():
    """The standpunt's term still runs for someone not yet told: the person
    recorded later joins it (no second reminder) and it closes only once both
    were told."""
    zaak, (eerste,) = _standpunt_met_betrokkenen("Hoofd Financiën")
    later = betrokkene_toevoegen(melding=zaak.melding, naam="Crediteurenbeheer", door=zaak.hl.gebruiker)
    assert _open_termijnen(zaak) == [_termijn(zaak)]
    betrokkene_standpunt_meedelen(betrokkene=eerste, door=zaak.hl.gebruiker)
    assert _termijn(zaak).gesloten_op is None
    betrokkene_standpunt_meedelen(betrokkene=later, door=zaak.hl.gebruiker)
    assert _termijn(zaak).gesloten_op is not None
    assert Termijn.objects.filter(melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).count() == 1


def test_art_11_4_betrokkene_voor_het_standpunt_start_geen_eigen_termijn():
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    assert not Termijn.objects.filter(melding=zaak.melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).exists()
    _nemen(zaak, S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN)
    # Only the standpunt's own term, counting this person.
    assert _open_termijnen(zaak) == [_termijn(zaak)]


def test_art_9_6_betrokkene_na_standpunt_krijgt_de_herzieningstermijn_als_iedereen():
    """Art. 9.6 has no term of its own for telling a person concerned of the report:
    only the reminder at the date to revisit a recorded interest, started per person
    by recording it. A person recorded late gets it alike."""
    zaak, _eerder = _standpunt_met_betrokkenen("Hoofd Financiën")
    later = betrokkene_toevoegen(melding=zaak.melding, naam="Crediteurenbeheer", door=zaak.hl.gebruiker)
    herzien = timezone.localdate() + timedelta(days=10)
    betrokkene_melding_meedelen(
        betrokkene=later, reden="Onderzoek zou worden geschaad.", herzien_op=herzien, door=zaak.hl.gebruiker
    )
    termijn = Termijn.objects.get(melding=zaak.melding, onderwerp=f"betrokkene-melding:{later.pk}")
    assert termijn.soort == TERMIJN_BETROKKENE_HERZIEN
    termijnen_bewaken(nu=termijn.herinneren_vanaf + timedelta(hours=1))
    assert Herinnering.objects.filter(
        termijn=termijn, soort=HerinneringSoort.HERINNERING, ontvanger=zaak.hl.gebruiker
    ).exists()
    betrokkene_melding_meedelen(betrokkene=later, door=zaak.hl.gebruiker)
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
