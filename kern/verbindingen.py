"""Database connections that survive a migration (docs/adr/0008-intake-onder-last.md).

PostgreSQL connections are kept (CONN_MAX_AGE) and prepare the statements they run
often (prepare_threshold). When a migration changes the type of a column a
prepared statement reads, PostgreSQL refuses that statement on every run with
"cached plan must not change result type", and the connection's health check
(SELECT 1) does not notice. A process that lives through a migration would fail
that query until the connection ages out. Here such a connection is marked
obsolete at the first refusal: Django closes it at the end of the request (and
Celery's Django fix-up after the task), and the next request starts a fresh
connection without prepared statements. One failed statement, not ten minutes.
"""

from __future__ import annotations

from django.db import NotSupportedError

VEROUDERD_PLAN = "cached plan must not change result type"


def _plan_verouderd(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as exc:
        if VEROUDERD_PLAN in str(exc):
            # close_if_unusable_or_obsolete() closes a connection whose close_at has passed.
            context["connection"].close_at = 0
        raise


def bij_nieuwe_verbinding(sender, connection, **kwargs) -> None:
    """connection_created: watch every PostgreSQL connection (once per wrapper)."""
    if connection.vendor == "postgresql" and _plan_verouderd not in connection.execute_wrappers:
        connection.execute_wrappers.append(_plan_verouderd)
