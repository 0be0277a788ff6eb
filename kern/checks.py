"""Deploy checks (`manage.py check --deploy`): the app must not run as the owner
of its tables (docs/threat-model.md §6)."""

from django.core.checks import Error, Tags, register
from django.db import connection


@register(Tags.database, deploy=True)
def app_draait_niet_als_eigenaar(app_configs=None, **kwargs):
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT has_table_privilege(current_user, 'kern_auditregel', 'UPDATE') "
                "OR has_table_privilege(current_user, 'meldingen_gebeurtenis', 'DELETE')"
            )
            te_veel = cursor.fetchone()[0]
    except Exception:  # no database (yet): nothing to check
        return []
    if te_veel:
        return [
            Error(
                "The database user of DATABASE_URL may change the audit log or the case timeline.",
                hint="Run the app as the app role (DATABASE_APP_ROLE); migrations use MIGRATE_DATABASE_URL.",
                id="kern.E001",
            )
        ]
    return []
