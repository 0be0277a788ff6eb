"""Report (Art. 10.5–10.6), external notification (Art. 9.3, 11.3), hoor en wederhoor (Art. 12)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status
from onderzoek.constants import BesluitSoort, OnderzoekSoort, OnderzoekStatus, RapportStatus, StandpuntUitkomst
from onderzoek.services import (
    besluit_nemen,
    externe_kennisgeving_doen,
    melder_uitnodigen_voor_verhoor,
    onderzoek_instellen,
    onderzoek_melder_informeren,
    onderzoeker_toewijzen,
    rapport_commentaar_melder_verwerken,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
    standpunt_vaststellen,
    wederhoor_beantwoorden,
    wederhoor_registreren,
)
from onderzoek.tests.factories import melding_met_hl, onderzoek_afronden

pytestmark = pytest.mark.django_db


@pytest.fixture
def lopend():
    melding, hl = melding_met_hl()
    besluit_nemen(melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code())
    onderzoek = onderzoek_instellen(
        melding=melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    # Art. 9.5 then Art. 10.1: the melder knows who investigates and is invited to be heard.
    onderzoek_melder_informeren(onderzoek=onderzoek, door=hl.gebruiker)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    onderzoek.refresh_from_db()
    return melding, hl, onderzoek, onderzoeker


def test_art_10_5_concept_door_onderzoeker_met_opmerkingen_van_melder(lopend):
    _melding, hl, onderzoek, onderzoeker = lopend
    with pytest.raises(PermissionDenied):
        rapport_concept_opslaan(onderzoek=onderzoek, tekst="Concept", door=hl.gebruiker)
    rapport = rapport_concept_opslaan(
        onderzoek=onderzoek, tekst="Concept: dubbele betalingen bevestigd.", door=onderzoeker
    )
    rapport_commentaar_melder_verwerken(rapport=rapport, commentaar="Ook in 2025 gebeurde dit.")
    rapport.refresh_from_db()
    assert rapport.commentaar_melder == "Ook in 2025 gebeurde dit."


def test_art_10_6_rapport_vastgesteld_als_pdf_en_onderzoek_afgerond(lopend):
    melding, _hl, onderzoek, onderzoeker = lopend
    rapport = rapport_concept_opslaan(
        onderzoek=onderzoek, tekst="Bevinding: facturen dubbel betaald.", door=onderzoeker
    )
    rapport_concept_voorleggen(
        onderzoek=onderzoek, door=onderzoeker, ernstige_bezwaren="Lopend strafrechtelijk onderzoek."
    )
    rapport_vaststellen(rapport=rapport, door=onderzoeker)
    rapport.refresh_from_db()
    onderzoek.refresh_from_db()
    assert rapport.status == RapportStatus.VASTGESTELD
    assert onderzoek.status == OnderzoekStatus.AFGEROND
    tekst = pdf_tekst(rapport.document.read())
    assert "facturen dubbel betaald" in tekst
    assert melding.registernummer in tekst
    with pytest.raises(ValidationError):
        rapport_commentaar_melder_verwerken(rapport=rapport, commentaar="Te laat.")


def test_art_9_3_externe_kennisgeving_ondertekend_door_hl(lopend):
    melding, hl, _onderzoek, onderzoeker = lopend
    with pytest.raises(PermissionDenied):
        externe_kennisgeving_doen(
            melding=melding, instantie="Huis voor Klokkenluiders", inhoud="x", door=onderzoeker, totp_code="000000"
        )
    kennisgeving = externe_kennisgeving_doen(
        melding=melding,
        instantie="Autoriteit Woningcorporaties",
        inhoud="Wij melden u het volgende.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    assert "Autoriteit Woningcorporaties" in pdf_tekst(kennisgeving.document.read())


def _standpunt(melding, hl):
    onderzoek_afronden(melding, hl)
    return standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=melding,
        inhoud="Gegrond.",
        vervolgstappen="Terugvordering.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )


def test_art_12_1_reactie_van_melder_brengt_melding_in_wederhoor(lopend):
    melding, hl, _onderzoek, _onderzoeker = lopend
    _standpunt(melding, hl)
    wederhoor_registreren(melding=melding, reactie="Ik ben het eens.", onderbouwd_bezwaar=False)
    melding.refresh_from_db()
    assert melding.status == Status.WEDERHOOR


def test_art_12_2_onderbouwd_bezwaar_vereist_inhoudelijk_antwoord(lopend):
    melding, hl, _onderzoek, _onderzoeker = lopend
    _standpunt(melding, hl)
    wederhoor = wederhoor_registreren(
        melding=melding, reactie="De getuigen zijn niet gehoord.", onderbouwd_bezwaar=True
    )
    with pytest.raises(ValidationError):
        wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="", door=hl.gebruiker)


def test_art_12_2_aanvullend_onderzoek_na_onderbouwd_bezwaar(lopend):
    melding, hl, _onderzoek, _onderzoeker = lopend
    _standpunt(melding, hl)
    wederhoor = wederhoor_registreren(melding=melding, reactie="Getuigen niet gehoord.", onderbouwd_bezwaar=True)
    wederhoor = wederhoor_beantwoorden(
        wederhoor=wederhoor,
        antwoord="U heeft gelijk; wij horen de getuigen alsnog.",
        door=hl.gebruiker,
        aanvullend_onderzoek=True,
        totp_code=hl.code(),
        opdracht="Hoor de twee getuigen.",
    )
    melding.refresh_from_db()
    assert melding.status == Status.IN_ONDERZOEK
    assert wederhoor.aanvullend_onderzoek.soort == OnderzoekSoort.AANVULLEND
