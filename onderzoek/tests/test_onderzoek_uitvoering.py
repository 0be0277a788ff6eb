"""The investigation: Art. 9.5 (the melder hears by whom, with the mandate),
Art. 10 (hearings approved by the person heard, documents, concept and report)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.pdf import html_naar_pdf, pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import VastleggingStatus
from meldingen import selectors as meldingen_selectors
from meldingen.constants import VerzoekSoort, VerzoekStatus
from meldingen.services.meldingsbox import verzoek_beantwoorden
from onderzoek.constants import (
    CONCEPTRAPPORT_OPMERKINGEN,
    BesluitSoort,
    Gehoorde,
    OnderzoekSoort,
    RapportStatus,
    StukHerkomst,
)
from onderzoek.services import (
    besluit_nemen,
    melder_uitnodigen_voor_verhoor,
    onderzoek_instellen,
    onderzoek_melder_informeren,
    onderzoeker_toewijzen,
    onderzoeksstuk_toevoegen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
    verhoor_ander_vastleggen,
    verhoor_melder_vastleggen,
    verhoor_op_papier_goedgekeurd,
)
from onderzoek.tests.factories import Zaak

pytestmark = pytest.mark.django_db

OPDRACHT = "Onderzoek of facturen van leverancier X dubbel zijn betaald."


def _lopend(ernstige_bezwaren_afschrift="", *, informeren=True):
    zaak = Zaak()
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek = onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht=OPDRACHT,
        door=hl.gebruiker,
        totp_code=hl.code(),
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift,
    )
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER, first_name="Olga", last_name="Onderzoek")
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    if informeren:
        # Art. 9.5 then Art. 10.1: the melder knows who investigates and is invited to be heard.
        onderzoek_melder_informeren(onderzoek=onderzoek, door=hl.gebruiker)
        melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
        onderzoek.refresh_from_db()
    return zaak, onderzoek, onderzoeker


def _open_verzoek(zaak, soort):
    return zaak.melding.verzoeken.get(soort=soort, status=VerzoekStatus.OPEN)


def test_art_9_5_afschrift_opdracht_tenzij_ernstige_bezwaren():
    zaak, onderzoek, _onderzoeker = _lopend(informeren=False)
    onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)
    brief = zaak.brieven()[-1]
    tekst = pdf_tekst(brief.pdf.read())
    assert "Olga Onderzoek" in tekst
    assert "Olga Onderzoek" in brief.tekst
    assert OPDRACHT in tekst  # the signed mandate is attached
    with pytest.raises(ValidationError):
        onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)

    zaak, onderzoek, _onderzoeker = _lopend(
        ernstige_bezwaren_afschrift="De opdracht noemt een getuige.", informeren=False
    )
    onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)
    brief = zaak.brieven()[-1]
    tekst = pdf_tekst(brief.pdf.read())
    assert "Olga Onderzoek" in tekst
    assert OPDRACHT not in tekst
    assert "ernstige bezwaren" in tekst


def test_art_9_5_melder_hoort_door_wie_dus_eerst_een_onderzoeker():
    zaak = Zaak()
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek = onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.ORIENTEREND,
        opdracht=OPDRACHT,
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    with pytest.raises(ValidationError, match="onderzoeker"):
        onderzoek_melder_informeren(onderzoek=onderzoek, door=hl.gebruiker)


def test_art_10_1_verhoor_melder_goedgekeurd_in_meldingsbox_met_afschrift():
    zaak, onderzoek, onderzoeker = _lopend()
    with pytest.raises(PermissionDenied):
        verhoor_melder_vastleggen(onderzoek=onderzoek, titel="Verhoor", tekst="x", door=zaak.hl.gebruiker)
    verhoor = verhoor_melder_vastleggen(
        onderzoek=onderzoek, titel="Verhoor 3 maart", tekst="De melder zag de dubbele betaling.", door=onderzoeker
    )
    assert verhoor.gehoorde == Gehoorde.MELDER
    verzoek = _open_verzoek(zaak, VerzoekSoort.VASTLEGGING_GOEDKEUREN)
    # A correction first: not final, and no copy yet.
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=verzoek, akkoord=False, antwoord="Het was op 4 maart.")
    verhoor.vastlegging.refresh_from_db()
    assert verhoor.vastlegging.status == VastleggingStatus.CORRECTIE_GEVRAAGD
    assert not [b for b in zaak.brieven() if b.soort == "verslag_verhoor"]
    verbeterd = verhoor_melder_vastleggen(
        onderzoek=onderzoek, titel="Verhoor 4 maart", tekst="De melder zag de dubbele betaling.", door=onderzoeker
    )
    verzoek_beantwoorden(
        meldingsbox=zaak.box, verzoek=_open_verzoek(zaak, VerzoekSoort.VASTLEGGING_GOEDKEUREN), akkoord=True
    )
    verbeterd.vastlegging.refresh_from_db()
    assert verbeterd.vastlegging.is_definitief
    [afschrift] = [b for b in zaak.brieven() if b.soort == "verslag_verhoor"]
    assert "Verhoor 4 maart" in pdf_tekst(afschrift.pdf.read())


def test_art_10_2_verhoor_ander_goedgekeurd_op_papier_nooit_bij_de_melder():
    zaak, onderzoek, onderzoeker = _lopend()
    verhoor = verhoor_ander_vastleggen(
        onderzoek=onderzoek,
        naam_gehoorde="P. Getuige",
        titel="Verhoor getuige",
        tekst="De getuige bevestigt de betalingen.",
        door=onderzoeker,
    )
    assert not zaak.melding.verzoeken.exists()  # nothing asked of the melder
    assert not verhoor.vastlegging.is_definitief
    verhoor_op_papier_goedgekeurd(verhoor=verhoor, getekend_pdf=html_naar_pdf("<p>Getekend</p>"), door=onderzoeker)
    verhoor.vastlegging.refresh_from_db()
    assert verhoor.vastlegging.is_definitief
    # The signed statement of someone else is not the melder's to see.
    tijdlijn = meldingen_selectors.meldingsbox_tijdlijn(meldingsbox=zaak.box)
    assert tijdlijn["bijlagen_melding"] == []
    assert not [b for b in zaak.brieven() if b.soort == "verslag_verhoor"]


def test_art_10_3_documenten_alleen_door_de_onderzoekers():
    zaak, onderzoek, onderzoeker = _lopend()
    pdf = html_naar_pdf("<p>Factuur 2026-001</p>")
    with pytest.raises(PermissionDenied):
        onderzoeksstuk_toevoegen(
            onderzoek=onderzoek,
            herkomst=StukHerkomst.OPGEVRAAGD,
            omschrijving="Factuur",
            bestandsnaam="factuur.pdf",
            inhoud=pdf,
            door=zaak.hl.gebruiker,
        )
    stuk = onderzoeksstuk_toevoegen(
        onderzoek=onderzoek,
        herkomst=StukHerkomst.VERSTREKT,
        omschrijving="Factuur, verstrekt door de crediteurenadministratie (Art. 10.4).",
        bestandsnaam="factuur.pdf",
        inhoud=pdf,
        door=onderzoeker,
    )
    assert stuk.bestand.read() == pdf
    assert meldingen_selectors.meldingsbox_tijdlijn(meldingsbox=zaak.box)["bijlagen_melding"] == []


def test_art_10_5_concept_naar_melder_tenzij_ernstige_bezwaren():
    zaak, onderzoek, onderzoeker = _lopend()
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Concept: dubbele betalingen.", door=onderzoeker)
    # Not fixed before the melder had the chance to comment (or objections are recorded).
    with pytest.raises(ValidationError, match=r"Art\. 10\.5"):
        rapport_vaststellen(rapport=rapport, door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    brief = zaak.brieven()[-1]
    assert brief.soort == "conceptrapport"
    assert "Concept: dubbele betalingen." in pdf_tekst(brief.pdf.read())
    verzoek = _open_verzoek(zaak, CONCEPTRAPPORT_OPMERKINGEN)
    with pytest.raises(ValidationError):
        rapport_concept_opslaan(onderzoek=onderzoek, tekst="Stiekem gewijzigd.", door=onderzoeker)
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=verzoek, akkoord=None, antwoord="Ook in 2025 gebeurde dit.")
    rapport.refresh_from_db()
    assert rapport.commentaar_melder == "Ook in 2025 gebeurde dit."

    # With serious objections recorded: nothing goes to the melder.
    zaak, onderzoek, onderzoeker = _lopend()
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Concept.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker, ernstige_bezwaren="Strafrechtelijk onderzoek.")
    assert not zaak.melding.verzoeken.filter(soort=CONCEPTRAPPORT_OPMERKINGEN).exists()
    assert not [b for b in zaak.brieven() if b.soort == "conceptrapport"]
    rapport_vaststellen(rapport=rapport, door=onderzoeker, ernstige_bezwaren="Strafrechtelijk onderzoek.")


def test_art_10_5_niet_langer_wachten_alleen_met_reden():
    zaak, onderzoek, onderzoeker = _lopend()
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Concept.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    with pytest.raises(ValidationError):
        rapport_vaststellen(rapport=rapport, door=onderzoeker)
    rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie na drie weken.")
    verzoek = zaak.melding.verzoeken.get(soort=CONCEPTRAPPORT_OPMERKINGEN)
    assert verzoek.status == VerzoekStatus.INGETROKKEN


def test_art_10_6_afschrift_rapport_tenzij_ernstige_bezwaren():
    zaak, onderzoek, onderzoeker = _lopend()
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding: dubbel betaald.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=_open_verzoek(zaak, CONCEPTRAPPORT_OPMERKINGEN), akkoord=True)
    rapport_vaststellen(rapport=rapport, door=onderzoeker)
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.VASTGESTELD
    assert rapport.commentaar_melder == "Geen opmerkingen."
    afschrift = zaak.brieven()[-1]
    assert afschrift.soort == "rapport"
    assert afschrift.pdf.read() == rapport.document.read()

    zaak, onderzoek, onderzoeker = _lopend()
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker, ernstige_bezwaren="Getuigen herkenbaar.")
    rapport_vaststellen(rapport=rapport, door=onderzoeker, ernstige_bezwaren="Getuigen herkenbaar.")
    assert not [b for b in zaak.brieven() if b.soort == "rapport"]
