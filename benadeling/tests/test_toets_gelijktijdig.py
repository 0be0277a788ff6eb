"""Art. 5.4: a colleague's protection and the first match of HR's check against
them, committing at the same moment, still meet (docs/adr/0004-motiveringsplicht.md).

Two real transactions on PostgreSQL, each in a thread with its own connection. The
race the per-organisation lock closes: the protection reads the open checks before
the check is committed, and the check's first match (the Celery task or the beat
catch-up) reads the protected persons before the protection is committed. Without
the lock each reads before the other commits and the check is matched against
neither; with it the second waits for the first and reads what it committed. The
other order (the match first) must neither miss the check nor deadlock."""

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from benadeling import tasks
from benadeling.constants import BenadelingType, BeschermdeRol, VoornemenStatus
from benadeling.models import Personeelstoets, VoorgenomenMaatregel
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.toetsen import maatregel_toetsen
from benadeling.tests.factories import personeelszaken_voor, zaak

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two real transactions need PostgreSQL"),
]

COLLEGA = "P-123456"
WACHTEN = 20  # seconds; only reached when something hangs


class Transactie(threading.Thread):
    """`werk` in a thread of its own, so with a database connection of its own."""

    def __init__(self, werk):
        super().__init__(daemon=True)
        self.werk, self.pid, self.fout = werk, None, None
        self.verbonden = threading.Event()

    def run(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.verbonden.set()
            self.werk()
        except Exception as exc:  # asserted by the test
            self.fout = exc
        finally:
            self.verbonden.set()
            connections.close_all()

    def wacht_op_slot_of_klaar(self) -> None:
        """Until this transaction waits for a lock the other holds, or is done."""
        assert self.verbonden.wait(WACHTEN)
        einde = time.monotonic() + WACHTEN
        while self.is_alive() and time.monotonic() < einde:
            with connection.cursor() as cursor:
                cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [self.pid])
                rij = cursor.fetchone()
            if rij and rij[0] == "Lock":
                return
            time.sleep(0.01)
        assert not self.is_alive(), "neither waiting for a lock nor done"

    def einde(self) -> None:
        self.join(WACHTEN)
        assert not self.is_alive(), "still running: a deadlock?"
        if self.fout is not None:
            raise self.fout


def _toets_indienen(z, hr) -> Personeelstoets:
    # The queued task is lost (a broker without persistence): the first match is
    # the one this test runs, in a transaction of its own.
    with mock.patch.object(tasks.toets_matchen, "apply_async"):
        maatregel_toetsen(
            organisatie=z.melding.organisatie,
            soort=BenadelingType.VERPLAATST,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            door=hr,
            personeelsnummer=COLLEGA,
        )
    return Personeelstoets.objects.get(gematcht_op__isnull=True)


def _beschermen(z):
    # A colleague becomes protected (Art. 1 e), the officer adding them.
    return beschermd_persoon_toevoegen(
        melding=z.melding,
        rol=BeschermdeRol.BETROKKEN_DERDE,
        naam="Collega de Vries",
        personeelsnummer=COLLEGA,
        beschermd_vanaf=timezone.localdate(),
        door=z.ontvanger,
    )


def _eerste_match(pad: str, toets: Personeelstoets) -> None:
    if pad == "taak":
        tasks.toets_matchen(toets.pk)
    else:  # the beat entry personeelstoetsen-inhalen
        tasks.toetsen_inhalen()


def _gematcht(toets: Personeelstoets) -> None:
    toets.refresh_from_db()
    assert toets.gematcht_op is not None
    voornemen = VoorgenomenMaatregel.objects.get(toets=toets)
    assert voornemen.beschermd_persoon.naam == "Collega de Vries"
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST


@pytest.fixture
def situatie(settings):
    # The catch-up takes a check at once instead of after two minutes.
    settings.MELDPUNT_PERSONEELSTOETS_INHALEN_NA_SECONDEN = 0
    # The melder's own row holds no staff number: only the colleague can match.
    z = zaak(personeelsnummer="", email="")
    return z, personeelszaken_voor(z.melding.organisatie)


@pytest.mark.parametrize("pad", ["taak", "inhaaltaak"])
def test_art_5_4_bescherming_eerst_dan_de_eerste_match_van_een_toets_die_daartussen_kwam(situatie, pad):
    z, hr = situatie
    gelezen, committen = threading.Event(), threading.Event()

    def beschermen():
        with transaction.atomic():
            _beschermen(z)  # reads the open checks: none yet
            gelezen.set()
            assert committen.wait(WACHTEN)

    bescherming = Transactie(beschermen)
    bescherming.start()
    assert gelezen.wait(WACHTEN)
    toets = _toets_indienen(z, hr)  # committed after the protection read the checks
    match = Transactie(lambda: _eerste_match(pad, toets))
    match.start()
    # With the lock the match waits for the protection; without it, it is done,
    # having read the protected persons before the protection committed.
    match.wacht_op_slot_of_klaar()
    committen.set()
    bescherming.einde()
    match.einde()
    _gematcht(toets)


@pytest.mark.parametrize("pad", ["taak", "inhaaltaak"])
def test_art_5_4_eerste_match_eerst_dan_de_bescherming(situatie, pad):
    z, hr = situatie
    toets = _toets_indienen(z, hr)
    gematcht, committen = threading.Event(), threading.Event()

    def matchen():
        with transaction.atomic():
            _eerste_match(pad, toets)  # reads the protected persons: not the colleague yet
            gematcht.set()
            assert committen.wait(WACHTEN)

    match = Transactie(matchen)
    match.start()
    assert gematcht.wait(WACHTEN)
    bescherming = Transactie(lambda: _beschermen(z))
    bescherming.start()
    bescherming.wacht_op_slot_of_klaar()
    committen.set()
    match.einde()
    bescherming.einde()
    _gematcht(toets)
