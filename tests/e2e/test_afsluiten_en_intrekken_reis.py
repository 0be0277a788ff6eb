"""Issue 14 in a real browser: a report decided "geen onderzoek" is closed by the
receiving officer once the refusal letter reached the melder and the reaction
period passed (docs/rollen.md), and leaves the open lists; the melder of another
report withdraws it from the mailbox, told what happens next."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from kern.models import TOTPApparaat
from meldingen.constants import Status
from meldingen.models import Termijn
from onderzoek.constants import BesluitSoort
from onderzoek.services import besluit_nemen
from onderzoek.tests.factories import Zaak, ontvangst_en_contactpersoon
from tests.e2e.conftest import medewerker_venster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIE = "Melding afsluiten: geen onderzoek of doorverwezen (Art. 9.2–9.3)"


def _open_lijst(pagina):
    return pagina.locator("section.dashboard-paneel", has_text="Mijn open meldingen")


def test_geen_onderzoek_afgesloten_verdwijnt_uit_open_lijsten(browser, live_server):
    zaak = Zaak()
    besluit_nemen(
        melding=zaak.melding,
        soort=BesluitSoort.GEEN_REDELIJKE_GRONDEN,
        motivering="Er zijn geen redelijke gronden.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    # Art. 8.5-8.6: acknowledged and a contactpersoon appointed, or the case does not close.
    ontvangst_en_contactpersoon(zaak.melding, zaak.hl)
    apparaat = TOTPApparaat.objects.create(user=zaak.ontvanger, confirmed=True, name="telefoon")
    nummer = zaak.melding.registernummer
    url = live_server.url

    # Within the reaction period the step is not offered (the table's precondition).
    officier = medewerker_venster(browser, url, zaak.ontvanger, apparaat)
    assert _open_lijst(officier).get_by_text(nummer).count() == 1
    officier.goto(f"{url}/admin/meldingen/melding/{zaak.melding.pk}/change/")
    assert officier.get_by_role("link", name=ACTIE).count() == 0
    officier.context.close()

    with time_machine.travel(timezone.now() + timedelta(days=16), tick=True):
        officier = medewerker_venster(browser, url, zaak.ontvanger, apparaat)
        officier.goto(f"{url}/admin/meldingen/melding/{zaak.melding.pk}/change/")
        officier.get_by_role("link", name=ACTIE).click()
        officier.get_by_label("Reden").fill("Besluit verzonden; de melder heeft niet gereageerd.")
        officier.get_by_role("button", name="Uitvoeren").click()
        officier.wait_for_selector(".messagelist .success")
        zaak.melding.refresh_from_db()
        assert zaak.melding.status == Status.AFGESLOTEN
        officier.goto(f"{url}/admin/")
        assert _open_lijst(officier).get_by_text(nummer).count() == 0
        officier.context.close()


def test_melder_trekt_melding_in_vanuit_de_meldingsbox(browser, live_server):
    zaak = Zaak()
    melder = browser.new_context(locale="nl-NL").new_page()
    melder.goto(f"{live_server.url}/melden/box/")
    melder.get_by_label("Uw ontvangstcode").fill(zaak.code)
    melder.get_by_role("button", name="Meldingsbox openen").click()
    # What happens next is explained before the choice (docs/rollen.md): what ends
    # and what goes on (Art. 5, 6.3, 13.1, 13.2).
    assert melder.get_by_text("de termijnen daarvoor vervallen").first.is_visible()
    assert melder.get_by_text("Loopt dat onderzoek al, dan gaat het door").first.is_visible()
    melder.get_by_role("button", name="Melding intrekken").click()
    # Without confirming nothing happens.
    assert melder.get_by_text("Bevestig dat u uw melding wilt intrekken.").first.is_visible()
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.IN_BEHANDELING
    melder.get_by_label("Waarom trekt u uw melding in? (niet verplicht)").fill("Het is opgelost.")
    melder.get_by_label("Ik heb gelezen wat intrekken betekent en trek mijn melding in.").check()
    melder.get_by_role("button", name="Melding intrekken").click()
    melder.wait_for_load_state()
    assert melder.get_by_text("Uw melding is ingetrokken.").first.is_visible()
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.INGETROKKEN
    # The register keeps the case; every term is void with reason "ingetrokken".
    assert not Termijn.objects.open().filter(melding=zaak.melding).exists()
    assert Termijn.objects.filter(melding=zaak.melding, vervallen_reden="ingetrokken").exists()
    # The offer is gone once withdrawn.
    assert melder.get_by_role("button", name="Melding intrekken").count() == 0
