"""Load and faults against real server processes on loopback (issue 16).

- The embedded default (demo settings, SQLite) loses nothing with 16 melders at once.
- Redis stopped while reports come in: every report is stored and gets its receipt
  code; the officers' e-mails and the terms catch up afterwards.
- A worker killed in the middle of a task: the task is delivered again and its
  effect (one e-mail) happens once.
- PostgreSQL restarted under load: the app recovers by itself, and every report
  that was accepted is stored.

Every service that is stopped here is a private one started by the test on a
free port (never the shared PostgreSQL or Redis of the machine).
"""

import contextlib
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from benchmarks.hulp import belasting

pytestmark = [pytest.mark.traag]

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _wachten_op(voorwaarde, seconden: float = 60, stap: float = 0.25) -> bool:
    grens = time.monotonic() + seconden
    while time.monotonic() < grens:
        if voorwaarde():
            return True
        time.sleep(stap)
    return voorwaarde()


class PriveRedis:
    """A redis-server of this test on a free port, without persistence."""

    def __init__(self):
        self.poort = belasting.vrije_poort()
        self.proces = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def starten(self):
        self.proces = subprocess.Popen(
            ["redis-server", "--port", str(self.poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert _wachten_op(lambda: _open(self.poort), 20), "private redis did not start"

    def stoppen(self):
        if self.proces and self.proces.poll() is None:
            self.proces.kill()
            self.proces.wait()


def _open(poort: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", poort), timeout=1):
            return True
    except OSError:
        return False


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}"
    )


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "-l", "warning"],
        cwd=belasting.BASIS,
        env={**os.environ, "PYTHONPATH": str(belasting.BASIS), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stoppen(proces: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, sig)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


# --- SQLite: the embedded default ----------------------------------------------------------


def test_sqlite_demo_verliest_niets_met_16_melders_tegelijk(tmp_path):
    env = belasting.demo_omgeving(tmp_path, "sqlite-last")
    with belasting.Server(settings="benchmarks.hulp.instellingen_demo", env=env) as server:
        uitslag = belasting.indienen(
            poort=server.poort, slug="sqlite-last", gelijktijdig=16, aantal=160, max_seconden=180
        )
    assert uitslag.foutcodes == {}
    assert uitslag.geslaagd == 160
    assert belasting.sqlite_meldingen(tmp_path) == 160


# --- Redis stopped ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_redis_gestopt_niets_verloren_notificaties_en_termijnen_halen_in(settings, mailoutbox):
    from meldingen.constants import Soort
    from meldingen.models import Melding, Termijn
    from meldingen.services.notificaties import nieuwe_meldingen_inhalen

    redis = PriveRedis()
    redis.starten()
    belasting.organisatie_aanmaken("redis-storing")
    env = {"DATABASE_URL": _test_database_url(), "CELERY_BROKER_URL": redis.url, "CONN_MAX_AGE": "600"}
    try:
        with belasting.Server(settings="benchmarks.hulp.instellingen", env=env) as server:
            voor = belasting.indienen(poort=server.poort, slug="redis-storing", gelijktijdig=4, aantal=10)
            redis.stoppen()
            tijdens = belasting.indienen(poort=server.poort, slug="redis-storing", gelijktijdig=4, aantal=20)
            redis.starten()
            na = belasting.indienen(poort=server.poort, slug="redis-storing", gelijktijdig=4, aantal=10)
    finally:
        redis.stoppen()
    # Every melder got a receipt code, also while the broker was down.
    assert (voor.geslaagd, tijdens.geslaagd, na.geslaagd) == (10, 20, 10)
    assert voor.fouten + tijdens.fouten + na.fouten == 0
    meldingen = Melding.objects.filter(organisatie__slug="redis-storing")
    assert meldingen.count() == 40
    # The terms were started in the submission's own transaction.
    assert all(m.soort == Soort.MELDING for m in meldingen)
    assert Termijn.objects.filter(melding__in=meldingen).values("melding").distinct().count() == 40
    # The e-mails queued on a broker that lost them (no persistence) catch up:
    # the catch-up run (beat) sends each one once, and a second run nothing.
    settings.MELDPUNT_NOTIFICATIE_INHALEN_NA_SECONDEN = 0
    assert meldingen.filter(ontvangers_genotificeerd_op__isnull=True).count() == 40
    assert nieuwe_meldingen_inhalen() == 40
    assert nieuwe_meldingen_inhalen() == 0
    assert len(mailoutbox) == 40
    assert {tuple(m.to) for m in mailoutbox} == {("evp-redis-storing@organisatie.test",)}


# --- A worker killed mid-task ------------------------------------------------------------------


class _HaperendeSmtp(socketserver.ThreadingTCPServer):
    """A minimal SMTP server: the first message hangs after its data (the worker
    dies there), later ones are accepted and counted."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.afgeleverd: list[bytes] = []
        self.eerste_hangt = threading.Event()
        self.verbindingen = 0
        super().__init__(("127.0.0.1", 0), _SmtpAfhandeling)


class _SmtpAfhandeling(socketserver.StreamRequestHandler):
    def handle(self):
        server = self.server
        server.verbindingen += 1
        hangen = server.verbindingen == 1
        self.wfile.write(b"220 test ESMTP\r\n")
        inhoud: list[bytes] = []
        while regel := self.rfile.readline():
            opdracht = regel.strip().upper()
            if opdracht.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 test\r\n")
            elif opdracht.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                self.wfile.write(b"250 ok\r\n")
            elif opdracht == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    inhoud.append(data)
                if hangen:
                    server.eerste_hangt.set()
                    time.sleep(120)  # never acknowledged: the worker is killed meanwhile
                    return
                server.afgeleverd.append(b"".join(inhoud))
                self.wfile.write(b"250 queued\r\n")
            elif opdracht == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return


@pytest.mark.django_db(transaction=True)
def test_worker_gedood_midden_in_taak_opnieuw_zonder_dubbel_effect(tmp_path):
    from kern.models import UitgaandBericht, UitgaandBerichtStatus
    from meldingen.models import Melding

    redis = PriveRedis()
    redis.starten()
    smtp = _HaperendeSmtp()
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    belasting.organisatie_aanmaken("worker-storing")
    env = {
        "DJANGO_SETTINGS_MODULE": "benchmarks.hulp.instellingen",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": redis.url,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.server_address[1]),
    }
    eerste = tweede = None
    try:
        eerste = _worker(env)
        with belasting.Server(settings="benchmarks.hulp.instellingen", env=env) as server:
            uitslag = belasting.indienen(poort=server.poort, slug="worker-storing", gelijktijdig=1, aantal=1)
        assert uitslag.geslaagd == 1
        melding = Melding.objects.get(organisatie__slug="worker-storing")
        assert smtp.eerste_hangt.wait(90), "the worker never started sending"
        _stoppen(eerste, signal.SIGKILL)  # killed in the middle of the send
        # The claim committed with the e-mail's row in the outbox (kern/post.py); the
        # send's own row transaction died with the worker, so the message still waits.
        melding.refresh_from_db()
        assert melding.ontvangers_genotificeerd_op is not None
        assert UitgaandBericht.objects.get().status == UitgaandBerichtStatus.TE_VERZENDEN
        tweede = _worker(env)
        # acks_late: the unacknowledged sender task is delivered again and sends, once.
        assert _wachten_op(lambda: len(smtp.afgeleverd) >= 1, 120), "the task was not delivered again"
        time.sleep(8)  # more than the visibility timeout: a third delivery would show here
        assert len(smtp.afgeleverd) == 1
        assert UitgaandBericht.objects.get().status == UitgaandBerichtStatus.VERZONDEN
        assert b"geen inhoud" in smtp.afgeleverd[0]
    finally:
        for proces in (eerste, tweede):
            if proces is not None:
                _stoppen(proces)
        smtp.shutdown()
        redis.stoppen()


# --- PostgreSQL restarted under load --------------------------------------------------------------


class PrivePostgres:
    """A PostgreSQL cluster of this test (initdb + pg_ctl as the postgres user) on
    a free port in a temporary folder."""

    def __init__(self):
        self.map = Path(tempfile.mkdtemp(prefix="meldpunt-pg-"))
        self.poort = belasting.vrije_poort()
        shutil.chown(self.map, "postgres", "postgres")
        os.chmod(self.map, 0o700)
        self.data = self.map / "data"

    def _als_postgres(self, *opdracht: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *opdracht], check=True, capture_output=True, timeout=120, **kwargs
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.poort}/meldpunt"

    def aanmaken(self):
        self._als_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.starten()
        self._als_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.poort), "meldpunt")

    def _ctl(self, *args: str):
        opties = f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._als_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", opties, "-l", str(self.map / "log"), "-w", *args
        )

    def starten(self):
        self._ctl("start")

    def herstarten(self):
        self._ctl("restart", "-m", "fast")

    def opruimen(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.map, ignore_errors=True)


def test_postgresql_herstart_onder_last_app_herstelt_zelf():
    import psycopg

    pg = PrivePostgres()
    try:
        pg.aanmaken()
        env = {"DATABASE_URL": pg.url, "CONN_MAX_AGE": "600", "CELERY_TASK_ALWAYS_EAGER": "true"}
        beheer = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.hulp.instellingen", **env}
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=belasting.BASIS,
            env=beheer,
            check=True,
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", belasting.ORGANISATIE_AANMAKEN.format(slug="pg-storing")],
            cwd=belasting.BASIS,
            env=beheer,
            check=True,
        )
        with belasting.Server(settings="benchmarks.hulp.instellingen", env=env) as server:
            # Warm: every worker thread holds a persistent connection.
            eerst = belasting.indienen(poort=server.poort, slug="pg-storing", gelijktijdig=8, aantal=40)
            uitslagen = {}
            last = threading.Thread(
                target=lambda: uitslagen.setdefault(
                    "tijdens",
                    belasting.indienen(
                        poort=server.poort, slug="pg-storing", gelijktijdig=8, aantal=300, max_seconden=30
                    ),
                )
            )
            last.start()
            time.sleep(2)
            pg.herstarten()
            last.join()
            # No manual action: the broken connections fail their health check and
            # are replaced; from here on every submission succeeds.
            daarna = belasting.indienen(poort=server.poort, slug="pg-storing", gelijktijdig=8, aantal=80)
        tijdens = uitslagen["tijdens"]
        assert eerst.fouten == 0
        assert daarna.foutcodes == {}
        assert daarna.geslaagd == 80
        with psycopg.connect(pg.url.replace("postgres://", "postgresql://")) as db:
            opgeslagen = db.execute("SELECT count(*) FROM meldingen_melding").fetchone()[0]
        # Nothing accepted was lost; what failed during the restart was told so.
        assert opgeslagen == eerst.geslaagd + tijdens.geslaagd + daarna.geslaagd
    finally:
        pg.opruimen()
