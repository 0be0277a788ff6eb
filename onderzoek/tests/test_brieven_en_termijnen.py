"""Every decision letter reaches the mailbox as a PDF and closes the term it
satisfies (Art. 9.2, 9.3, 11.1, Wbk art. 2); the transition closes or voids the
rest (meldingen.services.termijnen)."""

import pytest
from django.core.exceptions import PermissionDenied

from kern.ondertekening import is_ongewijzigd
from kern.pdf import pdf_tekst
from kern.tests.factories import GebruikerFactory
from meldingen.constants import GebeurtenisSoort, Kanaal, TermijnSoort, VerzoekStatus
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon
from onderzoek.constants import STANDPUNT_REACTIE, BesluitSoort, OnderzoekSoort, StandpuntUitkomst
from onderzoek.services import besluit_nemen, onderzoek_instellen, standpunt_vaststellen
from onderzoek.tests.factories import Zaak, onderzoek_afronden

pytestmark = pytest.mark.django_db
T = TermijnSoort


def _besluit(zaak, soort, motivering="Geen eigen waarneming; het gemelde is al bekend."):
    return besluit_nemen(
        melding=zaak.melding, soort=soort, motivering=motivering, door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )


def _gesloten_door(termijn):
    return termijn.gesloten_door_gebeurtenis.soort if termijn.gesloten_door_gebeurtenis_id else None


@pytest.mark.parametrize("soort", [BesluitSoort.GEEN_REDELIJKE_GRONDEN, BesluitSoort.GEEN_MISSTAND])
def test_art_9_2_weigeringsbrief_met_redenen_sluit_mededeling_en_terugkoppeling(soort):
    zaak = Zaak()
    besluit = _besluit(zaak, soort)
    [brief] = zaak.brieven()
    pdf = brief.pdf.read()
    # The melder receives exactly the signed document, with its reasons.
    assert is_ongewijzigd(ondertekening=besluit.ondertekening, inhoud=pdf)
    assert "Geen eigen waarneming" in pdf_tekst(pdf)
    assert "Geen eigen waarneming" in brief.tekst
    assert _gesloten_door(zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK)) == GebeurtenisSoort.BRIEF_VERZONDEN
    assert _gesloten_door(zaak.termijn(T.TERUGKOPPELING)) == GebeurtenisSoort.BRIEF_VERZONDEN
    # No investigation, so no standpunt: that term is void, not missed.
    assert zaak.termijn(T.STANDPUNT).vervallen_op is not None


def test_art_9_3_verwijzingsbrief_sluit_terugkoppeling():
    zaak = Zaak()
    _besluit(zaak, BesluitSoort.DOORVERWIJZEN, "Naar de integriteitscommissie.")
    assert len(zaak.brieven()) == 1
    assert zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK).vervallen_op is not None
    assert zaak.termijn(T.STANDPUNT).vervallen_op is not None
    assert _gesloten_door(zaak.termijn(T.TERUGKOPPELING)) == GebeurtenisSoort.BRIEF_VERZONDEN


def test_art_9_1_besluit_tot_onderzoek_in_meldingsbox_sluit_geen_terugkoppeling():
    zaak = Zaak()
    _besluit(zaak, BesluitSoort.ONDERZOEK, "")
    assert [b.soort for b in zaak.brieven()] == ["besluit_onderzoek"]
    assert zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK).vervallen_op is not None
    # Announcing an investigation is not yet the feedback on the assessment.
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is None
    assert zaak.termijn(T.STANDPUNT).gesloten_op is None


def test_art_9_2_mededelingstermijn_vervalt_bij_onderzoek():
    """Forwarded by the receiving officer (Art. 8.3), then the HL's signed decision
    to investigate (Art. 9.1): the refusal term of Art. 9.2 is void."""

    zaak = Zaak()
    _besluit(zaak, BesluitSoort.ONDERZOEK, "")
    assert zaak.termijn(T.DOORSTUREN).gesloten_door_gebeurtenis is not None
    assert zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK).vervallen_reden == "status: in_onderzoek"
    assert zaak.termijn(T.CONTACTPERSOON).gesloten_op is None  # Art. 8.6: started at forwarding
    # The standpunt letter closes its terms when it reaches the melder (Art. 7.3, below).


def test_art_7_3_weigeringsbrief_via_vertrouwenspersoon_sluit_pas_als_hij_bij_de_melder_is():
    zaak = Zaak(kanaal=Kanaal.VERTROUWENSPERSOON)
    _besluit(zaak, BesluitSoort.GEEN_MISSTAND)
    [brief] = zaak.brieven()
    assert brief.via_vertrouwenspersoon
    assert brief.bij_melder_op is None
    assert zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK).gesloten_op is None
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=zaak.ontvanger)
    assert zaak.termijn(T.MEDEDELING_GEEN_ONDERZOEK).gesloten_op is not None
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is not None


def test_art_7_3_standpunt_via_vertrouwenspersoon_sluit_termijnen_pas_bij_de_melder():
    """Terms close on the right event: a standpunt held for the vertrouwenspersoon
    (Art. 7.3) has not reached the melder; its terms close when it is forwarded."""
    zaak = Zaak(kanaal=Kanaal.VERTROUWENSPERSOON)
    _besluit(zaak, BesluitSoort.ONDERZOEK, "")
    onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    onderzoek_afronden(zaak.melding, zaak.hl)
    standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=zaak.melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="Terugvordering.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    brief = zaak.melding.brieven.get(soort="standpunt")
    assert brief.via_vertrouwenspersoon
    assert brief.bij_melder_op is None
    assert zaak.termijn(T.STANDPUNT).gesloten_op is None
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is None
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=zaak.ontvanger)
    assert zaak.termijn(T.STANDPUNT).gesloten_op is not None
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is not None


def test_art_11_1_standpunt_ondertekend_in_meldingsbox_met_reactieverzoek():
    zaak = Zaak()
    _besluit(zaak, BesluitSoort.ONDERZOEK, "")
    onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    onderzoek_afronden(zaak.melding, zaak.hl)
    standpunt = standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=zaak.melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="Terugvordering.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    brief = zaak.brieven()[-1]
    assert brief.soort == "standpunt"
    assert is_ongewijzigd(ondertekening=standpunt.ondertekening, inhoud=brief.pdf.read())
    # The standpunt letter reached the melder: it closes both terms.
    for soort in (T.STANDPUNT, T.TERUGKOPPELING):
        assert _gesloten_door(zaak.termijn(soort)) == GebeurtenisSoort.BRIEF_VERZONDEN
    verzoek = zaak.melding.verzoeken.get(soort=STANDPUNT_REACTIE)
    assert verzoek.status == VerzoekStatus.OPEN
    assert verzoek.object_uuid == str(standpunt.uuid)


def test_besluit_door_een_ander_dan_de_hoogste_leidinggevende_geeft_geen_brief():

    zaak = Zaak()
    with pytest.raises(PermissionDenied):
        besluit_nemen(
            melding=zaak.melding,
            soort=BesluitSoort.GEEN_MISSTAND,
            motivering="x",
            door=GebruikerFactory(),
            totp_code="000000",
        )
    assert zaak.brieven() == []
