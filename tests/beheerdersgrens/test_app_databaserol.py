"""§6 Append-only for real (issue 12; docs/threat-model.md).
Each test is named after the attack it stops."""

import pytest
from django.db import connection

from kern.models import AuditRegel
from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("tabel", ["kern_auditregel", "meldingen_gebeurtenis", "kern_rolhistorie", "kern_auditzegel"])
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


def test_deploy_check_weigert_de_eigenaar_als_app_gebruiker():
    """`manage.py check --deploy` fails when the app runs as a role that may
    rewrite the audit log (the test connection is such a role)."""
    from django.conf import settings

    from kern.checks import app_draait_niet_als_eigenaar

    assert [f.id for f in app_draait_niet_als_eigenaar()] == ["kern.E001"]
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {settings.MELDPUNT_DATABASE_APP_ROL}")
    assert app_draait_niet_als_eigenaar() == []
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
