"""Decisions and investigation in a real browser (issue 6): the HL decides to
investigate and signs with the second factor; an investigator records the
melder's hearing, which the melder approves in the mailbox; the melder comments
on the concept report; the HL signs the standpunt; the melder reads it in the
mailbox and reacts (Art. 9.1, 10.1, 10.5, 11.1, 12.1).

The case is set up with services; the steps named above go through the UI."""

import pytest

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import Kanaal, Status
from meldingen.models import Functionaris, Termijn
from meldingen.services.melder import Meldinginhoud, melding_indienen
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from onderzoek.constants import TERMIJN_WEDERHOOR_ANTWOORD, BesluitSoort, OnderzoekSoort, wederhooronderwerp
from onderzoek.models import Besluit, Rapport, Standpunt, Verhoor
from onderzoek.services import (
    kennisgeving_beoordelen,
    onderzoek_instellen,
    onderzoek_melder_informeren,
    onderzoeker_toewijzen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
)
from tests.e2e.conftest import actie_openen, actie_uitvoeren, medewerker_venster, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _verzoek(pagina, kop):
    return pagina.locator("article.verzoek", has=pagina.get_by_role("heading", name=kop))


def test_hl_besluit_onderzoek_verhoor_concept_standpunt_en_reactie(browser, page, live_server, toegankelijkheid):
    organisatie = OrganisatieFactory(slug="woonstichting-onderzoek", naam="Woonstichting Onderzoek")
    ontvanger = GebruikerFactory(username="vera", rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    FunctionarisFactory(organisatie=organisatie, gebruiker=ontvanger, functie=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    hl = GebruikerFactory(username="hanna", first_name="Hanna", last_name="Directeur", rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    hl_apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True, name="telefoon")
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE)
    onderzoeker = GebruikerFactory(username="olga", first_name="Olga", last_name="Onderzoek", rol=Rol.ONDERZOEKER)
    onderzoeker_apparaat = TOTPApparaat.objects.create(user=onderzoeker, confirmed=True, name="telefoon")

    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Facturen van leverancier X worden dubbel betaald."),
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        formeel=True,
    )
    melding = bewijs.melding
    melding_doorsturen(melding=melding, door=ontvanger)

    # 1. The HL decides to investigate and signs with a fresh code (Art. 9.1, ADR 0005).
    hl_pagina = medewerker_venster(browser, live_server.url, hl, hl_apparaat)
    actie_openen(hl_pagina, live_server.url, melding, "Besluiten over de melding (Art. 9.1–9.3)")
    hl_pagina.get_by_label("Onderzoek instellen").check()
    hl_pagina.get_by_label("Code uit uw authenticator-app (ondertekenen)").fill(totp_code(hl_apparaat))
    actie_uitvoeren(hl_pagina, live_server.url, melding)
    besluit = Besluit.objects.get(melding=melding)
    assert besluit.soort == BesluitSoort.ONDERZOEK
    assert besluit.ondertekening.ondertekenaar == hl
    melding.refresh_from_db()
    assert melding.status == Status.IN_ONDERZOEK

    onderzoek = onderzoek_instellen(
        melding=melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de betalingen aan leverancier X.",
        door=hl,
        totp_code=totp_code(hl_apparaat),
    )
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Geen banden met de afdeling inkoop.",
        verklaart_geen_betrokkenheid=True,
        door=hl,
    )
    # Art. 9.5: the melder hears who investigates (a precondition of the standpunt).
    onderzoek_melder_informeren(onderzoek=onderzoek, door=hl)

    # 2. The investigator records the melder's hearing (Art. 10.1).
    onderzoeker_pagina = medewerker_venster(browser, live_server.url, onderzoeker, onderzoeker_apparaat)
    actie_openen(onderzoeker_pagina, live_server.url, melding, "Verhoor van de melder vastleggen (Art. 10.1)")
    onderzoeker_pagina.get_by_label("Titel van het verslag").fill("Verhoor van de melder")
    onderzoeker_pagina.get_by_label("Verslag van het verhoor").fill("De melder zag twee betalingen voor één factuur.")
    actie_uitvoeren(onderzoeker_pagina, live_server.url, melding)

    # 3. The melder opens the mailbox and approves the record.
    page.goto(f"{live_server.url}/melden/box/")
    page.get_by_label("Uw ontvangstcode").fill(bewijs.code)
    page.get_by_role("button", name="Meldingsbox openen").click()
    page.get_by_role("heading", name="Uw meldingsbox").wait_for()
    assert page.get_by_role("heading", name="Besluit over uw melding").is_visible()
    verslag = _verzoek(page, "Verslag goedkeuren of verbeteren")
    assert verslag.get_by_text("De melder zag twee betalingen voor één factuur.").is_visible()
    toegankelijkheid(page, "mailbox with a record to approve")
    verslag.get_by_label("Ik ga akkoord", exact=True).check()
    verslag.get_by_role("button", name="Antwoord versturen").click()
    assert page.get_by_text("Uw antwoord is verstuurd.").is_visible()
    verhoor = Verhoor.objects.get(onderzoek=onderzoek)
    verhoor.vastlegging.refresh_from_db()
    assert verhoor.vastlegging.status == VastleggingStatus.GOEDGEKEURD
    assert page.get_by_role("heading", name="Afschrift van het verslag van uw verhoor").is_visible()

    # 4. The investigators put the concept to the melder, who comments (Art. 10.5).
    rapport = rapport_concept_opslaan(
        onderzoek=onderzoek, tekst="Concept: de betalingen zijn dubbel gedaan.", door=onderzoeker
    )
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    page.reload()
    concept = _verzoek(page, "Opmerkingen op het conceptrapport")
    concept.get_by_label("Toelichting").fill("Ook in 2025 is dit gebeurd.")
    toegankelijkheid(page, "mailbox with the concept report")
    concept.get_by_role("button", name="Antwoord versturen").click()
    assert page.get_by_text("Uw antwoord is verstuurd.").is_visible()
    rapport.refresh_from_db()
    assert rapport.commentaar_melder == "Ook in 2025 is dit gebeurd."
    rapport_vaststellen(rapport=Rapport.objects.get(pk=rapport.pk), door=onderzoeker)

    # Art. 11.3: after the investigation the HL assesses, signed, whether an
    # external authority is told (a precondition of the standpunt).
    kennisgeving_beoordelen(
        melding=melding, melden=False, motivering="Geen meldplicht.", door=hl, totp_code=totp_code(hl_apparaat)
    )

    # 5. The HL signs the standpunt (Art. 11.1).
    actie_openen(hl_pagina, live_server.url, melding, "Standpunt vaststellen en ondertekenen (Art. 11.1)")
    hl_pagina.get_by_label("Het vermoeden is bevestigd", exact=True).check()
    hl_pagina.get_by_label("Inhoudelijk standpunt").fill("De melding is gegrond.")
    hl_pagina.get_by_label("Stappen waartoe de melding heeft geleid of zal leiden").fill(
        "Het te veel betaalde wordt teruggevorderd."
    )
    hl_pagina.get_by_label("Code uit uw authenticator-app (ondertekenen)").fill(totp_code(hl_apparaat))
    actie_uitvoeren(hl_pagina, live_server.url, melding)
    assert Standpunt.objects.get(melding=melding).ondertekening.ondertekenaar == hl

    # 6. The melder reads the standpunt in the mailbox and reacts (Art. 12.1).
    page.reload()
    assert page.get_by_role("heading", name="Standpunt over uw melding").is_visible()
    assert page.get_by_text("Het te veel betaalde wordt teruggevorderd.").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de brief ‘Standpunt over uw melding’ als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    reactie = _verzoek(page, "Reactie op het standpunt")
    reactie.get_by_label("Ik ga niet akkoord of wil iets verbeteren").check()
    reactie.get_by_label("Toelichting").fill("De leverancier zelf is niet gehoord.")
    toegankelijkheid(page, "mailbox with the standpunt")
    reactie.get_by_role("button", name="Antwoord versturen").click()
    assert page.get_by_text("Uw antwoord is verstuurd.").is_visible()
    wederhoor = melding.wederhoren.get()
    assert wederhoor.reactie == "De leverancier zelf is niet gehoord."
    assert wederhoor.onderbouwd_bezwaar
    melding.refresh_from_db()
    assert melding.status == Status.WEDERHOOR
    # Art. 12.2: the reasoned reaction is owed a substantive answer, a term the sweep watches.
    assert (
        Termijn.objects.open()
        .filter(melding=melding, soort=TERMIJN_WEDERHOOR_ANTWOORD, onderwerp=wederhooronderwerp(wederhoor))
        .exists()
    )
    hl_pagina.context.close()
    onderzoeker_pagina.context.close()
