"""The front door in a real browser (issue 16): the landing page leads to the
form, the identity fields appear only for a confidential or open report, the
receipt code opens the mailbox through the link on every melder page; in Dutch
and in English, accessible (axe), within the strict Content-Security-Policy,
and without JavaScript the form still works and the server keeps its error."""

import re

import pytest

from meldingen.models import MelderIdentiteit, Melding
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEKSTEN = {
    False: {
        "melden_bij": "Melden bij Waterschap Voordeur",
        "inloggen": "Inloggen als medewerker",
        "vertrouwelijk": "Vertrouwelijk: alleen de ontvanger van mijn melding weet wie ik ben",
        "anoniem": "Anoniem: niemand weet wie ik ben",
        "omschrijving": "Wat is er gebeurd?",
        "formeel": "Ja, behandel dit als formele melding",
        "versturen": "Melding versturen",
        "box": "Uw meldingsbox",
        "code": "Uw ontvangstcode",
        "openen": "Meldingsbox openen",
    },
    True: {
        "melden_bij": "Report to Waterschap Voordeur",
        "inloggen": "Log in as staff",
        "vertrouwelijk": "Confidential: only the person who receives my report knows who I am",
        "anoniem": "Anonymous: nobody knows who I am",
        "omschrijving": "What happened?",
        "formeel": "Yes, treat this as a formal report",
        "versturen": "Send report",
        "box": "Your mailbox",
        "code": "Your receipt code",
        "openen": "Open mailbox",
    },
}


@pytest.fixture
def organisatie(settings):
    settings.MELDPUNT_ORGANISATIES_OP_VOORPAGINA = True
    organisatie = OrganisatieFactory(slug="waterschap-voordeur", naam="Waterschap Voordeur")
    FunctionarisFactory(organisatie=organisatie, functie="externe_vertrouwenspersoon")
    return organisatie


def _csp_schendingen(page) -> list[str]:
    schendingen: list[str] = []
    page.on(
        "console",
        lambda bericht: schendingen.append(bericht.text) if "Content Security Policy" in bericht.text else None,
    )
    return schendingen


@pytest.mark.parametrize("engels", [False, True], ids=["nl", "en"])
def test_voordeur_formulier_meldingsbox(page, live_server, toegankelijkheid, organisatie, engels):
    t = TEKSTEN[engels]
    schendingen = _csp_schendingen(page)
    page.goto(f"{live_server.url}/")
    if engels:
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert page.get_by_role("link", name=t["inloggen"]).get_attribute("href") == "/personeel/inloggen/"
    toegankelijkheid(page, "front door")
    page.get_by_role("link", name=t["melden_bij"]).click()

    # Anonymous by default: the identity fields are hidden and not sent.
    naam = page.locator("#id_naam")
    assert not naam.is_visible()
    page.get_by_label(t["vertrouwelijk"]).check()
    assert naam.is_visible()
    naam.fill("Ingrid Voordeur")
    page.get_by_label(t["anoniem"]).check()
    assert not naam.is_visible()
    page.get_by_label(t["vertrouwelijk"]).check()
    toegankelijkheid(page, "form with identity fields")
    page.get_by_label(t["omschrijving"]).fill("De dijkinspectie wordt op papier afgetekend maar niet uitgevoerd.")
    page.get_by_label(t["formeel"]).check()
    page.get_by_role("button", name=t["versturen"]).click()

    code = page.locator("#ontvangstcode").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}", code)
    melding = Melding.objects.get(organisatie=organisatie)
    assert MelderIdentiteit.objects.get(melding=melding).naam == "Ingrid Voordeur"

    # The mailbox link in the navigation of every melder page.
    page.get_by_role("navigation").get_by_role("link", name=t["box"]).click()
    page.get_by_label(t["code"]).fill(code)
    page.get_by_role("button", name=t["openen"]).click()
    assert melding.registernummer in page.content()
    toegankelijkheid(page, "mailbox")
    assert page.get_by_role("navigation").get_by_role("link", name=t["box"]).is_visible()
    assert not schendingen, schendingen


def test_zonder_javascript_alle_velden_en_de_fout_van_de_server(browser, live_server, organisatie):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        page.get_by_role("link", name=TEKSTEN[False]["melden_bij"]).click()
        t = TEKSTEN[False]
        # Everything is shown; "anonymous" with a name is refused with a clear error.
        page.locator("#id_naam").fill("Ingrid Voordeur")
        page.get_by_label(t["omschrijving"]).fill("De dijkinspectie wordt niet uitgevoerd.")
        page.get_by_label(t["formeel"]).check()
        page.get_by_role("button", name=t["versturen"]).click()
        assert page.locator("#foutoverzicht").is_visible()
        assert "U koos voor anoniem melden, maar vulde ook gegevens over uzelf in" in page.content()
        assert not Melding.objects.filter(organisatie=organisatie).exists()
    finally:
        context.close()


def test_voordeur_zonder_lijst_van_organisaties(client, settings):
    settings.MELDPUNT_ORGANISATIES_OP_VOORPAGINA = False
    organisatie = OrganisatieFactory(naam="Geheime Klant BV")
    FunctionarisFactory(organisatie=organisatie, functie="externe_vertrouwenspersoon")
    antwoord = client.get("/")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Geheime Klant BV" not in inhoud
    assert "/melden/box/" in inhoud
    assert "/personeel/inloggen/" in inhoud


def test_verkeerd_adres_geeft_een_toegankelijke_foutpagina_met_de_weg_terug(page, live_server, toegankelijkheid):
    """A melder who mistypes the form's address lands on Meldpunt's own 404 page
    (not Django's bare English one): accessible, switchable to English, and its
    link leads to the mailbox."""
    schendingen = _csp_schendingen(page)
    antwoord = page.goto(f"{live_server.url}/melden/organisatie-met-een-typfout/")
    assert antwoord.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Deze pagina is er niet"
    toegankelijkheid(page, "404")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "This page does not exist"
    toegankelijkheid(page, "404 (en)")
    page.get_by_role("link", name="To your mailbox (with your receipt code)").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/melden/box/"
    assert not schendingen, schendingen


def test_tweede_klik_op_versturen_gaat_niet_de_deur_uit(page, live_server, organisatie):
    """A second click on "send" while the first submission was on its way posted
    the form again: two reports, and the melder saw only the second receipt code.
    Now the first submission marks the form as sending (button text and
    aria-disabled), and every later one is cancelled in the browser.

    A listener added after the page's own sees each submission after Meldpunt's
    script did: it counts the ones that would go out and then holds them in the
    page, so the second click lands while the first is "on its way"."""
    t = TEKSTEN[False]
    page.goto(f"{live_server.url}/melden/{organisatie.slug}/")
    page.get_by_label(t["omschrijving"]).fill("De pompen van het gemaal worden niet onderhouden.")
    page.get_by_label(t["formeel"]).check()
    page.evaluate(
        """() => {
        window.uitgaand = 0;
        document.querySelector("form[data-eenmalig]").addEventListener("submit", (g) => {
            if (!g.defaultPrevented) { window.uitgaand += 1; }
            g.preventDefault();
        });
    }"""
    )
    page.get_by_role("button", name=t["versturen"]).click()
    verzendknop = page.locator("form[data-eenmalig] button[type=submit]")
    assert verzendknop.inner_text() == "Bezig met versturen…"
    assert verzendknop.get_attribute("aria-disabled") == "true"
    # force: Playwright waits for an aria-disabled button; a person just clicks it.
    verzendknop.click(force=True)
    verzendknop.click(force=True)
    assert page.evaluate("() => window.uitgaand") == 1
    assert not Melding.objects.filter(organisatie=organisatie).exists()
