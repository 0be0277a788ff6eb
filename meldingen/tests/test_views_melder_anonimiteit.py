"""The melder's pages leave no trace of the melder: the receipt code is shown
once and travels encrypted, no IP address is stored, nothing of the identity or
the content reaches the logs, and no cookie is set beyond session and CSRF
(issue 3)."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meldingen.tests.melderpaginas import geldig, indienen_en_code, melden_url, organisatie_met_vertrouwenspersoon
from meldingen.views.melden import ONTVANGST_COOKIE, ONTVANGST_COOKIE_SECONDEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisatie():
    return organisatie_met_vertrouwenspersoon()


def test_ontvangstcode_eenmaal_getoond(client, organisatie):
    antwoord = client.post(melden_url(organisatie), geldig())
    eerste = client.get(antwoord["Location"])
    assert eerste.context["code"]
    assert eerste.context["code"] in eerste.content.decode()
    tweede = client.get(antwoord["Location"])
    assert tweede.context["code"] is None


def test_ontvangstcode_reist_versleuteld_en_alleen_naar_de_ontvangstpagina(client, organisatie):
    antwoord = client.post(melden_url(organisatie), geldig())
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
    antwoord = client.post(melden_url(organisatie), geldig())
    echt = antwoord.cookies[ONTVANGST_COOKIE].value
    client.cookies[ONTVANGST_COOKIE] = echt[:-4] + "AAAA"
    assert client.get(antwoord["Location"]).context["code"] is None
    client.cookies[ONTVANGST_COOKIE] = echt
    with time_machine.travel(timezone.now() + timedelta(seconds=ONTVANGST_COOKIE_SECONDEN + 5)):
        assert client.get(antwoord["Location"]).context["code"] is None


def test_ontvangstpagina_zonder_taalkeuze(client, organisatie):
    antwoord = client.post(melden_url(organisatie), geldig())
    html = client.get(antwoord["Location"]).content.decode()
    assert 'class="taalkeuze"' not in html


def test_geen_ip_adres_opgeslagen(client, organisatie):
    ip = "203.0.113.77"
    indienen_en_code(client, organisatie, REMOTE_ADDR=ip)
    client.post(melden_url(organisatie), geldig(), REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR=ip)

    with connection.cursor() as cursor:
        for model in [*apps.get_app_config("meldingen").get_models(), *apps.get_app_config("kern").get_models()]:
            tabel = model._meta.db_table
            cursor.execute(f"SELECT * FROM {tabel}")  # noqa: S608 - table names from the app registry
            assert ip not in str(cursor.fetchall()), tabel


def test_alleen_sessie_en_csrf_cookies(client, organisatie):
    code = indienen_en_code(client, organisatie)
    client.post(reverse("meldingen:box_openen"), {"code": code})
    # The receipt cookie was removed by the receipt page (an empty, expired morsel).
    assert {naam for naam, morsel in client.cookies.items() if morsel.value} <= {"sessionid", "csrftoken"}
    antwoord = client.get(reverse("meldingen:box"))
    assert "no-store" in antwoord["Cache-Control"]


def test_geen_identiteit_of_inhoud_in_logs(client, organisatie, caplog):

    caplog.set_level(logging.DEBUG)
    geheim = "De penningmeester boekt facturen van Bouwbedrijf Jansen dubbel."
    code = indienen_en_code(
        client,
        organisatie,
        omschrijving=geheim,
        identiteitskeuze="open",
        naam="Fatima el Amrani",
        email="f.elamrani@example.org",
        REMOTE_ADDR="203.0.113.77",
    )
    client.post(melden_url(organisatie), {"omschrijving": geheim, "naam": "Fatima el Amrani"})  # invalid: logged 400
    client.post(reverse("meldingen:box_openen"), {"code": code})
    client.post(reverse("meldingen:box_bericht"), {"tekst": "Jansen belde me vandaag."})
    for verboden in ("Jansen", "Amrani", "example.org", "203.0.113.77", code):
        assert verboden not in caplog.text
