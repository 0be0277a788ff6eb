"""The deadline engine run by Celery beat (docs/termijnen.md).

Set-based: a fixed number of statements whatever the number of cases, so it
catches up on everything missed while beat or the workers were down in one run.

One INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING writes a Herinnering
row per (term, kind, due, recipient) for every open term in its reminder window
and every overdue one, and returns only the rows it inserted, grouped per
recipient. The mails for exactly those rows go out in the same transaction.
The unique constraint `herinnering_eenmalig` makes each reminder and escalation
exist once, also under concurrent runs: a second run waits on the first one's
uncommitted rows and then skips them. A failed send rolls the rows back, so the
next run retries; only a failed commit after a successful send could send twice
(the usual outbox trade-off, far rarer than a lost reminder the other way round).

The statement is raw SQL because the ORM cannot express INSERT ... SELECT ...
RETURNING; table names come from the models' _meta only. It runs on PostgreSQL
(production, tests) and on the demo's embedded SQLite.

E-mails carry no case content, no names and no register number (docs/vertrouwelijkheid.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from kern.services import hartslag_registreren
from meldingen.constants import HerinneringSoort, ToewijzingRol
from meldingen.models import Functionaris, Herinnering, Melding, Termijn, Toewijzing

TAAK = "meldingen.tasks.termijnen_bewaken"

# Who is reminded of a case's term: those working on it. The acknowledgement and
# the contactpersoon are the HL's, prepared by the receiving officer (docs/rollen.md).
VERANTWOORDELIJKE_ROLLEN = [
    ToewijzingRol.ONTVANGER.value,
    ToewijzingRol.BEHANDELAAR.value,
    ToewijzingRol.HOOGSTE_LEIDINGGEVENDE.value,
    ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE.value,
]


def _tabellen() -> dict[str, str]:
    return {
        "herinnering": Herinnering._meta.db_table,
        "termijn": Termijn._meta.db_table,
        "toewijzing": Toewijzing._meta.db_table,
        "functionaris": Functionaris._meta.db_table,
        "melding": Melding._meta.db_table,
        "gebruiker": Gebruiker._meta.db_table,
    }


# Open, in the reminder window, or overdue. Reminders go to the people assigned
# to the case; the annual report's (no case) to the organisation's HL.
# Escalations go to the HL, or to the hoogste verantwoordelijke when the HL is
# involved (Art. 8.4) and for the annual report (the HL is the one responsible).
INVOEGEN_SQL = """
INSERT INTO {herinnering} (termijn_id, soort, due, ontvanger_id, aangemaakt_op)
SELECT kandidaat.termijn_id, kandidaat.soort, kandidaat.due, kandidaat.ontvanger_id, %(nu)s
FROM (
    SELECT t.id AS termijn_id, 'herinnering' AS soort, t.due, tw.gebruiker_id AS ontvanger_id
      FROM {termijn} t
      JOIN {toewijzing} tw
        ON tw.melding_id = t.melding_id AND tw.beeindigd_op IS NULL AND tw.rol IN ({rollen})
     WHERE t.gesloten_op IS NULL AND t.vervallen_op IS NULL
       AND t.herinneren_vanaf <= %(nu)s AND t.due >= %(nu)s
    UNION ALL
    SELECT t.id, 'herinnering', t.due, f.gebruiker_id
      FROM {termijn} t
      JOIN {functionaris} f ON f.organisatie_id = t.organisatie_id AND f.functie = %(hl)s
     WHERE t.melding_id IS NULL AND t.gesloten_op IS NULL AND t.vervallen_op IS NULL
       AND t.herinneren_vanaf <= %(nu)s AND t.due >= %(nu)s
    UNION ALL
    SELECT t.id, 'escalatie', t.due, f.gebruiker_id
      FROM {termijn} t
      LEFT JOIN {melding} m ON m.id = t.melding_id
      JOIN {functionaris} f
        ON f.organisatie_id = t.organisatie_id
       AND f.functie = CASE WHEN t.melding_id IS NULL OR m.hl_betrokken THEN %(hv)s ELSE %(hl)s END
     WHERE t.gesloten_op IS NULL AND t.vervallen_op IS NULL AND t.due < %(nu)s
) AS kandidaat
JOIN {gebruiker} u ON u.id = kandidaat.ontvanger_id AND u.is_active AND u.email <> ''
-- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT to parse it.
WHERE 1 = 1
-- Duplicates within this statement (one person in two roles) are skipped too.
ON CONFLICT (termijn_id, soort, due, ontvanger_id) DO NOTHING
RETURNING soort, ontvanger_id
"""

# On PostgreSQL the inserted rows are grouped per recipient in the same statement.
POSTGRESQL_SQL = """
WITH nieuw AS (
{invoegen}
)
SELECT u.email, nieuw.soort, count(*)
  FROM nieuw JOIN {gebruiker} u ON u.id = nieuw.ontvanger_id
 GROUP BY u.email, nieuw.soort
 ORDER BY u.email, nieuw.soort
"""


def _nieuwe_herinneringen(cursor, nu: datetime) -> list[tuple[str, str, int]]:
    """Insert what is due and return (e-mail, kind, number) of the new rows only."""
    tabellen = _tabellen()
    rollen = {f"rol{i}": rol for i, rol in enumerate(VERANTWOORDELIJKE_ROLLEN)}
    invoegen = INVOEGEN_SQL.format(rollen=", ".join(f"%({naam})s" for naam in rollen), **tabellen)
    parameters = {
        "nu": connection.ops.adapt_datetimefield_value(nu),
        "hl": Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE.value,
        "hv": Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE.value,
        **rollen,
    }
    if connection.vendor == "postgresql":
        cursor.execute(POSTGRESQL_SQL.format(invoegen=invoegen, gebruiker=tabellen["gebruiker"]), parameters)
        return cursor.fetchall()
    # The embedded SQLite of the demo: RETURNING is there (3.35+), a data-modifying
    # CTE is not, so the grouping happens here (one query more, still constant).
    cursor.execute(invoegen, parameters)
    aantallen: dict[tuple[int, str], int] = defaultdict(int)
    for soort, ontvanger_id in cursor.fetchall():
        aantallen[(ontvanger_id, soort)] += 1
    emails = dict(Gebruiker.objects.filter(pk__in={o for o, _s in aantallen}).values_list("pk", "email"))
    return sorted((emails[ontvanger_id], soort, aantal) for (ontvanger_id, soort), aantal in aantallen.items())


@dataclass(frozen=True)
class Bewakingsresultaat:
    nieuw: int
    mails: int


def _mail(email: str, per_soort: dict[str, int]) -> EmailMessage:
    """A content-free e-mail: no case content, no names, no register number."""
    link = settings.MELDPUNT_BASIS_URL.rstrip("/") + reverse("admin:meldingen_termijn_changelist")
    regels = [_("Er is een termijn in Meldpunt die uw aandacht vraagt."), ""]
    if per_soort.get(HerinneringSoort.ESCALATIE):
        regels.append(_("Een of meer termijnen zijn verstreken."))
    if per_soort.get(HerinneringSoort.HERINNERING):
        regels.append(_("Een of meer termijnen verlopen binnenkort."))
    regels += ["", _("Bekijk het termijnenoverzicht na het inloggen:"), link]
    return EmailMessage(
        subject=_("Er is een termijn in Meldpunt die uw aandacht vraagt"),
        body="\n".join(regels),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )


def termijnen_bewaken(*, nu: datetime | None = None) -> Bewakingsresultaat:
    """One run of the deadline engine; records its heartbeat (kern.Hartslag)."""
    nu = nu or timezone.now()
    nieuw = mails = 0
    with transaction.atomic(), connection.cursor() as cursor:
        per_ontvanger: dict[str, dict[str, int]] = defaultdict(dict)
        for email, soort, aantal in _nieuwe_herinneringen(cursor, nu):
            per_ontvanger[email][soort] = aantal
            nieuw += aantal
        if per_ontvanger:
            # One content-free mail per person per run, however many terms.
            berichten = [_mail(email, per_soort) for email, per_soort in per_ontvanger.items()]
            mails = get_connection(fail_silently=False).send_messages(berichten) or 0
    hartslag_registreren(taak=TAAK)
    return Bewakingsresultaat(nieuw=nieuw, mails=mails)
