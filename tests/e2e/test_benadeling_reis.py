"""Retaliation through the mailbox in a real browser (issue 9 with issue 3): the melder
reports retaliation in the mailbox (Art. 6.2); the contactpersoon records it after
talking with the melder, on the case screen; the melder reads and approves that
record in the mailbox; the HL takes a measure and signs it with a fresh second
factor (Art. 6.3); the melder finds the copy in the mailbox. The melder, who
reported with an identity, is a protected person from the report on (Art. 5.1).

The case is set up with services; the steps named above go through the UI."""

import pytest

from benadeling.constants import BeschermdeRol
from benadeling.models import Benadelingsmelding, BeschermdPersoon, Maatregel
from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import Identiteitskeuze, Kanaal
from meldingen.models import Functionaris
from meldingen.services.melder import IdentiteitGegevens, Meldinginhoud, melding_indienen
from meldingen.services.triage import contactpersoon_aanwijzen, melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from tests.e2e.conftest import actie_openen, actie_uitvoeren, medewerker_venster, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_art_6_2_6_3_melder_meldt_benadeling_keurt_verslag_goed_en_ontvangt_afschrift_maatregel(
    browser, page, live_server, toegankelijkheid
):
    organisatie = OrganisatieFactory(slug="woonstichting-benadeling", naam="Woonstichting Benadeling")
    ontvanger = GebruikerFactory(username="vera", rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    FunctionarisFactory(organisatie=organisatie, gebruiker=ontvanger, functie=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    hl = GebruikerFactory(username="hanna", first_name="Hanna", last_name="Directeur", rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    hl_apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True, name="telefoon")
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE)
    contactpersoon = GebruikerFactory(username="cees", first_name="Cees", last_name="Contact", rol=Rol.CONTACTPERSOON)
    cp_apparaat = TOTPApparaat.objects.create(user=contactpersoon, confirmed=True, name="telefoon")

    # A confidential report with the melder's employee number (committed: the
    # melder becomes a protected person, Art. 5.1, 5.4).
    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Facturen van leverancier X worden dubbel betaald."),
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        formeel=True,
        identiteitskeuze=Identiteitskeuze.VERTROUWELIJK,
        identiteit=IdentiteitGegevens(naam="J. Jansen", personeelsnummer="P-4711", email="j.jansen@org.test"),
    )
    melding = bewijs.melding
    assert BeschermdPersoon.objects.get(melding=melding).rol == BeschermdeRol.MELDER
    melding_doorsturen(melding=melding, door=ontvanger)
    contactpersoon_aanwijzen(melding=melding, contactpersoon=contactpersoon, afgestemd_met_melder=True, door=hl)

    # 1. The melder reports retaliation in the mailbox (Art. 6.2).
    page.goto(f"{live_server.url}/melden/box/")
    page.get_by_label("Uw ontvangstcode").fill(bewijs.code)
    page.get_by_role("button", name="Meldingsbox openen").click()
    page.get_by_role("heading", name="Uw meldingsbox").wait_for()
    assert page.get_by_role("heading", name="Benadeling", exact=True).is_visible()
    toegankelijkheid(page, "mailbox with the retaliation section")
    page.get_by_role("link", name="Benadeling melden, onderzoek vragen").click()
    page.get_by_role("heading", name="Benadeling melden (Art. 6.2)").wait_for()
    toegankelijkheid(page, "the melder's retaliation page")
    page.get_by_role("button", name="Benadeling melden").click()
    page.get_by_role("heading", name="Er moet nog iets worden aangepast").wait_for()
    toegankelijkheid(page, "the melder's retaliation page with errors")
    page.get_by_label("Negeren van de melder (5.5 a)").check()
    page.get_by_label("Beschrijf de benadeling").fill("Sinds mijn melding word ik niet meer uitgenodigd.")
    page.get_by_role("button", name="Benadeling melden").click()
    assert page.get_by_text("Uw melding van benadeling is verstuurd.").is_visible()
    eigen = Benadelingsmelding.objects.get(melding=melding)
    assert eigen.doorgestuurd_op is not None
    assert page.get_by_role("heading", name="Afschrift van uw melding van benadeling").is_visible()

    # 2. The contactpersoon records what the melder told in their conversation.
    cp_pagina = medewerker_venster(browser, live_server.url, contactpersoon, cp_apparaat)
    actie_openen(cp_pagina, live_server.url, melding, "Benadeling vastleggen na gesprek met de melder (Art. 6.2)")
    cp_pagina.get_by_label("Onthouden van promotiekansen (5.2 k)").check()
    cp_pagina.get_by_label("Omschrijving").fill("De melder werd na de melding gepasseerd voor teamleider.")
    actie_uitvoeren(cp_pagina, live_server.url, melding)
    verslag = Benadelingsmelding.objects.get(melding=melding, opgesteld_door=contactpersoon)
    assert verslag.status == VastleggingStatus.TER_GOEDKEURING

    # 3. The melder reads the record in the mailbox and approves it.
    page.goto(f"{live_server.url}/melden/box/inhoud/")
    verzoek = page.locator("article.verzoek", has=page.get_by_role("heading", name="Verslag goedkeuren of verbeteren"))
    assert verzoek.get_by_text("De melder werd na de melding gepasseerd voor teamleider.").is_visible()
    toegankelijkheid(page, "mailbox with a retaliation record to approve")
    verzoek.get_by_label("Ik ga akkoord", exact=True).check()
    verzoek.get_by_role("button", name="Antwoord versturen").click()
    assert page.get_by_text("Uw antwoord is verstuurd.").is_visible()
    verslag.refresh_from_db()
    assert verslag.status == VastleggingStatus.GOEDGEKEURD
    assert verslag.doorgestuurd_op is not None

    # 4. The HL takes a measure and signs it with a fresh code (Art. 6.3).
    hl_pagina = medewerker_venster(browser, live_server.url, hl, hl_apparaat)
    actie_openen(
        hl_pagina, live_server.url, melding, "Maatregel tegen benadeling nemen en ondertekenen (Art. 6.3, 5.6)"
    )
    hl_pagina.get_by_label("Maatregel", exact=True).fill("Benoemingsprocedure teamleider wordt overgedaan.")
    hl_pagina.get_by_label("Wat de melder hierover hoort").fill("De benoeming tot teamleider wordt opnieuw gedaan.")
    hl_pagina.get_by_label("Code uit uw authenticator-app (ondertekenen)").fill(totp_code(hl_apparaat))
    actie_uitvoeren(hl_pagina, live_server.url, melding)
    maatregel = Maatregel.objects.get(melding=melding)
    assert maatregel.ondertekening.ondertekenaar == hl

    # 5. The melder finds the copy in the mailbox, without the HL's internal text.
    page.reload()
    assert page.get_by_role("heading", name="Maatregel tegen benadeling").first.is_visible()
    assert page.get_by_text("De benoeming tot teamleider wordt opnieuw gedaan.").first.is_visible()
    assert page.get_by_text("Benoemingsprocedure teamleider wordt overgedaan.").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de brief ‘Maatregel tegen benadeling’ als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    toegankelijkheid(page, "mailbox with the copy of the measure")
    cp_pagina.context.close()
    hl_pagina.context.close()
