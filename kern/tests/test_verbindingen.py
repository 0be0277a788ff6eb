"""A kept PostgreSQL connection whose prepared statement a migration made stale is
replaced after one refusal, not when it ages out (kern.verbindingen)."""

import psycopg
import pytest
from django.db import NotSupportedError, close_old_connections, connection

pytestmark = pytest.mark.django_db(transaction=True)


def _andere_verbinding():
    instellingen = connection.settings_dict
    return psycopg.connect(
        dbname=instellingen["NAME"],
        user=instellingen["USER"] or None,
        host=instellingen["HOST"] or None,
        port=instellingen["PORT"] or None,
        autocommit=True,
    )


def _lezen():
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM kern_planproef WHERE v = %s", [1])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_verouderd_plan_na_migratie_vervangt_de_verbinding(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)  # kept, as in production
    close_old_connections()
    with _andere_verbinding() as migratie:
        migratie.execute("CREATE TABLE kern_planproef (v integer)")
        try:
            migratie.execute("INSERT INTO kern_planproef VALUES (1)")
            for _ in range(7):  # prepared from the fifth run on (prepare_threshold)
                assert _lezen() == 1
            # Another process migrates: the column gets another type.
            migratie.execute("ALTER TABLE kern_planproef ALTER COLUMN v TYPE bigint")
            with pytest.raises(NotSupportedError, match="cached plan"):
                _lezen()
            close_old_connections()  # what the end of the request does
            assert _lezen() == 1
        finally:
            connection.close()
            migratie.execute("DROP TABLE kern_planproef")
