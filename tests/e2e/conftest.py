"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server. A missing browser is a failure, never a skip."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse
# to be called from it otherwise. Test-only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def toegankelijkheid():
    """Run axe-core (WCAG 2.1 A/AA) on the current page and fail on any violation.

    evaluate() is not subject to the page's Content-Security-Policy, unlike an
    injected <script> tag, so the strict CSP stays as it is in production.
    """
    bron = AXE.read_text(encoding="utf-8")

    def controleren(page, naam: str) -> None:
        page.evaluate(bron)
        resultaat = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: %s}})" % WCAG_TAGS  # noqa: UP031
        )
        fouten = [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']]}" for v in resultaat["violations"]]
        assert not fouten, f"axe on {naam}:\n" + "\n".join(fouten)

    return controleren


# --- Staff in the browser: shared by the journeys --------------------------------


def totp_code(apparaat) -> str:
    """The current TOTP code of a device. django-otp accepts each code once per
    device: the last used step is forgotten so one user can log in and sign
    within one time step (as onderzoek.tests.factories.Ondertekenaar does)."""
    from django_otp.oath import totp

    apparaat.refresh_from_db()
    apparaat.last_t = -1
    apparaat.save(update_fields=["last_t"])
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"


def medewerker_venster(browser, url: str, gebruiker, apparaat):
    """A staff member's own browser window, logged in with password and TOTP."""
    from kern.tests.factories import WACHTWOORD

    pagina = browser.new_context(locale="nl-NL").new_page()
    pagina.set_default_timeout(15_000)
    pagina.goto(f"{url}/personeel/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_url("**/tweede-factor/**")
    pagina.get_by_label("Code uit uw authenticator-app").fill(totp_code(apparaat))
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(f"{url}/admin/")
    return pagina


def actie_openen(pagina, url: str, melding, titel: str) -> None:
    pagina.goto(f"{url}/admin/meldingen/melding/{melding.pk}/change/")
    pagina.get_by_role("link", name=titel).click()


def actie_uitvoeren(pagina, url: str, melding) -> None:
    pagina.get_by_role("button", name="Uitvoeren").click()
    pagina.wait_for_url(f"{url}/admin/meldingen/melding/{melding.pk}/change/")
    assert pagina.get_by_text("Gedaan:").first.is_visible()
