"""Letters reach the melder through the mailbox and close the terms they satisfy;
via the vertrouwenspersoon when Art. 7.3 applies."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.admin.formulieren import BriefDoorsturenForm
from meldingen.constants import Identiteitskeuze, Kanaal, TermijnSoort, ToestemmingSoort, ToewijzingRol, Wijze
from meldingen.models import Termijn, Toestemming
from meldingen.services.meldingsbox import (
    brief_bezorgen,
    brief_doorsturen_door_vertrouwenspersoon,
    meldingsbox_aanmaken,
)
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def _melding(kanaal, identiteitskeuze=Identiteitskeuze.VERTROUWELIJK):
    melding = melding_registreren(
        organisatie=OrganisatieFactory(),
        omschrijving="Steigers zonder keuring.",
        kanaal=kanaal,
        wijze=Wijze.WEBFORMULIER,
    )
    melding.identiteitskeuze = identiteitskeuze
    melding.save(update_fields=["identiteitskeuze"])
    vp = GebruikerFactory()
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    return melding, vp, meldingsbox_aanmaken(melding=melding).meldingsbox


def _bevestiging(melding, door):
    return brief_bezorgen(
        melding=melding,
        onderwerp="Ontvangstbevestiging",
        tekst="Ontvangen.",
        door=door,
        sluit_termijnen=[TermijnSoort.ONTVANGSTBEVESTIGING],
        artikel="Art. 8.5",
    )


def test_art_8_5_brief_sluit_zijn_termijn_bij_bezorging():
    melding, vp, box = _melding(Kanaal.EXTERNE_VERTROUWENSPERSOON)
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert selectors.volgende_termijn_voor_melder(melding=melding) == timezone.localdate(termijn.due)
    _bevestiging(melding, vp)
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert [b.onderwerp for b in selectors.meldingsbox_tijdlijn(meldingsbox=box)["brieven"]] == ["Ontvangstbevestiging"]


def test_art_7_3_brief_via_vertrouwenspersoon_pas_na_doorsturen_bij_melder():
    melding, vp, box = _melding(Kanaal.VERTROUWENSPERSOON)
    brief = _bevestiging(melding, GebruikerFactory())
    assert brief.via_vertrouwenspersoon
    assert selectors.meldingsbox_tijdlijn(meldingsbox=box)["brieven"] == []
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert termijn.gesloten_op is None
    with pytest.raises(PermissionDenied):
        brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=GebruikerFactory())
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=vp)
    assert len(selectors.meldingsbox_tijdlijn(meldingsbox=box)["brieven"]) == 1
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


@pytest.mark.parametrize("toestemming", ["open", "schriftelijk"])
def test_art_7_3_niet_van_toepassing_bij_open_melding_of_toestemming(toestemming):
    keuze = Identiteitskeuze.OPEN if toestemming == "open" else Identiteitskeuze.VERTROUWELIJK
    melding, vp, box = _melding(Kanaal.VERTROUWENSPERSOON, keuze)
    if toestemming == "schriftelijk":
        Toestemming.objects.create(
            melding=melding,
            soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN,
            gegeven_op=timezone.now(),
            vastgelegd_door=vp,
        )
    brief = _bevestiging(melding, vp)
    assert not brief.via_vertrouwenspersoon
    assert len(selectors.meldingsbox_tijdlijn(meldingsbox=box)["brieven"]) == 1


def test_art_7_3_doorstuurformulier_noemt_de_brief_bij_onderwerp_en_datum():
    """The officer picks the letter to forward by what it is, not "Brief object (11)"."""
    melding, vp, _box = _melding(Kanaal.VERTROUWENSPERSOON)
    brief = _bevestiging(melding, GebruikerFactory())
    keuzes = [label for _waarde, label in BriefDoorsturenForm(user=vp, melding=melding).fields["brief"].choices]
    assert keuzes == [f"Ontvangstbevestiging · {timezone.localtime(brief.created_at):%d-%m-%Y}"]
