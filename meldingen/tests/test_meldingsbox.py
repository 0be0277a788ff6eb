"""The mailbox: receipt codes, rate limiting, letters, messages, requests (docs/melderzijde.md)."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.models import AuditRegel
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import VastleggingStatus
from meldingen import selectors, uitbreidingen
from meldingen.constants import Kanaal, Soort, Status, VerzoekSoort, VerzoekStatus
from meldingen.models import Meldingsbox, MislukteCodepoging
from meldingen.services import meldingsbox as box_services
from meldingen.services import ontvangstcode
from meldingen.services.meldingsbox import (
    brief_bezorgen,
    vastlegging_op_papier_goedgekeurd,
    vastlegging_voorleggen,
    verzoek_beantwoorden,
    verzoek_openen,
)
from meldingen.services.ontvangstcode import (
    GEHEIM_LENGTE,
    VRIJE_POGINGEN,
    Uitkomst,
    code_normaliseren,
    meldingsbox_aanmaken,
    meldingsbox_openen,
)
from meldingen.tests.factories import MeldingFactory, ontvanger_van

pytestmark = pytest.mark.django_db


@pytest.fixture
def nieuwe_box():
    return meldingsbox_aanmaken(melding=MeldingFactory())


def test_ontvangstcode_heeft_minstens_100_bits_en_alleen_hmac_opgeslagen(nieuwe_box):
    box = Meldingsbox.objects.get(pk=nieuwe_box.meldingsbox.pk)
    schoon = code_normaliseren(nieuwe_box.code)
    geheim = schoon[len(box.kenmerk) :]
    assert len(geheim) == GEHEIM_LENGTE
    assert GEHEIM_LENGTE * 5 >= 100
    assert geheim not in box.geheim_hmac
    assert len(box.geheim_hmac) == 64


def test_juiste_code_opent_ook_met_kleine_letters_en_spaties(nieuwe_box):
    code = nieuwe_box.code.lower().replace("-", " ")
    poging = meldingsbox_openen(code=code)
    assert poging.uitkomst == Uitkomst.GEOPEND
    assert poging.meldingsbox == nieuwe_box.meldingsbox


def test_onjuiste_en_onbekende_code_zelfde_antwoord(nieuwe_box):
    kenmerk = nieuwe_box.meldingsbox.kenmerk
    onjuist = meldingsbox_openen(code=kenmerk + "A" * GEHEIM_LENGTE)
    onbekend = meldingsbox_openen(code="ZZZZZZZZ" + "A" * GEHEIM_LENGTE)
    assert onjuist == onbekend
    assert onjuist.uitkomst == Uitkomst.ONJUIST


def test_onjuiste_codes_worden_vertraagd_per_kenmerk_nooit_blokkade(nieuwe_box):
    box = nieuwe_box.meldingsbox
    fout = box.kenmerk + "A" * GEHEIM_LENGTE
    with time_machine.travel(timezone.now(), tick=False) as reis:
        for _ in range(VRIJE_POGINGEN):
            assert meldingsbox_openen(code=fout).uitkomst == Uitkomst.ONJUIST
        # From now on this lookup id must wait, even with the right code.
        wachten = meldingsbox_openen(code=nieuwe_box.code)
        assert wachten.uitkomst == Uitkomst.WACHTEN
        assert wachten.wachttijd > 0
        # Other mailboxes are not affected by guesses on this one.
        andere = meldingsbox_aanmaken(melding=MeldingFactory())
        assert meldingsbox_openen(code=andere.code).uitkomst == Uitkomst.GEOPEND
        # Slowed down, never locked out: after the wait the right code opens.
        reis.shift(timedelta(seconds=ontvangstcode.MAX_WACHTTIJD + 1))
        assert meldingsbox_openen(code=nieuwe_box.code).uitkomst == Uitkomst.GEOPEND


def test_onbekende_kenmerken_worden_even_hard_vertraagd():
    fout = "ZZZZZZZZ" + "A" * GEHEIM_LENGTE
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(VRIJE_POGINGEN):
            meldingsbox_openen(code=fout)
        assert meldingsbox_openen(code=fout).uitkomst == Uitkomst.WACHTEN


def _veel_foute_pogingen(extra: int = 20) -> None:
    MislukteCodepoging.objects.bulk_create(
        [MislukteCodepoging(kenmerk=f"K{i:07d}") for i in range(ontvangstcode.GLOBALE_DREMPEL + extra)]
    )


def test_foute_codes_houden_geen_worker_bezet(monkeypatch, nieuwe_box):
    # docs/hostile-input.md: a wait is answered at once, never slept in the request.
    def slapen_verboden(_seconden):
        raise AssertionError("time.sleep in a request holds a web worker")

    monkeypatch.setattr("time.sleep", slapen_verboden)
    _veel_foute_pogingen()
    with time_machine.travel(timezone.now(), tick=False) as reis:
        begin = time.perf_counter()
        poging = meldingsbox_openen(code=nieuwe_box.code)
        assert time.perf_counter() - begin < 0.5
        assert poging.uitkomst == Uitkomst.WACHTEN
        assert 0 < poging.wachttijd <= ontvangstcode.GLOBALE_MAX_WACHTTIJD
        assert poging.wachtbewijs
        # Too early with the pass: still waiting, the pass is not a way around it.
        assert meldingsbox_openen(code=nieuwe_box.code, wachtbewijs=poging.wachtbewijs).uitkomst == Uitkomst.WACHTEN
        # After the wait the pass lets this very code through, however many
        # others are guessing: slowed down, never crowded out (docs/melderzijde.md).
        reis.shift(timedelta(seconds=poging.wachttijd))
        _veel_foute_pogingen(200)
        opnieuw = meldingsbox_openen(code=nieuwe_box.code, wachtbewijs=poging.wachtbewijs)
        assert opnieuw.uitkomst == Uitkomst.GEOPEND


def test_wachtbewijs_geldt_alleen_voor_de_eigen_code(nieuwe_box):
    _veel_foute_pogingen()
    with time_machine.travel(timezone.now(), tick=False) as reis:
        fout = meldingsbox_openen(code="ZZZZZZZZ" + "A" * GEHEIM_LENGTE)
        reis.shift(timedelta(seconds=fout.wachttijd))
        # A pass earned with one guess does not admit another code.
        poging = meldingsbox_openen(code=nieuwe_box.code, wachtbewijs=fout.wachtbewijs)
        assert poging.uitkomst == Uitkomst.WACHTEN
        assert meldingsbox_openen(code=nieuwe_box.code, wachtbewijs="vervalst").uitkomst == Uitkomst.WACHTEN


def test_globaal_wachten_zelfde_antwoord_voor_foute_en_onbekende_code(nieuwe_box):
    _veel_foute_pogingen()
    with time_machine.travel(timezone.now(), tick=False):
        juist = meldingsbox_openen(code=nieuwe_box.code)
        onjuist = meldingsbox_openen(code=nieuwe_box.meldingsbox.kenmerk + "A" * GEHEIM_LENGTE)
        onbekend = meldingsbox_openen(code="ZZZZZZZZ" + "A" * GEHEIM_LENGTE)
    # No oracle: an existing lookup id, a wrong secret and the right code all wait alike.
    assert {(p.uitkomst, p.wachttijd) for p in (juist, onjuist, onbekend)} == {(Uitkomst.WACHTEN, juist.wachttijd)}


def test_openen_wordt_geaudit_als_melder(nieuwe_box):
    meldingsbox_openen(code=nieuwe_box.code)
    regel = AuditRegel.objects.get(object_uuid=str(nieuwe_box.meldingsbox.uuid), actie="ingelogd")
    assert regel.actor_soort == "melder"
    assert regel.actor is None


def test_volgende_termijn_haak_geeft_voorlopig_none(nieuwe_box):
    melding = nieuwe_box.meldingsbox.melding
    assert selectors.volgende_termijn_voor_melder(melding=melding) is None
    overzicht = selectors.meldingsbox_overzicht(meldingsbox=nieuwe_box.meldingsbox)
    assert overzicht.volgende_termijn is None
    assert "7 dagen" in overzicht.volgende_stap


@pytest.mark.parametrize("status", list(Status))
def test_elke_status_heeft_uitleg_in_gewone_taal(status):
    melding = MeldingFactory(status=status)
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    overzicht = selectors.meldingsbox_overzicht(meldingsbox=box)
    assert overzicht.status
    assert overzicht.volgende_stap


def test_adviesvraag_uitleg():
    box = meldingsbox_aanmaken(melding=MeldingFactory(soort=Soort.ADVIESVRAAG)).meldingsbox
    assert "toestemming" in selectors.meldingsbox_overzicht(meldingsbox=box).volgende_stap


def test_brief_bezorgen_met_pdf_en_inhoudsloze_notificatie(django_capture_on_commit_callbacks):
    # Reported to the external officer: the letter reaches the melder directly (no Art. 7.3 detour).
    melding = MeldingFactory(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    box = meldingsbox_aanmaken(melding=melding, notificatie_email="melder@example.org").meldingsbox
    with django_capture_on_commit_callbacks(execute=True):
        brief = brief_bezorgen(
            melding=box.melding,
            onderwerp="Ontvangstbevestiging",
            tekst="Wij hebben uw melding over de steigers ontvangen.",
            pdf=b"%PDF-1.4 brief",
            soort="ontvangstbevestiging",
            door=GebruikerFactory(),
        )
    assert box_services.brief_pdf_lezen(brief=brief, door=None) == b"%PDF-1.4 brief"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["melder@example.org"]
    assert "steigers" not in mail.outbox[0].body
    assert box.melding.registernummer not in mail.outbox[0].body + mail.outbox[0].subject


def test_art_8_1_vastlegging_pas_definitief_na_goedkeuring_melder():
    box = meldingsbox_aanmaken(melding=MeldingFactory()).meldingsbox
    vastlegging = vastlegging_voorleggen(
        melding=box.melding, titel="Gesprek 3 maart", tekst="U vertelde...", door=ontvanger_van(box.melding)
    )
    assert not vastlegging.is_definitief
    verzoek = box.melding.verzoeken.get(soort=VerzoekSoort.VASTLEGGING_GOEDKEUREN)
    verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=True)
    vastlegging.refresh_from_db()
    assert vastlegging.is_definitief
    assert vastlegging.goedgekeurd_op is not None


def test_art_8_1_melder_vraagt_correctie_van_vastlegging():
    box = meldingsbox_aanmaken(melding=MeldingFactory()).meldingsbox
    vastlegging = vastlegging_voorleggen(
        melding=box.melding, titel="Gesprek", tekst="Tekst", door=ontvanger_van(box.melding)
    )
    verzoek = box.melding.verzoeken.get()
    with pytest.raises(ValidationError):
        verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=False, antwoord="")
    verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=False, antwoord="Het was dinsdag, niet maandag.")
    vastlegging.refresh_from_db()
    assert vastlegging.status == VastleggingStatus.CORRECTIE_GEVRAAGD
    assert vastlegging.correctie == "Het was dinsdag, niet maandag."
    assert not vastlegging.is_definitief


PROEF = "proef_reactie"  # a kind as a higher app registers it


def test_verzoek_roept_geregistreerde_afhandeling_aan_en_maar_een_keer():
    aangeroepen = []

    def afhandeling(*, verzoek):
        aangeroepen.append((verzoek.soort, verzoek.antwoord))

    uitbreidingen.verzoeksoort_registreren(PROEF, "Proef")
    uitbreidingen.afhandeling_registreren(PROEF, afhandeling)
    try:
        # Not via the vertrouwenspersoon: the request reaches the mailbox at once (Art. 7.3).
        box = meldingsbox_aanmaken(melding=MeldingFactory(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)).meldingsbox
        verzoek = verzoek_openen(melding=box.melding, soort=PROEF, vraag="Wat vindt u?", door=GebruikerFactory())
        verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=None, antwoord="Ik ben het oneens.")
        assert aangeroepen == [(PROEF, "Ik ben het oneens.")]
        verzoek.refresh_from_db()
        assert verzoek.status == VerzoekStatus.BEANTWOORD
        with pytest.raises(ValidationError):
            verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=True)
    finally:
        uitbreidingen.afhandeling_verwijderen(PROEF, afhandeling)
        uitbreidingen.verzoeksoort_verwijderen(PROEF)


def test_verzoek_van_andere_box_kan_niet_worden_beantwoord():
    box = meldingsbox_aanmaken(melding=MeldingFactory()).meldingsbox
    andere = meldingsbox_aanmaken(melding=MeldingFactory()).meldingsbox
    verzoek = verzoek_openen(melding=andere.melding, soort=VerzoekSoort.TOESTEMMING, vraag="Mag het?", door=None)
    with pytest.raises(verzoek.DoesNotExist):
        verzoek_beantwoorden(meldingsbox=box, verzoek=verzoek, akkoord=True)


def test_art_8_1_vastlegging_definitief_met_getekend_papieren_exemplaar():

    box = meldingsbox_aanmaken(melding=MeldingFactory()).meldingsbox
    functionaris = ontvanger_van(box.melding)
    vastlegging = vastlegging_voorleggen(melding=box.melding, titel="Gesprek", tekst="Tekst", door=functionaris)
    with pytest.raises(ValidationError):
        vastlegging_op_papier_goedgekeurd(vastlegging=vastlegging, getekend_pdf=b"geen pdf", door=functionaris)
    vastlegging.refresh_from_db()
    assert not vastlegging.is_definitief
    vastlegging = vastlegging_op_papier_goedgekeurd(
        vastlegging=vastlegging, getekend_pdf=b"%PDF-1.4 getekend", door=functionaris
    )
    assert vastlegging.is_definitief
    assert vastlegging.getekend_exemplaar.metadata == "behouden"
    # The mailbox no longer asks the melder to approve it.
    assert not box.melding.verzoeken.filter(status=VerzoekStatus.OPEN).exists()
