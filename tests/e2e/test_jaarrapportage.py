"""The annual report's whole workflow in a real browser (Art. 14.2-14.4): the HL
sends the concept to the OR, an OR member records a standpunt, the HL processes
it, the OR approves, the HL signs with a fresh code, the final PDF downloads."""

import os

import pytest
from django.utils import timezone
from django_otp.oath import totp

from kern.auth import bevestigd_apparaat
from kern.pdf import pdf_tekst
from kern.tests.factories import WACHTWOORD
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage.tests.factories import hl_van, or_lid_van

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The browser is the session-wide one of tests/e2e/conftest.py: a second
# sync_playwright() in the same process fails while that one's loop runs.


def _pagina(browser):
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.csp_fouten = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_fouten.append(m.text))
    return page


def _code(gebruiker, stappen_vooruit=0) -> str:
    apparaat = bevestigd_apparaat(gebruiker=gebruiker)
    code = totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits, drift=stappen_vooruit)
    return f"{code:06d}"


def _inloggen(page, url, gebruiker):
    page.goto(url)
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/tweede-factor/**")
    page.get_by_label("Code uit uw authenticator-app").fill(_code(gebruiker))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(url)


def test_hl_en_or_doorlopen_de_jaarrapportage_tot_de_ondertekende_pdf(live_server, browser):
    org = OrganisatieFactory(naam="Woonstichting Browser", slug="ws-browser")
    MeldingFactory.create_batch(7, organisatie=org, registerjaar=2025)
    hl, lid = hl_van(org, username="hanna"), or_lid_van(org, username="otto")
    lijst_url = f"{live_server.url}/personeel/jaarrapportages/"

    hl_pagina, or_pagina = _pagina(browser), _pagina(browser)
    _inloggen(hl_pagina, lijst_url, hl)
    hl_pagina.get_by_label("Organisatie").select_option(label="Woonstichting Browser")
    hl_pagina.get_by_label("Verslagjaar").fill("2025")
    hl_pagina.get_by_role("button", name="Aanmaken").click()
    hl_pagina.wait_for_url("**/jaarrapportages/*-*/")
    detail_url = hl_pagina.url
    hl_pagina.get_by_label("Gevoerd beleid in het afgelopen jaar").fill("Voorlichting op alle locaties.")
    hl_pagina.get_by_role("button", name="Teksten opslaan").click()
    # Art. 14.2 a and c are required before the OR sees the concept.
    hl_pagina.get_by_label("Beleid voor het komende jaar").fill("Een tweede vertrouwenspersoon.")
    hl_pagina.get_by_label("Ervaringen met het tegengaan van benadeling").fill("Geen meldingen van benadeling.")
    hl_pagina.get_by_role("button", name="Teksten opslaan").click()
    # Art. 14.3: the concept goes to the OR.
    hl_pagina.get_by_role("button", name="Concept naar de ondernemingsraad sturen").click()
    assert hl_pagina.locator("#rapportage-status").inner_text() == "Ter bespreking bij de ondernemingsraad"

    # Art. 14.4: an OR member records the OR's standpunt.
    _inloggen(or_pagina, lijst_url, lid)
    or_pagina.get_by_role("link", name="Woonstichting Browser").click()
    or_pagina.get_by_label("Datum van de overlegvergadering").fill(timezone.localdate().isoformat())
    or_pagina.get_by_label("Standpunt of reden").fill("De OR wil meer voorlichting aan uitzendkrachten.")
    or_pagina.get_by_role("button", name="Standpunt van de ondernemingsraad vastleggen").click()
    assert or_pagina.locator("#rapportage-status").inner_text() == "Standpunt ondernemingsraad ontvangen"

    # The HL processes it and puts the processing before the OR.
    hl_pagina.goto(detail_url)
    assert "meer voorlichting aan uitzendkrachten" in hl_pagina.content()
    hl_pagina.get_by_label("Verwerking van het standpunt van de ondernemingsraad").fill(
        "Voorlichting aan uitzendkrachten is opgenomen in het beleid voor 2026."
    )
    hl_pagina.get_by_role("button", name="Teksten opslaan").click()
    hl_pagina.get_by_role("button", name="Verwerking ter goedkeuring aan de ondernemingsraad voorleggen").click()

    # The OR approves the processing.
    or_pagina.goto(detail_url)
    or_pagina.get_by_role("button", name="Verwerking goedkeuren").click()
    assert or_pagina.locator("#rapportage-status").inner_text() == "Verwerking goedgekeurd door de ondernemingsraad"

    # The HL signs with a fresh code (the login code cannot be reused).
    hl_pagina.goto(detail_url)
    hl_pagina.get_by_role("link", name="Vaststellen en ondertekenen").click()
    hl_pagina.get_by_label("Code uit uw authenticator-app").fill(_code(hl, stappen_vooruit=1))
    hl_pagina.get_by_role("button", name="Ondertekenen").click()
    hl_pagina.wait_for_url(detail_url)
    assert hl_pagina.locator("#rapportage-status").inner_text() == "Vastgesteld"

    # The signed version's page polls its status (static JS) and offers the file.
    hl_pagina.get_by_role("link", name="Versie 3").click()
    hl_pagina.get_by_role("link", name="PDF downloaden").wait_for(state="visible")
    with hl_pagina.expect_download() as download:
        hl_pagina.get_by_role("link", name="PDF downloaden").click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF")
    tekst = " ".join(pdf_tekst(pdf).split())
    assert "Jaarrapportage klokkenluidersregeling 2025" in tekst
    assert "meer voorlichting aan uitzendkrachten" in tekst
    assert "opgenomen in het beleid voor 2026" in tekst
    assert hl_pagina.csp_fouten == []
    assert or_pagina.csp_fouten == []
