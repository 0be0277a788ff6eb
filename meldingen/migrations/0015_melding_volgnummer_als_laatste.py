"""The register number is given as the last statement of the registering
transaction (issue 16), so the column is empty for the length of that
transaction. On PostgreSQL a deferred constraint trigger checks at commit that
no report is committed without one (Art. 3.5: every report is in the register).
SQLite, the embedded demo default, relies on the service alone."""

from django.db import migrations, models

FUNCTIE = """
CREATE OR REPLACE FUNCTION meldingen_melding_volgnummer_verplicht() RETURNS trigger AS $$
BEGIN
    -- Deferred: the row as it is at commit, not as it was inserted.
    IF EXISTS (SELECT 1 FROM meldingen_melding WHERE id = NEW.id AND volgnummer IS NULL) THEN
        RAISE EXCEPTION 'meldingen_melding %% has no register number at commit', NEW.id
            USING ERRCODE = 'not_null_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
CREATE CONSTRAINT TRIGGER meldingen_melding_volgnummer_verplicht
AFTER INSERT OR UPDATE OF volgnummer ON meldingen_melding
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION meldingen_melding_volgnummer_verplicht();
"""

TERUG = """
DROP TRIGGER IF EXISTS meldingen_melding_volgnummer_verplicht ON meldingen_melding;
DROP FUNCTION IF EXISTS meldingen_melding_volgnummer_verplicht();
"""


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIE)
        schema_editor.execute(TRIGGER)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0014_melding_artikelen"),
    ]

    operations = [
        migrations.AlterField(
            model_name="melding",
            name="volgnummer",
            field=models.PositiveIntegerField(null=True, verbose_name="volgnummer"),
        ),
        migrations.RunPython(vooruit, terug),
    ]
