"""The interim feedback letter (Wbk art. 2, the three-month cap): when the
standpunt is not ready, the officer or HL tells the melder how the report was
assessed and what follows; the letter closes the TERUGKOPPELING term when it
reaches the melder (Art. 7.3 via the vertrouwenspersoon)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from kern.pdf import pdf_tekst
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, TermijnSoort, Wijze
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Termijn
from meldingen.services.brieven import SOORT_TUSSENTIJDSE_TERUGKOPPELING, tussentijdse_terugkoppeling_sturen
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon, brief_pdf_lezen
from meldingen.services.register import melding_registreren
from meldingen.services.termijnen import termijn_sluiten
from meldingen.tests.factories import OrganisatieFactory, ontvanger_van

pytestmark = pytest.mark.django_db


def _melding(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON):
    melding = melding_registreren(
        organisatie=OrganisatieFactory(), omschrijving="De kas klopt niet.", kanaal=kanaal, wijze=Wijze.WEBFORMULIER
    )
    return melding, ontvanger_van(melding)


def _kap(melding):
    return Termijn.objects.get(melding=melding, soort=TermijnSoort.TERUGKOPPELING)


def _sturen(melding, door):
    return tussentijdse_terugkoppeling_sturen(
        melding=melding,
        beoordeling="Er zijn redelijke gronden; de feiten worden onderzocht.",
        vervolg="Het onderzoek loopt tot half maart; daarna volgt ons standpunt.",
        door=door,
    )


def test_wbk_art_2_tussentijdse_terugkoppeling_sluit_de_termijn():
    melding, ontvanger = _melding()
    brief = _sturen(melding, ontvanger)
    assert brief.soort == SOORT_TUSSENTIJDSE_TERUGKOPPELING
    assert brief.bij_melder_op is not None
    kap = _kap(melding)
    assert kap.gesloten_op is not None
    assert kap.gesloten_door_gebeurtenis.artikel == "Wbk art. 2"
    tekst = pdf_tekst(brief_pdf_lezen(brief=brief, door=ontvanger))
    assert "redelijke gronden" in tekst
    assert "half maart" in tekst


def test_wbk_art_2_art_7_3_terugkoppeling_via_vertrouwenspersoon_sluit_bij_doorsturen():
    melding, vp = _melding(kanaal=Kanaal.VERTROUWENSPERSOON)
    brief = _sturen(melding, vp)
    assert brief.via_vertrouwenspersoon
    assert _kap(melding).gesloten_op is None
    with pytest.raises(ValidationError):
        _sturen(melding, vp)  # one already waits at the vertrouwenspersoon
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=vp)
    assert _kap(melding).gesloten_op is not None


def test_wbk_art_2_terugkoppeling_alleen_zolang_de_termijn_loopt():
    melding, ontvanger = _melding()
    termijn_sluiten(melding=melding, soort=TermijnSoort.TERUGKOPPELING, door=ontvanger, reden="In gesprek gedaan.")
    with pytest.raises(ValidationError):
        _sturen(melding, ontvanger)


def test_wbk_art_2_terugkoppeling_niet_door_een_buitenstaander():
    melding, _ontvanger = _melding()
    with pytest.raises(PermissionDenied):
        _sturen(melding, GebruikerFactory())


def test_wbk_art_2_terugkoppeling_moet_beoordeling_en_vervolg_noemen():
    melding, ontvanger = _melding()
    with pytest.raises(ValidationError) as fout:
        tussentijdse_terugkoppeling_sturen(melding=melding, beoordeling=" ", vervolg="", door=ontvanger)
    assert set(fout.value.message_dict) == {"beoordeling", "vervolg"}


def test_wbk_art_2_handeling_zichtbaar_zolang_de_termijn_loopt():
    melding, ontvanger = _melding()
    verzoek = RequestFactory().get("/")
    verzoek.user = ontvanger
    handeling = HANDELINGEN["tussentijdse_terugkoppeling"]
    assert handeling.is_zichtbaar(verzoek, melding)
    verzoek.user = GebruikerFactory()
    assert not handeling.is_zichtbaar(verzoek, melding)
    verzoek.user = ontvanger
    _sturen(melding, ontvanger)
    assert not handeling.is_zichtbaar(verzoek, melding)
