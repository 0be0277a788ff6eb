"""No skipped steps before and after the standpunt (Art. 9.3, 9.5, 10.1-10.2,
11.1, 11.3, 11.4) and the own terms of an additional (Art. 12.2) or Art. 13.2
investigation."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.models import AuditRegel
from kern.ondertekening import is_ongewijzigd
from meldingen.constants import Status, TermijnSoort, VerzoekStatus
from meldingen.models import Termijn, Verzoek
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.meldingsbox import brief_bezorgen, verzoek_beantwoorden
from meldingen.services.termijnen import termijnsleutel
from onderzoek.constants import (
    CONCEPTRAPPORT_OPMERKINGEN,
    TERMIJN_BETROKKENE_HERZIEN,
    BesluitSoort,
    KennisgevingFase,
    OnderzoekSoort,
    OnderzoekStatus,
    StandpuntUitkomst,
    termijnonderwerp,
)
from onderzoek.models import ExterneKennisgeving
from onderzoek.services import (
    besluit_nemen,
    betrokkene_melding_meedelen,
    betrokkene_standpunt_meedelen,
    kennisgeving_beoordelen,
    melder_uitnodigen_voor_verhoor,
    melding_afsluiten_na_standpunt,
    onderzoek_instellen,
    onderzoek_zonder_rapport_beeindigen,
    onderzoeker_toewijzen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
    standpunt_vaststellen,
    verhoor_afschrift_gegeven,
    verhoor_ander_vastleggen,
    verhoor_melder_vastleggen,
    verhoor_niet_goedgekeurd_vastleggen,
    wederhoor_beantwoorden,
)
from onderzoek.tests.factories import Zaak, onderzoek_afronden, onderzoek_lopend_maken, rapport_vaststellen_na_hoor

pytestmark = pytest.mark.django_db
T = TermijnSoort


def _ingesteld(soort=OnderzoekSoort.FEITENONDERZOEK):
    zaak = Zaak()
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek = onderzoek_instellen(
        melding=zaak.melding, soort=soort, opdracht="Onderzoek de facturen.", door=hl.gebruiker, totp_code=hl.code()
    )
    return zaak, onderzoek


def _standpunt(zaak):
    return standpunt_vaststellen(
        melding=zaak.melding,
        uitkomst=StandpuntUitkomst.GEGROND,
        inhoud="De melding is gegrond.",
        vervolgstappen="Terugvordering.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )


def _nee_beoordelen(zaak):
    return kennisgeving_beoordelen(
        melding=zaak.melding,
        melden=False,
        motivering="Geen meldplicht.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )


def test_art_9_5_onderzoekers_werken_pas_als_de_melder_weet_wie():
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    assert onderzoek.status == OnderzoekStatus.LOOPT
    assert zaak.melding.brieven.filter(soort="onderzoek_ingesteld").exists()
    zaak2, onderzoek2 = _ingesteld()
    onderzoeker_toewijzen(
        onderzoek=onderzoek2,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=zaak2.hl.gebruiker,
    )
    with pytest.raises(ValidationError, match="loopt niet"):
        verhoor_melder_vastleggen(onderzoek=onderzoek2, titel="V", tekst="T", door=onderzoeker)


def test_art_11_1_standpunt_niet_zonder_rapport_of_ondertekende_reden():
    zaak, onderzoek = _ingesteld()
    _nee_beoordelen(zaak)
    with pytest.raises(ValidationError, match=r"Art\. 9\.5|Art\. 10\.6"):
        _standpunt(zaak)
    with pytest.raises(ValidationError):
        onderzoek_zonder_rapport_beeindigen(onderzoek=onderzoek, reden="  ", door=zaak.hl.gebruiker, totp_code="1")
    afzien = onderzoek_zonder_rapport_beeindigen(
        onderzoek=onderzoek,
        reden="De werkgever erkent de dubbele betalingen; de feiten staan vast.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    onderzoek.refresh_from_db()
    assert onderzoek.status == OnderzoekStatus.ZONDER_RAPPORT
    assert is_ongewijzigd(ondertekening=afzien.ondertekening, inhoud=afzien.document.read())
    assert AuditRegel.objects.filter(object_uuid=str(onderzoek.uuid), toelichting="zonder rapport").exists()
    # The Art. 11.3 assessment was made before the investigation ended: make it again after.
    _nee_beoordelen(zaak)
    _standpunt(zaak)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.STANDPUNT_VERZONDEN


def test_art_10_1_rapport_pas_vastgesteld_na_uitnodiging_om_gehoord_te_worden():
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    with pytest.raises(ValidationError, match=r"Art\. 10\.1"):
        rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Dinsdag om tien uur.", door=onderzoeker)
    brief = zaak.melding.brieven.get(soort="uitnodiging_verhoor")
    assert "Dinsdag om tien uur." in brief.tekst
    rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    onderzoek.refresh_from_db()
    assert onderzoek.status == OnderzoekStatus.AFGEROND


def test_art_10_2_verslagen_goedgekeurd_of_niet_en_afschrift_aan_anderen_voor_het_rapport():
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag.", door=onderzoeker)
    verhoor = verhoor_ander_vastleggen(
        onderzoek=onderzoek, naam_gehoorde="Getuige", titel="Verhoor", tekst="Zij zag het.", door=onderzoeker
    )
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    with pytest.raises(ValidationError, match=r"Art\. 10\.1–10\.2"):
        rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    verhoor_niet_goedgekeurd_vastleggen(verhoor=verhoor, reden="Weigert te tekenen.", door=onderzoeker)
    with pytest.raises(ValidationError, match=r"afschrift"):
        rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    verhoor_afschrift_gegeven(verhoor=verhoor, door=onderzoeker)
    rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    verhoor.refresh_from_db()
    assert verhoor.niet_goedgekeurd_reden == "Weigert te tekenen."
    assert verhoor.afschrift_gegeven_op is not None


def test_art_11_3_beoordeling_externe_kennisgeving_ook_bij_nee_voor_het_standpunt():
    zaak, _onderzoek = _ingesteld()
    onderzoek_afronden(zaak.melding, zaak.hl, kennisgeving=False)
    with pytest.raises(ValidationError, match=r"Art\. 11\.3"):
        _standpunt(zaak)
    with pytest.raises(ValidationError):
        kennisgeving_beoordelen(
            melding=zaak.melding, melden=False, motivering=" ", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
        )
    nee = _nee_beoordelen(zaak)
    assert nee.fase == KennisgevingFase.NA_ONDERZOEK
    assert nee.melden is False
    assert is_ongewijzigd(ondertekening=nee.ondertekening, inhoud=nee.document.read())
    assert not ExterneKennisgeving.objects.exists()
    ja = kennisgeving_beoordelen(
        melding=zaak.melding,
        melden=True,
        motivering="Toezichthouder moet het weten.",
        instantie="Autoriteit Woningcorporaties",
        inhoud="Dubbele betalingen.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    assert ja.kennisgeving.instantie == "Autoriteit Woningcorporaties"
    _standpunt(zaak)


def test_art_11_4_betrokkenen_over_het_standpunt_geinformeerd_voor_afsluiten():
    zaak, _onderzoek = _ingesteld()
    eerste = betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    tweede = betrokkene_toevoegen(melding=zaak.melding, naam="Crediteurenbeheer", door=zaak.hl.gebruiker)
    onderzoek_afronden(zaak.melding, zaak.hl)
    _standpunt(zaak)
    with (
        time_machine.travel(timezone.now() + timedelta(days=16)),
        pytest.raises(ValidationError, match=r"Art\. 11\.4"),
    ):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)
    betrokkene_standpunt_meedelen(betrokkene=eerste, door=zaak.hl.gebruiker)
    herzien = timezone.localdate() + timedelta(days=30)
    with pytest.raises(ValidationError):
        betrokkene_standpunt_meedelen(betrokkene=tweede, reden="Handhaving loopt.", door=zaak.hl.gebruiker)
    betrokkene_standpunt_meedelen(
        betrokkene=tweede, reden="Handhaving loopt.", herzien_op=herzien, door=zaak.hl.gebruiker
    )
    # Reminded at the revisit date: a term of its own, due that day.
    termijn = Termijn.objects.get(melding=zaak.melding, soort=TERMIJN_BETROKKENE_HERZIEN)
    assert timezone.localdate(termijn.due) == herzien
    assert timezone.localdate(termijn.herinneren_vanaf) == herzien
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Afgerond.", door=zaak.hl.gebruiker)
    # Told later: the revisit term closes by that event.
    betrokkene_standpunt_meedelen(betrokkene=tweede, door=zaak.hl.gebruiker)
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


def test_art_9_6_herzieningsdatum_betrokkene_herinnert_en_sluit_bij_informeren():
    zaak, _onderzoek = _ingesteld()
    betrokkene = betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    herzien = timezone.localdate() + timedelta(days=10)
    betrokkene_melding_meedelen(
        betrokkene=betrokkene, reden="Onderzoek zou worden geschaad.", herzien_op=herzien, door=zaak.hl.gebruiker
    )
    termijn = Termijn.objects.get(melding=zaak.melding, soort=TERMIJN_BETROKKENE_HERZIEN)
    assert timezone.localdate(termijn.herinneren_vanaf) == herzien
    betrokkene_melding_meedelen(betrokkene=betrokkene, door=zaak.hl.gebruiker)
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    betrokkene.refresh_from_db()
    assert betrokkene.geinformeerd_op is not None


def test_art_12_2_aanvullend_onderzoek_eigen_termijnen():
    zaak, _onderzoek = _ingesteld()
    onderzoek_afronden(zaak.melding, zaak.hl)
    _standpunt(zaak)
    assert zaak.termijn(T.STANDPUNT).gesloten_op is not None
    verzoek = zaak.melding.verzoeken.get(soort="standpunt_reactie")
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=verzoek, akkoord=False, antwoord="Niet onderzocht.")
    wederhoor = zaak.melding.wederhoren.get()
    wederhoor_beantwoorden(
        wederhoor=wederhoor,
        antwoord="U hebt gelijk; wij onderzoeken aanvullend.",
        aanvullend_onderzoek=True,
        opdracht="Onderzoek ook 2024.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    aanvullend = zaak.melding.onderzoeken.get(soort=OnderzoekSoort.AANVULLEND)
    eigen = Termijn.objects.get(melding=zaak.melding, soort=T.STANDPUNT, onderwerp=termijnonderwerp(aanvullend))
    assert eigen.gesloten_op is None
    assert eigen.start == timezone.localdate(wederhoor.created_at)
    # Its own hoor: the first investigation's invitation does not count (Art. 10.1 via 12.2).
    onderzoeker = onderzoek_lopend_maken(aanvullend, zaak.hl)
    rapport = rapport_concept_opslaan(onderzoek=aanvullend, tekst="Ook 2024.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=aanvullend, door=onderzoeker)
    with pytest.raises(ValidationError, match=r"Art\. 10\.1"):
        rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    melder_uitnodigen_voor_verhoor(onderzoek=aanvullend, toelichting="Opnieuw.", door=onderzoeker)
    rapport_vaststellen(rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen reactie.")
    # Its own Art. 11.3 assessment before its own standpunt.
    with pytest.raises(ValidationError, match=r"Art\. 11\.3"):
        _standpunt(zaak)
    _nee_beoordelen(zaak)
    _standpunt(zaak)
    eigen.refresh_from_db()
    assert eigen.gesloten_op is not None
    # Its own wederhoor: a new reaction request on the second standpunt.
    assert zaak.melding.verzoeken.filter(soort="standpunt_reactie", status="open").count() == 1


def test_art_13_2_onderzoek_naar_benadeling_eigen_termijnen():
    zaak, _onderzoek = _ingesteld()
    benadeling = onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.BENADELING,
        opdracht="Hoe is de melder behandeld?",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    onderwerp = termijnonderwerp(benadeling)
    eigen = Termijn.objects.get(melding=zaak.melding, soort=T.STANDPUNT, onderwerp=onderwerp)
    # Its own hoor en wederhoor (Art. 13.2 with 10.1): the invitation belongs to it.
    onderzoeker = onderzoek_lopend_maken(benadeling, zaak.hl)
    rapport_vaststellen_na_hoor(benadeling, onderzoeker)
    # The standpunt on the report does not close the Art. 13.2 investigation's term.
    onderzoek_afronden(zaak.melding, zaak.hl)
    _standpunt(zaak)
    eigen.refresh_from_db()
    assert eigen.gesloten_op is None
    assert Termijn.objects.get(melding=zaak.melding, soort=T.STANDPUNT, onderwerp="").gesloten_op is not None
    # Its own standpunt letter closes it, by subject.
    brief_bezorgen(
        melding=zaak.melding,
        onderwerp="Standpunt na het onderzoek naar benadeling",
        tekst="Standpunt.",
        door=zaak.hl.gebruiker,
        sluit_termijnen=[termijnsleutel(T.STANDPUNT, onderwerp)],
    )
    eigen.refresh_from_db()
    assert eigen.gesloten_op is not None


def test_art_10_5_11_1_zonder_rapport_trekt_het_verzoek_om_opmerkingen_op_het_concept_in():
    """The concept was put to the melder (Art. 10.5); the HL then ends the
    investigation without a report (Art. 11.1). No report follows, so the melder
    is no longer asked to comment: the request shows as withdrawn, not waiting."""
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    verzoek = Verzoek.objects.get(melding=zaak.melding, soort=CONCEPTRAPPORT_OPMERKINGEN)
    assert verzoek.status == VerzoekStatus.OPEN
    onderzoek_zonder_rapport_beeindigen(
        onderzoek=onderzoek,
        reden="De werkgever erkent de dubbele betalingen; de feiten staan vast.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.INGETROKKEN
    assert AuditRegel.objects.filter(object_uuid=str(verzoek.uuid), toelichting="ingetrokken").exists()
