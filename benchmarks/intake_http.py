"""Benchmark: intake over HTTP against gunicorn, on loopback (issue 16).

Starts gunicorn with the project's configuration (config/gunicorn.conf.py) and
benchmarks.hulp.instellingen (the test settings on BENCH_DATABASE_URL, persistent
connections as in production, tasks published to the Redis broker), then, per
concurrency (8 and 32): the one-row baseline view, then the public report form's
POST. Then opening the mailbox by receipt code, and the embedded default (SQLite,
demo settings, a temporary file) at concurrency 16. One JSON line each:
submissions/s, p50/p95/p99, errors, and stored = accepted (rows counted in the
database before and after), next to the baseline of the same run. On Linux the
PostgreSQL lines also give the CPU milliseconds one request cost, per side (app:
the gunicorn processes; database: the backends of the bench database; client:
the load threads of this script), for the submissions and for the baseline: the
ratio to the baseline is the ratio of these totals once the CPUs are saturated.

Bounded: each phase stops after its count or 60 s; the run after 8 minutes.
"""

import json
import os
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

LIMIET_SECONDEN = 480
SLUG = "bench-intake"
AANTAL = {8: 800, 32: 2000}
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "4"))


def _regel(**velden) -> None:
    velden["loadavg_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(velden), flush=True)


def _postgresql() -> None:
    from django.db import connection

    from benchmarks.hulp import belasting
    from meldingen.models import Melding

    belasting.organisatie_aanmaken(SLUG)
    env = {"DATABASE_URL": os.environ["DATABASE_URL"], "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"]}
    with belasting.Server(settings="benchmarks.hulp.instellingen", env=env, workers=WORKERS, threads=THREADS) as server:
        belasting.indienen(poort=server.poort, slug=SLUG, gelijktijdig=8, aantal=100)  # warm-up
        belasting.een_rij(poort=server.poort, gelijktijdig=8, aantal=100)
        cpu = belasting.Cpu(server_pid=server.proces.pid, database=connection.settings_dict["NAME"])
        for gelijktijdig, aantal in AANTAL.items():
            basis = belasting.een_rij(poort=server.poort, gelijktijdig=gelijktijdig, aantal=aantal, cpu=cpu)
            voor = Melding.objects.filter(organisatie__slug=SLUG).count()
            meting = belasting.indienen(
                poort=server.poort, slug=SLUG, gelijktijdig=gelijktijdig, aantal=aantal, cpu=cpu
            )
            opgeslagen = Melding.objects.filter(organisatie__slug=SLUG).count() - voor
            samenvatting, basis_samenvatting = meting.samenvatting(), basis.samenvatting()
            _regel(
                bench="intake_http",
                database="postgresql",
                concurrency=gelijktijdig,
                submissions=samenvatting["requests"],
                submissions_per_second=samenvatting["per_second"],
                p50_ms=samenvatting["p50_ms"],
                p95_ms=samenvatting["p95_ms"],
                p99_ms=samenvatting["p99_ms"],
                errors=meting.fouten,
                error_codes=meting.foutcodes,
                accepted=meting.geslaagd,
                stored=opgeslagen,
                stored_equals_accepted=opgeslagen == meting.geslaagd,
                baseline_per_second=basis_samenvatting["per_second"],
                baseline_p95_ms=basis_samenvatting["p95_ms"],
                baseline_errors=basis.fouten,
                ratio_to_baseline=round(samenvatting["per_second"] / basis_samenvatting["per_second"], 2),
                cpu_ms_per_submission=meting.cpu_ms_per_verzoek(),
                baseline_cpu_ms_per_request=basis.cpu_ms_per_verzoek(),
                gunicorn=f"{WORKERS}x{THREADS}",
            )
        _meldingsbox(server.poort)


def _meldingsbox(poort: int) -> None:
    """Opening the mailbox with a receipt code: POST the code, 302 to the box."""
    from urllib.parse import urlencode

    from benchmarks.hulp import belasting
    from meldingen.constants import Kanaal
    from meldingen.models import Organisatie
    from meldingen.services.melder import Meldinginhoud, melding_indienen

    organisatie = Organisatie.objects.get(slug=SLUG)
    codes = [
        melding_indienen(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving="Benchmark van de meldingsbox"),
            kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
            formeel=True,
        ).code
        for _ in range(200)
    ]

    class Openen:
        def voorbereiden(self, _nummer):
            klant = belasting._Klant(poort)
            return klant, klant.csrf_ophalen("/melden/box/")

        def __call__(self, context):
            klant, token = context
            code = codes.pop()
            antwoord, _ = klant.verzoek(
                "POST",
                "/melden/box/",
                urlencode({"code": code, "csrfmiddlewaretoken": token}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            return antwoord.status == 302 and "/melden/box/inhoud/" in (antwoord.getheader("Location") or ""), (
                antwoord.status
            )

    basis = belasting.een_rij(poort=poort, gelijktijdig=8, aantal=200)
    meting = belasting._parallel(8, 200, 60, Openen())
    s, b = meting.samenvatting(), basis.samenvatting()
    _regel(
        bench="mailbox_open",
        concurrency=8,
        opens=s["requests"],
        per_second=s["per_second"],
        p50_ms=s["p50_ms"],
        p95_ms=s["p95_ms"],
        errors=meting.fouten,
        baseline_per_second=b["per_second"],
        baseline_p95_ms=b["p95_ms"],
    )


def _sqlite() -> None:
    from benchmarks.hulp import belasting

    with tempfile.TemporaryDirectory(prefix="meldpunt-bench-sqlite-") as tmp:
        var = Path(tmp)
        env = belasting.demo_omgeving(var, SLUG)
        with belasting.Server(settings="benchmarks.hulp.instellingen_demo", env=env) as server:
            belasting.indienen(poort=server.poort, slug=SLUG, gelijktijdig=4, aantal=20)  # warm-up
            basis = belasting.een_rij(poort=server.poort, gelijktijdig=16, aantal=400)
            voor = belasting.sqlite_meldingen(var)
            meting = belasting.indienen(poort=server.poort, slug=SLUG, gelijktijdig=16, aantal=400)
            opgeslagen = belasting.sqlite_meldingen(var) - voor
        s, b = meting.samenvatting(), basis.samenvatting()
        _regel(
            bench="intake_http",
            database="sqlite (demo settings)",
            concurrency=16,
            submissions=s["requests"],
            submissions_per_second=s["per_second"],
            p50_ms=s["p50_ms"],
            p95_ms=s["p95_ms"],
            p99_ms=s["p99_ms"],
            errors=meting.fouten,
            error_codes=meting.foutcodes,
            accepted=meting.geslaagd,
            stored=opgeslagen,
            stored_equals_accepted=opgeslagen == meting.geslaagd,
            baseline_per_second=b["per_second"],
            baseline_p95_ms=b["p95_ms"],
            baseline_errors=basis.fouten,
            ratio_to_baseline=round(s["per_second"] / b["per_second"], 2) if b["per_second"] else None,
            gunicorn="3x2 (config/gunicorn.conf.py defaults)",
        )


def main() -> None:
    signal.alarm(LIMIET_SECONDEN)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from benchmarks.hulp.taken import taken_naar_de_broker

    with taken_naar_de_broker():
        _postgresql()
    _sqlite()


if __name__ == "__main__":
    main()
