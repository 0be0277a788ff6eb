"""The HL decides and signs on the case screen; investigators see only their own."""

import re

import pytest
from django.urls import reverse

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status, VerzoekSoort
from meldingen.tests.test_toegang import _geverifieerd
from onderzoek.constants import BesluitSoort, OnderzoekSoort
from onderzoek.models import Besluit
from onderzoek.services import besluit_nemen, onderzoek_instellen, onderzoek_melder_informeren, onderzoeker_toewijzen
from onderzoek.tests.factories import melding_met_hl

pytestmark = pytest.mark.django_db


def _inloggen_met_apparaat(client, ondertekenaar):
    client.force_login(ondertekenaar.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = ondertekenaar.apparaat.persistent_id
    sessie.save()


def test_art_9_1_hl_besluit_op_het_triagescherm_met_verse_code(client):
    melding, hl = melding_met_hl()
    _inloggen_met_apparaat(client, hl)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    url = reverse("admin:meldingen_melding_besluit", args=[melding.pk])
    assert url in scherm
    fout = client.post(url, {"soort": BesluitSoort.GEEN_MISSTAND, "motivering": "", "totp_code": hl.code()})
    assert fout.status_code == 200
    assert "Art. 9.2" in fout.content.decode()
    assert not Besluit.objects.exists()
    verkeerde_code = client.post(url, {"soort": BesluitSoort.ONDERZOEK, "motivering": "", "totp_code": "000000"})
    assert "klopt niet" in verkeerde_code.content.decode()
    goed = client.post(url, {"soort": BesluitSoort.ONDERZOEK, "motivering": "", "totp_code": hl.code()})
    assert goed.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Status.IN_ONDERZOEK


def test_onderzoeker_ziet_alleen_eigen_onderzoek_in_admin(client):
    melding, hl = melding_met_hl()
    besluit_nemen(melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code())
    onderzoek = onderzoek_instellen(
        melding=melding, soort=OnderzoekSoort.ORIENTEREND, opdracht="Verken.", door=hl.gebruiker, totp_code=hl.code()
    )
    eigen, ander = GebruikerFactory(rol=Rol.ONDERZOEKER), GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=eigen,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    _geverifieerd(client, eigen)
    assert client.get(reverse("admin:onderzoek_onderzoek_change", args=[onderzoek.pk])).status_code == 200
    client.logout()
    _geverifieerd(client, ander)
    assert client.get(reverse("admin:onderzoek_onderzoek_change", args=[onderzoek.pk])).status_code == 404
    assert "Verken" not in client.get(reverse("admin:onderzoek_onderzoek_changelist")).content.decode()


def test_art_10_onderzoeker_werkt_op_het_zaakscherm_van_het_eigen_onderzoek(client):

    melding, hl = melding_met_hl()
    besluit_nemen(melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code())
    onderzoek = onderzoek_instellen(
        melding=melding, soort=OnderzoekSoort.ORIENTEREND, opdracht="Verken.", door=hl.gebruiker, totp_code=hl.code()
    )
    eigen, ander = GebruikerFactory(rol=Rol.ONDERZOEKER), GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=eigen,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    # Art. 9.5: the investigators work once the melder knows who they are.
    onderzoek_melder_informeren(onderzoek=onderzoek, door=hl.gebruiker)
    url = reverse("admin:meldingen_melding_verhoor_melder", args=[melding.pk])
    _geverifieerd(client, eigen)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert url in scherm
    # The HL's decisions are not offered to the investigator.
    assert reverse("admin:meldingen_melding_standpunt", args=[melding.pk]) not in scherm
    antwoord = client.post(url, {"onderzoek": onderzoek.pk, "titel": "Verhoor", "tekst": "De melder vertelt."})
    assert antwoord.status_code == 302
    assert melding.verzoeken.filter(soort=VerzoekSoort.VASTLEGGING_GOEDKEUREN).exists()
    # The investigation's own screen lists the hearing (and whether its record is final).
    eigen_scherm = client.get(reverse("admin:onderzoek_onderzoek_change", args=[onderzoek.pk])).content.decode()
    assert "De melder (Art. 10.1)" in eigen_scherm
    client.logout()
    # Another investigator does not even learn that the case exists.
    _geverifieerd(client, ander)
    assert client.get(url).status_code == 404
    assert client.post(url, {"onderzoek": onderzoek.pk, "titel": "x", "tekst": "y"}).status_code == 404


def test_art_9_5_hl_informeert_de_melder_op_het_zaakscherm(client):
    melding, hl = melding_met_hl()
    besluit_nemen(melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code())
    onderzoek = onderzoek_instellen(
        melding=melding, soort=OnderzoekSoort.ORIENTEREND, opdracht="Verken.", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        externe_naam="Bureau Integriteit B.V.",
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    _inloggen_met_apparaat(client, hl)
    scherm = reverse("admin:meldingen_melding_change", args=[melding.pk])
    url = reverse("admin:meldingen_melding_melder_informeren", args=[melding.pk])
    # Every action the HL is offered opens.
    basis = scherm.removesuffix("change/")
    acties = [
        p
        for p in re.findall(r'class="button" href="([^"]+)"', client.get(scherm).content.decode())
        if p.startswith(basis)
    ]
    assert url in acties
    assert len(acties) >= 5
    for pad in acties:
        assert client.get(pad).status_code == 200, pad
    assert client.post(url, {"onderzoek": onderzoek.pk}).status_code == 302
    assert melding.brieven.filter(soort="onderzoek_ingesteld").exists()
    assert url not in client.get(scherm).content.decode()
