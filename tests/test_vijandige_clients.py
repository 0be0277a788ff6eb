"""No client can stall the site (docs/hostile-input.md, "Receipt codes").

A real gunicorn with the project's configuration (config/gunicorn.conf.py: 3
workers x 2 threads) serves the test database on a loopback port. Thirty clients
send wrong receipt codes in parallel, as fast as they can, for a bounded time;
meanwhile the staff login page and the public report form must answer within
one second of their unloaded time (the median; on a machine oversubscribed by
other work the bound grows with the load, at most threefold). With a sleep in
the request (the old global slowdown) the six worker threads would all be
asleep and these pages would queue behind them.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection

from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

AANVALLERS = 30
MAX_AANVAL_SECONDEN = 30
METINGEN = 6
MAX_VERZOEKEN_PER_AANVALLER = 400
ROOT = Path(__file__).resolve().parent.parent


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    d = connection.settings_dict
    wachtwoord = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return f"postgres://{d['USER']}{wachtwoord}@{d.get('HOST') or '127.0.0.1'}:{d.get('PORT') or 5432}/{d['NAME']}"


def _verzoek(poort: int, methode: str, pad: str, body: str = "", headers: dict | None = None):
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.request(methode, pad, body=body or None, headers=headers or {})
        antwoord = verbinding.getresponse()
        return antwoord.status, antwoord.getheaders(), antwoord.read().decode(errors="replace")
    finally:
        verbinding.close()


@pytest.fixture
def gunicorn(transactional_db):
    poort = _vrije_poort()
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{poort}",
    }
    proces = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        einde = time.monotonic() + 60
        while True:
            try:
                if _verzoek(poort, "GET", "/gezondheid/")[0] in (200, 503):
                    break
            except OSError:
                pass
            assert proces.poll() is None, "gunicorn stopped"
            assert time.monotonic() < einde, "gunicorn did not start within 60 s"
            time.sleep(0.3)
        yield poort
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


def _aanvaller(poort: int, stop, statussen: list, index: int) -> None:
    _status, headers, html = _verzoek(poort, "GET", "/melden/box/")
    cookies = SimpleCookie()
    for naam, waarde in headers:
        if naam.lower() == "set-cookie":
            cookies.load(waarde)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    kop = {
        "Cookie": "; ".join(f"{k}={v.value}" for k, v in cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    for poging in range(MAX_VERZOEKEN_PER_AANVALLER):
        if stop.is_set():
            return
        code = f"ZZ{index:02d}{poging:04d}" + "A" * 24
        body = f"csrfmiddlewaretoken={token}&code={code}"
        statussen.append(_verzoek(poort, "POST", "/melden/box/", body, kop)[0])


def _aanvallers(poort: int, stop, uitkomst) -> None:
    """In a process of its own: 30 threads guessing; the statuses go back at the end.
    (Apart from the measuring process, so the clients' threads do not compete with
    the measurement for one interpreter lock.)"""
    # Real attackers use their own machines' CPU, not the server's: on this shared
    # 2-core machine the clients yield to gunicorn and the measurement.
    os.nice(10)
    statussen: list[int] = []
    draden = [
        threading.Thread(target=_aanvaller, args=(poort, stop, statussen, i), daemon=True) for i in range(AANVALLERS)
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=MAX_AANVAL_SECONDEN + 30)
    uitkomst.put(statussen)


def _meten(poort: int, pad: str) -> float:
    begin = time.monotonic()
    status, _headers, _html = _verzoek(poort, "GET", pad)
    assert status == 200, pad
    return time.monotonic() - begin


@pytest.mark.django_db(transaction=True)
def test_dertig_clients_met_foute_codes_houden_login_en_meldformulier_niet_op(gunicorn):
    organisatie = OrganisatieFactory(slug="drukte")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    poort = gunicorn
    context = multiprocessing.get_context("fork")
    stop, uitkomst = context.Event(), context.Queue()
    proces = context.Process(target=_aanvallers, args=(poort, stop, uitkomst), daemon=True)
    paden = ["/personeel/inloggen/", f"/melden/{organisatie.slug}/"]
    tijden: dict[str, list[float]] = {pad: [] for pad in paden}
    basis = {pad: statistics.median(_meten(poort, pad) for _ in range(5)) for pad in paden}
    # Other work on the machine before the flood (not the flood's own load).
    grens = min(3.0, max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1) / 2))
    proces.start()
    try:
        time.sleep(1.5)  # let the flood build up past the global threshold
        einde = time.monotonic() + MAX_AANVAL_SECONDEN
        while min(len(t) for t in tijden.values()) < METINGEN and time.monotonic() < einde:
            for pad in paden:
                tijden[pad].append(_meten(poort, pad))
            time.sleep(0.2)
    finally:
        stop.set()
        statussen = uitkomst.get(timeout=60)
        proces.join(timeout=30)
    print(
        f"bound {grens:.2f} s",
        {
            pad: f"unloaded {basis[pad]:.3f} s; flooded max {max(t):.3f} s, median {statistics.median(t):.3f} s"
            for pad, t in tijden.items()
        },
        f"{len(statussen)} guesses answered",
    )
    for pad, gemeten in tijden.items():
        assert len(gemeten) >= METINGEN, pad
        extra = [t - basis[pad] for t in gemeten]
        # Within 1 s of the page's own time. On an idle machine that is 1 s
        # outright (measured 0.54 s and 0.69 s at most); on a machine
        # oversubscribed by other work every request waits for a CPU, so the
        # bound grows with the load average per core, at most threefold. With a
        # sleep in the request (the old slowdown) these pages timed out after 10 s.
        assert statistics.median(extra) < grens, f"{pad}: median {statistics.median(gemeten):.2f} s under the flood"
        assert max(extra) < 3 * grens, f"{pad} took {max(gemeten):.2f} s while 30 clients guessed codes"
    # The guesses themselves were answered (wrong code 400, or wait 429), never with an error.
    assert len(statussen) > AANVALLERS
    assert set(statussen) <= {400, 429}
    assert 429 in statussen
