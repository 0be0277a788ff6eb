"""Staff authentication: mandatory second factor, lockout, hashing, headers."""

import re
import subprocess
import sys
from importlib import import_module

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from kern.inschrijving import inschrijflink_versturen
from kern.models import AuditRegel, TOTPApparaat
from kern.rollen import Rol
from kern.services import hartslag_registreren
from kern.tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def _code(apparaat):
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"


def _wachtwoord_stap(client, gebruiker):
    return client.post(
        reverse("kern:inloggen"), {"username": gebruiker.username, "password": WACHTWOORD, "next": ADMIN}
    )


def _landt_op_inlogpagina(client, url=ADMIN) -> bool:
    response = client.get(url, follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"] == reverse("kern:inloggen")


def test_admin_zonder_inloggen_gaat_naar_inlogpagina(client):
    assert _landt_op_inlogpagina(client)


def test_tweede_factor_verplicht_wachtwoord_alleen_geeft_geen_toegang_tot_admin(client):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    response = _wachtwoord_stap(client, gebruiker)
    assert response.status_code == 302
    assert reverse("kern:tweede_factor") in response["Location"]
    # Password accepted, second factor not yet given: the admin stays closed.
    assert _landt_op_inlogpagina(client)


def test_force_login_zonder_tweede_factor_opent_de_admin_niet(client):
    client.force_login(GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER))
    assert _landt_op_inlogpagina(client)


def test_met_juiste_totp_code_opent_de_admin(client):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    _wachtwoord_stap(client, gebruiker)
    response = client.post(reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": ADMIN})
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_verkeerde_totp_code_geeft_foutmelding_en_geen_toegang(client):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    _wachtwoord_stap(client, gebruiker)
    response = client.post(reverse("kern:tweede_factor"), {"token": "000000", "next": ADMIN})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert _landt_op_inlogpagina(client)


def _inschrijflink_openen(client, gebruiker, mailoutbox) -> str:

    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    with django_capture_on_commit():
        inschrijflink_versturen(gebruiker=gebruiker, door=beheerder)
    mail = mailoutbox[-1]
    assert mail.to == [gebruiker.email]
    pad = re.search(r"https?://[^/]+(/\S+)", mail.body).group(1)
    assert client.get(pad).status_code == 302
    return pad


def django_capture_on_commit():

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_eerste_keer_inloggen_koppelt_authenticator_met_qr_code(client, mailoutbox):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    _inschrijflink_openen(client, gebruiker, mailoutbox)
    _wachtwoord_stap(client, gebruiker)
    response = client.get(reverse("kern:tweede_factor"))
    assert response.status_code == 200
    assert b"<svg" in response.content
    apparaat = TOTPApparaat.objects.get(user=gebruiker, confirmed=False)
    client.post(reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": ADMIN})
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get(ADMIN).status_code == 200


def test_eerste_inschrijving_met_alleen_het_wachtwoord_van_de_beheerder_geweigerd(client):
    """docs/threat-model.md §5: whoever set the password cannot bind their own authenticator."""
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    _wachtwoord_stap(client, gebruiker)
    response = client.get(reverse("kern:tweede_factor"))
    assert response.status_code == 403
    assert b"<svg" not in response.content
    assert not TOTPApparaat.objects.filter(user=gebruiker).exists()
    assert client.post(reverse("kern:tweede_factor"), {"token": "123456"}).status_code == 403
    assert not TOTPApparaat.objects.filter(user=gebruiker, confirmed=True).exists()


def test_inschrijflink_werkt_maar_een_keer(client, mailoutbox):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    pad = _inschrijflink_openen(client, gebruiker, mailoutbox)
    _wachtwoord_stap(client, gebruiker)
    client.get(reverse("kern:tweede_factor"))
    apparaat = TOTPApparaat.objects.get(user=gebruiker, confirmed=False)
    client.post(reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": ADMIN})
    client.logout()
    assert client.get(pad).status_code == 404


def test_verlopen_inschrijflink_geweigerd(client, mailoutbox):

    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)

    with django_capture_on_commit():
        inschrijflink_versturen(gebruiker=gebruiker, door=GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER))
    pad = re.search(r"https?://[^/]+(/\S+)", mailoutbox[-1].body).group(1)
    later = timezone.now() + timezone.timedelta(hours=settings.MELDPUNT_INSCHRIJFLINK_UREN + 1)
    with time_machine.travel(later):
        assert client.get(pad).status_code == 404


def test_inschrijflink_van_een_ander_account_helpt_niet(client, mailoutbox):
    slachtoffer = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    aanvaller = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    _inschrijflink_openen(client, aanvaller, mailoutbox)
    _wachtwoord_stap(client, slachtoffer)
    assert client.get(reverse("kern:tweede_factor")).status_code == 403


def test_tweede_factor_pagina_zonder_wachtwoordstap_verwijst_terug(client):
    assert client.get(reverse("kern:tweede_factor")).status_code == 302


def test_open_redirect_via_next_wordt_genegeerd(client):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    client.post(reverse("kern:inloggen"), {"username": gebruiker.username, "password": WACHTWOORD})
    response = client.post(
        reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": "https://kwaadaardig.example/"}
    )
    assert "kwaadaardig" not in response["Location"]


def test_next_met_ampersand_blijft_heel_tot_na_de_tweede_factor(client):
    """The password step passed `next` on to the second-factor page unencoded: a
    target with a query string (an admin list with two filters) lost all after
    its first &. Found in the black-box pass."""
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    doel = "/admin/meldingen/melding/?status__exact=ontvangen&soort__exact=melding"
    stap1 = client.post(
        reverse("kern:inloggen"), {"username": gebruiker.username, "password": WACHTWOORD, "next": doel}
    )
    assert stap1.status_code == 302
    stap2 = client.get(stap1["Location"])
    response = client.post(stap1["Location"], {"token": _code(apparaat), "next": stap2.context["next"]})
    assert response["Location"] == doel


@override_settings(AXES_FAILURE_LIMIT=3)
def test_account_geblokkeerd_na_herhaald_mislukken_ook_met_juist_wachtwoord(client):
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    for _ in range(3):
        client.post(reverse("kern:inloggen"), {"username": gebruiker.username, "password": "fout-wachtwoord-123"})
    response = _wachtwoord_stap(client, gebruiker)
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wachtwoorden_met_argon2_in_productie():

    base = import_module("config.settings.base")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        gebruiker = GebruikerFactory(username="argon")
        gebruiker.set_password("een ander lang wachtwoord")
        assert identify_hasher(gebruiker.password).algorithm == "argon2"


def test_productie_instellingen_zijn_veilig():

    base = import_module("config.settings.base")
    assert base.MELDPUNT_TWEEDE_FACTOR_VERPLICHT is True
    assert base.SESSION_COOKIE_SECURE
    assert base.CSRF_COOKIE_SECURE
    assert base.SECURE_HSTS_SECONDS >= 31536000
    assert base.SECURE_SSL_REDIRECT is True
    assert base.DEBUG is False
    assert settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT is True  # tests run with production behaviour


def test_productie_weigert_te_starten_zonder_geheimen(monkeypatch):

    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    uitvoer = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert uitvoer.returncode != 0
    assert "SECRET_KEY" in uitvoer.stderr


def test_content_security_policy_strikt_met_nonce(client):
    response = client.get(reverse("kern:inloggen"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # Scripts only from our own origin; inline code needs the per-request nonce,
    # which is added only to pages that use it.
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "http" not in csp.replace("'self'", "")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_gezondheid_meldt_planner_niet_actief_zonder_hartslag(client):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    assert response.json()["planner"]["ok"] is False


def _alle_hartslagen():

    for taak in settings.MELDPUNT_HARTSLAG_TAKEN:
        hartslag_registreren(taak=taak)


def test_gezondheid_ok_na_hartslag(client):
    _alle_hartslagen()
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": True,
        "planner": response.json()["planner"],
        # The outbox as counts only (kern/post.py).
        "post": {"te_verzenden": 0, "met_fout": 0, "mislukt": 0},
    }


def test_rode_banner_voor_personeel_als_planner_stil_staat(client):
    gebruiker = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    _wachtwoord_stap(client, gebruiker)
    client.post(reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": ADMIN})
    assert "termijnbewaking heeft te lang niet gedraaid" in client.get(ADMIN).content.decode()
    _alle_hartslagen()
    assert "termijnbewaking heeft te lang niet gedraaid" not in client.get(ADMIN).content.decode()


def test_demo_overslaan_leidt_naar_de_werkplek(client, settings):
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    client.post(reverse("kern:inloggen"), {"username": gebruiker.username, "password": WACHTWOORD})
    pagina = client.get(reverse("kern:tweede_factor")).content.decode()
    assert f'href="{ADMIN}"' in pagina
    assert client.get(ADMIN).status_code == 200


def test_beheerder_kan_wachtwoord_van_wie_aan_gevallen_werkt_niet_herstellen(client):
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    apparaat = TOTPApparaat.objects.create(user=beheerder, confirmed=True)
    _wachtwoord_stap(client, beheerder)
    client.post(reverse("kern:tweede_factor"), {"token": _code(apparaat), "next": ADMIN})
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    or_lid = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    assert client.get(f"/admin/kern/gebruiker/{vp.pk}/password/").status_code == 403
    assert client.get(f"/admin/kern/gebruiker/{or_lid.pk}/password/").status_code == 200
    assert not beheerder.has_perm("otp_totp.delete_totpdevice")


def test_tweede_factor_herstellen_alleen_via_command_en_geaudit():

    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    TOTPApparaat.objects.create(user=vp, confirmed=True)
    call_command("tweede_factor_herstellen", vp.username, "--reden", "telefoon kwijt, identiteit gecontroleerd")
    assert not TOTPApparaat.objects.filter(user=vp).exists()
    assert AuditRegel.objects.filter(
        object_uuid=str(vp.uuid), toelichting__startswith="tweede factor hersteld"
    ).exists()
