"""The standpunt after an investigation into the melder's treatment follows the
statutory steps of the report's own standpunt (Art. 13.2: "artikelen 10 t/m 13 van
overeenkomstige toepassing"): the HL's Art. 11.3 assessment with it, the melder's
reaction in the mailbox (Art. 12.1), the answer to a reasoned one within a term
(Art. 12.2), and no closing while the melder may still react. Through the services
the case screen and the mailbox call."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from benadeling.constants import STANDPUNT_REACTIE_BENADELING, VERZOEK_REACTIE_ANTWOORD, BenadelingOordeel
from benadeling.models import Afschrift, BenadelingKennisgeving, Onderzoeksverzoek
from benadeling.selectors import dossier_gebeurtenissen
from benadeling.services.reactie import onderzoeksverzoek_afsluiten, onderzoeksverzoek_reactie_beantwoorden
from benadeling.services.verzoeken import (
    onderzoeksverzoek_indienen,
    onderzoeksverzoek_inwilligen,
    onderzoeksverzoek_standpunt_vaststellen,
)
from benadeling.tests.factories import hl_op_het_zaakscherm, zaak
from benadeling.workflow import VERZOEK, VerzoekStatus, verzoek_status
from kern.ondertekening import is_ongewijzigd
from kern.pdf import pdf_tekst
from meldingen import selectors as meldingen_selectors
from meldingen.constants import Kanaal, TermijnSoort
from meldingen.constants import VerzoekStatus as MelderverzoekStatus
from meldingen.models import Termijn, Verzoek
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import (
    brief_doorsturen_door_vertrouwenspersoon,
    meldingsbox_aanmaken,
    verzoek_beantwoorden,
    verzoek_doorsturen_door_vertrouwenspersoon,
)
from meldingen.views import SESSIE_BOX
from onderzoek.models import ExterneKennisgeving, KennisgevingBeoordeling
from onderzoek.tests.factories import onderzoek_lopend_maken, rapport_vaststellen_na_hoor

pytestmark = pytest.mark.django_db

V = VerzoekStatus
NA_DE_REACTIETERMIJN = timedelta(days=settings.MELDPUNT_REACTIETERMIJN_DAGEN + 1)
STANDPUNT = {
    "uitkomst": BenadelingOordeel.GEEN_BENADELING,
    "standpunt": "De overplaatsing hield geen verband met de melding.",
    "vervolgstappen": "Een gesprek met de leidinggevende over de samenwerking.",
}
GEEN_KENNISGEVING = {
    "kennisgeving_melden": False,
    "kennisgeving_motivering": "Een interne kwestie zonder externe toezichthouder.",
}


def _afgerond_onderzoek(**kwargs):
    """A granted Art. 13.1 request whose investigation ended in a fixed report
    (Art. 9.4-10.6 via 13.2): the standpunt is the next step."""
    z = zaak(**kwargs)
    z.box = meldingsbox_aanmaken(melding=z.melding).meldingsbox
    verzoek = onderzoeksverzoek_indienen(melding=z.melding, verzoek="Onderzoek hoe ik word behandeld.")
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=z.hl.gebruiker, totp_code=z.hl.code()
    )
    onderzoeker = onderzoek_lopend_maken(verzoek.onderzoek, z.hl)
    rapport_vaststellen_na_hoor(verzoek.onderzoek, onderzoeker)
    return z, Onderzoeksverzoek.objects.get(pk=verzoek.pk)


def _standpunt(z, verzoek, **beoordeling):
    return onderzoeksverzoek_standpunt_vaststellen(
        verzoek=verzoek, door=z.hl.gebruiker, totp_code=z.hl.code(), **STANDPUNT, **(beoordeling or GEEN_KENNISGEVING)
    )


def _met_standpunt(**kwargs):
    # Not reported through the vertrouwenspersoon: no Art. 7.3, letters reach the melder at once.
    z, verzoek = _afgerond_onderzoek(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON, **kwargs)
    return z, _standpunt(z, verzoek)


def _reactieverzoek(z):
    return Verzoek.objects.get(melding=z.melding, soort=STANDPUNT_REACTIE_BENADELING)


def _reageren(z, *, akkoord, antwoord=""):
    """The melder answers the reaction request in the mailbox (the mailbox's service)."""
    verzoek_beantwoorden(meldingsbox=z.box, verzoek=_reactieverzoek(z), akkoord=akkoord, antwoord=antwoord)


def _afsluiten(z, verzoek):
    return onderzoeksverzoek_afsluiten(verzoek=verzoek, reden="Afgerond na het standpunt.", door=z.hl.gebruiker)


# --- Art. 12.1 via 13.2: the reaction request ----------------------------------------------


def test_art_13_2_standpunt_opent_reactieverzoek_voor_de_melder():
    """The standpunt opens a request to the melder in the mailbox, about this
    request, as the report's standpunt does (Art. 12.1); the melder reads the
    standpunt in it, and the letter tells them they may react."""
    z, verzoek = _met_standpunt()
    assert verzoek_status(verzoek) == V.STANDPUNT_GEGEVEN
    reactieverzoek = _reactieverzoek(z)
    assert reactieverzoek.status == MelderverzoekStatus.OPEN
    assert reactieverzoek.object_uuid == str(verzoek.uuid)
    assert reactieverzoek.door == z.hl.gebruiker
    assert "Art. 12.1" in reactieverzoek.vraag
    tijdlijn = meldingen_selectors.meldingsbox_tijdlijn(meldingsbox=z.box)
    assert tijdlijn["verzoeken_open"] == [reactieverzoek]
    weergave = tijdlijn["onderwerpen"][str(reactieverzoek.uuid)]
    assert "De overplaatsing hield geen verband met de melding." in weergave.tekst
    brief = Afschrift.objects.get(soort="standpunt_benadeling", object_uuid=str(verzoek.uuid)).brief
    assert "Wij vragen uw reactie" in brief.tekst
    assert "reageren in uw meldingsbox" in pdf_tekst(brief.pdf.open("rb").read())


def test_art_13_2_12_1_melder_ziet_reactietermijn_en_reageert_in_de_meldingsbox(client):
    """The mailbox shows the request with the standpunt and, in the retaliation
    section and on the retaliation page, until when the melder may react (the
    report's period from the letter); the melder's answer reaches the request."""
    z, verzoek = _met_standpunt()
    sessie = client.session
    sessie[SESSIE_BOX] = str(z.box.uuid)
    sessie.save()
    brief = Afschrift.objects.get(soort="standpunt_benadeling", object_uuid=str(verzoek.uuid)).brief
    einde = timezone.localtime(brief.bij_melder_op).date() + timedelta(days=settings.MELDPUNT_REACTIETERMIJN_DAGEN)
    with translation.override("nl"):
        datum = date_format(einde, "j F Y")
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "Reactie op het standpunt na onderzoek naar benadeling" in html
    assert "De overplaatsing hield geen verband met de melding." in html
    assert f"U kunt tot en met {datum} reageren op het onderzoek en het standpunt" in html
    pagina = client.get(reverse("benadeling_melder:benadeling")).content.decode()
    assert f"U kunt tot en met {datum} reageren" in pagina
    reactieverzoek = _reactieverzoek(z)
    antwoord = client.post(
        reverse("meldingen:box_verzoek", kwargs={"uuid": reactieverzoek.uuid}),
        {f"{reactieverzoek.uuid}-akkoord": "ja", f"{reactieverzoek.uuid}-antwoord": "Dank voor het onderzoek."},
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.reactie == "Dank voor het onderzoek."
    assert verzoek.reactie_op is not None
    assert not verzoek.onderbouwd_bezwaar
    # Reacted: the period is no longer shown, what became of the reaction is.
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "U kunt tot en met" not in html
    assert "Uw reactie is ontvangen." in html


def test_art_13_2_12_1_afsluiten_wacht_op_de_reactietermijn():
    """The step cannot be skipped: while the melder may still react, the request is
    not closed (the table's guard, which the screen asks, and the service agree);
    after the period it is, and the unanswered request is withdrawn."""
    z, verzoek = _met_standpunt()
    assert not VERZOEK.mag(verzoek, V.AFGESLOTEN, z.hl.gebruiker)
    with pytest.raises(ValidationError, match=r"Art\. 12\.1"):
        _afsluiten(z, verzoek)
    verzoek.refresh_from_db()
    assert verzoek.afgesloten_op is None
    with time_machine.travel(timezone.now() + NA_DE_REACTIETERMIJN):
        assert VERZOEK.mag(verzoek, V.AFGESLOTEN, z.hl.gebruiker)
        with pytest.raises(ValidationError):
            onderzoeksverzoek_afsluiten(verzoek=verzoek, reden=" ", door=z.hl.gebruiker)
        verzoek = _afsluiten(z, verzoek)
    assert verzoek_status(verzoek) == V.AFGESLOTEN
    assert _reactieverzoek(z).status == MelderverzoekStatus.INGETROKKEN
    assert [g.titel for g in dossier_gebeurtenissen(melding=z.melding)][-1] == "Onderzoek naar benadeling afgesloten"


def test_art_13_2_12_1_een_reactie_beeindigt_het_wachten():
    """A melder who agreed need not be waited for: the request may close at once."""
    z, verzoek = _met_standpunt()
    _reageren(z, akkoord=True)
    verzoek.refresh_from_db()
    assert verzoek_status(verzoek) == V.STANDPUNT_GEGEVEN
    assert VERZOEK.mag(verzoek, V.AFGESLOTEN, z.hl.gebruiker)
    assert _afsluiten(z, verzoek).afgesloten_op is not None


# --- Art. 12.2 via 13.2: the answer to a reasoned reaction ---------------------------------


def test_art_13_2_12_2_onderbouwd_bezwaar_vraagt_antwoord_binnen_een_termijn():
    """ "Niet akkoord" with an explanation is a reasoned objection: the request moves
    to wederhoor, the answer's term runs (the installation's Art. 12.2 length), and
    closing is refused, also after the reaction period, until the answer is given."""
    z, verzoek = _met_standpunt()
    with pytest.raises(ValidationError):
        _reageren(z, akkoord=False)  # an objection needs words (the mailbox's rule)
    _reageren(z, akkoord=False, antwoord="Mijn overplaatsing is niet onderzocht.")
    verzoek.refresh_from_db()
    assert verzoek_status(verzoek) == V.WEDERHOOR
    assert verzoek.onderbouwd_bezwaar
    termijn = Termijn.objects.get(melding=z.melding, soort=VERZOEK_REACTIE_ANTWOORD, onderwerp=f"verzoek:{verzoek.pk}")
    assert (timezone.localtime(termijn.due).date() - termijn.start).days == (
        settings.MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN
    )
    with time_machine.travel(timezone.now() + NA_DE_REACTIETERMIJN):
        assert not VERZOEK.mag(verzoek, V.AFGESLOTEN, z.hl.gebruiker)
        with pytest.raises(ValidationError):
            _afsluiten(z, verzoek)
    # Only the HL answers, with words.
    with pytest.raises(ValidationError, match=r"Art\. 12\.2"):
        onderzoeksverzoek_reactie_beantwoorden(verzoek=verzoek, antwoord="", door=z.hl.gebruiker)
    verzoek = onderzoeksverzoek_reactie_beantwoorden(
        verzoek=verzoek, antwoord="De overplaatsing is onderzocht: zie hoofdstuk 3.", door=z.hl.gebruiker
    )
    assert verzoek_status(verzoek) == V.BEANTWOORD
    brief = z.melding.brieven.get(soort="benadeling_reactie_antwoord")
    tekst = pdf_tekst(brief.pdf.open("rb").read())
    assert "Mijn overplaatsing is niet onderzocht." in tekst
    assert "zie hoofdstuk 3" in tekst
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert _afsluiten(z, verzoek).afgesloten_op is not None


def test_art_13_2_12_2_7_3_afsluiten_wacht_tot_het_antwoord_bij_de_melder_is():
    """Reported through the vertrouwenspersoon (Art. 7.3): the request and the
    answer reach the melder when forwarded; the answer's term closes then, and the
    request closes only after that."""
    z, verzoek = _afgerond_onderzoek()
    verzoek = _standpunt(z, verzoek)
    reactieverzoek = _reactieverzoek(z)
    assert reactieverzoek.bij_melder_op is None
    verzoek_doorsturen_door_vertrouwenspersoon(verzoek=reactieverzoek, door=z.ontvanger)
    _reageren(z, akkoord=False, antwoord="Wezenlijke onjuistheden in het rapport.")
    verzoek = onderzoeksverzoek_reactie_beantwoorden(
        verzoek=Onderzoeksverzoek.objects.get(pk=verzoek.pk), antwoord="Wij lichten dit toe.", door=z.hl.gebruiker
    )
    with pytest.raises(ValidationError, match=r"Art\. 7\.3"):
        _afsluiten(z, verzoek)
    termijn = Termijn.objects.get(melding=z.melding, soort=VERZOEK_REACTIE_ANTWOORD)
    assert termijn.gesloten_op is None
    brief_doorsturen_door_vertrouwenspersoon(
        brief=z.melding.brieven.get(soort="benadeling_reactie_antwoord"), door=z.ontvanger
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert _afsluiten(z, verzoek).afgesloten_op is not None


def test_art_13_2_12_1_reactie_en_antwoordtermijn_blijven_na_intrekken_van_de_melding():
    """The protection outlives the report (Art. 5): after the melder withdraws the
    report, the reaction request stays open and the answer's term keeps running."""
    z, verzoek = _met_standpunt()
    melding_intrekken(meldingsbox=z.box, reden="Ik trek mijn melding in.")
    assert _reactieverzoek(z).status == MelderverzoekStatus.OPEN
    _reageren(z, akkoord=False, antwoord="Niet deugdelijk onderzocht.")
    termijn = Termijn.objects.get(melding=z.melding, soort=VERZOEK_REACTIE_ANTWOORD)
    assert termijn.vervallen_op is None
    assert termijn.gesloten_op is None
    verzoek = onderzoeksverzoek_reactie_beantwoorden(
        verzoek=Onderzoeksverzoek.objects.get(pk=verzoek.pk), antwoord="Toelichting.", door=z.hl.gebruiker
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


# --- Art. 11.3 via 13.2: the assessment with the standpunt ----------------------------------


def test_art_13_2_met_art_11_3_beoordeling():
    """The standpunt carries the HL's assessment whether an external authority is
    told, signed in the same act with the same code (its own document and hash),
    also when the answer is no; no copy goes to the melder then. Without a reason
    nothing is signed and the standpunt is not given."""
    z, verzoek = _afgerond_onderzoek(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    with pytest.raises(ValidationError, match=r"Art\. 9\.3, 11\.3"):
        _standpunt(z, verzoek, kennisgeving_melden=False, kennisgeving_motivering=" ")
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is None
    assert not BenadelingKennisgeving.objects.exists()
    verzoek = _standpunt(z, verzoek)
    kennisgeving = BenadelingKennisgeving.objects.get(verzoek=verzoek)
    assert kennisgeving.melden is False
    assert kennisgeving.motivering == "Een interne kwestie zonder externe toezichthouder."
    assert kennisgeving.ondertekening.ondertekenaar == z.hl.gebruiker
    assert kennisgeving.ondertekening != verzoek.standpunt_ondertekening
    document = kennisgeving.document.open("rb").read()
    assert is_ongewijzigd(ondertekening=kennisgeving.ondertekening, inhoud=document)
    assert "Er wordt geen externe instantie op de hoogte gebracht." in pdf_tekst(document)
    assert not Afschrift.objects.filter(soort="kennisgeving").exists()
    regels = [g for g in dossier_gebeurtenissen(melding=z.melding) if g.artikel == "Art. 13.2, 11.3"]
    assert regels[0].hash == kennisgeving.ondertekening.document_hash
    # The report's own Art. 11.3 and 12.3 know nothing of it.
    assert not KennisgevingBeoordeling.objects.filter(melding=z.melding).exists()
    assert not ExterneKennisgeving.objects.filter(melding=z.melding).exists()


def test_art_13_2_met_art_11_3_kennisgeving_aan_externe_instantie_en_afschrift_aan_de_melder():
    """A yes names the authority and what it is told; the signed notification goes
    to the melder as a copy, unless serious objections are recorded."""
    z, verzoek = _afgerond_onderzoek(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    ja = {"kennisgeving_melden": True, "kennisgeving_motivering": "Het raakt de arbeidsomstandigheden."}
    with pytest.raises(ValidationError):
        _standpunt(z, verzoek, **ja)  # no authority, no content
    verzoek = _standpunt(z, verzoek, **ja, instantie="Nederlandse Arbeidsinspectie", kennisgeving="Wij melden u...")
    kennisgeving = BenadelingKennisgeving.objects.get(verzoek=verzoek)
    assert (kennisgeving.melden, kennisgeving.instantie) == (True, "Nederlandse Arbeidsinspectie")
    afschrift = Afschrift.objects.get(soort="kennisgeving", object_uuid=str(kennisgeving.uuid))
    assert afschrift.document_hash == kennisgeving.ondertekening.document_hash
    assert "Nederlandse Arbeidsinspectie" in afschrift.brief.onderwerp
    assert "Wij melden u..." in pdf_tekst(afschrift.brief.pdf.open("rb").read())

    z2, verzoek2 = _afgerond_onderzoek(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    _standpunt(
        z2,
        verzoek2,
        **ja,
        instantie="Nederlandse Arbeidsinspectie",
        kennisgeving="Wij melden u...",
        ernstige_bezwaren_afschrift="Het noemt getuigen die de melder niet kent.",
    )
    assert not Afschrift.objects.filter(melding=z2.melding, soort="kennisgeving").exists()
    assert BenadelingKennisgeving.objects.get(verzoek=verzoek2).ernstige_bezwaren_afschrift


# --- The screens ------------------------------------------------------------------------


def test_art_13_2_standpuntscherm_vraagt_de_art_11_3_beoordeling_en_sluit_pas_na_de_reactietermijn(client):
    """The HL's form for the standpunt has the Art. 11.3 fields and refuses without
    the assessment's reason; the close action is offered only once the melder's
    reaction period has passed, the answer action only for a reasoned reaction."""
    z, verzoek = _afgerond_onderzoek(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    hl_op_het_zaakscherm(client, z.hl)
    url = reverse("admin:meldingen_melding_benadeling_standpunt", args=[z.melding.pk])
    afsluiten = reverse("admin:meldingen_melding_benadeling_verzoek_afsluiten", args=[z.melding.pk])
    beantwoorden = reverse("admin:meldingen_melding_benadeling_reactie_beantwoorden", args=[z.melding.pk])
    velden = client.get(url).context["form"].fields
    for veld in ("kennisgeving_melden", "kennisgeving_motivering", "instantie", "kennisgeving"):
        assert veld in velden
    gegevens = {"verzoek": verzoek.pk, **STANDPUNT, "kennisgeving_melden": "0", "totp_code": z.hl.code()}
    assert client.post(url, gegevens).status_code == 200  # the reason of the assessment is missing
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is None
    gegevens |= {"kennisgeving_motivering": "Geen toezichthouder bevoegd.", "totp_code": z.hl.code()}
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()
    assert BenadelingKennisgeving.objects.get(verzoek=verzoek).motivering == "Geen toezichthouder bevoegd."
    assert client.get(afsluiten).status_code == 404
    assert client.get(beantwoorden).status_code == 404
    with time_machine.travel(timezone.now() + NA_DE_REACTIETERMIJN):
        hl_op_het_zaakscherm(client, z.hl)  # the staff session has expired meanwhile
        assert client.get(afsluiten).status_code == 200
        antwoord = client.post(afsluiten, {"verzoek": verzoek.pk, "reden": "Geen reactie binnen de termijn."})
        assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.afsluitreden == "Geen reactie binnen de termijn."


def test_art_13_2_12_2_antwoordscherm_na_een_onderbouwd_bezwaar(client):
    z, verzoek = _met_standpunt()
    _reageren(z, akkoord=False, antwoord="Niet deugdelijk onderzocht.")
    hl_op_het_zaakscherm(client, z.hl)
    url = reverse("admin:meldingen_melding_benadeling_reactie_beantwoorden", args=[z.melding.pk])
    # The HL was mailed that a task waits; the dashboard lists it.
    taak = f"{z.melding.registernummer} · reactie op standpunt beantwoorden"
    assert taak in client.get(reverse("admin:index")).content.decode()
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert "Niet deugdelijk onderzocht." in formulier.content.decode()
    antwoord = client.post(url, {"verzoek": verzoek.pk, "antwoord": "Het is onderzocht; zie het rapport."})
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "Het is onderzocht; zie het rapport."
    assert taak not in client.get(reverse("admin:index")).content.decode()
    assert Termijn.objects.open().filter(melding=z.melding, soort=TermijnSoort.STANDPUNT).count() == 0
