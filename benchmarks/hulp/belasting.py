"""Load on loopback against a real gunicorn: shared by `make bench`
(benchmarks/intake_http.py) and the load and fault tests. Bounded in count and
time; nothing leaves 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

BASIS = Path(__file__).resolve().parent.parent.parent

MELDING = {
    "omschrijving": "Op de bouwplaats worden steigers zonder keuring gebruikt.",
    "wanneer": "sinds maart",
    "hl_betrokken": "nee",
    "categorie": "onbekend",
    "kanaal": "externe_vertrouwenspersoon",
    "identiteitskeuze": "anoniem",
    "toestemming": "ja",
}


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the project's configuration (config/gunicorn.conf.py) on a
    free loopback port, in its own process group."""

    def __init__(self, *, settings: str, env: dict[str, str] | None = None, workers: int = 3, threads: int = 2):
        self.poort = vrije_poort()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "GUNICORN_BIND": f"127.0.0.1:{self.poort}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
            "PYTHONPATH": str(BASIS),
            **(env or {}),
        }
        # None removes a variable (the demo runs without DATABASE_URL).
        self.env = {k: v for k, v in self.env.items() if v is not None}
        self.proces: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        # The logs go to a file: a pipe nobody reads fills up and blocks the server.
        self.log = tempfile.TemporaryFile()
        self.proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=BASIS,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        grens = time.monotonic() + 60
        while time.monotonic() < grens:
            if self.proces.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("gunicorn stopte: " + self.log.read().decode(errors="replace")[-2000:])
            try:
                verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=5)
                verbinding.request("GET", "/")
                verbinding.getresponse().read()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn startte niet binnen 60 s")

    def __exit__(self, *_exc) -> None:
        if self.proces and self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait()
        self.log.close()


@dataclass
class Uitslag:
    geslaagd: int = 0
    fouten: int = 0
    seconden: float = 0.0
    latenties: list[float] = field(default_factory=list)
    foutcodes: dict[str, int] = field(default_factory=dict)
    # CPU seconds spent during the phase, per side (see `Cpu`); empty where not measured.
    cpu: dict[str, float] = field(default_factory=dict)

    def cpu_ms_per_verzoek(self) -> dict[str, float]:
        """CPU milliseconds per request, per side and in total: where a request's cost goes."""
        aantal = self.geslaagd + self.fouten
        if not aantal or not self.cpu:
            return {}
        per = {kant: round(seconden / aantal * 1000, 2) for kant, seconden in self.cpu.items()}
        return {**per, "total": round(sum(per.values()), 2)}

    def percentiel(self, p: float) -> float:
        if not self.latenties:
            return 0.0
        rij = sorted(self.latenties)
        return rij[min(len(rij) - 1, round(p / 100 * (len(rij) - 1)))]

    def samenvatting(self) -> dict:
        totaal = self.geslaagd + self.fouten
        return {
            "requests": totaal,
            "per_second": round(self.geslaagd / self.seconden, 1) if self.seconden else 0.0,
            "p50_ms": round(self.percentiel(50) * 1000, 1),
            "p95_ms": round(self.percentiel(95) * 1000, 1),
            "p99_ms": round(self.percentiel(99) * 1000, 1),
            "errors": self.fouten,
        }


class _Klant:
    """One melder's browser: one keep-alive connection, the CSRF cookie of a first
    GET of the form, then POSTs."""

    def __init__(self, poort: int):
        self.poort = poort
        self.verbinding: http.client.HTTPConnection | None = None
        self.cookie = ""

    def verzoek(self, methode: str, pad: str, body: bytes | None = None, headers: dict | None = None):
        for poging in range(2):
            if self.verbinding is None:
                self.verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)
            try:
                self.verbinding.request(methode, pad, body=body, headers={"Cookie": self.cookie, **(headers or {})})
                antwoord = self.verbinding.getresponse()
                inhoud = antwoord.read()
                if antwoord.getheader("Connection", "").lower() == "close":
                    self.verbinding.close()
                    self.verbinding = None
                return antwoord, inhoud
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed while idle: reconnect once.
                self.verbinding.close()
                self.verbinding = None
                if poging:
                    raise
        raise AssertionError("unreachable")

    def csrf_ophalen(self, pad: str) -> str:
        antwoord, _inhoud = self.verzoek("GET", pad)
        cookie = antwoord.getheader("Set-Cookie") or ""
        m = re.search(r"csrftoken=([^;]+)", cookie)
        if not m:
            raise RuntimeError(f"geen CSRF-cookie van {pad}: {antwoord.status}")
        self.cookie = f"csrftoken={m.group(1)}"
        return m.group(1)


_TIKKEN = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proces_cpu(pid: int) -> float:
    """utime + stime of one process (all its threads), from /proc (Linux)."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(velden[11]) + int(velden[12])) / _TIKKEN


class Cpu:
    """CPU seconds of the three sides of a load phase, read from /proc on Linux:
    `app` the gunicorn processes (the server's session), `database` the PostgreSQL
    backends connected to the database `database` (its cmdline names it), `client`
    this process (the load threads). On another system it measures nothing."""

    def __init__(self, *, server_pid: int | None, database: str | None):
        self.server_pid, self.database = server_pid, database

    def lezen(self) -> dict[str, float]:
        if not Path("/proc/self/stat").exists():
            return {}
        stand = {"app": 0.0, "database": 0.0, "client": _proces_cpu(os.getpid())}
        for naam in os.listdir("/proc"):
            if not naam.isdigit():
                continue
            pid = int(naam)
            try:
                if self.server_pid and os.getsid(pid) == self.server_pid:
                    stand["app"] += _proces_cpu(pid)
                elif self.database:
                    opdracht = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                    if opdracht.startswith("postgres:") and f" {self.database} " in opdracht:
                        stand["database"] += _proces_cpu(pid)
            except OSError:
                continue
        return stand


def _parallel(gelijktijdig: int, aantal: int, max_seconden: float, stap, cpu: Cpu | None = None) -> Uitslag:
    uitslag = Uitslag()
    slot = threading.Lock()
    teller = iter(range(aantal))
    # Each client's first GET (its CSRF cookie) happens before the clock starts.
    contexten = [stap.voorbereiden(nummer) for nummer in range(gelijktijdig)]
    begin = time.perf_counter()
    grens = begin + max_seconden

    def werker(nummer: int):
        context = contexten[nummer]
        while time.perf_counter() < grens:
            with slot:
                if next(teller, None) is None:
                    return
            t0 = time.perf_counter()
            try:
                gelukt, code = stap(context)
            except OSError as exc:
                gelukt, code = False, type(exc).__name__
            duur = time.perf_counter() - t0
            with slot:
                uitslag.latenties.append(duur)
                if gelukt:
                    uitslag.geslaagd += 1
                else:
                    uitslag.fouten += 1
                    uitslag.foutcodes[str(code)] = uitslag.foutcodes.get(str(code), 0) + 1

    draden = [threading.Thread(target=werker, args=(i,)) for i in range(gelijktijdig)]
    voor = cpu.lezen() if cpu else {}
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    uitslag.seconden = time.perf_counter() - begin
    if voor:
        na = cpu.lezen()
        uitslag.cpu = {kant: na[kant] - voor[kant] for kant in voor}
    return uitslag


class Indienen:
    """One submission: POST the form; accepted is the redirect to the receipt page
    (the report is stored before that redirect is sent)."""

    def __init__(self, poort: int, slug: str, gegevens: dict | None = None):
        self.poort, self.pad, self.gegevens = poort, f"/melden/{slug}/", gegevens or MELDING

    def voorbereiden(self, _nummer: int):
        klant = _Klant(self.poort)
        token = klant.csrf_ophalen(self.pad)
        return klant, urlencode({**self.gegevens, "csrfmiddlewaretoken": token}).encode()

    def __call__(self, context) -> tuple[bool, int]:
        klant, body = context
        antwoord, _inhoud = klant.verzoek("POST", self.pad, body, {"Content-Type": "application/x-www-form-urlencoded"})
        return antwoord.status == 302 and "/ontvangen/" in (antwoord.getheader("Location") or ""), antwoord.status


class EenRij:
    """The baseline: a minimal Django view that stores one row."""

    def __init__(self, poort: int):
        self.poort = poort

    def voorbereiden(self, _nummer: int):
        return _Klant(self.poort)

    def __call__(self, klant) -> tuple[bool, int]:
        antwoord, _inhoud = klant.verzoek("POST", "/bench/een-rij/", b"", {"Content-Length": "0"})
        return antwoord.status == 200, antwoord.status


def indienen(
    *, poort: int, slug: str, gelijktijdig: int, aantal: int, max_seconden: float = 60, cpu: Cpu | None = None
) -> Uitslag:
    return _parallel(gelijktijdig, aantal, max_seconden, Indienen(poort, slug), cpu)


def een_rij(*, poort: int, gelijktijdig: int, aantal: int, max_seconden: float = 60, cpu: Cpu | None = None) -> Uitslag:
    return _parallel(gelijktijdig, aantal, max_seconden, EenRij(poort), cpu)


ORGANISATIE_AANMAKEN = """
from kern.models import Gebruiker
from meldingen.models import Functionaris, Organisatie
organisatie, _ = Organisatie.objects.get_or_create(slug={slug!r}, defaults={{"naam": "Bench {slug}"}})
gebruiker, _ = Gebruiker.objects.get_or_create(
    username="bench-evp-{slug}", defaults={{"email": "evp-{slug}@organisatie.test", "is_staff": True}}
)
Functionaris.objects.get_or_create(organisatie=organisatie, gebruiker=gebruiker, functie="externe_vertrouwenspersoon")
"""


def organisatie_aanmaken(slug: str) -> None:
    """In the current process (Django set up): the organisation of a load run,
    with one receiving officer for the channel the submissions choose."""
    exec(ORGANISATIE_AANMAKEN.format(slug=slug), {})  # noqa: S102 - our own constant text


def demo_omgeving(var_dir: Path, slug: str) -> dict[str, str | None]:
    """The embedded default as `make run` has it (SQLite and the filesystem
    broker under var_dir), migrated, with one organisation."""
    env: dict[str, str | None] = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.hulp.instellingen_demo",
        "MELDPUNT_VAR_DIR": str(var_dir),
        "PYTHONPATH": str(BASIS),
    }
    for naam in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_BROKER_DIR", "STATIC_ROOT", "MEDIA_ROOT"):
        env.pop(naam, None)
    beheer = [sys.executable, "manage.py"]
    subprocess.run([*beheer, "migrate", "--noinput", "-v", "0"], cwd=BASIS, env=env, check=True)
    subprocess.run(
        [*beheer, "shell", "-v", "0", "-c", ORGANISATIE_AANMAKEN.format(slug=slug)], cwd=BASIS, env=env, check=True
    )
    return {**env, "DATABASE_URL": None, "CELERY_BROKER_URL": None}


def sqlite_meldingen(var_dir: Path) -> int:
    import sqlite3

    with sqlite3.connect(var_dir / "meldpunt.sqlite3") as verbinding:
        return verbinding.execute("SELECT count(*) FROM meldingen_melding").fetchone()[0]
