"""Art. 3.4 3°: the melder's request for a meeting is shown to the officer, starts a
term, and the officer records the meeting held or offered, which closes it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from kern.kalender import einde_van_dag
from kern.tests.factories import GebruikerFactory
from meldingen.admin import MeldingAdmin
from meldingen.constants import GebeurtenisSoort, Kanaal, TermijnSoort, Wijze
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Functionaris, Termijn
from meldingen.services.gesprek import AANGEBODEN, GEVOERD, gesprek_vastleggen
from meldingen.services.melder import Meldinginhoud, melding_indienen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _indienen(gesprek_gewenst=True):
    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    melding = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Er wordt gesjoemeld.", gesprek_gewenst=gesprek_gewenst),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.WEBFORMULIER,
        formeel=True,
    ).melding
    return melding, vp


def test_art_3_4_gevraagd_gesprek_start_een_termijn(settings):
    settings.MELDPUNT_TERMIJN_GESPREK_DAGEN = 5
    melding, _vp = _indienen()
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.GESPREK)
    assert termijn.due == einde_van_dag(timezone.localdate() + timedelta(days=5))


def test_art_3_4_zonder_verzoek_geen_gesprekstermijn():
    melding, vp = _indienen(gesprek_gewenst=False)
    assert not Termijn.objects.filter(melding=melding, soort=TermijnSoort.GESPREK).exists()
    with pytest.raises(ValidationError):
        gesprek_vastleggen(melding=melding, uitkomst=GEVOERD, door=vp)


@pytest.mark.parametrize("uitkomst", [GEVOERD, AANGEBODEN])
def test_art_3_4_gesprek_vastgelegd_sluit_de_termijn(uitkomst):
    melding, vp = _indienen()
    gesprek_vastleggen(melding=melding, uitkomst=uitkomst, door=vp)
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.GESPREK)
    assert termijn.gesloten_op is not None
    gebeurtenis = termijn.gesloten_door_gebeurtenis
    assert (gebeurtenis.soort, gebeurtenis.artikel, gebeurtenis.toelichting) == (
        GebeurtenisSoort.GESPREK_VASTGELEGD,
        "Art. 3.4",
        uitkomst,
    )


def test_art_3_4_alleen_de_ontvanger_legt_het_gesprek_vast():
    melding, _vp = _indienen()
    with pytest.raises(PermissionDenied):
        gesprek_vastleggen(melding=melding, uitkomst=GEVOERD, door=GebruikerFactory())


def test_art_3_4_gesprekswens_op_het_zaakscherm_en_handeling_zolang_de_termijn_loopt():
    melding, vp = _indienen()
    assert "gesprek_gewenst" in MeldingAdmin.fields
    verzoek = RequestFactory().get("/")
    verzoek.user = vp
    handeling = HANDELINGEN["gesprek"]
    assert handeling.is_zichtbaar(verzoek, melding)
    gesprek_vastleggen(melding=melding, uitkomst=AANGEBODEN, door=vp)
    assert not handeling.is_zichtbaar(verzoek, melding)
