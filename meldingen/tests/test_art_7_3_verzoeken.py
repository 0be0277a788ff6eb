"""Art. 7.3: in a case reported via the vertrouwenspersoon without consent to
disclose the identity, "alle correspondentie" goes to the vertrouwenspersoon, who
forwards it: letters (brief_bezorgen) and requests to the melder alike."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import Kanaal, ToestemmingSoort, ToewijzingRol, Wijze
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Verzoek
from meldingen.services.meldingsbox import (
    meldingsbox_aanmaken,
    vastlegging_voorleggen,
    verzoek_beantwoorden,
    verzoek_doorsturen_door_vertrouwenspersoon,
)
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.services.toestemming import toestemming_vragen
from meldingen.tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def _zaak(kanaal=Kanaal.VERTROUWENSPERSOON):
    melding = melding_registreren(
        organisatie=OrganisatieFactory(), omschrijving="De kas klopt niet.", kanaal=kanaal, wijze=Wijze.WEBFORMULIER
    )
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    toewijzing_verlenen(melding=melding, gebruiker=onderzoeker, rol=ToewijzingRol.ONDERZOEKER, door=None)
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    return melding, vp, onderzoeker, box


def _hoorverslag(melding, onderzoeker):
    vastlegging_voorleggen(
        melding=melding, titel="Hoorverslag", tekst="Verslag.", artikel="Art. 10.1", door=onderzoeker
    )
    return Verzoek.objects.get(melding=melding)


def test_art_7_3_verzoek_van_een_ander_wacht_bij_de_vertrouwenspersoon():
    melding, vp, onderzoeker, box = _zaak()
    verzoek = _hoorverslag(melding, onderzoeker)
    assert verzoek.via_vertrouwenspersoon
    assert verzoek.bij_melder_op is None
    # Not the melder's yet: not in the mailbox, cannot be answered.
    assert selectors.meldingsbox_tijdlijn(meldingsbox=box)["verzoeken_open"] == []
    with pytest.raises(Http404):
        selectors.verzoek_voor_melder(meldingsbox=box, uuid=verzoek.uuid)
    with pytest.raises(Verzoek.DoesNotExist):
        verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=True)
    # Only the vertrouwenspersoon forwards it.
    with pytest.raises(PermissionDenied):
        verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek, door=onderzoeker)
    verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek, door=vp)
    assert selectors.meldingsbox_tijdlijn(meldingsbox=box)["verzoeken_open"] == [verzoek]
    verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=True)
    with pytest.raises(ValidationError):
        verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek, door=vp)


def test_art_7_3_verzoek_van_de_vertrouwenspersoon_zelf_gaat_direct():
    melding, vp, onderzoeker, box = _zaak()
    toestemming = toestemming_vragen(
        melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[onderzoeker], door=vp
    )
    assert toestemming.verzoek.bij_melder_op is not None
    assert not toestemming.verzoek.via_vertrouwenspersoon
    assert selectors.meldingsbox_tijdlijn(meldingsbox=box)["verzoeken_open"] == [toestemming.verzoek]


def test_art_7_3_niet_via_de_vertrouwenspersoon_gemeld_gaat_direct():
    melding, _vp, onderzoeker, _box = _zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    verzoek = _hoorverslag(melding, onderzoeker)
    assert not verzoek.via_vertrouwenspersoon
    assert verzoek.bij_melder_op is not None


def test_art_7_3_handeling_verzoek_doorsturen_zolang_er_een_wacht():
    melding, vp, onderzoeker, _box = _zaak()
    verzoek_http = RequestFactory().get("/")
    verzoek_http.user = vp
    handeling = HANDELINGEN["verzoek_doorsturen"]
    assert not handeling.is_zichtbaar(verzoek_http, melding)
    verzoek = _hoorverslag(melding, onderzoeker)
    assert handeling.is_zichtbaar(verzoek_http, melding)
    verzoek_http.user = onderzoeker
    assert not handeling.is_zichtbaar(verzoek_http, melding)
    verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek, door=vp)
    verzoek_http.user = vp
    assert not handeling.is_zichtbaar(verzoek_http, melding)
