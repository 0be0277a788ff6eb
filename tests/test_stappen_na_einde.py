"""Steps after the end of the report's procedure: withdrawn (`ingetrokken`) or
closed (`afgesloten`). The report's own steps (triage, re-routing, records and
requests about the report, decisions, investigations of the report, new
assignments that open the case) are refused by their services and not offered on
the case screen; what protects the melder (Art. 5, 6, 13), retention holds and
the rights of persons concerned go on (meldingen.overgangen.vereis_lopende_procedure,
meldingen.handelingen `procedurestap`)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from kern.overgangen import OvergangNietToegestaan
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status, ToewijzingRol
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Functionaris, Toewijzing, Vastlegging, Verzoek
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import vastlegging_voorleggen
from meldingen.services.triage import melding_omleiden_naar_hoogste_verantwoordelijke
from meldingen.tests.factories import FunctionarisFactory
from onderzoek.constants import BesluitSoort, OnderzoekSoort, OnderzoekStatus
from onderzoek.services import (
    besluit_nemen,
    melder_uitnodigen_voor_verhoor,
    onderzoek_instellen,
    onderzoek_zonder_rapport_beeindigen,
    onderzoeker_toewijzen,
)
from onderzoek.tests.factories import Zaak, onderzoek_lopend_maken
from tests.beheerdersgrens.hulp import ingelogd_als
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db

S = Status


def _verzoek(gebruiker):
    verzoek = RequestFactory().get("/")
    verzoek.user = gebruiker
    return verzoek


def _ingetrokken(zaak):
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.INGETROKKEN


def _afgesloten(zaak):
    for stap in PAD[S.NIET_IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        _nemen(zaak, S.NIET_IN_ONDERZOEK, S.AFGESLOTEN)
    assert zaak.melding.status == S.AFGESLOTEN


EINDE = {S.INGETROKKEN: _ingetrokken, S.AFGESLOTEN: _afgesloten}


def _met_rvc(zaak):
    rvc = GebruikerFactory(rol=Rol.HOOGSTE_VERANTWOORDELIJKE)
    FunctionarisFactory(
        organisatie=zaak.melding.organisatie, gebruiker=rvc, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
    )
    return rvc


@pytest.mark.parametrize("einde", list(EINDE), ids=str)
def test_art_8_4_omleiden_na_einde_geweigerd_en_niet_aangeboden(einde):
    zaak = Zaak(doorsturen=False)
    rvc = _met_rvc(zaak)
    if einde == S.INGETROKKEN:
        # The tester's case: forwarded, then withdrawn by the melder.
        _nemen(zaak, S.ONTVANGEN, S.IN_BEHANDELING)
    EINDE[einde](zaak)
    assert not HANDELINGEN["omleiden"].is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)

    with pytest.raises(ValidationError, match="niet meer mogelijk"):
        melding_omleiden_naar_hoogste_verantwoordelijke(
            melding=zaak.melding, door=zaak.ontvanger, reden="De directeur is betrokken."
        )
    zaak.melding.refresh_from_db()
    assert not zaak.melding.hl_betrokken
    # The supervisory board gained no access to the ended case.
    assert not Toewijzing.objects.filter(melding=zaak.melding, gebruiker=rvc).exists()


def test_art_8_4_omleiden_op_het_scherm_na_intrekken_bestaat_niet(client):
    zaak = Zaak()
    _met_rvc(zaak)
    _ingetrokken(zaak)
    ingelogd_als(client, zaak.ontvanger)
    wijzigen = client.get(f"/admin/meldingen/melding/{zaak.melding.pk}/change/")
    assert wijzigen.status_code == 200
    assert f"/{zaak.melding.pk}/omleiden/" not in wijzigen.content.decode()
    assert f"/{zaak.melding.pk}/vastlegging/" not in wijzigen.content.decode()
    antwoord = client.post(
        f"/admin/meldingen/melding/{zaak.melding.pk}/omleiden/", {"reden": "De directeur is betrokken."}
    )
    assert antwoord.status_code == 404
    zaak.melding.refresh_from_db()
    assert not zaak.melding.hl_betrokken


@pytest.mark.parametrize("einde", list(EINDE), ids=str)
def test_art_8_1_vastlegging_na_einde_geen_verzoek_aan_melder(einde):
    zaak = Zaak(doorsturen=False)
    EINDE[einde](zaak)
    assert not HANDELINGEN["vastlegging"].is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)
    verzoeken = Verzoek.objects.filter(melding=zaak.melding).count()
    with pytest.raises(ValidationError, match="niet meer mogelijk"):
        vastlegging_voorleggen(
            melding=zaak.melding, titel="Telefoongesprek", tekst="De melder vertelde ...", door=zaak.ontvanger
        )
    assert not Vastlegging.objects.filter(melding=zaak.melding).exists()
    assert Verzoek.objects.filter(melding=zaak.melding).count() == verzoeken


@pytest.mark.parametrize("einde", list(EINDE), ids=str)
def test_geen_procedurestap_aangeboden_na_einde(einde):
    """No action of the report's own procedure is offered to anyone on the case."""
    zaak = Zaak(doorsturen=False)
    EINDE[einde](zaak)
    gebruikers = {t.gebruiker for t in Toewijzing.objects.filter(melding=zaak.melding).select_related("gebruiker")}
    gebruikers |= {zaak.ontvanger, zaak.hl.gebruiker}
    for gebruiker in gebruikers:
        aangeboden = {h.naam for h in HANDELINGEN.values() if h.is_zichtbaar(_verzoek(gebruiker), zaak.melding)}
        assert not {naam for naam in aangeboden if HANDELINGEN[naam].procedurestap}
    # Protection, retention and the rights of persons concerned go on (Art. 5, 6, 13).
    aangeboden = {h.naam for h in HANDELINGEN.values() if h.is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)}
    assert {"benadeling_onderzoeksverzoek", "bewaarblokkade", "dossier_exporteren"} <= aangeboden


def _in_onderzoek_met_onderzoeker(zaak):
    besluit_nemen(
        melding=zaak.melding,
        soort=BesluitSoort.ONDERZOEK,
        motivering="Er komt onderzoek.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    onderzoek = onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    return onderzoek, onderzoek_lopend_maken(onderzoek, zaak.hl)


def test_art_10_onderzoek_van_de_melding_stopt_na_intrekken():
    zaak = Zaak()
    onderzoek, onderzoeker = _in_onderzoek_met_onderzoeker(zaak)
    assert HANDELINGEN["uitnodigen"].is_zichtbaar(_verzoek(onderzoeker), zaak.melding)
    _ingetrokken(zaak)

    # Art. 10.1: no invitation to the melder of a withdrawn report, and not offered:
    # the investigator is no investigator of it any more (Art. 7.1).
    assert not HANDELINGEN["uitnodigen"].is_zichtbaar(_verzoek(onderzoeker), zaak.melding)
    with pytest.raises(PermissionDenied):
        melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    # Art. 9.4: no new investigator (a new reader of the case).
    assert not HANDELINGEN["onderzoeker"].is_zichtbaar(_verzoek(zaak.hl.gebruiker), zaak.melding)
    nieuw = GebruikerFactory(rol=Rol.ONDERZOEKER)
    with pytest.raises(ValidationError, match="ingetrokken"):
        onderzoeker_toewijzen(
            onderzoek=onderzoek,
            gebruiker=nieuw,
            verklaring="Onafhankelijk.",
            verklaart_geen_betrokkenheid=True,
            door=zaak.hl.gebruiker,
        )
    assert not Toewijzing.objects.filter(melding=zaak.melding, gebruiker=nieuw).exists()
    # Art. 9.4: no new mandate either.
    with pytest.raises(ValidationError, match="ingetrokken"):
        onderzoek_instellen(
            melding=zaak.melding,
            soort=OnderzoekSoort.AANVULLEND,
            opdracht="Nog meer.",
            door=zaak.hl.gebruiker,
            totp_code=zaak.hl.code(),
        )
    # The withdrawal itself ended the investigation (docs/toestanden.md, onderzoek.workflow):
    # nothing is left for the HL to end by hand (Art. 11.1), and it is not offered.
    onderzoek.refresh_from_db()
    assert onderzoek.status == OnderzoekStatus.BEEINDIGD_DOOR_INTREKKING
    assert not HANDELINGEN["zonder_rapport"].is_zichtbaar(_verzoek(zaak.hl.gebruiker), zaak.melding)
    with pytest.raises(OvergangNietToegestaan):
        onderzoek_zonder_rapport_beeindigen(
            onderzoek=onderzoek, reden="De melder trok de melding in.", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
        )


def test_art_13_onderzoek_naar_benadeling_gaat_door_na_intrekken():
    """Protection continues after withdrawal (Art. 5, 13.2): the request, its
    investigation and its investigator."""
    zaak = Zaak()
    _ingetrokken(zaak)
    verzoek = onderzoeksverzoek_indienen(
        melding=zaak.melding, verzoek="Ik word sinds mijn melding buitengesloten.", door=zaak.ontvanger
    )
    onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Onderzoek de behandeling.", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    onderzoek = zaak.melding.onderzoeken.get(soort=OnderzoekSoort.BENADELING)
    assert HANDELINGEN["onderzoeker"].is_zichtbaar(_verzoek(zaak.hl.gebruiker), zaak.melding)
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    assert Toewijzing.objects.filter(
        melding=zaak.melding, gebruiker=onderzoeker, rol=ToewijzingRol.ONDERZOEKER, beeindigd_op__isnull=True
    ).exists()
    assert HANDELINGEN["uitnodigen"].is_zichtbaar(_verzoek(onderzoeker), zaak.melding)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
