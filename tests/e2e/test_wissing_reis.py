"""AVG art. 17 in a real browser: the melder reads what erasing the identity means,
confirms, and sees the request waiting; the receiving officer erases it from the
case screen; the melder reads the answer. The melder's pages pass axe (WCAG 2.1 AA)."""

import pytest

from kern.models import TOTPApparaat
from meldingen.models import MelderIdentiteit
from meldingen.services.melder import IdentiteitGegevens, melder_identiteit_vastleggen
from onderzoek.tests.factories import Zaak
from tests.e2e.conftest import actie_openen, medewerker_venster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIE = "Identiteit van de melder wissen op verzoek van de melder (AVG art. 17)"


def test_avg_17_melder_vraagt_wissing_en_ontvanger_wist_in_de_browser(browser, live_server, toegankelijkheid):
    zaak = Zaak()
    melder_identiteit_vastleggen(
        melding=zaak.melding, gegevens=IdentiteitGegevens(naam="Wendelien Oudkerk", email="w@voorbeeld.nl"), door=None
    )
    url = live_server.url
    melder = browser.new_context(locale="nl-NL").new_page()
    melder.set_default_timeout(15_000)
    melder.goto(f"{url}/melden/box/")
    melder.get_by_label("Uw ontvangstcode").fill(zaak.code)
    melder.get_by_role("button", name="Meldingsbox openen").click()
    melder.get_by_role("link", name="Lees wat wissen betekent en vraag erom").click()
    # First what it means, then the confirmation.
    assert melder.get_by_text("Daarna bent u voor deze melding anoniem").first.is_visible()
    toegankelijkheid(melder, "the page to ask for erasure")
    melder.get_by_role("button", name="Vraag om mijn identiteit te wissen").click()
    assert melder.get_by_text("Bevestig dat u uw identiteit wilt laten wissen.").first.is_visible()
    toegankelijkheid(melder, "the page to ask for erasure, with an error")
    melder.get_by_label("Ik heb gelezen wat wissen betekent en vraag om mijn identiteit te wissen.").check()
    melder.get_by_role("button", name="Vraag om mijn identiteit te wissen").click()
    melder.wait_for_load_state()
    assert melder.get_by_text("Uw verzoek om uw identiteit te wissen is verstuurd.").first.is_visible()
    assert melder.get_by_text("U vroeg op").first.is_visible()
    toegankelijkheid(melder, "the mailbox with the request waiting")

    apparaat = TOTPApparaat.objects.create(user=zaak.ontvanger, confirmed=True, name="telefoon")
    officier = medewerker_venster(browser, url, zaak.ontvanger, apparaat)
    actie_openen(officier, url, zaak.melding, ACTIE)
    officier.get_by_label("Ik wis de identiteit van de melder. Dit kan niet ongedaan worden gemaakt.").check()
    officier.get_by_role("button", name="Uitvoeren").click()
    officier.wait_for_selector(".messagelist .success")
    assert not MelderIdentiteit.objects.filter(melding=zaak.melding).exists()
    officier.context.close()

    melder.reload()
    assert melder.get_by_text("Uitgevoerd: identiteit gewist").first.is_visible()
    assert melder.get_by_role("link", name="Uw verzoek om uw identiteit te wissen").count() == 1
    toegankelijkheid(melder, "the mailbox with the answer")
