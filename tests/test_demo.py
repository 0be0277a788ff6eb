"""The demo (`manage.py demo`, `make run`) shows only what the procedure can produce:
every case reaches its state through the services the screens call, by the user
whose step it is (meldingen/demo.py, onderzoek/demo.py, benadeling/demo.py).

The cases are found through what the command prints: each case's register number,
its phase and the melder's receipt code."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from benadeling.constants import BeschermdeRol
from benadeling.models import BeschermdPersoon
from kern import toegang
from kern.crypto import blinde_index
from kern.kalender import lokale_datum
from kern.models import AuditActie, AuditRegel, Gebruiker
from kern.ondertekening import is_ongewijzigd
from meldingen.constants import GebeurtenisSoort, Kanaal, Status, TermijnSoort, ToewijzingRol
from meldingen.demo import DEMO_PERSONEELSNUMMER
from meldingen.models import Brief, Melding, Termijn
from meldingen.overgangen import mag_als
from meldingen.workflow import overgang_voor
from onderzoek.constants import GEEN_ONDERZOEK, BesluitSoort, OnderzoekStatus
from onderzoek.overgangen import is_onderzoeker

pytestmark = pytest.mark.django_db

G = GebeurtenisSoort
S = Status

# The phase each case is printed with, and the state the procedure brought it to.
FASEN = {
    "nieuw": S.ONTVANGEN,
    "doorgestuurd": S.IN_BEHANDELING,
    "in onderzoek": S.IN_ONDERZOEK,
    "niet in onderzoek": S.NIET_IN_ONDERZOEK,
    "hl betrokken": S.IN_ONDERZOEK,
}
REGEL = re.compile(r"Meldingsbox van melding (\d{4})-(\d+) \(([^)]+)\): ontvangstcode (\S+)")


@pytest.fixture
def demo(settings, capsys) -> dict[str, tuple[Melding, str]]:
    """Run the demo under the demo settings' relaxations (config.settings.demo);
    phase -> (case, the melder's receipt code)."""
    settings.MELDPUNT_DEMO = True
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    call_command("demo")
    uitvoer = capsys.readouterr().out
    return {
        fase: (Melding.objects.get(registerjaar=int(jaar), volgnummer=int(nummer)), code)
        for jaar, nummer, fase, code in REGEL.findall(uitvoer)
    }


def _meldingen(demo) -> dict[str, Melding]:
    return {fase: melding for fase, (melding, _code) in demo.items()}


def _gebruiker(naam: str) -> Gebruiker:
    return Gebruiker.objects.get(username=naam)


def test_demo_toont_elke_fase_een_keer_met_ontvangstcode(demo):
    assert {fase: melding.status for fase, melding in _meldingen(demo).items()} == FASEN
    assert Melding.objects.count() == len(FASEN)


def test_demo_elke_statuswijziging_door_de_dienst_en_actor_van_de_tabel(demo):
    """Every step of every case is a row of meldingen.workflow, taken by the row's
    actor with the row's article, and left what the row's service leaves: no state
    written past the services (docs/toestanden.md)."""
    for fase, melding in _meldingen(demo).items():
        stappen = list(melding.gebeurtenissen.filter(soort=G.STATUS_GEWIJZIGD).order_by("tijdstip", "id"))
        status = S.ONTVANGEN
        for stap in stappen:
            assert stap.van_status == status, fase
            overgang = overgang_voor(stap.van_status, stap.naar_status)
            assert overgang is not None, fase
            assert stap.artikel == overgang.artikel, fase
            assert stap.door is not None, fase
            assert mag_als(melding=melding, overgang=overgang, gebruiker=stap.door), fase
            assert AuditRegel.objects.filter(
                object_uuid=str(melding.uuid),
                actie=AuditActie.STATUS_GEWIJZIGD,
                actor=stap.door,
                toelichting=f"{stap.van_status} -> {stap.naar_status}",
            ).exists(), fase
            if overgang.dienst == "meldingen.services.triage.melding_doorsturen":
                assert melding.gebeurtenissen.filter(soort=G.DOORGESTUURD, door=stap.door).exists(), fase
            if overgang.dienst == "onderzoek.services.besluiten.besluit_nemen":
                assert melding.besluiten.filter(ondertekening__ondertekenaar=stap.door).exists(), fase
            status = stap.naar_status
        assert status == melding.status, fase


def test_art_8_3_demo_doorgestuurd_door_de_ontvangende_functionaris(demo):
    for fase, melding in _meldingen(demo).items():
        doorgestuurd = melding.gebeurtenissen.filter(soort=G.DOORGESTUURD)
        if melding.status == S.ONTVANGEN:
            assert not doorgestuurd.exists()
            continue
        gebeurtenis = doorgestuurd.get()
        assert gebeurtenis.artikel == ("Art. 8.4" if melding.hl_betrokken else "Art. 8.3"), fase
        assert toegang.heeft_toewijzing(melding=melding, user=gebeurtenis.door, rollen=[ToewijzingRol.ONTVANGER])
        assert toegang.leiding_van(melding=melding), fase


def test_art_8_4_demo_hoogste_verantwoordelijke_leidt_en_tekent_als_hl_betrokken(demo):
    meldingen = _meldingen(demo)
    hl, rvc = _gebruiker("hl"), _gebruiker("rvc")
    for fase, leider in (("hl betrokken", rvc), ("in onderzoek", hl), ("niet in onderzoek", hl)):
        melding = meldingen[fase]
        assert toegang.leiding_van(melding=melding) == [leider], fase
        ondertekenaars = {b.ondertekening.ondertekenaar for b in melding.besluiten.all()}
        ondertekenaars |= {o.opdracht_ondertekening.ondertekenaar for o in melding.onderzoeken.all()}
        assert ondertekenaars == {leider}, fase
    betrokken = meldingen["hl betrokken"]
    assert betrokken.hl_betrokken
    assert not betrokken.toewijzingen.filter(gebruiker=hl).exists()
    assert not toegang.mag(user=hl, perm="meldingen.view_melding", obj=betrokken)


def test_art_8_5_demo_ontvangstbevestiging_door_de_leiding_na_doorsturen(demo):
    for fase, melding in _meldingen(demo).items():
        termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
        brieven = melding.brieven.filter(soort="ontvangstbevestiging")
        if melding.status == S.ONTVANGEN:
            assert not brieven.exists(), fase
            assert termijn.gesloten_op is None, fase
            continue
        brief = brieven.get()
        assert brief.bij_melder_op is not None, fase
        assert brief.door in toegang.leiding_van(melding=melding), fase
        assert termijn.gesloten_door_gebeurtenis.soort == G.BRIEF_VERZONDEN, fase


def test_art_8_6_demo_contactpersoon_aangewezen_door_de_leiding(demo):
    meldingen = _meldingen(demo)
    contactpersoon = _gebruiker("contact")
    for fase in ("in onderzoek", "hl betrokken"):
        melding = meldingen[fase]
        assert toegang.toegewezenen(melding=melding, rollen=[ToewijzingRol.CONTACTPERSOON]) == [contactpersoon]
        aangewezen = melding.gebeurtenissen.get(soort=G.CONTACTPERSOON_AANGEWEZEN)
        assert aangewezen.artikel == "Art. 8.6", fase
        assert aangewezen.door in toegang.leiding_van(melding=melding), fase
        assert Termijn.objects.get(melding=melding, soort=TermijnSoort.CONTACTPERSOON).gesloten_op is not None
    # No contactpersoon without the appointment's timeline entry.
    for fase, melding in meldingen.items():
        if melding.toewijzingen.filter(rol=ToewijzingRol.CONTACTPERSOON).exists():
            assert melding.gebeurtenissen.filter(soort=G.CONTACTPERSOON_AANGEWEZEN).exists(), fase


def test_art_9_4_demo_onderzoek_met_ondertekende_opdracht_en_onafhankelijke_onderzoeker(demo):
    in_onderzoek = [m for m in _meldingen(demo).values() if m.status == S.IN_ONDERZOEK]
    assert len(in_onderzoek) == 2
    for melding in in_onderzoek:
        leiding = toegang.leiding_van(melding=melding)
        besluit = melding.besluiten.get()
        assert besluit.soort == BesluitSoort.ONDERZOEK
        assert besluit.ondertekening.ondertekenaar in leiding
        onderzoek = melding.onderzoeken.get()
        assert onderzoek.opdracht.strip()
        assert onderzoek.opdracht_ondertekening.ondertekenaar in leiding
        with onderzoek.opdracht_document.open("rb") as fh:
            assert is_ongewijzigd(ondertekening=onderzoek.opdracht_ondertekening, inhoud=fh.read())
        onderzoekers = list(onderzoek.onderzoekers.filter(beeindigd_op__isnull=True))
        assert onderzoekers
        for onderzoeker in onderzoekers:
            assert onderzoeker.onafhankelijkheidsverklaring.strip()
            if onderzoeker.gebruiker_id:
                assert is_onderzoeker(onderzoek=onderzoek, gebruiker=onderzoeker.gebruiker)
        # Art. 9.5: the melder was told by whom; only then does the investigation run.
        assert onderzoek.status == OnderzoekStatus.LOOPT
        assert onderzoek.melder_geinformeerd_op is not None
        assert melding.brieven.filter(soort="onderzoek_ingesteld", bij_melder_op__isnull=False).exists()
        assert Termijn.objects.get(melding=melding, soort=TermijnSoort.MEDEDELING_GEEN_ONDERZOEK).vervallen_op
    # The demo investigator sees their investigation.
    assert is_onderzoeker(
        onderzoek=_meldingen(demo)["in onderzoek"].onderzoeken.get(), gebruiker=_gebruiker("onderzoeker")
    )


def test_art_9_2_demo_besluit_geen_onderzoek_met_reden(demo, client):
    melding, code = demo["niet in onderzoek"]
    besluit = melding.besluiten.get()
    assert besluit.soort in GEEN_ONDERZOEK
    assert besluit.motivering.strip()
    assert besluit.ondertekening.ondertekenaar == _gebruiker("hl")
    with besluit.document.open("rb") as fh:
        assert is_ongewijzigd(ondertekening=besluit.ondertekening, inhoud=fh.read())
    stap = melding.gebeurtenissen.get(soort=G.STATUS_GEWIJZIGD, naar_status=S.NIET_IN_ONDERZOEK)
    assert stap.toelichting == besluit.motivering
    brief = melding.brieven.get(soort=f"besluit_{besluit.soort}")
    assert brief.bij_melder_op is not None
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.MEDEDELING_GEEN_ONDERZOEK)
    assert termijn.gesloten_door_gebeurtenis.soort == G.BRIEF_VERZONDEN
    assert termijn.gesloten_door_gebeurtenis.artikel == "Art. 9.2"
    # The melder reads the decision and its reason in the mailbox, with the printed code.
    client.post(reverse("meldingen:box_openen"), {"code": code})
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "Besluit over uw melding" in html
    assert "klachtenregistratie van het afgelopen jaar nagelopen" in html


def test_art_7_3_demo_vertrouwenspersoon_stuurde_elke_brief_door(demo):
    """Letters on a report made through the vertrouwenspersoon wait for them (Art.
    7.3); the demo's vertrouwenspersoon forwarded each, so nothing waits."""
    melding = _meldingen(demo)["in onderzoek"]
    assert melding.kanaal == Kanaal.VERTROUWENSPERSOON
    brieven = list(melding.brieven.all())
    assert len(brieven) >= 3
    assert all(b.via_vertrouwenspersoon for b in brieven)
    assert not Brief.objects.filter(bij_melder_op__isnull=True).exists()
    assert melding.gebeurtenissen.filter(soort=G.BRIEF_VERZONDEN, artikel="Art. 7.3").count() == len(brieven)


def test_art_5_1_demo_melder_beschermd_vanaf_de_melding_met_personeelsnummer(demo):
    """The melder gave a confidential identity with an employee number on the form,
    which protects them from the date of the report (benadeling.melder): no
    protected-person row written by hand for an anonymous melder."""
    melding = _meldingen(demo)["in onderzoek"]
    melder = BeschermdPersoon.objects.get(melding=melding, rol=BeschermdeRol.MELDER)
    assert melder.toegevoegd_door is None
    assert melder.beschermd_vanaf == lokale_datum(melding.ontvangen_op)
    assert melder.personeelsnummer_index == blinde_index(DEMO_PERSONEELSNUMMER, doel="personeelsnummer")
    assert melding.benadelingsmeldingen.exists()
