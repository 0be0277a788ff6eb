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
