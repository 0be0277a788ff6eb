"""The melder's identity never appears where it should not (Art. 7.2; docs/vertrouwelijkheid.md).

A confidential report runs through the procedure (forwarded, acknowledged,
decided, investigated, messages, letters). Then every user who is not the
receiving officer — each role, assigned or not — visits every admin page, object
page, letter PDF and staff page they can reach; the melder's name, e-mail and
phone appear in none of them, nor in any e-mail or log line. The same for the
HL on a case routed to the hoogste verantwoordelijke.
"""

import logging

import pytest
from django.contrib import admin
from django.core import mail
from django.urls import reverse

from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Identiteitskeuze, Kanaal
from meldingen.models import Functionaris
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.melder import IdentiteitGegevens, Meldinginhoud, melding_indienen
from meldingen.services.meldingsbox import bericht_aan_melder, vastlegging_voorleggen
from meldingen.services.triage import contactpersoon_aanwijzen, melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.tests.test_toegang import _geverifieerd
from onderzoek.constants import BesluitSoort, OnderzoekSoort
from onderzoek.services import besluit_nemen, onderzoek_instellen, onderzoeker_toewijzen
from onderzoek.tests.factories import Ondertekenaar

pytestmark = pytest.mark.django_db

# A surname no test factory generates: the pages list staff by name, and a staff
# user who happened to share the melder's surname would read as a leak.
NAAM, EMAIL, TELEFOON = "Marieke Quistorp-Zonneveldt", "marieke.qz@voorbeeld.nl", "06-98765432"
GEHEIM = (NAAM, EMAIL, TELEFOON, "Quistorp", "98765432")


def _geen_identiteit(tekst: str, waar: str) -> None:
    for waarde in GEHEIM:
        assert waarde not in tekst, f"identity ({waarde}) leaked in {waar}"


def _inhoud(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_tekst(b"".join(response.streaming_content) if response.streaming else response.content)
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _bezoek_alles(client, wie: str) -> int:
    """Every admin list, add page, object page (all objects of all models) and the
    admin index, for the logged-in user. Returns how many pages were read."""
    gelezen = 0
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        for pk in model._default_manager.values_list("pk", flat=True):
            for patroon in model_admin.get_urls():
                naam = getattr(patroon, "name", None)
                if naam and "<path:object_id>" in str(patroon.pattern) and len(patroon.pattern.converters) == 1:
                    urls.append(reverse(f"admin:{naam}", args=[pk]))
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            _geen_identiteit(_inhoud(response), f"{url} as {wie}")
            gelezen += 1
    return gelezen


@pytest.fixture
def vertrouwelijk_geval(caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        geval = _indienen()
    return geval


def _indienen():
    organisatie = OrganisatieFactory(ontvanger_handelt_namens_hl=True)
    evp = FunctionarisFactory(
        organisatie=organisatie,
        functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON,
        gebruiker=GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON, email="evp@organisatie.test"),
    ).gebruiker
    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="De teamleider laat onveilig werken op de steigers."),
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        formeel=True,
        identiteitskeuze=Identiteitskeuze.VERTROUWELIJK,
        identiteit=IdentiteitGegevens(naam=NAAM, email=EMAIL, telefoon=TELEFOON, personeelsnummer="P-4711"),
        notificatie_email=EMAIL,
    )
    return organisatie, bewijs.melding, evp


def _procedure(organisatie, melding, evp, hl_rol=Rol.HOOGSTE_LEIDINGGEVENDE):
    functie = (
        Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
        if hl_rol == Rol.HOOGSTE_VERANTWOORDELIJKE
        else Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    leider = Ondertekenaar(melding, rol=hl_rol, toewijzen=False)
    FunctionarisFactory(organisatie=organisatie, functie=functie, gebruiker=leider.gebruiker)
    vastlegging_voorleggen(melding=melding, titel="Gesprek", tekst="Aanvullende toelichting op de melding.", door=evp)
    ontvangstbevestiging_sturen(melding=melding, samenvatting="Onveilig werken op steigers.", door=evp)
    melding_doorsturen(melding=melding, door=evp)
    bericht_aan_melder(melding=melding, tekst="Wij nemen contact op.", door=evp)
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    contactpersoon_aanwijzen(melding=melding, contactpersoon=contact, afgestemd_met_melder=True, door=leider.gebruiker)
    besluit_nemen(
        melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=leider.gebruiker, totp_code=leider.code()
    )
    onderzoek = onderzoek_instellen(
        melding=melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek.",
        door=leider.gebruiker,
        totp_code=leider.code(),
    )
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=leider.gebruiker,
    )
    return leider.gebruiker, contact, onderzoeker


def test_art_7_2_identiteit_nergens_zichtbaar_voor_niet_bevoegden(
    client, vertrouwelijk_geval, caplog, django_capture_on_commit_callbacks
):
    organisatie, melding, evp = vertrouwelijk_geval
    with django_capture_on_commit_callbacks(execute=True):
        hl, contact, onderzoeker = _procedure(organisatie, melding, evp)
    # The receiving officer does see it: the test would notice a broken fixture.
    _geverifieerd(client, evp)
    assert NAAM in client.get(reverse("admin:meldingen_melding_identiteit", args=[melding.pk])).content.decode()
    client.logout()

    niet_bevoegd = {
        "hoogste leidinggevende (toegewezen)": hl,
        "contactpersoon (toegewezen)": contact,
        "onderzoeker (toegewezen)": onderzoeker,
    }
    for rol in Rol:
        niet_bevoegd[f"{rol.value} (niet toegewezen)"] = GebruikerFactory(rol=rol)
    for wie, gebruiker in niet_bevoegd.items():
        _geverifieerd(client, gebruiker)
        assert client.get(reverse("admin:meldingen_melding_identiteit", args=[melding.pk])).status_code == 404
        assert _bezoek_alles(client, wie) > 0
        client.logout()

    # E-mails: to staff and to the melder's notification address, all content-free.
    assert mail.outbox, "the procedure should have sent notifications"
    for bericht in mail.outbox:
        body = bericht.subject + bericht.body + "".join(str(a[1]) for a in bericht.alternatives)
        _geen_identiteit(body.replace(EMAIL, "") if bericht.to == [EMAIL] else body, f"e-mail to {bericht.to}")
    _geen_identiteit(caplog.text, "the logs")


def test_art_8_4_hl_ziet_niets_van_melding_bij_rvc(client, vertrouwelijk_geval):
    organisatie, melding, evp = vertrouwelijk_geval
    melding.hl_betrokken = True
    melding.save(update_fields=["hl_betrokken"])
    _procedure(organisatie, melding, evp, hl_rol=Rol.HOOGSTE_VERANTWOORDELIJKE)
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE, gebruiker=hl)
    _geverifieerd(client, hl)
    for pad in ("change", "identiteit", "inzage"):
        assert client.get(reverse(f"admin:meldingen_melding_{pad}", args=[melding.pk])).status_code == 404
    _bezoek_alles(client, "HL bij RvC-melding")
    lijst = client.get(reverse("admin:meldingen_melding_changelist")).content.decode()
    assert melding.registernummer not in lijst
    index = client.get(reverse("admin:index")).content.decode()
    assert f"/melding/{melding.pk}/" not in index
