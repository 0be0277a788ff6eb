"""The deadline engine run by Celery beat (docs/termijnen.md).

Set-based: a fixed number of statements whatever the number of cases, so it
catches up on everything missed while beat or the workers were down in one run.

One INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING writes a Herinnering
row per (term, kind, due, recipient) for every open term in its reminder window
and every overdue one, and returns only the rows it inserted, grouped per
recipient. The mails for exactly those rows are put in the outbox (kern/post.py)
in the same transaction, and sent after the commit, one by one, with retries.
The unique constraint `herinnering_eenmalig` makes each reminder and escalation
exist once, also under concurrent runs: a second run waits on the first one's
uncommitted rows and then skips them; the outbox key (the lowest Herinnering id
of the mail) makes each mail exist once. The sweep never talks to the mail
server, so a bad address or an SMTP outage cannot fail or delay it.

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
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from kern.post import Bericht, berichten_in_wachtrij
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


# Open, in the reminder window, or overdue. Every message about a case goes only
# to people who can open it: an active assignment on the case (kern.toegang).
# Reminders go to those assigned in a responsible role. Escalations go to whoever
# leads the case by assignment: the HL, or the hoogste verantwoordelijke when the
# HL is involved (Art. 8.4, `Melding.leiding_rol`); before anyone leads it (the
# forwarding itself is late), to its receiving officers, who must act. A case's
# term never escalates to an HL or RvC without an assignment on it: they could
# not open it. The annual report's term (no case) reminds the organisation's HL
# and escalates to the hoogste verantwoordelijke (the HL is the one responsible).
INVOEGEN_SQL = """
INSERT INTO {herinnering} (termijn_id, soort, due, ontvanger_id, aangemaakt_op)
SELECT kandidaat.termijn_id, kandidaat.soort, kandidaat.due, kandidaat.ontvanger_id, %(nu)s
FROM (
    SELECT t.id AS termijn_id, 'herinnering' AS soort, t.due, tw.gebruiker_id AS ontvanger_id,
           t.melding_id AS melding_id
      FROM {termijn} t
      JOIN {toewijzing} tw
        ON tw.melding_id = t.melding_id AND tw.beeindigd_op IS NULL AND tw.rol IN ({rollen})
     WHERE t.gesloten_op IS NULL AND t.vervallen_op IS NULL
       AND t.herinneren_vanaf <= %(nu)s AND t.due >= %(nu)s
    UNION ALL
    SELECT t.id, 'herinnering', t.due, f.gebruiker_id, NULL
      FROM {termijn} t
      JOIN {functionaris} f ON f.organisatie_id = t.organisatie_id AND f.functie = %(hl)s
     WHERE t.melding_id IS NULL AND t.gesloten_op IS NULL AND t.vervallen_op IS NULL
       AND t.herinneren_vanaf <= %(nu)s AND t.due >= %(nu)s
    UNION ALL
    SELECT t.id, 'escalatie', t.due, tw.gebruiker_id, t.melding_id
      FROM {termijn} t
      JOIN {melding} m ON m.id = t.melding_id
      JOIN {toewijzing} tw
        ON tw.melding_id = t.melding_id AND tw.beeindigd_op IS NULL
       AND tw.rol = CASE
           WHEN EXISTS (
               SELECT 1 FROM {toewijzing} l JOIN {gebruiker} lu ON lu.id = l.gebruiker_id AND lu.is_active
                WHERE l.melding_id = t.melding_id AND l.beeindigd_op IS NULL
                  AND l.rol = CASE WHEN m.hl_betrokken THEN %(rol_hv)s ELSE %(rol_hl)s END
           ) THEN CASE WHEN m.hl_betrokken THEN %(rol_hv)s ELSE %(rol_hl)s END
           ELSE %(rol_ontvanger)s
       END
     WHERE t.gesloten_op IS NULL AND t.vervallen_op IS NULL AND t.due < %(nu)s
    UNION ALL
    SELECT t.id, 'escalatie', t.due, f.gebruiker_id, NULL
      FROM {termijn} t
      JOIN {functionaris} f ON f.organisatie_id = t.organisatie_id AND f.functie = %(hv)s
     WHERE t.melding_id IS NULL AND t.gesloten_op IS NULL AND t.vervallen_op IS NULL AND t.due < %(nu)s
) AS kandidaat
JOIN {gebruiker} u ON u.id = kandidaat.ontvanger_id AND u.is_active AND u.email <> ''
LEFT JOIN {melding} km ON km.id = kandidaat.melding_id
-- Art. 8.4, a second line behind the assignment rules: nothing about a case in
-- which the HL is involved reaches a user who is the organisation's HL and not
-- also its hoogste verantwoordelijke. (SQLite needs this WHERE before ON CONFLICT.)
WHERE NOT (
    km.hl_betrokken
    AND EXISTS (
        SELECT 1 FROM {functionaris} fh
         WHERE fh.organisatie_id = km.organisatie_id AND fh.gebruiker_id = kandidaat.ontvanger_id
           AND fh.functie = %(hl)s
    )
    AND NOT EXISTS (
        SELECT 1 FROM {functionaris} fv
         WHERE fv.organisatie_id = km.organisatie_id AND fv.gebruiker_id = kandidaat.ontvanger_id
           AND fv.functie = %(hv)s
    )
) OR km.id IS NULL
-- Duplicates within this statement (one person in two roles) are skipped too.
ON CONFLICT (termijn_id, soort, due, ontvanger_id) DO NOTHING
RETURNING id, soort, ontvanger_id
"""

# On PostgreSQL the inserted rows are grouped per recipient in the same statement.
POSTGRESQL_SQL = """
WITH nieuw AS (
{invoegen}
)
SELECT u.email, nieuw.ontvanger_id, nieuw.soort, count(*), min(nieuw.id)
  FROM nieuw JOIN {gebruiker} u ON u.id = nieuw.ontvanger_id
 GROUP BY u.email, nieuw.ontvanger_id, nieuw.soort
 ORDER BY u.email, nieuw.soort
"""


def _nieuwe_herinneringen(cursor, nu: datetime) -> list[tuple[str, int, str, int, int]]:
    """Insert what is due and return (e-mail, recipient, kind, number, lowest
    Herinnering id) of the new rows only."""
    tabellen = _tabellen()
    rollen = {f"rol{i}": rol for i, rol in enumerate(VERANTWOORDELIJKE_ROLLEN)}
    invoegen = INVOEGEN_SQL.format(rollen=", ".join(f"%({naam})s" for naam in rollen), **tabellen)
    parameters = {
        "nu": connection.ops.adapt_datetimefield_value(nu),
        "hl": Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE.value,
        "hv": Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE.value,
        "rol_hl": ToewijzingRol.HOOGSTE_LEIDINGGEVENDE.value,
        "rol_hv": ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE.value,
        "rol_ontvanger": ToewijzingRol.ONTVANGER.value,
        **rollen,
    }
    if connection.vendor == "postgresql":
        cursor.execute(POSTGRESQL_SQL.format(invoegen=invoegen, gebruiker=tabellen["gebruiker"]), parameters)
        return cursor.fetchall()
    # The embedded SQLite of the demo: RETURNING is there (3.35+), a data-modifying
    # CTE is not, so the grouping happens here (one query more, still constant).
    cursor.execute(invoegen, parameters)
    aantallen: dict[tuple[int, str], int] = defaultdict(int)
    eerste: dict[tuple[int, str], int] = {}
    for herinnering_id, soort, ontvanger_id in cursor.fetchall():
        aantallen[(ontvanger_id, soort)] += 1
        eerste[(ontvanger_id, soort)] = min(herinnering_id, eerste.get((ontvanger_id, soort), herinnering_id))
    emails = dict(Gebruiker.objects.filter(pk__in={o for o, _s in aantallen}).values_list("pk", "email"))
    return sorted(
        (emails[ontvanger_id], ontvanger_id, soort, aantal, eerste[(ontvanger_id, soort)])
        for (ontvanger_id, soort), aantal in aantallen.items()
    )


@dataclass(frozen=True)
class Bewakingsresultaat:
    nieuw: int
    mails: int


def _bericht(*, email: str, per_soort: dict[str, int], sleutel: str) -> Bericht:
    """A content-free e-mail: no case content, no names, no register number."""
    link = settings.MELDPUNT_BASIS_URL.rstrip("/") + reverse("admin:meldingen_termijn_changelist")
    regels = [_("Er is een termijn in Meldpunt die uw aandacht vraagt."), ""]
    if per_soort.get(HerinneringSoort.ESCALATIE):
        regels.append(_("Een of meer termijnen zijn verstreken."))
    if per_soort.get(HerinneringSoort.HERINNERING):
        regels.append(_("Een of meer termijnen verlopen binnenkort."))
    regels += ["", _("Bekijk het termijnenoverzicht na het inloggen:"), link]
    return Bericht(
        sleutel=sleutel,
        adres=email,
        onderwerp=_("Er is een termijn in Meldpunt die uw aandacht vraagt"),
        tekst="\n".join(regels),
    )


def termijnen_bewaken(*, nu: datetime | None = None) -> Bewakingsresultaat:
    """One run of the deadline engine; records its heartbeat (kern.Hartslag).

    The mails go into the outbox in the same transaction as their Herinnering
    rows (kern/post.py): no SMTP call happens here, so a bad address or a mail
    server that is down cannot fail, delay or roll back the sweep."""
    nu = nu or timezone.now()
    nieuw = mails = 0
    with transaction.atomic(), connection.cursor() as cursor:
        per_ontvanger: dict[int, dict] = {}
        for email, ontvanger_id, soort, aantal, eerste in _nieuwe_herinneringen(cursor, nu):
            ontvanger = per_ontvanger.setdefault(ontvanger_id, {"email": email, "soorten": {}, "eerste": eerste})
            ontvanger["soorten"][soort] = aantal
            ontvanger["eerste"] = min(ontvanger["eerste"], eerste)
            nieuw += aantal
        # One content-free mail per person per run, however many terms. Its key
        # is the lowest of the Herinnering rows it announces: those rows are
        # inserted once, so the mail is enqueued once.
        mails = berichten_in_wachtrij(
            soort="termijnbewaking",
            berichten=[
                _bericht(email=o["email"], per_soort=o["soorten"], sleutel=f"herinnering:{o['eerste']}")
                for o in per_ontvanger.values()
            ],
        )
    hartslag_registreren(taak=TAAK)
    return Bewakingsresultaat(nieuw=nieuw, mails=mails)
