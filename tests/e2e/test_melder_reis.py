"""The melder's journey in a real browser: report anonymously with a file, keep the
receipt code, open the mailbox and send a message, in Dutch and in English."""

import io
import re

import pytest
from PIL import Image

from meldingen.models import Bericht, Bijlage, Functionaris, Melding
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _foto(tmp_path):
    pad = tmp_path / "foto.jpg"
    exif = Image.Exif()
    exif[0x013B] = "Jan de Klokkenluider"
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 0)).save(buffer, format="JPEG", exif=exif.tobytes())
    pad.write_bytes(buffer.getvalue())
    return pad


def _reis(page, live_server, toegankelijkheid, tmp_path, *, engels: bool):
    organisatie = OrganisatieFactory(slug="woonstichting-e2e", naam="Woonstichting E2E")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON)
    page.goto(f"{live_server.url}/melden/{organisatie.slug}/")
    if engels:
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
    teksten = {
        "omschrijving": "What happened?" if engels else "Wat is er gebeurd?",
        "formeel": "Yes, treat this as a formal report" if engels else "Ja, behandel dit als formele melding",
        "versturen": "Send report" if engels else "Melding versturen",
        "naar_box": "To your mailbox" if engels else "Naar uw meldingsbox",
        "code": "Your receipt code" if engels else "Uw ontvangstcode",
        "openen": "Open mailbox" if engels else "Meldingsbox openen",
        "bericht": "Your message or additional information" if engels else "Uw bericht of aanvullende informatie",
        "sturen": "Send message" if engels else "Bericht versturen",
        "verstuurd": "Your message has been sent." if engels else "Uw bericht is verstuurd.",
    }

    # An empty submit shows the error summary, and the form is still accessible.
    page.get_by_role("button", name=teksten["versturen"]).click()
    assert page.locator("#foutoverzicht").is_visible()
    toegankelijkheid(page, "form with errors")

    page.get_by_label(teksten["omschrijving"]).fill("Er worden steigers zonder keuring gebruikt.")
    page.get_by_label(teksten["formeel"]).check()
    page.locator("#id_bijlagen").set_input_files(str(_foto(tmp_path)))
    toegankelijkheid(page, "report form")
    page.get_by_role("button", name=teksten["versturen"]).click()

    code = page.locator("#ontvangstcode").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}", code)
    toegankelijkheid(page, "receipt page")
    melding = Melding.objects.get(organisatie=organisatie)
    assert Bijlage.objects.get(melding=melding).metadata == "verwijderd"

    page.get_by_role("link", name=teksten["naar_box"]).click()
    page.get_by_label(teksten["code"]).fill(code.lower())
    page.get_by_role("button", name=teksten["openen"]).click()
    page.get_by_label(teksten["bericht"]).fill("Ik heb nog een tweede foto.")
    toegankelijkheid(page, "mailbox")
    page.get_by_role("button", name=teksten["sturen"]).click()
    assert page.get_by_text(teksten["verstuurd"]).is_visible()
    assert page.get_by_text("Ik heb nog een tweede foto.").is_visible()
    assert Bericht.objects.get(melding=melding).tekst == "Ik heb nog een tweede foto."
    # Only the session and CSRF cookies (plus the language choice when switched).
    namen = {c["name"] for c in page.context.cookies()}
    assert namen <= {"sessionid", "csrftoken", "django_language"}


def test_melder_meldt_anoniem_met_bestand_en_opent_meldingsbox(page, live_server, toegankelijkheid, tmp_path):
    _reis(page, live_server, toegankelijkheid, tmp_path, engels=False)


def test_melder_doet_hetzelfde_in_het_engels(page, live_server, toegankelijkheid, tmp_path):
    _reis(page, live_server, toegankelijkheid, tmp_path, engels=True)
