"""Triage in a real browser (issue 4): the external vertrouwenspersoon logs in with
the second factor, registers an oral report, records it in writing and puts it to
the melder; the melder approves it in the mailbox; the officer acknowledges and
forwards; the acknowledgement PDF in the mailbox holds the summary, the date of
receipt and the register number."""

import pytest

from kern.models import TOTPApparaat
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import Status
from meldingen.models import Functionaris, Melding
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from tests.e2e.conftest import medewerker_venster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMENVATTING = "Vermoeden van dubbel betaalde facturen aan een aannemer."


def _actie(page, naam, velden=None):
    page.get_by_role("link", name=naam).click()
    for label, waarde in (velden or {}).items():
        page.get_by_label(label).fill(waarde)
    page.get_by_role("button", name="Uitvoeren").click()
    page.wait_for_selector(".messagelist .success")


def test_vertrouwenspersoon_legt_mondelinge_melding_vast_melder_keurt_goed_bevestiging_in_box(
    browser, live_server, toegankelijkheid
):
    organisatie = OrganisatieFactory(naam="Woonstichting Triage", slug="triage", ontvanger_handelt_namens_hl=True)
    evp = GebruikerFactory(username="erik", first_name="Erik", last_name="Praag", rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    FunctionarisFactory(organisatie=organisatie, gebruiker=evp, functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON)
    FunctionarisFactory(
        organisatie=organisatie,
        gebruiker=GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE),
        functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE,
    )
    apparaat = TOTPApparaat.objects.create(user=evp, confirmed=True, name="telefoon")

    officier = medewerker_venster(browser, live_server.url, evp, apparaat)

    # The oral report, registered by the officer; the code goes to the melder on paper.
    officier.get_by_role("link", name="Mondelinge, telefonische of schriftelijke melding registreren").click()
    officier.get_by_label("Wat is er gebeurd?").fill("Facturen van een aannemer worden twee keer betaald.")
    officier.get_by_label("Telefonisch of spraakbericht").check()
    officier.get_by_label("Externe vertrouwenspersoon").check()
    officier.get_by_label("Ja, behandel dit als formele melding").check()
    officier.get_by_role("button", name="Melding versturen").click()
    code = officier.locator(".code").inner_text().strip()
    melding = Melding.objects.get(organisatie=organisatie)

    # The written record of the oral report, put to the melder (Art. 8.1).
    officier.goto(f"{live_server.url}/admin/meldingen/melding/{melding.pk}/change/")
    _actie(
        officier,
        "Mondelinge melding schriftelijk vastleggen en ter goedkeuring voorleggen (Art. 8.1–8.2)",
        {"Schriftelijke vastlegging": "De melder zag in maart twee betalingen voor dezelfde factuur."},
    )

    # The melder approves it in the mailbox.
    melder = browser.new_context(locale="nl-NL").new_page()
    melder.goto(f"{live_server.url}/melden/box/")
    melder.get_by_label("Uw ontvangstcode").fill(code)
    melder.get_by_role("button", name="Meldingsbox openen").click()
    assert melder.get_by_text("De melder zag in maart twee betalingen").is_visible()
    toegankelijkheid(melder, "mailbox with a record to approve")
    melder.get_by_label("Ik ga akkoord").check()
    melder.get_by_role("button", name="Antwoord versturen").click()
    melder.wait_for_load_state()
    assert melding.vastleggingen.get().status == VastleggingStatus.GOEDGEKEURD

    # The officer acknowledges (in the HL's name, as the organisation allows) and forwards.
    officier.reload()
    assert officier.get_by_text("Goedgekeurd").first.is_visible()
    _actie(
        officier,
        "Ontvangstbevestiging sturen (Art. 8.5)",
        {"Zakelijke beschrijving van de melding (Art. 8.5)": SAMENVATTING},
    )
    _actie(officier, "Doorsturen naar de hoogste leidinggevende of hoogste verantwoordelijke (Art. 8.3–8.4)")
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING

    # The acknowledgement appears in the mailbox; its PDF holds summary, date and number.
    melder.reload()
    link = melder.get_by_role("link", name="Download de brief ‘Ontvangstbevestiging van uw melding’ als PDF")
    pdf = melder.request.get(live_server.url + link.get_attribute("href")).body()
    tekst = pdf_tekst(pdf)
    assert SAMENVATTING in tekst
    assert melding.registernummer in tekst
    from django.utils import timezone
    from django.utils.formats import date_format

    assert date_format(timezone.localtime(melding.ontvangen_op), "j F Y") in tekst
