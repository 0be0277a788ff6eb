"""The melder's pages, the public form: bad input, escaping, what the form offers
and in which language, and the same form when a functionaris registers a report
(issue 3)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meldingen.constants import Kanaal
from meldingen.models import Bijlage, Functionaris, Melding
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.tests.melderpaginas import geldig, indienen_en_code, melden_url, organisatie_met_vertrouwenspersoon

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


@pytest.fixture
def organisatie():
    return organisatie_met_vertrouwenspersoon()


def test_formulier_per_organisatie_en_onbekende_organisatie_404(client, organisatie):
    assert client.get(melden_url(organisatie)).status_code == 200
    assert client.get("/melden/bestaat-niet/").status_code == 404


def test_leeg_formulier_geeft_foutoverzicht_en_slaat_niets_op(client, organisatie):
    antwoord = client.post(melden_url(organisatie), {})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="foutoverzicht"' in html
    assert 'href="#id_omschrijving"' in html
    assert 'href="#id_toestemming_0"' in html
    assert 'aria-describedby="id_omschrijving_helptext id_omschrijving_fout"' in html
    assert not Melding.objects.exists()


def test_ingevulde_tekst_blijft_staan_bij_fout(client, organisatie):
    data = geldig(waar="Kantoor Zuid, 3e verdieping")
    del data["toestemming"]
    html = client.post(melden_url(organisatie), data).content.decode()
    assert "Steigers worden zonder keuring gebruikt." in html
    assert "Kantoor Zuid, 3e verdieping" in html


def test_bestanden_moeten_opnieuw_gekozen_worden_na_fout(client, organisatie):
    data = geldig()
    del data["toestemming"]
    data["bijlagen"] = SimpleUploadedFile("notitie.txt", b"aantekeningen", content_type="text/plain")
    html = client.post(melden_url(organisatie), data).content.decode()
    assert "Kies uw bestanden opnieuw" in html


def test_html_en_script_in_elk_veld_wordt_ontsnapt(client, organisatie):
    extra = dict.fromkeys(TEKSTVELDEN, SCRIPT)
    extra["identiteitskeuze"] = "vertrouwelijk"
    # Invalid on purpose (no consent chosen): every value is echoed back escaped.
    data = geldig(**extra)
    del data["toestemming"]
    html = client.post(melden_url(organisatie), data).content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html
    # Stored as text, shown escaped in the mailbox.
    code = indienen_en_code(client, organisatie, **extra)
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
    data = geldig(identiteitskeuze="open", naam="A")
    data[veld] = waarde
    antwoord = client.post(melden_url(organisatie), data)
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors
    assert not Melding.objects.exists()


def test_verkeerd_bestandstype_geeft_fout_en_slaat_niets_op(client, organisatie):
    data = geldig(bijlagen=SimpleUploadedFile("script.html", b"<script>", content_type="text/html"))
    antwoord = client.post(melden_url(organisatie), data)
    assert antwoord.status_code == 400
    assert "dit soort bestand" in antwoord.content.decode()
    assert not Melding.objects.exists()
    assert not Bijlage.objects.exists()


def test_te_veel_bestanden(client, organisatie):
    bestanden = [SimpleUploadedFile(f"n{i}.txt", b"tekst", content_type="text/plain") for i in range(11)]
    antwoord = client.post(melden_url(organisatie), geldig(bijlagen=bestanden))
    assert antwoord.status_code == 400
    assert "hoogstens 10 bestanden" in antwoord.content.decode()


def test_zonder_gepubliceerde_regeling_verwijst_het_formulier_naar_intranet(client, organisatie):
    assert "intranet" in client.get(melden_url(organisatie)).content.decode()


def test_personeel_registratiepagina_niet_voor_anoniemen(client, organisatie):
    url = reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug})
    assert client.get(url).status_code == 404


def test_art_8_5_registratie_met_ontvangstdatum_in_de_toekomst_geweigerd(client, organisatie, settings):
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    client.force_login(vp)
    url = reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug})
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    antwoord = client.post(url, geldig(wijze="schriftelijk", ontvangen_op=morgen))
    assert antwoord.status_code == 400
    assert "De datum van ontvangst kan niet in de toekomst liggen." in antwoord.content.decode()
    assert not Melding.objects.exists()


def test_engelse_pagina(client, organisatie):
    client.cookies["django_language"] = "en"
    html = client.get(melden_url(organisatie)).content.decode()
    assert '<html lang="en">' in html
    assert "What happens after your report?" in html


def test_art_3_4_verzoek_om_gesprek_vastgelegd(client, organisatie):
    indienen_en_code(client, organisatie, gesprek_gewenst="on")
    assert Melding.objects.get().gesprek_gewenst


def test_formulier_biedt_alleen_ontvangers_die_er_zijn(client, organisatie):
    html = client.get(melden_url(organisatie)).content.decode()
    assert 'value="vertrouwenspersoon"' in html
    assert 'value="externe_vertrouwenspersoon"' not in html
    zonder = OrganisatieFactory(slug="zonder-ontvangers")
    html = client.get(melden_url(zonder)).content.decode()
    assert "nog niemand aangewezen" in html
    assert '<form method="post" enctype' not in html


def test_zonder_toezichtorgaan_wijst_formulier_op_externe_route(client, organisatie):
    organisatie.heeft_toezichtorgaan = False
    organisatie.save()
    assert "geen raad van commissarissen" in client.get(melden_url(organisatie)).content.decode()


def test_kanaal_zonder_ontvanger_weigert_de_dienst_en_het_formulier_biedt_alleen_de_eigen_kanalen(client, organisatie):
    """The POST is not checked against the channels the page showed: the service
    refuses a channel without an officer when it selects the officers, and the
    returned form offers only this organisation's channels again."""
    antwoord = client.post(melden_url(organisatie), geldig(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON))
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["kanaal"] == [
        "Bij deze ontvanger kunt u hier niet melden. Kies een andere ontvanger."
    ]
    assert not Melding.objects.exists()
    html = antwoord.content.decode()
    assert f'value="{Kanaal.VERTROUWENSPERSOON}"' in html
    assert f'value="{Kanaal.EXTERNE_VERTROUWENSPERSOON}"' not in html
