"""Benchmark: figures and PDF of the annual report for a year with 10,000 reports.

Seeds a separate PostgreSQL database (created and migrated here), then times
computing the figures and rendering the report (rapportage.cijfers +
rapportage.pdf, as the Celery task does), next to two baselines of the same run:
bare WeasyPrint rendering the very HTML of the report (what Meldpunt adds: the
figures, the charts and the template), and bare WeasyPrint rendering the same
number of pages of ordinary running text, full pages in the report's own
stylesheet (page size, margins, running headers, page numbers, fonts), so that
the difference is what the report's tables and charts cost to lay out. Prints
one JSON line.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/meldpunt_bench7 \\
        /work/main/.venv/bin/python benchmarks/annual_report.py

Bounded: the run aborts after 5 minutes.
"""

import json
import os
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

N = 10_000
JAAR = 2025
LIMIET_SECONDEN = 300

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/meldpunt_bench7")


def _database_aanmaken(url: str) -> None:
    import psycopg

    deel = urlparse(url)
    naam = deel.path.lstrip("/")
    beheer = deel._replace(path="/postgres").geturl()
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        if not verbinding.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            verbinding.execute(f'CREATE DATABASE "{naam}"')


def _zaaien(organisatie) -> None:
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from meldingen.constants import Categorie, Kanaal, Soort, Status, Wijze
    from meldingen.models import Melding

    bestaand = Melding.objects.filter(organisatie=organisatie, registerjaar=JAAR).count()
    if bestaand >= N:
        return
    kans = random.Random(7)  # reproducible data set
    begin = datetime(JAAR, 1, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))
    Melding.objects.bulk_create(
        [
            Melding(
                organisatie=organisatie,
                registerjaar=JAAR,
                volgnummer=i + 1,
                ontvangen_op=begin + timedelta(minutes=kans.randrange(365 * 24 * 60)),
                status=kans.choice(list(Status)),
                soort=kans.choices(list(Soort), weights=[9, 1])[0],
                kanaal=kans.choice(list(Kanaal)),
                wijze=kans.choice(list(Wijze)),
                categorie=kans.choices(list(Categorie), weights=[3, 8, 2, 6, 2, 9, 1, 12, 10, 1])[0],
                omschrijving="Benchmarkmelding",
            )
            for i in range(bestaand, N)
        ],
        batch_size=1000,
    )


# Words for the plain pages: ordinary sentences of varied words, not one word repeated.
WOORDEN = (
    "de het een melding onderzoek werkgever regeling vermoeden misstand vertrouwenspersoon ondernemingsraad "
    "standpunt termijn benadeling maatregel ontvangst besluit organisatie medewerker jaar beleid afgehandeld "
    "onafhankelijk zorgvuldig vertrouwelijk binnen weken na over voor door met van aan op in is wordt zijn "
    "werd heeft hebben kan moet zal niet ook nog dat die dit deze"
)
# Five paragraphs of 80 words fill about nine tenths of a page in the report's typography.
ALINEAS_PER_PAGINA = 5
WOORDEN_PER_ALINEA = 80


def _rapport_html(inhoud: dict) -> str:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from rapportage.pdf import context_voor

    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("rapportage/pdf/jaarrapportage.html", context_voor(inhoud))


def _kale_weasyprint(rapport_html: str, paginas: int) -> float:
    """Bare WeasyPrint on `paginas` full pages of running text under the report's own <head>
    (its stylesheet: @page size, margins and running headers with page numbers, fonts)."""
    import random

    from weasyprint import HTML

    kans = random.Random(7)  # reproducible text
    woorden = WOORDEN.split()

    def alinea() -> str:
        zin = " ".join(kans.choice(woorden) for _ in range(WOORDEN_PER_ALINEA))
        return f"<p>{zin.capitalize()}.</p>"

    kop = rapport_html[: rapport_html.index("<body>")]
    tekst = "".join(
        f'<section style="page-break-before: {"always" if i else "auto"}"><h2>Pagina {i + 1}</h2>'
        + "".join(alinea() for _ in range(ALINEAS_PER_PAGINA))
        + "</section>"
        for i in range(paginas)
    )
    begin = time.perf_counter()
    document = HTML(string=f"{kop}<body>{tekst}</body></html>").render()
    document.write_pdf()
    seconden = time.perf_counter() - begin
    # Each section must fill one page, no more: otherwise the baseline is not the report's page count.
    assert len(document.pages) == paginas, (len(document.pages), paginas)
    return seconden


def _dunne_paginas(paginas: int) -> float:
    """The baseline before issue 16's second pass, kept next to the fuller one so a
    run shows both: a third of a page of one repeated word per page, WeasyPrint's
    default stylesheet, no running headers."""
    from weasyprint import HTML

    html = "".join(
        f'<section style="page-break-after: always"><h1>Pagina {i}</h1><p>{"Tekst " * 200}</p></section>'
        for i in range(paginas)
    )
    begin = time.perf_counter()
    HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    return time.perf_counter() - begin


def _zelfde_html(rapport_html: str) -> float:
    from django.conf import settings
    from weasyprint import HTML

    begin = time.perf_counter()
    HTML(string=rapport_html, base_url=str(settings.BASE_DIR)).write_pdf()
    return time.perf_counter() - begin


def main() -> None:
    signal.alarm(LIMIET_SECONDEN)
    _database_aanmaken(os.environ["DATABASE_URL"])

    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from io import BytesIO

    from django.core.management import call_command
    from pypdf import PdfReader

    call_command("migrate", verbosity=0)
    from meldingen.models import Organisatie
    from rapportage.cijfers import jaarcijfers
    from rapportage.pdf import jaarrapportage_pdf

    organisatie, _ = Organisatie.objects.get_or_create(slug="bench-annual-report", defaults={"naam": "Benchmark"})
    _zaaien(organisatie)
    teksten = {
        "organisatie": {"naam": organisatie.naam, "briefhoofd": "Benchmarkstraat 1"},
        "jaar": JAAR,
        "teksten": {
            "beleid_afgelopen_jaar": "Beleid. " * 200,
            "beleid_komend_jaar": "Plannen. " * 200,
            "ervaringen_benadeling": "Ervaringen. " * 200,
            "verwerking_standpunt": "Verwerking. " * 100,
        },
        "standpunten": [{"tekst": "Standpunt. " * 100, "datum": f"{JAAR + 1}-03-01", "versie": 1}],
        "versie": 1,
        "aanleiding": "naar_or",
    }
    jaarrapportage_pdf(inhoud={**teksten, "cijfers": jaarcijfers(organisatie=organisatie, jaar=JAAR)})  # warm-up

    begin = time.perf_counter()
    cijfers = jaarcijfers(organisatie=organisatie, jaar=JAAR)
    pdf = jaarrapportage_pdf(inhoud={**teksten, "cijfers": cijfers})
    seconden = time.perf_counter() - begin

    paginas = len(PdfReader(BytesIO(pdf)).pages)
    totaal = next(o for o in cijfers["onderdelen"] if o["sleutel"] == "aard")["tabellen"][0]["totaal"]
    assert totaal == str(N), totaal
    rapport_html = _rapport_html({**teksten, "cijfers": cijfers})
    basis = _kale_weasyprint(rapport_html, paginas)
    zelfde = _zelfde_html(rapport_html)
    dun = _dunne_paginas(paginas)
    print(
        json.dumps(
            {
                "bench": "annual_report",
                "n": N,
                "seconds": round(seconden, 3),
                "baseline_same_html_seconds": round(zelfde, 3),
                "ratio_to_same_html": round(seconden / zelfde, 2),
                "baseline_plain_pages_seconds": round(basis, 3),
                "ratio_to_plain_pages": round(seconden / basis, 2),
                "baseline_sparse_pages_seconds": round(dun, 3),
                "ratio_to_sparse_pages": round(seconden / dun, 2),
                "pages": paginas,
                "loadavg_1m": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
