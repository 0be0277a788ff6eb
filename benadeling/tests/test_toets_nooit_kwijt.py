"""Art. 5.4: HR's check of an intended measure is matched against the protected
persons, and that match is never lost: not when the broker is down at the
submission (the catch-up run matches it), not when the task runs twice (one
task on the case), not when someone becomes protected after the check (matched
then). HR learns nothing of it (docs/threat-model.md §4)."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from benadeling import tasks
from benadeling.constants import BenadelingType, BeschermdeRol, VoornemenBron, VoornemenStatus
from benadeling.models import Personeelstoets, VoorgenomenMaatregel
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.toetsen import toets_matchen, toetsen_inhalen
from benadeling.tests.factories import PERSONEELSNUMMER, personeelszaken_voor, zaak
from benadeling.tests.test_personeelszaken import URL, _gelijkvormig, _toets
from kern.models import AuditRegel
from meldingen.tests.test_toegang import _geverifieerd

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_onbereikbaar():
    """Publishing fails as with Redis down (kombu's OperationalError at connect)."""
    with mock.patch.object(tasks.toets_matchen, "apply_async", side_effect=OperationalError("redis down")) as m:
        yield m


def test_art_5_4_broker_onbereikbaar_bij_indiening_niets_verloren_de_inhaaltaak_matcht(
    client, django_capture_on_commit_callbacks, broker_onbereikbaar
):
    z = zaak()
    _geverifieerd(client, personeelszaken_voor(z.melding.organisatie))
    mail.outbox.clear()
    moment = timezone.now()
    with time_machine.travel(moment, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            beschermd = _toets(client, z, personeelsnummer=PERSONEELSNUMMER)
        with django_capture_on_commit_callbacks(execute=True):
            onbeschermd = _toets(client, z, personeelsnummer="P-999999")
    assert broker_onbereikbaar.call_count == 2
    # HR's submission is stored and HR is told it was received, alike for both.
    assert beschermd.status_code == 200
    assert "U hoort van de vertrouwenspersoon als een motivering nodig is" in beschermd.content.decode()
    assert _gelijkvormig(beschermd) == _gelijkvormig(onbeschermd)
    assert Personeelstoets.objects.filter(gematcht_op__isnull=True).count() == 2
    assert not VoorgenomenMaatregel.objects.exists()

    # Within the grace period the catch-up leaves the queued task its chance.
    toetsen_inhalen()
    assert Personeelstoets.objects.filter(gematcht_op__isnull=True).count() == 2
    # After it, the beat task matches both: the protected melder's task is opened.
    with time_machine.travel(moment + timedelta(minutes=3)), django_capture_on_commit_callbacks(execute=True):
        assert tasks.toetsen_inhalen() is None  # no result in a log (Art. 7)
    assert not Personeelstoets.objects.filter(gematcht_op__isnull=True).exists()
    voornemen = VoorgenomenMaatregel.objects.get()
    assert (voornemen.melding, voornemen.bron) == (z.melding, VoornemenBron.PERSONEELSZAKEN)
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST
    assert [m.to for m in mail.outbox] == [[z.ontvanger.email]]
    # A second run finds nothing left to match.
    with time_machine.travel(moment + timedelta(minutes=4)):
        toetsen_inhalen()
    assert VoorgenomenMaatregel.objects.count() == 1
    assert len(mail.outbox) == 1


def test_art_5_4_inhaaltaak_gaat_door_na_een_toets_die_mislukt(
    client, django_capture_on_commit_callbacks, broker_onbereikbaar, caplog
):
    z = zaak()
    _geverifieerd(client, personeelszaken_voor(z.melding.organisatie))
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, z, personeelsnummer="P-999999")
        _toets(client, z, personeelsnummer=PERSONEELSNUMMER)
    eerste = Personeelstoets.objects.order_by("id").first()

    def haperend(*, toets):
        if toets.pk == eerste.pk:
            raise RuntimeError(f"storing bij {PERSONEELSNUMMER}")
        return toets_matchen(toets=toets)

    with (
        mock.patch("benadeling.services.toetsen.toets_matchen", side_effect=haperend),
        pytest.raises(Exception, match="1 van 2"),
        caplog.at_level(logging.WARNING, logger="benadeling.services.toetsen"),
    ):
        toetsen_inhalen(ouder_dan_seconden=0)
    # The log names the check and the error's type, never its message or traceback.
    (regel,) = [r for r in caplog.records if "niet gematcht" in r.getMessage()]
    assert regel.exc_info is None
    assert "RuntimeError" in regel.getMessage()
    assert PERSONEELSNUMMER not in caplog.text
    # The failing check stays unmatched for the next run; the other was matched.
    assert list(Personeelstoets.objects.filter(gematcht_op__isnull=True)) == [eerste]
    assert VoorgenomenMaatregel.objects.count() == 1
    toetsen_inhalen(ouder_dan_seconden=0)
    assert not Personeelstoets.objects.filter(gematcht_op__isnull=True).exists()


def test_art_5_4_een_toets_twee_keer_gematcht_geeft_een_voorgenomen_maatregel(
    client, django_capture_on_commit_callbacks, broker_onbereikbaar
):
    z = zaak()
    _geverifieerd(client, personeelszaken_voor(z.melding.organisatie))
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, z, personeelsnummer=PERSONEELSNUMMER)
    toets = Personeelstoets.objects.get()
    mail.outbox.clear()
    # The queued task delivered twice (acks_late) and the catch-up run beside it.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.toets_matchen(toets.pk)
        tasks.toets_matchen(toets.pk)
        toetsen_inhalen(ouder_dan_seconden=0)
        assert toets_matchen(toets=toets) == 0
    assert VoorgenomenMaatregel.objects.count() == 1
    assert AuditRegel.objects.filter(toelichting="motivering vereist (Art. 5.4)").count() == 1
    assert len(mail.outbox) == 1
    gematcht_op = Personeelstoets.objects.get().gematcht_op
    assert gematcht_op is not None
    # The record of the match is the first run's.
    tasks.toets_matchen(toets.pk)
    assert Personeelstoets.objects.get().gematcht_op == gematcht_op


def test_art_5_4_buiten_de_periode_twee_keer_gematcht_een_auditregel(
    client, django_capture_on_commit_callbacks, broker_onbereikbaar
):
    z = zaak()
    _geverifieerd(client, personeelszaken_voor(z.melding.organisatie))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            URL,
            {
                "organisatie": z.melding.organisatie.pk,
                "soort": BenadelingType.VERPLAATST,
                "beoogd_op": (z.gemeld_op + timedelta(days=40 * 31)).isoformat(),
                "personeelsnummer": PERSONEELSNUMMER,
            },
        )
    toets = Personeelstoets.objects.get()
    tasks.toets_matchen(toets.pk)
    tasks.toets_matchen(toets.pk)
    assert not VoorgenomenMaatregel.objects.exists()
    assert AuditRegel.objects.filter(toelichting__contains="buiten de periode").count() == 1


def test_art_5_4_wie_na_de_toets_beschermd_wordt_wordt_alsnog_gematcht(client, django_capture_on_commit_callbacks):
    # The melder's row holds no staff number here; a colleague becomes protected
    # (Art. 1 e) only after HR checked a measure against them.
    z = zaak(personeelsnummer="", email="")
    hr = personeelszaken_voor(z.melding.organisatie)
    _geverifieerd(client, hr)
    collega = "P-123456"
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, z, personeelsnummer=collega)
        # A check whose intended date passed is not open any more.
        client.post(
            URL,
            {
                "organisatie": z.melding.organisatie.pk,
                "soort": BenadelingType.VERPLAATST,
                "beoogd_op": (timezone.localdate() - timedelta(days=1)).isoformat(),
                "personeelsnummer": collega,
            },
        )
    assert Personeelstoets.objects.filter(gematcht_op__isnull=False).count() == 2
    assert not VoorgenomenMaatregel.objects.exists()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        persoon = beschermd_persoon_toevoegen(
            melding=z.melding,
            rol=BeschermdeRol.BETROKKEN_DERDE,
            naam="Collega de Vries",
            personeelsnummer=f" {collega.lower()} ",
            beschermd_vanaf=timezone.localdate(),
            door=z.ontvanger,
        )
    voornemen = VoorgenomenMaatregel.objects.get()
    assert voornemen.beschermd_persoon == persoon
    assert voornemen.toets.beoogd_op > timezone.localdate()
    assert (voornemen.bron, voornemen.status) == (VoornemenBron.PERSONEELSZAKEN, VoornemenStatus.MOTIVERING_VEREIST)
    assert [m.to for m in mail.outbox] == [[z.ontvanger.email]]
    # Matching the check again (the catch-up, a redelivered task) adds nothing.
    toets_matchen(toets=voornemen.toets)
    assert VoorgenomenMaatregel.objects.count() == 1


def test_art_5_4_hermatchen_blijft_binnen_de_organisatie(client, django_capture_on_commit_callbacks):
    z = zaak(personeelsnummer="", email="")
    ander = zaak(personeelsnummer="", email="")
    _geverifieerd(client, personeelszaken_voor(ander.melding.organisatie))
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, ander, personeelsnummer="P-123456")
    beschermd_persoon_toevoegen(
        melding=z.melding,
        rol=BeschermdeRol.BETROKKEN_DERDE,
        naam="Collega de Vries",
        personeelsnummer="P-123456",
        beschermd_vanaf=timezone.localdate(),
        door=z.ontvanger,
    )
    assert not VoorgenomenMaatregel.objects.exists()
