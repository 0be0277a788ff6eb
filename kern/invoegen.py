"""Appending rows on the hot path without the ORM's query compiler (issue 16).

`rijen_toevoegen(objecten)` writes unsaved instances of one model in one INSERT,
as `QuerySet.bulk_create` does, at a fraction of its cost: the statement's text
is built once per (table, columns, row count, conflict clause) and kept, and the
values go through each field's own `pre_save` and `get_db_prep_save`, so
encrypted fields are encrypted, `auto_now` timestamps set and JSON adapted
exactly as the ORM would. The primary key, and every column left to its
database default, come back with RETURNING (PostgreSQL; SQLite 3.35+).

What it leaves out, on purpose: signals (no model written this way has
receivers: `meldingen.tests.test_invoegen` checks), models with parents (multi-table
inheritance), and expressions as values. Each field's own rules still apply; the
rules of the domain live in the services that build the instances.

Measured on the public form's POST (benchmarks/intake_http.py): an ORM
`create` costs about 0.6 ms of CPU, this about 0.15 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from django.db import connections, models
from django.db.models.expressions import DatabaseDefault
from django.db.models.fields import NOT_PROVIDED


def _kolommen(model: type[models.Model], eerste: models.Model) -> tuple[list, list]:
    """The fields written by value, and those left to the database (db_default or
    the auto primary key) and read back."""
    geschreven, terug = [], []
    for veld in model._meta.concrete_fields:
        waarde = getattr(eerste, veld.attname)
        automatische_sleutel = veld.primary_key and waarde is None and veld.db_returning
        databasestandaard = veld.db_default is not NOT_PROVIDED and isinstance(waarde, DatabaseDefault)
        (terug if automatische_sleutel or databasestandaard else geschreven).append(veld)
    return geschreven, terug


def _omzetters(veld, connection) -> list:
    """What the ORM applies to a value read back (SQLite returns datetimes as text)."""
    kolom = veld.get_col(veld.model._meta.db_table)
    return connection.ops.get_db_converters(kolom) + kolom.get_db_converters(connection)


@lru_cache(maxsize=256)
def _sql(
    using: str,
    tabel: str,
    kolommen: tuple[str, ...],
    rijen: int,
    conflict: tuple[str, ...] | bool,
    terug: tuple[str, ...],
) -> str:
    connection = connections[using]
    qn = connection.ops.quote_name
    rij = "(" + ", ".join(["%s"] * len(kolommen)) + ")"
    # Names from the model's _meta only, quoted by the backend; values are parameters.
    sql = f"INSERT INTO {qn(tabel)} ({', '.join(qn(k) for k in kolommen)}) VALUES {', '.join([rij] * rijen)}"  # noqa: S608
    if conflict:
        doel = f" ({', '.join(qn(k) for k in conflict)})" if isinstance(conflict, tuple) else ""
        sql += f" ON CONFLICT{doel} DO NOTHING"
    if terug:
        sql += f" RETURNING {', '.join(qn(k) for k in terug)}"
    return sql


def rijen_toevoegen(
    objecten: Sequence[models.Model],
    *,
    conflicten_negeren: bool | tuple[str, ...] = False,
    using: str = "default",
) -> list[models.Model]:
    """Insert unsaved instances of one model in one statement; returns them saved.

    `conflicten_negeren` skips rows that would violate a unique constraint (ON
    CONFLICT DO NOTHING): True for any constraint, or a tuple of field names for
    the one unique constraint on those fields (a conflict on another one still
    raises IntegrityError). Several rows: as with bulk_create, no primary keys
    are read back and all are returned. One row: returned only when it was
    written, so the caller can tell a skipped row ([]) from a written one."""
    if not objecten:
        return list(objecten)
    model = type(objecten[0])
    if model._meta.parents:
        raise TypeError(f"{model.__name__} has parent models: use the ORM")
    connection = connections[using]
    geschreven, terug = _kolommen(model, objecten[0])
    terug_alle = list(terug)
    if conflicten_negeren and len(objecten) > 1:
        terug = []
    if isinstance(conflicten_negeren, tuple | list):
        conflicten_negeren = tuple(model._meta.get_field(naam).column for naam in conflicten_negeren)
    waarden = []
    for obj in objecten:
        if type(obj) is not model or not obj._state.adding:
            raise TypeError("rijen_toevoegen takes unsaved instances of one model")
        if obj is not objecten[0] and _kolommen(model, obj) != (geschreven, terug_alle):
            # One statement has one column list: a row that sets a column the first
            # leaves to the database (or the reverse) would silently lose its value.
            raise ValueError("rijen_toevoegen: every row must set the same columns")
        # As save() does: an unsaved related object raises instead of writing NULL.
        obj._prepare_related_fields_for_save(operation_name="rijen_toevoegen")
        for veld in geschreven:
            waarden.append(veld.get_db_prep_save(veld.pre_save(obj, True), connection=connection))
    sql = _sql(
        using,
        model._meta.db_table,
        tuple(veld.column for veld in geschreven),
        len(objecten),
        conflicten_negeren,
        tuple(veld.column for veld in terug),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, waarden)
        rijen = cursor.fetchall() if terug else None
    if conflicten_negeren and rijen == []:
        return []  # the one row was skipped
    omzetters = [_omzetters(veld, connection) for veld in terug]
    for index, obj in enumerate(objecten):
        if rijen is not None:
            for veld, veldomzetters, waarde in zip(terug, omzetters, rijen[index], strict=True):
                for omzetter in veldomzetters:
                    waarde = omzetter(waarde, veld, connection)
                setattr(obj, veld.attname, waarde)
        obj._state.adding = False
        obj._state.db = using
    return list(objecten)
