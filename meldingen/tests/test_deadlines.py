"""The deadline arithmetic as a table of dates, with time frozen (docs/stijl.md)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.kalender import AMSTERDAM
from kern.tests.factories import GebruikerFactory
from meldingen import deadlines
from meldingen.constants import GebeurtenisSoort, Kanaal, Soort, TermijnSoort, ToewijzingRol, Wijze
from meldingen.deadlines import Weigering
from meldingen.models import Functionaris, Gebeurtenis, Termijn
from meldingen.services import register, termijnen
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import meldingsbox_aanmaken
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory, ontvanger_van

WET = deadlines.Termijnlengtes()


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "maanden", "verwacht"),
    [
        (date(2025, 8, 31), 3, date(2025, 11, 30)),  # 31 Aug + 3m = 30 Nov
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # 30 Nov + 3m = 28 Feb
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # ... = 29 Feb in a leap year
        (date(2026, 2, 28), 3, date(2026, 5, 28)),  # 28 Feb + 3m = 28 May, not 31 May
        (date(2024, 2, 29), 3, date(2024, 5, 29)),  # leap day
        (date(2023, 11, 29), 3, date(2024, 2, 29)),
    ],
)
def test_wbk_art_2_maanden_volgens_eu_verordening_1182_71(start, maanden, verwacht):
    assert deadlines.uiterlijk_na_maanden(start, maanden) == datetime(
        verwacht.year, verwacht.month, verwacht.day, 23, 59, 59, 999999, tzinfo=AMSTERDAM
    )


@pytest.mark.parametrize(
    ("ontvangen_op", "soort", "uiterlijk_utc"),
    [
        # Art. 8.5: 7 days, end of day Amsterdam. Winter (CET, UTC+1): 22:59:59 UTC.
        (utc(2026, 1, 10, 9), TermijnSoort.ONTVANGSTBEVESTIGING, utc(2026, 1, 17, 22, 59, 59, 999999)),
        # Summer (CEST, UTC+2): 21:59:59 UTC.
        (utc(2026, 7, 10, 9), TermijnSoort.ONTVANGSTBEVESTIGING, utc(2026, 7, 17, 21, 59, 59, 999999)),
        # Across the spring switch (29 March 2026): received in CET, due in CEST.
        (utc(2026, 3, 25, 9), TermijnSoort.ONTVANGSTBEVESTIGING, utc(2026, 4, 1, 21, 59, 59, 999999)),
        # Across the autumn switch (25 October 2026): received in CEST, due in CET.
        (utc(2026, 10, 20, 9), TermijnSoort.ONTVANGSTBEVESTIGING, utc(2026, 10, 27, 22, 59, 59, 999999)),
        # 00:30 local on 1 March (23:30 UTC on 28 Feb) counts from 1 March.
        (utc(2026, 2, 28, 23, 30), TermijnSoort.ONTVANGSTBEVESTIGING, utc(2026, 3, 8, 22, 59, 59, 999999)),
        # Art. 9.2: two weeks.
        (utc(2026, 1, 10, 9), TermijnSoort.MEDEDELING_GEEN_ONDERZOEK, utc(2026, 1, 24, 22, 59, 59, 999999)),
        # Art. 11.1: eight weeks.
        (utc(2026, 1, 10, 9), TermijnSoort.STANDPUNT, utc(2026, 3, 7, 22, 59, 59, 999999)),
        # Art. 8.3: "onverwijld", default 2 days.
        (utc(2026, 1, 10, 9), TermijnSoort.DOORSTUREN, utc(2026, 1, 12, 22, 59, 59, 999999)),
        # Wbk art. 2: 3 months after day 7 when no acknowledgement was sent: 17 Jan + 3m = 17 Apr (CEST).
        (utc(2026, 1, 10, 9), TermijnSoort.TERUGKOPPELING, utc(2026, 4, 17, 21, 59, 59, 999999)),
        # ... 24 Aug + 7 = 31 Aug; + 3 months = 30 Nov (CET).
        (utc(2025, 8, 24, 9), TermijnSoort.TERUGKOPPELING, utc(2025, 11, 30, 22, 59, 59, 999999)),
        # ... 23 Nov + 7 = 30 Nov; + 3 months = 28 Feb.
        (utc(2025, 11, 23, 9), TermijnSoort.TERUGKOPPELING, utc(2026, 2, 28, 22, 59, 59, 999999)),
        # ... 21 Feb + 7 = 28 Feb; + 3 months = 28 May.
        (utc(2026, 2, 21, 9), TermijnSoort.TERUGKOPPELING, utc(2026, 5, 28, 21, 59, 59, 999999)),
    ],
)
@pytest.mark.django_db
def test_art_8_5_9_2_11_1_termijnen_bij_registratie(ontvangen_op, soort, uiterlijk_utc):
    with time_machine.travel(ontvangen_op, tick=False):
        melding = register.melding_registreren(
            organisatie=OrganisatieFactory(),
            omschrijving="x",
            kanaal=Kanaal.VERTROUWENSPERSOON,
            wijze=Wijze.SCHRIFTELIJK,
        )
    termijn = Termijn.objects.get(melding=melding, soort=soort)
    assert termijn.due == uiterlijk_utc
    with time_machine.travel(uiterlijk_utc, tick=False):
        assert termijn.toestand(nu=timezone.now()) != "verlopen"  # the due instant itself is in time
    with time_machine.travel(uiterlijk_utc.replace(microsecond=0).timestamp() + 1, tick=False):
        assert termijn.toestand(nu=timezone.now()) == "verlopen"


def test_art_8_5_ontvangstbevestiging_binnen_zeven_dagen():
    [bevestiging, *_rest] = deadlines.termijnen_bij_ontvangst(date(2026, 3, 1), WET)
    assert bevestiging.soort == TermijnSoort.ONTVANGSTBEVESTIGING
    assert deadlines.lokale_datum(bevestiging.uiterlijk) == date(2026, 3, 8)


@pytest.mark.parametrize(
    ("nieuwe_datum", "reden", "reden_nodig"),
    [
        (date(2026, 4, 4), "", False),  # receipt 10 Jan + 84 days = 4 April: still no reason
        (date(2026, 4, 5), "", True),  # day 85 needs one
        (date(2026, 4, 5), "Getuigen pas na de zomer beschikbaar", False),
    ],
)
def test_art_11_2_verlenging_na_twaalf_weken_vereist_reden(nieuwe_datum, reden, reden_nodig):
    weigeringen = deadlines.verlenging_beoordelen(
        ontvangen=date(2026, 1, 10),
        huidige_uiterlijk=deadlines.uiterlijk_na_dagen(date(2026, 1, 10), 56),
        nieuwe_datum=nieuwe_datum,
        vandaag=date(2026, 3, 1),
        reden=reden,
        terugkoppeling_uiterlijk=deadlines.uiterlijk_na_maanden(date(2026, 1, 17), 3),
        terugkoppeling_gegeven=False,
    )
    assert (Weigering.REDEN_VERPLICHT in weigeringen) is reden_nodig


@pytest.mark.parametrize(
    ("bevestigd_op", "cap"),
    [
        (None, date(2026, 4, 17)),  # none sent: from day 7
        (utc(2026, 1, 12, 10), date(2026, 4, 12)),  # sent on day 2: the cap comes forward
        (utc(2026, 1, 17, 10), date(2026, 4, 17)),  # sent on day 7
        (utc(2026, 1, 30, 10), date(2026, 4, 17)),  # late acknowledgement buys no time
    ],
)
def test_wbk_art_2_drie_maanden_vanaf_ontvangstbevestiging_nooit_later_dan_dag_zeven(bevestigd_op, cap):
    uiterlijk = deadlines.terugkoppeling_uiterlijk(bevestiging_uiterlijk=date(2026, 1, 17), bevestigd_op=bevestigd_op)
    assert deadlines.lokale_datum(uiterlijk) == cap


@pytest.mark.parametrize(
    ("nieuwe_datum", "gegeven", "geweigerd"),
    [
        (date(2026, 4, 17), False, False),  # the cap date itself is in time
        (date(2026, 4, 18), False, True),  # past the cap: refused, even with a reason
        (date(2026, 4, 18), True, False),  # unless the feedback has been given
    ],
)
def test_wbk_art_2_drie_maanden_maximum_niet_overschrijdbaar(nieuwe_datum, gegeven, geweigerd):
    weigeringen = deadlines.verlenging_beoordelen(
        ontvangen=date(2026, 1, 10),
        huidige_uiterlijk=deadlines.uiterlijk_na_dagen(date(2026, 1, 10), 56),
        nieuwe_datum=nieuwe_datum,
        vandaag=date(2026, 3, 1),
        reden="Externe deskundige nodig",
        terugkoppeling_uiterlijk=deadlines.uiterlijk_na_maanden(date(2026, 1, 17), 3),
        terugkoppeling_gegeven=gegeven,
    )
    assert (Weigering.VOORBIJ_WETTELIJK_MAXIMUM in weigeringen) is geweigerd


@pytest.fixture
def zaak_met_hl(db):
    """A report received 10 Jan 2026 10:00, forwarded, with an HL assigned."""
    organisatie = OrganisatieFactory()
    hl = GebruikerFactory()
    with time_machine.travel(utc(2026, 1, 10, 9), tick=False):
        melding = register.melding_registreren(
            organisatie=organisatie, omschrijving="x", kanaal=Kanaal.VERTROUWENSPERSOON, wijze=Wijze.SCHRIFTELIJK
        )
        register.toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    return melding, hl


def test_wbk_art_2_late_ontvangstbevestiging_levert_geen_tijd_op(zaak_met_hl):
    melding, hl = zaak_met_hl
    with time_machine.travel(utc(2026, 1, 30, 9), tick=False):
        termijnen.termijn_sluiten(
            melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING, door=hl, reden="Brief per post verstuurd"
        )
    kap = Termijn.objects.get(melding=melding, soort=TermijnSoort.TERUGKOPPELING)
    assert deadlines.lokale_datum(kap.due) == date(2026, 4, 17)


def test_wbk_art_2_verlenging_voorbij_maximum_geweigerd_door_service(zaak_met_hl):
    melding, hl = zaak_met_hl
    with time_machine.travel(utc(2026, 3, 1, 9), tick=False):
        with pytest.raises(ValidationError):
            termijnen.standpunt_verlengen(melding=melding, nieuwe_datum=date(2026, 4, 18), reden="Nodig", door=hl)
        termijnen.standpunt_verlengen(melding=melding, nieuwe_datum=date(2026, 4, 17), reden="Nodig", door=hl)
    standpunt = Termijn.objects.get(melding=melding, soort=TermijnSoort.STANDPUNT)
    assert deadlines.lokale_datum(standpunt.due) == date(2026, 4, 17)
    assert standpunt.verlengingen.count() == 1


def test_art_11_2_verlenging_met_terugkoppeling_mag_voorbij_maximum(zaak_met_hl):
    melding, hl = zaak_met_hl
    with time_machine.travel(utc(2026, 3, 1, 9), tick=False):
        termijnen.standpunt_verlengen(
            melding=melding, nieuwe_datum=date(2026, 5, 1), reden="Nodig", door=hl, met_terugkoppeling=True
        )
    kap = Termijn.objects.get(melding=melding, soort=TermijnSoort.TERUGKOPPELING)
    assert kap.gesloten_op is not None
    assert kap.gesloten_door_gebeurtenis is not None


def test_art_11_2_verlenging_alleen_door_hoogste_leidinggevende(zaak_met_hl):
    melding, _hl = zaak_met_hl
    with time_machine.travel(utc(2026, 3, 1, 9), tick=False), pytest.raises(ValidationError):
        termijnen.standpunt_verlengen(
            melding=melding, nieuwe_datum=date(2026, 3, 20), reden="", door=GebruikerFactory()
        )


# Art. 9.2, the refusal term voided by the decision to investigate: the decision is
# onderzoek's (the signed Besluit), so that test lives in onderzoek/tests/test_brieven_en_termijnen.py.


def test_art_8_6_contactpersoon_aanwijzen_sluit_termijn(zaak_met_hl):
    melding, hl = zaak_met_hl
    # Forwarded by the receiving officer, as on the case screen (Art. 8.3).
    FunctionarisFactory(
        organisatie=melding.organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    melding_doorsturen(melding=melding, door=ontvanger_van(melding))
    register.toewijzing_verlenen(
        melding=melding, gebruiker=GebruikerFactory(), rol=ToewijzingRol.CONTACTPERSOON, door=hl
    )
    assert Termijn.objects.get(melding=melding, soort=TermijnSoort.CONTACTPERSOON).gesloten_op is not None


def test_ingetrokken_laat_elke_open_termijn_vervallen(zaak_met_hl):
    melding, _hl = zaak_met_hl

    # The melder withdraws from the mailbox (docs/rollen.md): terms void with reason "ingetrokken".
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    melding_intrekken(meldingsbox=box, reden="Melder trekt in")
    assert not Termijn.objects.open().filter(melding=melding).exists()
    assert Termijn.objects.filter(melding=melding, vervallen_reden="ingetrokken").count() == 5


def test_handmatig_sluiten_zonder_reden_geweigerd(zaak_met_hl):
    melding, hl = zaak_met_hl
    with pytest.raises(ValidationError):
        termijnen.termijn_sluiten(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING, door=hl, reden=" ")


@pytest.mark.django_db
def test_adviesvraag_heeft_geen_termijnen_tot_toestemming():
    with time_machine.travel(utc(2026, 1, 10, 9), tick=False):
        melding = register.melding_registreren(
            organisatie=OrganisatieFactory(),
            omschrijving="x",
            kanaal=Kanaal.VERTROUWENSPERSOON,
            wijze=Wijze.GESPREK,
            formeel=False,
        )
    assert melding.soort == Soort.ADVIESVRAAG
    assert not Termijn.objects.filter(melding=melding).exists()
    with time_machine.travel(utc(2026, 2, 1, 9), tick=False):
        termijnen.adviesvraag_formeel_maken(melding=melding, door=GebruikerFactory())
    bevestiging = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert deadlines.lokale_datum(bevestiging.due) == date(2026, 2, 8)


@pytest.mark.django_db
def test_organisatie_mag_alleen_kortere_termijnen_instellen():
    organisatie = OrganisatieFactory()
    beheerder = GebruikerFactory()
    with pytest.raises(ValidationError) as fout:
        termijnen.termijninstelling_opslaan(
            organisatie=organisatie, door=beheerder, ontvangstbevestiging_dagen=5, terugkoppeling_maanden=4
        )
    assert "terugkoppeling_maanden" in fout.value.message_dict
    # Refused as a whole: the shorter term of the same change was not stored either.
    assert termijnen.termijnlengtes(organisatie=organisatie) == termijnen.termijnlengtes(
        organisatie=OrganisatieFactory()
    )
    termijnen.termijninstelling_opslaan(organisatie=organisatie, door=beheerder, ontvangstbevestiging_dagen=5)
    assert termijnen.termijnlengtes(organisatie=organisatie).ontvangstbevestiging_dagen == 5


def test_wbk_art_2_vroege_ontvangstbevestiging_per_brief_vervroegt_maximum(zaak_met_hl):

    melding, _hl = zaak_met_hl
    with time_machine.travel(utc(2026, 1, 12, 9), tick=False):
        brief = Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.BRIEF_VERZONDEN, artikel="Art. 8.5")
        termijnen.termijnen_sluiten_door_gebeurtenis(gebeurtenis=brief, soorten=(TermijnSoort.ONTVANGSTBEVESTIGING,))
    bevestiging = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert bevestiging.gesloten_door_gebeurtenis == brief
    assert bevestiging.toestand(nu=timezone.now()) == "gesloten_tijdig"
    kap = Termijn.objects.get(melding=melding, soort=TermijnSoort.TERUGKOPPELING)
    assert deadlines.lokale_datum(kap.due) == date(2026, 4, 12)
