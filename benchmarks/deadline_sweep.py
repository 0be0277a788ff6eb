"""Benchmark of the deadline engine's sweep (meldingen.services.termijnen.bewaking).

Seeds 100,000 open cases with their five statutory terms and one assigned officer
each on PostgreSQL (INSERT ... SELECT generate_series, seconds), then measures:

- the sweep: `termijnen_bewaken` as beat runs it (seconds, query count), and
- a raw-SQL lower bound in the same run: the bare INSERT ... SELECT that finds the
  terms in their reminder window or overdue and inserts one row each.

Prints one JSON line. Runs in a separate database (created and migrated here,
its tables emptied at the start); e-mail goes to the locmem backend.

    DJANGO_SETTINGS_MODULE=config.settings.test /work/main/.venv/bin/python benchmarks/deadline_sweep.py

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/meldpunt_bench_termijnen),
BENCH_N (default 100000).
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/meldpunt_bench_termijnen")
N = int(os.environ.get("BENCH_N", "100000"))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def database_aanmaken(url: str) -> None:
    import psycopg
    from psycopg import sql

    deel = urlparse(url)
    naam = deel.path.lstrip("/")
    with psycopg.connect(
        host=deel.hostname,
        port=deel.port or 5432,
        user=deel.username,
        password=deel.password,
        dbname="postgres",
        autocommit=True,
    ) as verbinding:
        if not verbinding.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            verbinding.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))


database_aanmaken(BENCH_URL)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.hulp.taken import taken_naar_de_broker  # noqa: E402
from kern import crypto  # noqa: E402
from kern.models import Gebruiker  # noqa: E402
from meldingen import deadlines  # noqa: E402
from meldingen.constants import TermijnSoort, ToewijzingRol  # noqa: E402
from meldingen.models import Functionaris, Herinnering, Melding, Organisatie, Termijn, Toewijzing  # noqa: E402
from meldingen.services.termijnen.bewaking import termijnen_bewaken  # noqa: E402

settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ORGANISATIES = 10
OFFICIEREN_PER_ORGANISATIE = 20
# (kind, days after receipt, reminder lead) as in meldingen.deadlines; the cap is 3 months after day 7.
TERMIJNEN = [
    (TermijnSoort.ONTVANGSTBEVESTIGING, deadlines.ONTVANGSTBEVESTIGING_DAGEN),
    (TermijnSoort.DOORSTUREN, deadlines.DOORSTUREN_DAGEN_STANDAARD),
    (TermijnSoort.MEDEDELING_GEEN_ONDERZOEK, deadlines.GEEN_ONDERZOEK_DAGEN),
    (TermijnSoort.STANDPUNT, deadlines.STANDPUNT_DAGEN),
]


def t(model) -> str:
    return model._meta.db_table


def zaaien(nu) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {t(Herinnering)}, {t(Termijn)}, {t(Toewijzing)}, {t(Melding)}, {t(Functionaris)}, "
            f"{t(Organisatie)} CASCADE"
        )
    Gebruiker.objects.filter(username__startswith="bench-").delete()
    organisaties = Organisatie.objects.bulk_create(
        [Organisatie(naam=f"Bench {i}", slug=f"bench-{i}") for i in range(ORGANISATIES)]
    )
    functionarissen = []
    for organisatie in organisaties:
        for functie in (Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE, Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE):
            gebruiker = Gebruiker.objects.create(
                username=f"bench-{organisatie.slug}-{functie}", email=f"{functie}@{organisatie.slug}.test"
            )
            functionarissen.append(Functionaris(organisatie=organisatie, gebruiker=gebruiker, functie=functie))
        for j in range(OFFICIEREN_PER_ORGANISATIE):
            gebruiker = Gebruiker.objects.create(
                username=f"bench-{organisatie.slug}-vp{j}", email=f"vp{j}@{organisatie.slug}.test"
            )
            functionarissen.append(
                Functionaris(
                    organisatie=organisatie, gebruiker=gebruiker, functie=Functionaris.Functie.VERTROUWENSPERSOON
                )
            )
    Functionaris.objects.bulk_create(functionarissen)
    omschrijving = crypto.versleutel("Benchmark-melding zonder inhoud.")
    params = {"n": N, "nu": nu, "org_min": organisaties[0].pk, "orgs": ORGANISATIES, "omschrijving": omschrijving}
    with connection.cursor() as cursor:
        # Cases received over the past 120 days, 1 in 10 with the HL involved.
        cursor.execute(
            f"""
            INSERT INTO {t(Melding)} (uuid, created_at, updated_at, organisatie_id, registerjaar, volgnummer, status,
                                      soort, ontvangen_op, kanaal, wijze, categorie, hl_betrokken, omschrijving,
                                      wanneer, waar, betrokkenen_omschrijving, eerdere_meldingen,
                                      relatie_toelichting, relatie, discriminatiegronden, identiteitskeuze,
                                      gesprek_gewenst)
            SELECT gen_random_uuid(), %(nu)s, %(nu)s, %(org_min)s + (i %% %(orgs)s), 2026, i, 'in_behandeling',
                   'melding', %(nu)s - make_interval(mins => (i * 173) %% (120 * 24 * 60)), 'vertrouwenspersoon',
                   'webformulier', 'onbekend', i %% 10 = 0, %(omschrijving)s,
                   '', '', '', '', '', '', '[]'::jsonb, 'anoniem', false
              FROM generate_series(1, %(n)s) AS i
            """,
            params,
        )
        # One receiving officer per case.
        cursor.execute(
            f"""
            INSERT INTO {t(Toewijzing)} (uuid, created_at, updated_at, melding_id, gebruiker_id, rol)
            SELECT gen_random_uuid(), %(nu)s, %(nu)s, m.id, f.gebruiker_id, %(rol)s
              FROM {t(Melding)} m
              JOIN LATERAL (
                  SELECT gebruiker_id FROM {t(Functionaris)} f
                   WHERE f.organisatie_id = m.organisatie_id AND f.functie = 'vertrouwenspersoon'
                   ORDER BY f.id OFFSET (m.volgnummer %% {OFFICIEREN_PER_ORGANISATIE}) LIMIT 1
              ) f ON true
            """,
            {"nu": nu, "rol": ToewijzingRol.ONTVANGER.value},
        )
        # The terms, computed in SQL exactly as meldingen.deadlines does: end of
        # day (start + N) in Amsterdam; the cap 3 months after day 7 (PostgreSQL's
        # month arithmetic clamps to the month's last day, as EU 1182/71 art. 3).
        for soort, dagen in TERMIJNEN:
            cursor.execute(
                f"""
                INSERT INTO {t(Termijn)} (uuid, created_at, updated_at, organisatie_id, melding_id, soort, start, due,
                                          herinneren_vanaf, vervallen_reden, onderwerp)
                SELECT gen_random_uuid(), %(nu)s, %(nu)s, m.organisatie_id, m.id, %(soort)s, d,
                       ((d + %(dagen)s + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') - interval '1 microsecond',
                       ((d + %(dagen)s - %(voor)s)::timestamp AT TIME ZONE 'Europe/Amsterdam'), '', ''
                  FROM (SELECT id, organisatie_id, (ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date AS d
                          FROM {t(Melding)}) m
                """,
                {"nu": nu, "soort": soort.value, "dagen": dagen, "voor": deadlines.HERINNERING_DAGEN_VOOR[soort]},
            )
        cursor.execute(
            f"""
            INSERT INTO {t(Termijn)} (uuid, created_at, updated_at, organisatie_id, melding_id, soort, start, due,
                                      herinneren_vanaf, vervallen_reden, onderwerp)
            SELECT gen_random_uuid(), %(nu)s, %(nu)s, m.organisatie_id, m.id, %(soort)s, k,
                   (((k + interval '3 months')::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')
                       - interval '1 microsecond',
                   (((k + interval '3 months')::date - %(voor)s)::timestamp AT TIME ZONE 'Europe/Amsterdam'), '', ''
              FROM (SELECT id, organisatie_id, (ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date + 7 AS k
                      FROM {t(Melding)}) m
            """,
            {
                "nu": nu,
                "soort": TermijnSoort.TERUGKOPPELING.value,
                "voor": deadlines.HERINNERING_DAGEN_VOOR[TermijnSoort.TERUGKOPPELING],
            },
        )
        cursor.execute("ANALYZE")


BASELINE_SQL = f"""
INSERT INTO {t(Herinnering)} (termijn_id, soort, due, ontvanger_id, aangemaakt_op)
SELECT t.id, CASE WHEN t.due < %(nu)s THEN 'escalatie' ELSE 'herinnering' END, t.due, %(ontvanger)s, %(nu)s
  FROM {t(Termijn)} t
 WHERE t.gesloten_op IS NULL AND t.vervallen_op IS NULL AND t.herinneren_vanaf <= %(nu)s
ON CONFLICT DO NOTHING
"""


def leeg_herinneringen() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {t(Herinnering)}")


def baseline(nu) -> float:
    ontvanger = Gebruiker.objects.filter(username__startswith="bench-").values_list("pk", flat=True).first()
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, {"nu": nu, "ontvanger": ontvanger})
    return time.perf_counter() - begin


def sweep(nu) -> tuple[float, int, int]:
    # The mails go into the outbox in the sweep's transaction; sending them is the
    # worker's task after the commit, not part of the sweep.
    with taken_naar_de_broker(), CaptureQueriesContext(connection) as ctx:
        begin = time.perf_counter()
        termijnen_bewaken(nu=nu)
        duur = time.perf_counter() - begin
    return duur, len(ctx.captured_queries), Herinnering.objects.count()


def main() -> None:
    totaal = time.perf_counter()
    call_command("migrate", verbosity=0)
    nu = timezone.now()
    zaaien(nu)
    zaai_seconden = time.perf_counter() - totaal
    # Alternate and keep the best of two, so neither side pays for a cold cache alone.
    baselines, sweeps = [], []
    for _ in range(2):
        leeg_herinneringen()
        baselines.append(baseline(nu))
        leeg_herinneringen()
        sweeps.append(sweep(nu))
    seconden, queries, rijen = min(sweeps)
    basis = min(baselines)
    print(
        json.dumps(
            {
                "bench": "deadline_sweep",
                "n": N,
                "seconds": round(seconden, 3),
                "queries": queries,
                "baseline_seconds": round(basis, 3),
                "ratio": round(seconden / basis, 2),
                "rows": rijen,
                "terms": Termijn.objects.count(),
                "seed_seconds": round(zaai_seconden, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
