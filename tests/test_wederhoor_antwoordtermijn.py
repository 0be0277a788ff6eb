"""Art. 12.2: the employer's substantive answer to a reasoned reaction of the
melder on report and standpunt is a term (docs/termijnen.md, `wederhoor_antwoord`):
it starts with the reaction, the deadline sweep reminds and escalates it, the
answer letter closes it when it reaches the melder, and the case does not close
while it is owed. Every state is reached through the services the screens and
the mailbox call."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meldingen import deadlines
from meldingen.constants import Kanaal, Status, TermijnSoort
from meldingen.models import Termijn
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import (
    brief_doorsturen_door_vertrouwenspersoon,
    verzoek_beantwoorden,
    verzoek_doorsturen_door_vertrouwenspersoon,
)
from meldingen.workflow import TOEGESTANE_OVERGANGEN
from onderzoek.constants import (
    STANDPUNT_REACTIE,
    TERMIJN_WEDERHOOR_ANTWOORD,
    OnderzoekSoort,
    termijnonderwerp,
    wederhooronderwerp,
)
from onderzoek.services import melding_afsluiten_na_standpunt, wederhoor_beantwoorden
from onderzoek.tests.factories import Zaak
from tests.termijnbewaking_hulp import herinnerd_geescaleerd_en_zichtbaar
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status


def _reageren(zaak, *, akkoord=False, antwoord="De leverancier zelf is niet gehoord."):
    """The melder reacts to report and standpunt in the mailbox (Art. 12.1);
    "niet akkoord" with an explanation is the reasoned reaction of Art. 12.2."""
    for stap in PAD[S.STANDPUNT_VERZONDEN]:
        _nemen(zaak, *stap)
    verzoek = zaak.melding.verzoeken.get(soort=STANDPUNT_REACTIE)
    if verzoek.bij_melder_op is None:
        # Art. 7.3: the vertrouwenspersoon passes the request on first.
        verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek, door=zaak.ontvanger)
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=verzoek, akkoord=akkoord, antwoord=antwoord)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.WEDERHOOR
    return zaak.melding.wederhoren.get()


def _antwoordtermijn(wederhoor):
    return Termijn.objects.get(
        melding=wederhoor.melding, soort=TERMIJN_WEDERHOOR_ANTWOORD, onderwerp=wederhooronderwerp(wederhoor)
    )


def _afsluiten(zaak):
    return melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)


def test_art_12_2_onderbouwde_reactie_start_antwoordtermijn_die_herinnerd_en_geescaleerd_wordt(settings):
    settings.MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN = 21
    zaak = Zaak(doorsturen=False)
    wederhoor = _reageren(zaak)
    assert wederhoor.onderbouwd_bezwaar
    termijn = _antwoordtermijn(wederhoor)
    # From the day of the reaction, the installation's length (here 21 days).
    assert termijn.start == timezone.localdate(wederhoor.created_at)
    assert termijn.due == deadlines.uiterlijk_na_dagen(termijn.start, 21)
    assert termijn.gesloten_op is None
    assert termijn.vervallen_op is None
    # The sweep reminds the HL before the due day and escalates to the HL (who leads
    # the case) once it passed: it cannot silently stay unanswered.
    herinnering = herinnerd_geescaleerd_en_zichtbaar(termijn, wie=zaak.hl.gebruiker, artikel="Art. 12.2")
    assert herinnering.due == termijn.due


def test_art_12_2_afsluiten_geweigerd_tot_het_antwoord_is_gegeven_dat_de_termijn_sluit():
    zaak = Zaak(doorsturen=False)
    wederhoor = _reageren(zaak)
    with pytest.raises(ValidationError, match=r"Art\. 12\.2"):
        _afsluiten(zaak)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.WEDERHOOR
    # A reasoned reaction is not answered without substance.
    with pytest.raises(ValidationError, match=r"Art\. 12\.2"):
        wederhoor_beantwoorden(wederhoor=wederhoor, antwoord=" ", door=zaak.hl.gebruiker)
    assert _antwoordtermijn(wederhoor).gesloten_op is None
    wederhoor_beantwoorden(
        wederhoor=wederhoor, antwoord="De leverancier is wel gehoord, zie bijlage 3.", door=zaak.hl.gebruiker
    )
    termijn = _antwoordtermijn(wederhoor)
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.artikel == "Art. 12.2"
    _afsluiten(zaak)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.AFGESLOTEN
    # Closed by the answer, not voided by closing: it counts as met.
    termijn.refresh_from_db()
    assert termijn.vervallen_op is None


def test_art_12_2_aanvullend_onderzoek_sluit_de_antwoordtermijn():
    zaak = Zaak(doorsturen=False)
    wederhoor = _reageren(zaak)
    wederhoor_beantwoorden(
        wederhoor=wederhoor,
        antwoord="U hebt gelijk; wij onderzoeken aanvullend.",
        aanvullend_onderzoek=True,
        opdracht="Hoor de leverancier.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.IN_ONDERZOEK
    assert _antwoordtermijn(wederhoor).gesloten_op is not None
    # The new investigation's own standpunt term runs from the reaction (Art. 12.2 with 11.1).
    aanvullend = zaak.melding.onderzoeken.get(soort=OnderzoekSoort.AANVULLEND)
    eigen = Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(aanvullend)
    )
    assert eigen.gesloten_op is None


def test_art_12_2_reactie_akkoord_start_geen_antwoordtermijn():
    zaak = Zaak(doorsturen=False)
    wederhoor = _reageren(zaak, akkoord=True, antwoord="")
    assert not wederhoor.onderbouwd_bezwaar
    assert not Termijn.objects.filter(melding=zaak.melding, soort=TERMIJN_WEDERHOOR_ANTWOORD).exists()
    # Still taken note of before closing (Art. 12.1), without a letter.
    with pytest.raises(ValidationError, match=r"Art\. 12\.2"):
        _afsluiten(zaak)
    wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="", door=zaak.hl.gebruiker)
    _afsluiten(zaak)


def test_art_12_2_art_7_3_antwoord_via_vertrouwenspersoon_sluit_de_termijn_pas_bij_de_melder():
    zaak = Zaak(kanaal=Kanaal.VERTROUWENSPERSOON, doorsturen=False)
    wederhoor = _reageren(zaak)
    wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="Wij hebben de leverancier gehoord.", door=zaak.hl.gebruiker)
    brief = zaak.melding.brieven.get(soort="wederhoor")
    assert brief.via_vertrouwenspersoon
    assert brief.bij_melder_op is None
    assert _antwoordtermijn(wederhoor).gesloten_op is None
    # Answered, but not yet given: closing would void the term of an answer the melder never read.
    with pytest.raises(ValidationError, match=r"Art\. 7\.3"):
        _afsluiten(zaak)
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=zaak.ontvanger)
    assert _antwoordtermijn(wederhoor).gesloten_op is not None
    _afsluiten(zaak)


def test_art_12_2_intrekken_laat_de_antwoordtermijn_vervallen():
    zaak = Zaak(doorsturen=False)
    wederhoor = _reageren(zaak)
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    termijn = _antwoordtermijn(wederhoor)
    assert termijn.vervallen_reden == "ingetrokken"


def test_art_12_2_elke_rij_naar_afgesloten_na_het_standpunt_wacht_op_het_antwoord():
    rijen = [(S.STANDPUNT_VERZONDEN, S.AFGESLOTEN), (S.WEDERHOOR, S.AFGESLOTEN)]
    for paar in rijen:
        assert "reactie_beantwoord" in TOEGESTANE_OVERGANGEN[paar].voorwaarden, paar
