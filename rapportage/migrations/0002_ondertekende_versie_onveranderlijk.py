"""On PostgreSQL, refuse any UPDATE or DELETE of a signed report version in the
database itself: a signed version never changes, a new version is made
instead. (SQLite, the embedded demo default, relies on the service guard.)"""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION rapportage_versie_ondertekend_vast() RETURNS trigger AS $$
BEGIN
    IF OLD.ondertekend_op IS NOT NULL THEN
        RAISE EXCEPTION 'rapportage_rapportageversie %% is signed: %% refused', OLD.id, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
CREATE TRIGGER rapportage_versie_ondertekend_vast
BEFORE UPDATE OR DELETE ON rapportage_rapportageversie
FOR EACH ROW EXECUTE FUNCTION rapportage_versie_ondertekend_vast();
"""

TERUG = """
DROP TRIGGER IF EXISTS rapportage_versie_ondertekend_vast ON rapportage_rapportageversie;
DROP FUNCTION IF EXISTS rapportage_versie_ondertekend_vast();
"""


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIE)
        schema_editor.execute(TRIGGER)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0001_initial")]

    operations = [migrations.RunPython(vooruit, terug)]
