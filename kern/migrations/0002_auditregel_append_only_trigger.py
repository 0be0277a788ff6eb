"""On PostgreSQL, refuse UPDATE and DELETE of audit rows in the database itself,
so not even raw SQL from the application can alter the audit trail.
(SQLite, the embedded demo default, relies on the model guard alone.)"""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION kern_auditregel_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'kern_auditregel is append-only: %% refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
CREATE TRIGGER kern_auditregel_alleen_toevoegen
BEFORE UPDATE OR DELETE ON kern_auditregel
FOR EACH ROW EXECUTE FUNCTION kern_auditregel_alleen_toevoegen();
"""

TERUG = """
DROP TRIGGER IF EXISTS kern_auditregel_alleen_toevoegen ON kern_auditregel;
DROP FUNCTION IF EXISTS kern_auditregel_alleen_toevoegen();
"""


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIE)
        schema_editor.execute(TRIGGER)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [("kern", "0001_initial")]
    operations = [migrations.RunPython(vooruit, terug)]
