"""The melder's pages: bad input, escaping, no identity leaks, mailbox access (issue 3)."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from kern.models import AuditRegel
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal
from meldingen.models import Bericht, Bijlage, Functionaris, Melding, Meldingsbox
from meldingen.services.meldingsbox import bericht_aan_melder, meldingsbox_aanmaken, vastlegging_voorleggen
from meldingen.services.register import toewijzing_verlenen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory, ontvanger_van
from meldingen.views.melden import ONTVANGST_COOKIE, ONTVANGST_COOKIE_SECONDEN

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEKSTVELDEN = (
    "omschrijving",
    "wanneer",
    "waar",
    "betrokkenen",
    "eerdere_meldingen",
    "relatie_toelichting",
    "naam",
    "telefoon",
    "postadres",
    "personeelsnummer",
    "afdeling",
)


def _geldig(**extra):
    data = {
        "omschrijving": "Steigers worden zonder keuring gebruikt.",
        "hl_betrokken": "nee",
        "categorie": "veiligheid",
        "kanaal": Kanaal.VERTROUWENSPERSOON,
        "identiteitskeuze": "anoniem",
        "toestemming": "ja",
    }
    data.update(extra)
    return data


@pytest.fixture
def organisatie():

    organisatie = OrganisatieFactory(slug="woonstichting")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    return organisatie


def _url(organisatie):
    return reverse("meldingen:melden", kwargs={"slug": organisatie.slug})


def _indienen_en_code(client, organisatie, **extra):
    antwoord = client.post(_url(organisatie), _geldig(**extra))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return client.get(antwoord["Location"]).context["code"]


def test_formulier_per_organisatie_en_onbekende_organisatie_404(client, organisatie):
    assert client.get(_url(organisatie)).status_code == 200
    assert client.get("/melden/bestaat-niet/").status_code == 404


def test_leeg_formulier_geeft_foutoverzicht_en_slaat_niets_op(client, organisatie):
    antwoord = client.post(_url(organisatie), {})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="foutoverzicht"' in html
    assert 'href="#id_omschrijving"' in html
    assert 'href="#id_toestemming_0"' in html
    assert 'aria-describedby="id_omschrijving_helptext id_omschrijving_fout"' in html
    assert not Melding.objects.exists()


def test_ingevulde_tekst_blijft_staan_bij_fout(client, organisatie):
    data = _geldig(waar="Kantoor Zuid, 3e verdieping")
    del data["toestemming"]
    html = client.post(_url(organisatie), data).content.decode()
    assert "Steigers worden zonder keuring gebruikt." in html
    assert "Kantoor Zuid, 3e verdieping" in html


def test_bestanden_moeten_opnieuw_gekozen_worden_na_fout(client, organisatie):
    data = _geldig()
    del data["toestemming"]
    data["bijlagen"] = SimpleUploadedFile("notitie.txt", b"aantekeningen", content_type="text/plain")
    html = client.post(_url(organisatie), data).content.decode()
    assert "Kies uw bestanden opnieuw" in html


def test_html_en_script_in_elk_veld_wordt_ontsnapt(client, organisatie):
    extra = dict.fromkeys(TEKSTVELDEN, SCRIPT)
    extra["identiteitskeuze"] = "vertrouwelijk"
    # Invalid on purpose (no consent chosen): every value is echoed back escaped.
    data = _geldig(**extra)
    del data["toestemming"]
    html = client.post(_url(organisatie), data).content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html
    # Stored as text, shown escaped in the mailbox.
    code = _indienen_en_code(client, organisatie, **extra)
    melding = Melding.objects.get()
    assert melding.omschrijving == SCRIPT
    client.post(reverse("meldingen:box_openen"), {"code": code})
    client.post(reverse("meldingen:box_bericht"), {"tekst": SCRIPT})
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("omschrijving", "x" * 20_001),
        ("wanneer", "x" * 2_001),
        ("categorie", "bestaat-niet"),
        ("kanaal", "hoogste_leidinggevende"),
        ("identiteitskeuze", "half"),
        ("discriminatiegronden", "onzin"),
        ("email", "geen-adres"),
        ("notificatie_email", "geen-adres"),
        ("omschrijving", "   "),
    ],
)
def test_ongeldige_invoer_geeft_fout_en_slaat_niets_op(client, organisatie, veld, waarde):
    data = _geldig(identiteitskeuze="open", naam="A")
    data[veld] = waarde
    antwoord = client.post(_url(organisatie), data)
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors
    assert not Melding.objects.exists()


def test_verkeerd_bestandstype_geeft_fout_en_slaat_niets_op(client, organisatie):
    data = _geldig(bijlagen=SimpleUploadedFile("script.html", b"<script>", content_type="text/html"))
    antwoord = client.post(_url(organisatie), data)
    assert antwoord.status_code == 400
    assert "dit soort bestand" in antwoord.content.decode()
    assert not Melding.objects.exists()
    assert not Bijlage.objects.exists()


def test_te_veel_bestanden(client, organisatie):
    bestanden = [SimpleUploadedFile(f"n{i}.txt", b"tekst", content_type="text/plain") for i in range(11)]
    antwoord = client.post(_url(organisatie), _geldig(bijlagen=bestanden))
    assert antwoord.status_code == 400
    assert "hoogstens 10 bestanden" in antwoord.content.decode()


def test_ontvangstcode_eenmaal_getoond(client, organisatie):
    antwoord = client.post(_url(organisatie), _geldig())
    eerste = client.get(antwoord["Location"])
    assert eerste.context["code"]
    assert eerste.context["code"] in eerste.content.decode()
    tweede = client.get(antwoord["Location"])
    assert tweede.context["code"] is None


def test_ontvangstcode_reist_versleuteld_en_alleen_naar_de_ontvangstpagina(client, organisatie):
    antwoord = client.post(_url(organisatie), _geldig())
    cookie = antwoord.cookies[ONTVANGST_COOKIE]
    assert cookie["path"] == antwoord["Location"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Strict"
    # The submission wrote no session row: the code is in no table but as its HMAC.
    assert not Session.objects.exists()
    code = client.get(antwoord["Location"]).context["code"]
    assert code
    assert code not in cookie.value
    assert code.replace("-", "") not in cookie.value


def test_vervalste_of_verlopen_ontvangstcookie_toont_geen_code(client, organisatie):
    antwoord = client.post(_url(organisatie), _geldig())
    echt = antwoord.cookies[ONTVANGST_COOKIE].value
    client.cookies[ONTVANGST_COOKIE] = echt[:-4] + "AAAA"
    assert client.get(antwoord["Location"]).context["code"] is None
    client.cookies[ONTVANGST_COOKIE] = echt
    with time_machine.travel(timezone.now() + timedelta(seconds=ONTVANGST_COOKIE_SECONDEN + 5)):
        assert client.get(antwoord["Location"]).context["code"] is None


def test_geen_ip_adres_opgeslagen(client, organisatie):
    ip = "203.0.113.77"
    _indienen_en_code(client, organisatie, REMOTE_ADDR=ip)
    client.post(_url(organisatie), _geldig(), REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR=ip)

    with connection.cursor() as cursor:
        for model in [*apps.get_app_config("meldingen").get_models(), *apps.get_app_config("kern").get_models()]:
            tabel = model._meta.db_table
            cursor.execute(f"SELECT * FROM {tabel}")  # noqa: S608 - table names from the app registry
            assert ip not in str(cursor.fetchall()), tabel


def test_alleen_sessie_en_csrf_cookies(client, organisatie):
    code = _indienen_en_code(client, organisatie)
    client.post(reverse("meldingen:box_openen"), {"code": code})
    # The receipt cookie was removed by the receipt page (an empty, expired morsel).
    assert {naam for naam, morsel in client.cookies.items() if morsel.value} <= {"sessionid", "csrftoken"}
    antwoord = client.get(reverse("meldingen:box"))
    assert "no-store" in antwoord["Cache-Control"]


def test_meldingsbox_openen_bericht_sturen_en_sluiten(client, organisatie):
    code = _indienen_en_code(client, organisatie)
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
    code = _indienen_en_code(client, organisatie, bijlagen=bestand)
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
    _indienen_en_code(client, organisatie, bijlagen=SimpleUploadedFile("f.png", uitvoer.getvalue()))
    bijlage = Bijlage.objects.get()
    url = reverse("meldingen:personeel_bijlage", kwargs={"uuid": bijlage.uuid})
    medewerker = GebruikerFactory()
    client.force_login(medewerker)
    assert client.get(url).status_code == 404
    toewijzing_verlenen(melding=bijlage.melding, gebruiker=medewerker, rol="behandelaar", door=None)
    assert client.get(url).status_code == 200
    assert AuditRegel.objects.filter(object_uuid=str(bijlage.uuid), actie="gedownload", actor=medewerker).exists()


def test_bericht_aan_melder_zichtbaar_in_box(client, organisatie):
    code = _indienen_en_code(client, organisatie)
    box = Meldingsbox.objects.get()
    bericht_aan_melder(melding=box.melding, tekst="Kunt u de datum noemen?", door=ontvanger_van(box.melding))
    client.post(reverse("meldingen:box_openen"), {"code": code})
    assert "Kunt u de datum noemen?" in client.get(reverse("meldingen:box")).content.decode()


def test_zonder_gepubliceerde_regeling_verwijst_het_formulier_naar_intranet(client, organisatie):
    assert "intranet" in client.get(_url(organisatie)).content.decode()


def test_personeel_registratiepagina_niet_voor_anoniemen(client, organisatie):
    url = reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug})
    assert client.get(url).status_code == 404


def test_geen_identiteit_of_inhoud_in_logs(client, organisatie, caplog):

    caplog.set_level(logging.DEBUG)
    geheim = "De penningmeester boekt facturen van Bouwbedrijf Jansen dubbel."
    code = _indienen_en_code(
        client,
        organisatie,
        omschrijving=geheim,
        identiteitskeuze="open",
        naam="Fatima el Amrani",
        email="f.elamrani@example.org",
        REMOTE_ADDR="203.0.113.77",
    )
    client.post(_url(organisatie), {"omschrijving": geheim, "naam": "Fatima el Amrani"})  # invalid: logged 400
    client.post(reverse("meldingen:box_openen"), {"code": code})
    client.post(reverse("meldingen:box_bericht"), {"tekst": "Jansen belde me vandaag."})
    for verboden in ("Jansen", "Amrani", "example.org", "203.0.113.77", code):
        assert verboden not in caplog.text


def test_verzoek_beantwoorden_via_meldingsbox(client, organisatie):

    code = _indienen_en_code(client, organisatie)
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
    antwoord = client.post(url, _geldig(omschrijving=geheim, wijze="telefonisch", ontvangen_op=vandaag))
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


def test_art_8_5_registratie_met_ontvangstdatum_in_de_toekomst_geweigerd(client, organisatie, settings):
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    client.force_login(vp)
    url = reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug})
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    antwoord = client.post(url, _geldig(wijze="schriftelijk", ontvangen_op=morgen))
    assert antwoord.status_code == 400
    assert "De datum van ontvangst kan niet in de toekomst liggen." in antwoord.content.decode()
    assert not Melding.objects.exists()


def test_engelse_pagina(client, organisatie):
    client.cookies["django_language"] = "en"
    html = client.get(_url(organisatie)).content.decode()
    assert '<html lang="en">' in html
    assert "What happens after your report?" in html


def test_nieuwe_code_op_papier_alleen_door_ontvangende_functionaris(client, organisatie, settings):

    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    oude_code = _indienen_en_code(client, organisatie)
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


def test_art_3_4_verzoek_om_gesprek_vastgelegd(client, organisatie):
    _indienen_en_code(client, organisatie, gesprek_gewenst="on")
    assert Melding.objects.get().gesprek_gewenst


def test_onjuiste_codes_in_formulier_vertraagd_met_duidelijke_melding(client, organisatie):
    code = _indienen_en_code(client, organisatie)
    fout = code[:9] + "0000-0000-0000-0000-0000-0000"
    for _ in range(5):
        assert "Deze code klopt niet" in client.post(reverse("meldingen:box_openen"), {"code": fout}).content.decode()
    html = client.post(reverse("meldingen:box_openen"), {"code": code}).content.decode()
    assert "Wacht" in html
    assert "seconden" in html


def test_ontvangstpagina_zonder_taalkeuze(client, organisatie):
    antwoord = client.post(_url(organisatie), _geldig())
    html = client.get(antwoord["Location"]).content.decode()
    assert 'class="taalkeuze"' not in html


def test_formulier_biedt_alleen_ontvangers_die_er_zijn(client, organisatie):
    html = client.get(_url(organisatie)).content.decode()
    assert 'value="vertrouwenspersoon"' in html
    assert 'value="externe_vertrouwenspersoon"' not in html
    zonder = OrganisatieFactory(slug="zonder-ontvangers")
    html = client.get(_url(zonder)).content.decode()
    assert "nog niemand aangewezen" in html
    assert '<form method="post" enctype' not in html


def test_zonder_toezichtorgaan_wijst_formulier_op_externe_route(client, organisatie):
    organisatie.heeft_toezichtorgaan = False
    organisatie.save()
    assert "geen raad van commissarissen" in client.get(_url(organisatie)).content.decode()


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
