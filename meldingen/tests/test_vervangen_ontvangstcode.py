"""A renewed receipt code puts a working code in the receiving officer's hands
(Art. 7.2: the officer holds what identifies the melder, and now their mailbox
too). The melder hears of it even without an e-mail address: the old code, which
no longer opens anything, says when it was replaced and whom to contact."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kern.models import AuditRegel
from meldingen.models import Melding, MislukteCodepoging, VervangenOntvangstcode
from meldingen.services.ontvangstcode import (
    GEHEIM_LENGTE,
    Uitkomst,
    meldingsbox_aanmaken,
    meldingsbox_openen,
    ontvangstcode_vernieuwen,
)
from meldingen.tests.factories import MeldingFactory, ontvanger_van
from meldingen.tests.melderpaginas import indienen_en_code, organisatie_met_vertrouwenspersoon

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _vernieuwen_op(box, dag: datetime):
    with time_machine.travel(dag, tick=False):
        return ontvangstcode_vernieuwen(meldingsbox=box, door=ontvanger_van(box.melding))


def test_art_7_2_vervangen_ontvangstcode_zegt_wanneer_en_opent_niets():
    oud = meldingsbox_aanmaken(melding=MeldingFactory())
    box = oud.meldingsbox
    nieuw = _vernieuwen_op(box, datetime(2026, 11, 3, 10, 0, tzinfo=AMSTERDAM))

    poging = meldingsbox_openen(code=oud.code)
    assert poging.uitkomst == Uitkomst.VERVANGEN
    assert poging.vervangen_op.isoformat() == "2026-11-03"
    assert poging.meldingsbox is None
    # Not a guess: nothing counts towards slowing this lookup id down.
    assert not MislukteCodepoging.objects.exists()
    # The audit trail of the case shows the replaced code was used, with no content.
    regel = AuditRegel.objects.get(object_uuid=str(box.uuid), actie="inloggen_geweigerd")
    assert (regel.actor_soort, regel.categorie) == ("melder", "geval")
    assert regel.toelichting == "vervangen code van 2026-11-03"
    # Only the HMAC of the old secret is kept, as for the current one.
    box.refresh_from_db()
    assert VervangenOntvangstcode.objects.get(meldingsbox=box).geheim_hmac != box.geheim_hmac
    assert oud.code.replace("-", "")[8:] not in VervangenOntvangstcode.objects.get().geheim_hmac
    assert meldingsbox_openen(code=nieuw.code).uitkomst == Uitkomst.GEOPEND


def test_art_7_2_elke_vervangen_code_noemt_de_dag_dat_juist_die_werd_vervangen():
    eerste = meldingsbox_aanmaken(melding=MeldingFactory())
    box = eerste.meldingsbox
    tweede = _vernieuwen_op(box, datetime(2026, 10, 1, 9, 0, tzinfo=AMSTERDAM))
    derde = _vernieuwen_op(box, datetime(2026, 11, 20, 23, 30, tzinfo=AMSTERDAM))
    assert meldingsbox_openen(code=eerste.code).vervangen_op.isoformat() == "2026-10-01"
    # 23:30 in Amsterdam is still the 20th there (kern.kalender).
    assert meldingsbox_openen(code=tweede.code).vervangen_op.isoformat() == "2026-11-20"
    assert meldingsbox_openen(code=derde.code).uitkomst == Uitkomst.GEOPEND


def test_een_foute_code_op_een_kenmerk_met_vervangen_codes_blijft_gewoon_fout():
    oud = meldingsbox_aanmaken(melding=MeldingFactory())
    _vernieuwen_op(oud.meldingsbox, datetime(2026, 11, 3, 10, 0, tzinfo=AMSTERDAM))
    fout = meldingsbox_openen(code=oud.meldingsbox.kenmerk + "A" * GEHEIM_LENGTE)
    onbekend = meldingsbox_openen(code="ZZZZZZZZ" + "A" * GEHEIM_LENGTE)
    assert fout == onbekend
    assert fout.uitkomst == Uitkomst.ONJUIST
    assert MislukteCodepoging.objects.count() == 2


def test_art_7_2_melder_zonder_adres_leest_op_de_meldingsbox_dat_de_code_is_vervangen(client):
    organisatie = organisatie_met_vertrouwenspersoon()
    code = indienen_en_code(client, organisatie)
    box = Melding.objects.get(organisatie=organisatie).meldingsbox
    assert not box.notificatie_email
    _vernieuwen_op(box, datetime(2026, 11, 3, 10, 0, tzinfo=AMSTERDAM))

    antwoord = client.post(reverse("meldingen:box_openen"), {"code": code})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Deze code is op 3 november 2026 vervangen door een nieuwe en werkt niet meer." in html
    assert "Huis voor Klokkenluiders" in html
    assert box.melding.omschrijving not in html
    assert client.get(reverse("meldingen:box")).status_code == 302  # the box stays closed
