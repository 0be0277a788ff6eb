"""The people who run Meldpunt cannot read, redirect or unmask reports
(issue 12; docs/threat-model.md). Each test is named after the attack it stops."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kern.models import AuditCategorie, AuditRegel, RolHistorie, TOTPApparaat
from kern.rollen import Rol, groepsnaam, is_beschermd, rollen_bijwerken
from kern.services import auditregel_schrijven
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris, Rolwijziging, RolwijzigingStatus
from meldingen.services import rolwijzigingen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def _ingelogd_als(client, gebruiker):
    """A staff session that passed the second factor."""
    client.force_login(gebruiker)
    apparaat = TOTPApparaat.objects.filter(user=gebruiker, confirmed=True).first() or TOTPApparaat.objects.create(
        user=gebruiker, confirmed=True
    )
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()
    return client


@pytest.fixture
def beheerder():
    rollen_bijwerken()
    return GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)


@pytest.fixture
def organisatie():
    org = OrganisatieFactory()
    org.hl = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    org.hl.groups.add(Group.objects.get(name=groepsnaam(Rol.HOOGSTE_LEIDINGGEVENDE)))
    org.hv = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE).gebruiker
    org.hv.groups.add(Group.objects.get(name=groepsnaam(Rol.HOOGSTE_VERANTWOORDELIJKE)))
    org.vp = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    return org


# --- §2 Second factors are secrets ------------------------------------------------------


def test_functioneel_beheerder_ziet_geen_totp_sleutel(client, beheerder):
    collega = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=collega, confirmed=True)
    _ingelogd_als(client, beheerder)
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
    _ingelogd_als(client, beheerder)
    assert client.get("/admin/otp_webauthn/webauthncredential/").status_code == 404


# --- §3 No account takeover by role juggling -------------------------------------------


def test_wachtwoord_herstel_geweigerd_na_rol_eerst_intrekken(client, beheerder):
    """Attack: remove the case role, reset the password, give the role back."""
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    vp.groups.clear()
    assert RolHistorie.objects.filter(gebruiker=vp, groep=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    _ingelogd_als(client, beheerder)
    assert client.get(f"/admin/kern/gebruiker/{vp.pk}/password/").status_code == 403


def test_wachtwoord_herstel_geweigerd_bij_toewijzing_of_objectrecht(client, beheerder):
    from meldingen.constants import ToewijzingRol
    from meldingen.services.register import toewijzing_verlenen

    zonder_rol = GebruikerFactory()
    assert not is_beschermd(zonder_rol)
    toewijzing_verlenen(melding=MeldingFactory(), gebruiker=zonder_rol, rol=ToewijzingRol.ONTVANGER, door=None)
    assert is_beschermd(zonder_rol)
    _ingelogd_als(client, beheerder)
    assert client.get(f"/admin/kern/gebruiker/{zonder_rol.pk}/password/").status_code == 403
    gewoon = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    assert client.get(f"/admin/kern/gebruiker/{gewoon.pk}/password/").status_code == 200


def test_rolhistorie_ook_bij_ruwe_sql_en_niet_te_wissen():
    gebruiker = GebruikerFactory()
    groep = Group.objects.get_or_create(name=groepsnaam(Rol.ONDERZOEKER))[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kern_gebruiker_groups (gebruiker_id, group_id) VALUES (%s, %s)", [gebruiker.pk, groep.pk]
        )
        cursor.execute("DELETE FROM kern_gebruiker_groups WHERE gebruiker_id = %s", [gebruiker.pk])
    assert is_beschermd(gebruiker)
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM kern_rolhistorie WHERE gebruiker_id = %s", [gebruiker.pk])


def test_beheerder_kan_geen_zaakrol_geven_via_het_gebruikersformulier(client, beheerder):
    slachtoffer = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    vp_groep = Group.objects.get(name=groepsnaam(Rol.VERTROUWENSPERSOON))
    _ingelogd_als(client, beheerder)
    formulier = client.get(f"/admin/kern/gebruiker/{slachtoffer.pk}/change/").content.decode()
    assert f'value="{vp_groep.pk}"' not in formulier
    client.post(
        f"/admin/kern/gebruiker/{slachtoffer.pk}/change/",
        {
            "username": slachtoffer.username,
            "first_name": "",
            "last_name": "",
            "email": slachtoffer.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [vp_groep.pk],
        },
    )
    assert not slachtoffer.groups.filter(pk=vp_groep.pk).exists()


def test_beheerder_behoudt_zaakrollen_bij_opslaan_van_een_gebruiker(client, beheerder):
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    _ingelogd_als(client, beheerder)
    antwoord = client.post(
        f"/admin/kern/gebruiker/{vp.pk}/change/",
        {"first_name": "Nieuw", "last_name": "", "is_active": "on", "is_staff": "on", "groups": []},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert vp.groups.filter(name=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    vp.refresh_from_db()
    assert vp.first_name == "Nieuw"


def test_beheerder_kan_e_mailadres_van_beschermd_account_niet_wijzigen(client, beheerder):
    """Attack: change the address, then have the enrolment link sent there."""
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    _ingelogd_als(client, beheerder)
    antwoord = client.post(
        f"/admin/kern/gebruiker/{vp.pk}/change/",
        {"email": "beheerder@kwaad.test", "is_active": "on", "is_staff": "on"},
    )
    assert antwoord.status_code == 302  # saved, but without the address
    vp.refresh_from_db()
    assert vp.email != "beheerder@kwaad.test"


def test_beheerder_kan_geen_ontvanger_aanwijzen_buiten_vier_ogen_om(beheerder):
    for code in ("add_functionaris", "change_functionaris", "delete_functionaris", "goedkeuren_rolwijziging"):
        assert not beheerder.has_perm(f"meldingen.{code}")


def test_rol_wijziging_vereist_tweede_persoon(beheerder, organisatie, mailoutbox, django_capture_on_commit_callbacks):
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=kandidaat,
        soort="rol_toekennen",
        rol=Rol.VERTROUWENSPERSOON,
        reden="nieuwe vertrouwenspersoon",
        door=beheerder,
    )
    # Nothing changes before approval.
    assert not kandidaat.groups.exists()
    # The proposer cannot approve; neither can the subject or the receiving officer.
    for geen_tweede_persoon in (beheerder, kandidaat, organisatie.vp, organisatie.hv):
        with pytest.raises(PermissionDenied):
            rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=geen_tweede_persoon)
    with django_capture_on_commit_callbacks(execute=True):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    assert kandidaat.groups.filter(name=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    assert AuditRegel.objects.filter(
        object_uuid=str(wijziging.uuid), categorie=AuditCategorie.BEHEER, toelichting__startswith="goedgekeurd"
    ).exists()
    # Announced to the current receiving officers, without case content.
    aankondiging = [m for m in mailoutbox if organisatie.vp.email in m.to]
    assert len(aankondiging) == 1
    assert str(kandidaat) in aankondiging[0].body
    assert "melding " not in aankondiging[0].body.lower().replace("meldingen", "")


def test_hoogste_leidinggevende_als_onderwerp_vereist_hoogste_verantwoordelijke(beheerder, organisatie):
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=organisatie.hl,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="ook vertrouwenspersoon",
        door=beheerder,
    )
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hv)
    assert Functionaris.objects.filter(gebruiker=organisatie.hl, functie="vertrouwenspersoon").exists()


def test_afgewezen_rolwijziging_verandert_niets(beheerder, organisatie):
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=kandidaat,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="x",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_afwijzen(wijziging=wijziging, door=organisatie.hl)
    assert wijziging.__class__.objects.get(pk=wijziging.pk).status == RolwijzigingStatus.AFGEWEZEN
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)


def test_nieuwe_ontvanger_ziet_geen_eerdere_meldingen(beheerder, organisatie, django_capture_on_commit_callbacks):
    from meldingen.constants import Kanaal
    from meldingen.selectors import melding_list_visible_for
    from meldingen.services.melder import Meldinginhoud, melding_indienen

    def indienen():
        return melding_indienen(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving="Steigers zonder keuring."),
            kanaal=Kanaal.VERTROUWENSPERSOON,
            formeel=True,
        ).melding

    eerder = indienen()
    nieuw = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=nieuw,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="tweede vertrouwenspersoon",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    later = indienen()
    zichtbaar = set(melding_list_visible_for(user=nieuw))
    assert eerder not in zichtbaar
    assert later in zichtbaar


def test_beheerder_stelt_voor_via_het_admin_en_hl_keurt_goed(client, beheerder, organisatie):
    kandidaat = GebruikerFactory()
    _ingelogd_als(client, beheerder)
    antwoord = client.post(
        reverse("admin:meldingen_rolwijziging_add"),
        {
            "organisatie": organisatie.pk,
            "betreft": kandidaat.pk,
            "soort": "functie_toekennen",
            "rol": "",
            "functie": "vertrouwenspersoon",
            "reden": "nieuwe collega",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    wijziging = Rolwijziging.objects.get(betreft=kandidaat)
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    # The beheerder has no approve action; posting it anyway changes nothing.
    client.post(
        reverse("admin:meldingen_rolwijziging_changelist"),
        {"action": "goedkeuren", "_selected_action": [wijziging.pk]},
    )
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    client.logout()
    _ingelogd_als(client, organisatie.hl)
    client.post(
        reverse("admin:meldingen_rolwijziging_changelist"),
        {"action": "goedkeuren", "_selected_action": [wijziging.pk]},
    )
    assert Functionaris.objects.filter(gebruiker=kandidaat, functie="vertrouwenspersoon").exists()


# --- §4 The audit log tells the functioneel beheerder nothing about cases ----------------


def test_auditlog_toont_beheerder_geen_zaakregels(client, beheerder):
    melding = MeldingFactory()
    zaakregel = auditregel_schrijven(door=GebruikerFactory(), actie="bekeken", object=melding)
    beheerregel = auditregel_schrijven(door=beheerder, actie="gewijzigd", object=GebruikerFactory())
    _ingelogd_als(client, beheerder)
    lijst = client.get(reverse("admin:kern_auditregel_changelist")).content.decode()
    assert str(melding.uuid) not in lijst
    assert beheerregel.object_uuid in lijst
    assert client.get(reverse("admin:kern_auditregel_change", args=[zaakregel.pk])).status_code == 404
    # Searching for the case's uuid finds nothing either.
    zoeken = client.get(reverse("admin:kern_auditregel_changelist"), {"q": str(melding.uuid)}).content.decode()
    assert "0 resultaten" in zoeken


def test_beheerder_ziet_inloggen_in_de_auditlog(client, beheerder):
    from django_otp.oath import totp

    from kern.tests.factories import WACHTWOORD

    apparaat = TOTPApparaat.objects.create(user=beheerder, confirmed=True)
    client.post(reverse("kern:inloggen"), {"username": beheerder.username, "password": WACHTWOORD})
    client.post(reverse("kern:tweede_factor"), {"token": f"{totp(apparaat.bin_key):06d}", "next": ADMIN})
    assert AuditRegel.objects.filter(actie="ingelogd", categorie=AuditCategorie.INLOGGEN, actor=beheerder).exists()
    assert "ingelogd" in client.get(reverse("admin:kern_auditregel_changelist")).content.decode()


def _hr_toets(organisatie, hr, personeelsnummer, capture):
    from benadeling.constants import BenadelingType
    from benadeling.services.motivering import maatregel_toetsen

    with capture(execute=True):
        maatregel_toetsen(
            organisatie=organisatie,
            soort=BenadelingType.VERPLAATST,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            personeelsnummer=personeelsnummer,
            door=hr,
        )


def test_hr_toets_met_treffer_laat_geen_ander_spoor_voor_hr_of_beheerder(
    client, beheerder, django_capture_on_commit_callbacks
):
    from benadeling.models import VoorgenomenMaatregel
    from benadeling.tests.factories import personeelszaken_voor, zaak

    z = zaak(personeelsnummer="P-4711")
    hr = personeelszaken_voor(z.melding.organisatie)
    _ingelogd_als(client, beheerder)
    url = reverse("admin:kern_auditregel_changelist")

    def zichtbaar_voor_beheerder():
        return set(AuditRegel.objects.filter(categorie__in=["beheer", "inloggen"]).values_list("id", flat=True))

    voor = zichtbaar_voor_beheerder()
    _hr_toets(z.melding.organisatie, hr, "P-0000", django_capture_on_commit_callbacks)  # no match
    na_misser = zichtbaar_voor_beheerder()
    _hr_toets(z.melding.organisatie, hr, "P-4711", django_capture_on_commit_callbacks)  # match
    na_treffer = zichtbaar_voor_beheerder()
    assert VoorgenomenMaatregel.objects.filter(toets__isnull=False).count() == 1
    # Neither check adds anything the beheerder can see, so they cannot differ.
    assert voor == na_misser == na_treffer
    pagina = client.get(url).content.decode()
    assert "systeem" not in pagina
    assert "beschermd" not in pagina
    assert not hr.has_perm("kern.view_auditregel")


# --- §6 Append-only for real --------------------------------------------------------------


def _als_app_rol():
    """A separate connection to the test database with the privileges of the
    application's role (SET ROLE drops the superuser's rights)."""
    import psycopg
    from django.conf import settings

    instellingen = connection.settings_dict
    verbinding = psycopg.connect(
        dbname=instellingen["NAME"],
        user=instellingen["USER"],
        password=instellingen["PASSWORD"] or None,
        host=instellingen["HOST"],
        port=instellingen["PORT"] or 5432,
        autocommit=True,
    )
    verbinding.execute(f"SET ROLE {settings.MELDPUNT_DATABASE_APP_ROL}")
    return verbinding


@pytest.mark.parametrize("tabel", ["kern_auditregel", "meldingen_gebeurtenis", "kern_rolhistorie"])
def test_auditlog_niet_te_legen_door_app_rol(tabel):
    import psycopg

    with _als_app_rol() as app:
        assert app.execute("SELECT current_user").fetchone()[0] != "postgres"
        app.execute(f"SELECT count(*) FROM {tabel}")  # noqa: S608 - reading is allowed
        for sql in (
            f"UPDATE {tabel} SET id = id",  # noqa: S608
            f"DELETE FROM {tabel}",  # noqa: S608
            f"TRUNCATE {tabel}",
            f"ALTER TABLE {tabel} DISABLE TRIGGER ALL",
            f"DROP TRIGGER {tabel}_alleen_toevoegen ON {tabel}",
            f"DROP TABLE {tabel}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(sql)


def test_app_rol_kan_de_gewone_tabellen_wel_gebruiken():
    import psycopg

    with _als_app_rol() as app:
        app.execute("SELECT count(*) FROM meldingen_melding")
        app.execute("UPDATE meldingen_organisatie SET naam = naam WHERE false")
        app.execute("DELETE FROM django_session WHERE false")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("CREATE TABLE meldingen_stiekem (id int)")


def test_de_app_draait_als_app_rol_en_schrijft_auditregels(django_capture_on_commit_callbacks):
    """The services work under the app role: the same transaction, SET LOCAL ROLE."""
    from django.conf import settings
    from django.db import DatabaseError, transaction

    from meldingen.constants import Kanaal
    from meldingen.services.melder import Meldinginhoud, melding_indienen

    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {settings.MELDPUNT_DATABASE_APP_ROL}")
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.MELDPUNT_DATABASE_APP_ROL
    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Steigers zonder keuring."),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        formeel=True,
    )
    assert AuditRegel.objects.filter(object_uuid=str(bewijs.melding.uuid)).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE kern_auditregel SET toelichting = ''")
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


# --- The same attacks as a superuser ---------------------------------------------------


def test_superuser_kan_niet_goedkeuren_en_ziet_geen_geheimen(client, beheerder, organisatie):
    baas = GebruikerFactory(is_superuser=True)
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=vp, confirmed=True)
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=baas,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="zichzelf ontvanger maken",
        door=beheerder,
    )
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=baas)
    zaakregel = auditregel_schrijven(door=vp, actie="bekeken", object=MeldingFactory())
    _ingelogd_als(client, baas)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get(f"/admin/kern/totpapparaat/{apparaat.pk}/change/").status_code == 404
    assert client.get(f"/admin/kern/gebruiker/{vp.pk}/password/").status_code == 403
    assert client.get(reverse("admin:kern_auditregel_change", args=[zaakregel.pk])).status_code == 404
    assert not Functionaris.objects.filter(gebruiker=baas).exists()


def test_beheerder_kan_zichzelf_geen_superuser_of_rechten_geven(client, beheerder):
    _ingelogd_als(client, beheerder)
    client.post(
        f"/admin/kern/gebruiker/{beheerder.pk}/change/",
        {
            "username": beheerder.username,
            "email": beheerder.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "user_permissions": [Permission.objects.get(codename="goedkeuren_rolwijziging").pk],
        },
    )
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()
