"""On PostgreSQL, refuse UPDATE and DELETE of the report's stage history and of
published versions of the regulation (Art. 14.1), as for the audit log: the
public history must stay what it was. (SQLite relies on the model guard.)"""

from django.db import migrations

TABELLEN = ["rapportage_rapportageovergang", "rapportage_regelingversie"]

FUNCTIE = """
CREATE OR REPLACE FUNCTION rapportage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%% is append-only: %% refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIE)
    for tabel in TABELLEN:
        schema_editor.execute(
            f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE ON {tabel} "
            "FOR EACH ROW EXECUTE FUNCTION rapportage_alleen_toevoegen();"
        )


def terug(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in TABELLEN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel};")
    schema_editor.execute("DROP FUNCTION IF EXISTS rapportage_alleen_toevoegen();")


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0003_standpunt_overlegvergadering")]

    operations = [migrations.RunPython(vooruit, terug)]
