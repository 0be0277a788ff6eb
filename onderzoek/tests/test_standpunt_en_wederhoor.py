"""The signed extension (Art. 11.2), the external notification with its copy
(Art. 9.3, 11.3) and hoor en wederhoor through the mailbox (Art. 12)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kern.ondertekening import is_ongewijzigd
from kern.pdf import pdf_tekst
from meldingen.constants import Status, TermijnSoort, VerzoekStatus
from meldingen.models import Verlenging
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.meldingsbox import verzoek_beantwoorden
from onderzoek.constants import STANDPUNT_REACTIE, BesluitSoort, OnderzoekSoort, StandpuntUitkomst
from onderzoek.models import Verlengingsbrief
from onderzoek.services import (
    besluit_nemen,
    externe_kennisgeving_doen,
    melding_afsluiten_na_standpunt,
    onderzoek_instellen,
    standpunt_vaststellen,
    standpunt_verlenging_ondertekenen,
    wederhoor_beantwoorden,
    wederhoor_naar_externe_instantie,
)
from onderzoek.tests.factories import Zaak, onderzoek_afronden

pytestmark = pytest.mark.django_db
T = TermijnSoort


def _in_onderzoek():
    zaak = Zaak()
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    return zaak


def _verlengen(zaak, dagen, code=None, **kwargs):
    kwargs.setdefault("reden", "")
    return standpunt_verlenging_ondertekenen(
        melding=zaak.melding,
        nieuwe_datum=timezone.localdate() + timedelta(days=dagen),
        door=zaak.hl.gebruiker,
        totp_code=code or zaak.hl.code(),
        **kwargs,
    )


def test_art_11_2_verlenging_ondertekend_met_reden_na_twaalf_weken():
    zaak = _in_onderzoek()
    # Past twelve weeks (receipt + 84 days) a reason is required.
    with pytest.raises(ValidationError) as fout:
        _verlengen(zaak, 90)
    assert "reden" in fout.value.message_dict
    # The extension is an HL decision signed with a fresh code: a wrong code records nothing.
    with pytest.raises(ValidationError):
        _verlengen(zaak, 90, code="000000", reden="Externe accountant nodig.")
    assert not Verlenging.objects.exists()
    brief = _verlengen(zaak, 90, reden="Externe accountant nodig.")
    nieuwe_datum = timezone.localdate() + timedelta(days=90)
    assert timezone.localdate(zaak.termijn(T.STANDPUNT).due) == nieuwe_datum
    letter = zaak.brieven()[-1]
    pdf = letter.pdf.read()
    assert is_ongewijzigd(ondertekening=brief.ondertekening, inhoud=pdf)
    tekst = pdf_tekst(pdf)
    assert "Externe accountant nodig." in tekst
    assert str(nieuwe_datum.year) in tekst
    assert "Externe accountant nodig." in letter.tekst
    # Not the feedback of Wbk art. 2: the cap stays open.
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is None


def test_art_11_2_verlenging_tot_twaalf_weken_zonder_reden():
    zaak = _in_onderzoek()
    _verlengen(zaak, 84)
    assert Verlengingsbrief.objects.filter(melding=zaak.melding).count() == 1


def test_art_11_2_verlenging_voorbij_wettelijk_maximum_alleen_met_terugkoppeling():
    zaak = _in_onderzoek()
    with pytest.raises(ValidationError):
        _verlengen(zaak, 120, reden="Complex.")
    # As the feedback the letter must say how the report was assessed and which steps were taken.
    with pytest.raises(ValidationError) as fout:
        _verlengen(zaak, 120, reden="Complex.", met_terugkoppeling=True)
    assert "beoordeling" in fout.value.message_dict
    _verlengen(
        zaak,
        120,
        reden="Complex.",
        met_terugkoppeling=True,
        beoordeling="De melding is serieus genomen; twee getuigen zijn gehoord.",
    )
    assert zaak.termijn(T.TERUGKOPPELING).gesloten_op is not None
    assert "twee getuigen" in pdf_tekst(zaak.brieven()[-1].pdf.read())


def test_art_9_3_afschrift_kennisgeving_tenzij_ernstige_bezwaren():
    zaak = _in_onderzoek()
    kennisgeving = externe_kennisgeving_doen(
        melding=zaak.melding,
        instantie="Autoriteit Woningcorporaties",
        inhoud="Wij melden u het volgende.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    afschrift = zaak.brieven()[-1]
    assert afschrift.soort == "externe_kennisgeving"
    assert is_ongewijzigd(ondertekening=kennisgeving.ondertekening, inhoud=afschrift.pdf.read())
    aantal = len(zaak.brieven())
    externe_kennisgeving_doen(
        melding=zaak.melding,
        instantie="Openbaar Ministerie",
        inhoud="Aangifte.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
        ernstige_bezwaren_afschrift="Het strafrechtelijk onderzoek zou worden geschaad.",
    )
    assert len(zaak.brieven()) == aantal


def _standpunt(zaak):
    onderzoek_afronden(zaak.melding, zaak.hl)
    return standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=zaak.melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="Terugvordering.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )


def _reageren(zaak, akkoord, antwoord=""):
    verzoek = zaak.melding.verzoeken.get(soort=STANDPUNT_REACTIE, status=VerzoekStatus.OPEN)
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=verzoek, akkoord=akkoord, antwoord=antwoord)
    return zaak.melding.wederhoren.get()


def test_art_12_1_reactie_in_de_meldingsbox():
    zaak = _in_onderzoek()
    _standpunt(zaak)
    wederhoor = _reageren(zaak, True)
    assert not wederhoor.onderbouwd_bezwaar
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.WEDERHOOR


def test_art_12_2_onderbouwde_reactie_krijgt_inhoudelijk_antwoord_als_brief():
    zaak = _in_onderzoek()
    _standpunt(zaak)
    wederhoor = _reageren(zaak, False, "De getuigen zijn niet gehoord.")
    assert wederhoor.onderbouwd_bezwaar
    with pytest.raises(ValidationError):
        wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="", door=zaak.hl.gebruiker)
    wederhoor_beantwoorden(
        wederhoor=wederhoor,
        antwoord="U heeft gelijk; wij horen de getuigen alsnog.",
        aanvullend_onderzoek=True,
        opdracht="Hoor de twee getuigen.",
        totp_code=zaak.hl.code(),
        door=zaak.hl.gebruiker,
    )
    brief = zaak.brieven()[-1]
    assert brief.soort == "wederhoor"
    tekst = pdf_tekst(brief.pdf.read())
    assert "De getuigen zijn niet gehoord." in tekst
    assert "wij horen de getuigen alsnog" in tekst
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.IN_ONDERZOEK


def test_art_12_3_reactie_naar_externe_instantie():
    zaak = _in_onderzoek()
    externe_kennisgeving_doen(
        melding=zaak.melding,
        instantie="Autoriteit Woningcorporaties",
        inhoud="Kennisgeving.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    _standpunt(zaak)
    wederhoor = _reageren(zaak, False, "Het rapport mist de betalingen van 2025.")
    # The authority receives the reaction before the employer answers it.
    with pytest.raises(ValidationError, match=r"Art\. 12\.3"):
        wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="Wij kijken ernaar.", door=zaak.hl.gebruiker)
    wederhoor_naar_externe_instantie(wederhoor=wederhoor, door=zaak.hl.gebruiker)
    wederhoor.refresh_from_db()
    assert wederhoor.extern_doorgestuurd_op is not None
    assert wederhoor.extern_doorgestuurd_door == zaak.hl.gebruiker
    afschrift = zaak.brieven()[-1]
    assert afschrift.soort == "reactie_extern"
    tekst = pdf_tekst(afschrift.pdf.read())
    assert "Autoriteit Woningcorporaties" in tekst
    assert "mist de betalingen van 2025" in tekst
    with pytest.raises(ValidationError):
        wederhoor_naar_externe_instantie(wederhoor=wederhoor, door=zaak.hl.gebruiker)
    wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="Wij kijken ernaar.", door=zaak.hl.gebruiker)


def test_art_12_3_niet_van_toepassing_zonder_kennisgeving():
    zaak = _in_onderzoek()
    _standpunt(zaak)
    wederhoor = _reageren(zaak, True)
    with pytest.raises(ValidationError):
        wederhoor_naar_externe_instantie(wederhoor=wederhoor, door=zaak.hl.gebruiker)


def _hl_client(client, zaak):
    client.force_login(zaak.hl.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = zaak.hl.apparaat.persistent_id
    sessie.save()
    return client


def test_art_9_6_betrokkene_geinformeerd_tenzij_onderzoeksbelang(client):
    zaak = _in_onderzoek()
    betrokkene = betrokkene_toevoegen(melding=zaak.melding, naam="A. Betrokken", door=zaak.hl.gebruiker)
    _hl_client(client, zaak)
    url = reverse("admin:meldingen_melding_betrokkenen", args=[zaak.melding.pk])
    assert url in client.get(reverse("admin:meldingen_melding_change", args=[zaak.melding.pk])).content.decode()
    # Not informing needs the interest as reason, and a date to revisit it.
    fout = client.post(url, {"betrokkene": betrokkene.pk, "keuze": "uitstellen", "reden": "", "herzien_op": ""})
    assert fout.status_code == 200
    betrokkene.refresh_from_db()
    assert betrokkene.reden_niet_informeren == ""
    herzien = (timezone.localdate() + timedelta(days=30)).isoformat()
    goed = client.post(
        url,
        {"betrokkene": betrokkene.pk, "keuze": "uitstellen", "reden": "Bewijs kan verdwijnen.", "herzien_op": herzien},
    )
    assert goed.status_code == 302
    betrokkene.refresh_from_db()
    assert betrokkene.reden_niet_informeren == "Bewijs kan verdwijnen."
    assert client.post(url, {"betrokkene": betrokkene.pk, "keuze": "informeren"}).status_code == 302
    betrokkene.refresh_from_db()
    assert betrokkene.geinformeerd_op is not None
    assert betrokkene.reden_niet_informeren == ""


def test_art_11_2_verlenging_op_het_zaakscherm_met_verse_code(client):
    zaak = _in_onderzoek()
    _hl_client(client, zaak)
    url = reverse("admin:meldingen_melding_verlengen", args=[zaak.melding.pk])
    datum = (timezone.localdate() + timedelta(days=90)).isoformat()
    fout = client.post(url, {"nieuwe_datum": datum, "reden": "", "totp_code": zaak.hl.code()})
    assert "Art. 11.2" in fout.content.decode()
    goed = client.post(url, {"nieuwe_datum": datum, "reden": "Accountant nodig.", "totp_code": zaak.hl.code()})
    assert goed.status_code == 302
    assert Verlengingsbrief.objects.filter(melding=zaak.melding).exists()


def test_art_12_2_niet_afsluiten_met_onbeantwoorde_reactie():

    zaak = _in_onderzoek()
    _standpunt(zaak)
    wederhoor = _reageren(zaak, False, "Onjuist.")
    with pytest.raises(ValidationError, match=r"Art\. 12\.2"):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Klaar.", door=zaak.hl.gebruiker)
    wederhoor_beantwoorden(wederhoor=wederhoor, antwoord="Het rapport klopt; zie bijlage.", door=zaak.hl.gebruiker)
    melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Reactie beantwoord.", door=zaak.hl.gebruiker)
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.AFGESLOTEN


def test_art_12_1_afsluiten_zonder_reactie_trekt_het_verzoek_in():

    zaak = _in_onderzoek()
    _standpunt(zaak)
    # Art. 12.1, docs/rollen.md: not before the reaction period passed.
    with pytest.raises(ValidationError, match=r"Art\. 12\.1"):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Te vroeg.", door=zaak.hl.gebruiker)

    with time_machine.travel(timezone.now() + timedelta(days=16)):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Geen reactie na zes weken.", door=zaak.hl.gebruiker)
    verzoek = zaak.melding.verzoeken.get(soort=STANDPUNT_REACTIE)
    assert verzoek.status == VerzoekStatus.INGETROKKEN
