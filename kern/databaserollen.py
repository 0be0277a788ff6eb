"""The application's database role (docs/threat-model.md §6).

Migrations run as the owner of the tables (MIGRATE_DATABASE_URL in production);
web, worker and beat connect as a separate role without ownership
(`MELDPUNT_DATABASE_APP_ROL`, DATABASE_URL). That role may read and write the
ordinary tables but may not UPDATE, DELETE or TRUNCATE the append-only ones (the
audit log and its seals, the case timeline, the role history), and, not owning them, can
neither drop their triggers nor alter them. The triggers refuse UPDATE and
DELETE for every role, the owner included.

Roles are cluster-wide in PostgreSQL: creation is idempotent, and every grant
is per database. SQLite (the embedded demo) has no roles: the model guard and
SQLite triggers stand in."""

from __future__ import annotations

from django.conf import settings


def app_rol() -> str:
    naam = settings.MELDPUNT_DATABASE_APP_ROL
    if not naam.replace("_", "").isalnum():
        raise ValueError(f"Invalid role name: {naam!r}")
    return naam


def app_rol_aanmaken(schema_editor) -> None:
    """Create the role if missing (NOLOGIN: operations sets LOGIN and a password
    with `manage.py databaserol_instellen`) and give it the ordinary rights on
    every table, now and later, in this database."""
    if schema_editor.connection.vendor != "postgresql":
        return
    rol = app_rol()
    schema_editor.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{rol}') THEN
                CREATE ROLE {rol} NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created at the same moment by another database's migration
        END
        $$;
        """
    )
    schema_editor.execute(f'GRANT CONNECT ON DATABASE "{schema_editor.connection.settings_dict["NAME"]}" TO {rol}')
    schema_editor.execute(f"GRANT USAGE ON SCHEMA public TO {rol}")
    schema_editor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {rol}")
    schema_editor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {rol}")
    schema_editor.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {rol}"
    )
    schema_editor.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {rol}")


def alleen_toevoegen(schema_editor, tabel: str) -> None:
    """Make `tabel` append-only: a trigger refusing UPDATE and DELETE for every
    role, and no UPDATE, DELETE or TRUNCATE privilege for the app role."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {tabel}_geen_{op.lower()} BEFORE {op} ON {tabel} "
                f"BEGIN SELECT RAISE(ABORT, '{tabel} is append-only'); END;"
            )
        return
    if vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {tabel}_alleen_toevoegen() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{tabel} is append-only: %% refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql;
        """
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel}")
    schema_editor.execute(
        f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE ON {tabel} "
        f"FOR EACH ROW EXECUTE FUNCTION {tabel}_alleen_toevoegen()"
    )
    rol = app_rol()
    schema_editor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON {tabel} FROM PUBLIC, {rol}")
    schema_editor.execute(f"GRANT SELECT, INSERT ON {tabel} TO {rol}")


def alleen_toevoegen_terug(schema_editor, tabel: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {tabel}_alleen_toevoegen()")
    elif schema_editor.connection.vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_geen_{op}")
