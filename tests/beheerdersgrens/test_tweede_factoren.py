"""§2 Second factors are secrets (issue 12; docs/threat-model.md).
Each test is named after the attack it stops."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse

from kern.models import TOTPApparaat
from kern.rollen import Rol, groepsnaam, rollen_bijwerken
from kern.tests.factories import GebruikerFactory
from tests.beheerdersgrens.hulp import ADMIN, ingelogd_als

pytestmark = pytest.mark.django_db


# --- §2 Second factors are secrets ------------------------------------------------------


def test_functioneel_beheerder_ziet_geen_totp_sleutel(client, beheerder):
    collega = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=collega, confirmed=True)
    ingelogd_als(client, beheerder)
    index = client.get(ADMIN).content.decode()
    assert "totp" not in index.lower()
    assert "authenticator" not in index.lower()
    for url in (
        "/admin/otp_totp/totpdevice/",
        "/admin/kern/totpapparaat/",
        f"/admin/kern/totpapparaat/{apparaat.pk}/change/",
        f"/admin/otp_totp/totpdevice/{apparaat.pk}/config/",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 404, url
        assert apparaat.key not in antwoord.content.decode()


def test_geen_enkele_rol_heeft_een_recht_op_tweede_factoren():
    rollen_bijwerken()
    otp = Permission.objects.filter(content_type__app_label__startswith="otp") | Permission.objects.filter(
        content_type__model="totpapparaat"
    )
    for rol in Rol:
        groep = Group.objects.get(name=groepsnaam(rol))
        assert not groep.permissions.filter(pk__in=otp).exists(), rol


def test_django_otp_verbergt_gevoelige_gegevens(settings):
    from django_otp.conf import settings as otp_settings

    assert otp_settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True


def test_totp_sleutel_staat_versleuteld_in_de_database():
    apparaat = TOTPApparaat.objects.create(user=GebruikerFactory(), confirmed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM kern_totpapparaat WHERE id = %s", [apparaat.pk])
        opgeslagen = cursor.fetchone()[0]
    assert apparaat.key not in opgeslagen
    assert bytes.fromhex(apparaat.key) == TOTPApparaat.objects.get(pk=apparaat.pk).bin_key
    # django-otp's plaintext table stays empty.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM otp_totp_totpdevice")
        assert cursor.fetchone()[0] == 0


def test_totp_met_versleutelde_sleutel_werkt_en_weigert_hergebruik():
    from django_otp.oath import totp

    apparaat = TOTPApparaat.objects.create(user=GebruikerFactory(), confirmed=True)
    code = f"{totp(apparaat.bin_key):06d}"
    assert TOTPApparaat.objects.get(pk=apparaat.pk).verify_token(code)
    assert not TOTPApparaat.objects.get(pk=apparaat.pk).verify_token(code)


def test_migratie_versleutelt_bestaande_totp_sleutels():
    """The data migration moves plaintext django-otp keys into the encrypted model."""
    from importlib import import_module

    from django.apps import apps
    from django_otp.plugins.otp_totp.models import TOTPDevice

    migratie = import_module("kern.migrations.0004_tweede_factor_versleuteld_rolhistorie")
    gebruiker = GebruikerFactory()
    oud = TOTPDevice.objects.create(user=gebruiker, confirmed=True, name="oud")
    migratie.totp_sleutels_versleutelen(apps, None)
    assert not TOTPDevice.objects.exists()
    nieuw = TOTPApparaat.objects.get(user=gebruiker)
    assert nieuw.key == oud.key
    assert nieuw.confirmed
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM kern_totpapparaat WHERE id = %s", [nieuw.pk])
        assert oud.key not in cursor.fetchone()[0]


def test_passkey_niet_toe_te_voegen_met_alleen_het_wachtwoord(client):
    """django-otp-webauthn alone would let an account without any device register a
    passkey with just the password (which the beheerder set): refused here."""
    from kern.tests.factories import WACHTWOORD

    nieuw = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    client.post(reverse("kern:inloggen"), {"username": nieuw.username, "password": WACHTWOORD})
    antwoord = client.post("/personeel/passkeys/registratie/begin/", content_type="application/json", data={})
    assert antwoord.status_code == 403
    assert antwoord.json()["code"] == "tweede_factor_eerst"
    assert client.get(reverse("kern:passkey_toevoegen")).status_code == 302


def test_passkey_inloggen_alleen_na_het_wachtwoord(client):
    antwoord = client.post("/personeel/passkeys/inloggen/begin/", content_type="application/json", data={})
    assert antwoord.status_code == 403
    assert antwoord.json()["code"] == "wachtwoord_eerst"


def test_geen_rol_ziet_passkeys_in_het_admin(client, beheerder):
    ingelogd_als(client, beheerder)
    assert client.get("/admin/otp_webauthn/webauthncredential/").status_code == 404
