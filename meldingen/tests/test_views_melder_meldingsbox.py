"""The melder's mailbox: opened with the receipt code, messages both ways,
attachments only for that melder and assigned staff, requests answered; a code
on paper from the functionaris who registered the report; wrong codes slowed
down (issue 3)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from kern.models import AuditRegel
from kern.tests.factories import GebruikerFactory
from meldingen.models import Bericht, Bijlage, Functionaris, Melding, Meldingsbox
from meldingen.services.meldingsbox import bericht_aan_melder, meldingsbox_aanmaken, vastlegging_voorleggen
from meldingen.services.register import toewijzing_verlenen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, ontvanger_van
from meldingen.tests.melderpaginas import geldig, indienen_en_code, organisatie_met_vertrouwenspersoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisatie():
    return organisatie_met_vertrouwenspersoon()


def test_meldingsbox_openen_bericht_sturen_en_sluiten(client, organisatie):
    code = indienen_en_code(client, organisatie)
    assert client.get(reverse("meldingen:box")).status_code == 302  # not opened yet
    foute = client.post(reverse("meldingen:box_openen"), {"code": "AAAA-BBBB-CCCC"})
    assert "Deze code klopt niet" in foute.content.decode()
    client.post(reverse("meldingen:box_openen"), {"code": code})
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "Uw melding is ontvangen en geregistreerd." in html
    antwoord = client.post(reverse("meldingen:box_bericht"), {"tekst": "Ik heb nog een foto."})
    assert antwoord.status_code == 302
    assert "messages" not in antwoord.cookies  # flash messages live in the session
    assert Bericht.objects.get().tekst == "Ik heb nog een foto."
    leeg = client.post(reverse("meldingen:box_bericht"), {"tekst": "  "})
    assert leeg.status_code == 400
    client.post(reverse("meldingen:box_sluiten"))
    assert client.get(reverse("meldingen:box")).status_code == 302


def test_bijlage_alleen_voor_melder_van_die_box(client, organisatie):
    uitvoer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(uitvoer, format="PNG")
    bestand = SimpleUploadedFile("foto.png", uitvoer.getvalue(), content_type="image/png")
    code = indienen_en_code(client, organisatie, bijlagen=bestand)
    bijlage = Bijlage.objects.get()
    url = reverse("meldingen:box_bijlage", kwargs={"uuid": bijlage.uuid})
    assert client.get(url).status_code == 404
    client.post(reverse("meldingen:box_openen"), {"code": code})
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"\x89PNG")
    assert AuditRegel.objects.filter(object_uuid=str(bijlage.uuid), actie="gedownload", actor_soort="melder").exists()
    # Another melder's mailbox does not reach it.
    andere = meldingsbox_aanmaken(melding=MeldingFactory())
    client.post(reverse("meldingen:box_openen"), {"code": andere.code})
    assert client.get(url).status_code == 404


def test_bijlage_voor_personeel_alleen_indien_toegewezen(client, organisatie, settings):
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    uitvoer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(uitvoer, format="PNG")
    indienen_en_code(client, organisatie, bijlagen=SimpleUploadedFile("f.png", uitvoer.getvalue()))
    bijlage = Bijlage.objects.get()
    url = reverse("meldingen:personeel_bijlage", kwargs={"uuid": bijlage.uuid})
    medewerker = GebruikerFactory()
    client.force_login(medewerker)
    assert client.get(url).status_code == 404
    toewijzing_verlenen(melding=bijlage.melding, gebruiker=medewerker, rol="behandelaar", door=None)
    assert client.get(url).status_code == 200
    assert AuditRegel.objects.filter(object_uuid=str(bijlage.uuid), actie="gedownload", actor=medewerker).exists()


def test_bericht_aan_melder_zichtbaar_in_box(client, organisatie):
    code = indienen_en_code(client, organisatie)
    box = Meldingsbox.objects.get()
    bericht_aan_melder(melding=box.melding, tekst="Kunt u de datum noemen?", door=ontvanger_van(box.melding))
    client.post(reverse("meldingen:box_openen"), {"code": code})
    assert "Kunt u de datum noemen?" in client.get(reverse("meldingen:box")).content.decode()


def test_verzoek_beantwoorden_via_meldingsbox(client, organisatie):

    code = indienen_en_code(client, organisatie)
    melding = Melding.objects.get()
    vastlegging = vastlegging_voorleggen(
        melding=melding, titel="Verslag gesprek", tekst="U vertelde over de steigers.", door=ontvanger_van(melding)
    )
    verzoek = melding.verzoeken.get()
    client.post(reverse("meldingen:box_openen"), {"code": code})
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "U vertelde over de steigers." in html
    url = reverse("meldingen:box_verzoek", kwargs={"uuid": verzoek.uuid})
    fout = client.post(url, {f"{verzoek.uuid}-akkoord": "nee", f"{verzoek.uuid}-antwoord": ""})
    assert fout.status_code == 400
    assert "Schrijf wat er anders moet." in fout.content.decode()
    client.post(url, {f"{verzoek.uuid}-akkoord": "ja"})
    vastlegging.refresh_from_db()
    assert vastlegging.is_definitief


def test_art_3_4_functionaris_registreert_en_drukt_code_af(client, organisatie, settings):

    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    client.force_login(vp)
    url = reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug})
    assert client.get(url).status_code == 200
    geheim = "Telefonisch gemeld: steigers zonder keuring bij Jansen."
    vandaag = timezone.localdate().isoformat()
    antwoord = client.post(url, geldig(omschrijving=geheim, wijze="telefonisch", ontvangen_op=vandaag))
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    papier = client.get(antwoord["Location"])
    html = papier.content.decode()
    code = papier.context["code"]
    assert code in html
    assert "/melden/box/" in html
    # Nothing of the content or the register number on the paper.
    melding = Melding.objects.get()
    assert "Jansen" not in html
    assert melding.registernummer not in html
    assert melding.wijze == "telefonisch"
    # The code opens the mailbox.
    client.logout()
    client.post(reverse("meldingen:box_openen"), {"code": code})
    assert client.get(reverse("meldingen:box")).status_code == 200


def test_nieuwe_code_op_papier_alleen_door_ontvangende_functionaris(client, organisatie, settings):

    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    oude_code = indienen_en_code(client, organisatie)
    melding = Melding.objects.get()
    url = reverse("meldingen:personeel_nieuwe_code", kwargs={"uuid": melding.uuid})
    # A user assigned in another capacity may not hand out a code.
    onderzoeker = GebruikerFactory()
    toewijzing_verlenen(melding=melding, gebruiker=onderzoeker, rol="onderzoeker", door=vp)
    client.force_login(onderzoeker)
    assert client.post(url).status_code == 404
    client.force_login(vp)
    antwoord = client.post(url)
    nieuwe_code = client.get(antwoord["Location"]).context["code"]
    assert nieuwe_code != oude_code
    client.logout()
    client.post(reverse("meldingen:box_openen"), {"code": oude_code})
    assert client.get(reverse("meldingen:box")).status_code == 302
    client.post(reverse("meldingen:box_openen"), {"code": nieuwe_code})
    assert client.get(reverse("meldingen:box")).status_code == 200


def test_onjuiste_codes_in_formulier_vertraagd_met_duidelijke_melding(client, organisatie):
    code = indienen_en_code(client, organisatie)
    fout = code[:9] + "0000-0000-0000-0000-0000-0000"
    for _ in range(5):
        assert "Deze code klopt niet" in client.post(reverse("meldingen:box_openen"), {"code": fout}).content.decode()
    html = client.post(reverse("meldingen:box_openen"), {"code": code}).content.decode()
    assert "Wacht" in html
    assert "seconden" in html


def test_te_veel_foute_codes_geeft_429_met_retry_after_direct(client):
    # docs/hostile-input.md: "wait N seconds" is the answer, given at once.
    from meldingen.models import MislukteCodepoging
    from meldingen.services import ontvangstcode

    MislukteCodepoging.objects.bulk_create(
        [MislukteCodepoging(kenmerk=f"K{i:07d}") for i in range(ontvangstcode.GLOBALE_DREMPEL + 40)]
    )
    antwoord = client.post(reverse("meldingen:box_openen"), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert antwoord.status_code == 429
    seconden = int(antwoord["Retry-After"])
    assert 0 < seconden <= ontvangstcode.GLOBALE_MAX_WACHTTIJD
    html = antwoord.content.decode()
    assert f"Wacht {seconden} seconde" in html
    assert "Uw code is niet geblokkeerd" in html
    assert 'name="wachtbewijs"' in html
    engels = client.post(reverse("meldingen:box_openen"), {"code": "AAAA-BBBB-CCCC-DDDD"}, HTTP_ACCEPT_LANGUAGE="en")
    assert engels.status_code == 429
    assert "Please wait" in engels.content.decode()
