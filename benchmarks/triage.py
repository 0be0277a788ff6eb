"""Benchmark: the vertrouwenspersoon's triage list (the admin's list of reports)
and dashboard (the admin index with its case panels) with 100,000 cases assigned
to one officer (issue 16).

Seeds BENCH_DATABASE_URL once (bulk inserts: reports, assignments, guardian
permission rows, one term each), then renders each page 10 times in-process
through the whole Django stack (middleware, second-factor session, templates)
and reports p50/p95 and the query count, next to running the same SQL
statements the page ran, raw on a cursor, in the same run. The query count is
also measured at 1,000 cases: it must not grow with the number of cases.

Bounded: the run aborts after 10 minutes.
"""

import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

N = 100_000
KLEIN = 1_000
HERHALINGEN = 10
LIMIET_SECONDEN = 600


def _zaaien(slug: str, aantal: int):
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from kern.models import Gebruiker
    from meldingen.constants import Categorie, Kanaal, Status, TermijnSoort, ToewijzingRol, Wijze
    from meldingen.models import (
        Functionaris,
        Melding,
        MeldingGebruikerPermissie,
        Organisatie,
        Registerteller,
        Termijn,
        Toewijzing,
    )

    organisatie, _ = Organisatie.objects.get_or_create(slug=slug, defaults={"naam": f"Bench {slug}"})
    vp, _ = Gebruiker.objects.get_or_create(
        username=f"bench-vp-{slug}", defaults={"email": f"vp-{slug}@organisatie.test", "is_staff": True}
    )
    from django.contrib.auth.models import Group

    from kern.rollen import Rol, groepsnaam

    vp.groups.add(Group.objects.get(name=groepsnaam(Rol.VERTROUWENSPERSOON)))
    Functionaris.objects.get_or_create(organisatie=organisatie, gebruiker=vp, functie=Kanaal.VERTROUWENSPERSOON)
    bestaand = Melding.objects.filter(organisatie=organisatie).count()
    # The register counter as numbering keeps it (Art. 3.5): the seed writes the
    # numbers itself, so it sets the year's counter to match.
    Registerteller.objects.update_or_create(organisatie=organisatie, jaar=2025, defaults={"laatste": aantal})
    if bestaand >= aantal:
        return vp
    kans = random.Random(16)
    begin = datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))
    open_statussen = [Status.ONTVANGEN, Status.IN_BEHANDELING, Status.IN_ONDERZOEK, Status.AFGESLOTEN]
    ct = ContentType.objects.get_for_model(Melding)
    permissies = list(
        Permission.objects.filter(
            content_type=ct, codename__in=["view_melding", "change_melding", "identiteit_inzien", "toewijzen"]
        ).values_list("pk", flat=True)
    )
    for start in range(bestaand, aantal, 10_000):
        eind = min(aantal, start + 10_000)
        meldingen = Melding.objects.bulk_create(
            [
                Melding(
                    organisatie=organisatie,
                    registerjaar=2025,
                    volgnummer=i + 1,
                    ontvangen_op=begin + timedelta(minutes=kans.randrange(365 * 24 * 60)),
                    status=kans.choice(open_statussen),
                    kanaal=Kanaal.VERTROUWENSPERSOON,
                    wijze=Wijze.WEBFORMULIER,
                    categorie=kans.choice(list(Categorie)),
                    omschrijving="Benchmarkmelding",
                )
                for i in range(start, eind)
            ],
            batch_size=2000,
        )
        Toewijzing.objects.bulk_create(
            [Toewijzing(melding=m, gebruiker=vp, rol=ToewijzingRol.ONTVANGER) for m in meldingen], batch_size=2000
        )
        MeldingGebruikerPermissie.objects.bulk_create(
            [
                MeldingGebruikerPermissie(permission_id=p, user=vp, content_object=m)
                for m in meldingen
                for p in permissies
            ],
            batch_size=5000,
        )
        Termijn.objects.bulk_create(
            [
                Termijn(
                    organisatie=organisatie,
                    melding=m,
                    soort=TermijnSoort.STANDPUNT,
                    start=m.ontvangen_op.date(),
                    due=m.ontvangen_op + timedelta(weeks=8),
                    herinneren_vanaf=m.ontvangen_op + timedelta(weeks=7),
                )
                for m in meldingen
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
    return vp


def _meten(client, pad: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(pad)  # warm-up
    tijden = []
    for _ in range(HERHALINGEN):
        with CaptureQueriesContext(connection) as vastgelegd:
            begin = time.perf_counter()
            antwoord = client.get(pad)
            tijden.append(time.perf_counter() - begin)
        assert antwoord.status_code == 200, (pad, antwoord.status_code)
    statements = [q["sql"] for q in vastgelegd.captured_queries]
    # The same statements, raw: what the database alone costs for this page.
    ruw = []
    with connection.cursor() as cursor:
        for _ in range(HERHALINGEN):
            begin = time.perf_counter()
            for sql in statements:
                if sql.strip().upper().startswith(("SELECT", "WITH")):
                    cursor.execute(sql)
                    cursor.fetchall()
            ruw.append(time.perf_counter() - begin)
    tijden.sort()
    ruw.sort()
    p95 = tijden[int(0.95 * (len(tijden) - 1))]
    ruw_p95 = ruw[int(0.95 * (len(ruw) - 1))]
    return {
        "p50_ms": round(statistics.median(tijden) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "queries": len(statements),
        "raw_sql_p50_ms": round(statistics.median(ruw) * 1000, 1),
        "raw_sql_p95_ms": round(ruw_p95 * 1000, 1),
        "ratio": round(p95 / ruw_p95, 2),
    }


def main() -> None:
    signal.alarm(LIMIET_SECONDEN)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.test import Client

    from rapportage.tests.helpers import geverifieerd_inloggen

    begin = time.perf_counter()
    groot = _zaaien("bench-triage", N)
    klein = _zaaien("bench-triage-klein", KLEIN)
    # Fresh statistics, as autovacuum keeps them in a running installation: right
    # after a bulk seed the planner would still see nearly empty tables.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    zaaitijd = round(time.perf_counter() - begin, 1)
    for naam, pad in (("triage_list", "/admin/meldingen/melding/"), ("dashboard", "/admin/")):
        client_groot = geverifieerd_inloggen(Client(), groot)
        client_klein = geverifieerd_inloggen(Client(), klein)
        meting = _meten(client_groot, pad)
        klein_meting = _meten(client_klein, pad)
        print(
            json.dumps(
                {
                    "bench": naam,
                    "n": N,
                    **meting,
                    "queries_at_1000": klein_meting["queries"],
                    "query_count_constant": klein_meting["queries"] == meting["queries"],
                    "seed_seconds": zaaitijd,
                    "loadavg_1m": round(os.getloadavg()[0], 2),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
