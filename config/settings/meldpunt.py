"""Meldpunt's own settings: statutory terms, the outbox, notifications, the
heartbeat, the front door, the annual report, the database role, retention and
the seals of the audit log.

Part of the base settings (``config.settings.base`` imports everything here).
"""

from config.settings._omgeving import VAR_DIR, env

# --- Outbox ------------------------------------------------------------------------
# The outbox (kern/post.py; docs/adr/0010-uitgaande-post.md): a message refused
# this many times is marked `mislukt` and counted on /gezondheid/ for operations.
MELDPUNT_POST_MAX_POGINGEN = env.int("MELDPUNT_POST_MAX_POGINGEN", default=8)
# Back-off between attempts: this many seconds, doubled after each failure, capped.
MELDPUNT_POST_WACHTTIJD_SECONDEN = env.int("MELDPUNT_POST_WACHTTIJD_SECONDEN", default=60)
MELDPUNT_POST_MAX_WACHTTIJD_SECONDEN = env.int("MELDPUNT_POST_MAX_WACHTTIJD_SECONDEN", default=6 * 3600)
# Sent rows (their content already emptied) are removed after this many days.
MELDPUNT_POST_BEWAREN_DAGEN = env.int("MELDPUNT_POST_BEWAREN_DAGEN", default=30)

# --- Heartbeat, terms, notifications, front door -------------------------------------
# Staff pages warn in red when the heartbeat task has not run for this long.
MELDPUNT_HARTSLAG_MAX_MINUTEN = env.int("MELDPUNT_HARTSLAG_MAX_MINUTEN", default=15)
# The periodic tasks whose heartbeat the banner and /gezondheid/ check: the
# scheduler itself and the deadline engine (docs/termijnen.md).
MELDPUNT_HARTSLAG_TAKEN = ["kern.tasks.hartslag", "meldingen.tasks.termijnen_bewaken"]
# "Onverwijld" (Art. 8.3–8.4, 8.6) in days; organisations may only shorten them.
MELDPUNT_TERMIJN_DOORSTUREN_DAGEN = env.int("MELDPUNT_TERMIJN_DOORSTUREN_DAGEN", default=2)
MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN = env.int("MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN", default=5)
# Art. 12.1 (docs/rollen.md): the melder's reaction period after the standpunt or the
# letter of "geen onderzoek"/referral, in days, before the case may close.
MELDPUNT_REACTIETERMIJN_DAGEN = env.int("MELDPUNT_REACTIETERMIJN_DAGEN", default=14)
# Art. 6.1 "onverwijld": the risk conversation, in days after appointing the contactpersoon.
MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN = env.int("MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN", default=5)
# Art. 8.5: how far back an officer may date the receipt of a report registered by post,
# phone or in a meeting (meldingen.services.datums); older is registered late, not back-dated.
MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN = env.int("MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN", default=92)
# Art. 3.4 3°: the meeting the melder asks for, "binnen een redelijke termijn", in days after receipt.
MELDPUNT_TERMIJN_GESPREK_DAGEN = env.int("MELDPUNT_TERMIJN_GESPREK_DAGEN", default=5)
# Art. 12.2: the substantive answer to a reasoned reaction on report and standpunt, in days
# after the reaction. The regulation names no length; four weeks, like the employer's other
# decisions without a statutory term (Art. 13.1), and half the standpunt's eight weeks.
MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN = env.int("MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN", default=28)
# Art. 11.4: the persons concerned are told of the standpunt "in overeenkomstige zin" as the
# melder, or the interest against it is recorded, in days after the standpunt. The regulation
# names no length; two weeks, the melder's reaction period, so it never holds up closing.
MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN = env.int("MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN", default=14)
# AVG art. 12(3), 17: the receiving officer answers the melder's request to erase their
# identity within one month of receipt. A number of days makes it shorter where that ends
# before the month does; 0 (the default) is the month itself. Never longer (meldingen.deadlines).
MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN = env.int("MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN", default=0)
# Art. 14.2: the concept annual report is due by this day of the year (month, day).
MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK = tuple(
    int(deel) for deel in env.str("MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK", default="04-01").split("-")
)
# The officers' "new report" e-mail is sent by a task queued after commit; one
# still unsent this many seconds after receipt is sent by the catch-up run.
MELDPUNT_NOTIFICATIE_INHALEN_NA_SECONDEN = env.int("MELDPUNT_NOTIFICATIE_INHALEN_NA_SECONDEN", default=120)
# A web process queues that task at most once per this many seconds, delayed by
# as much; the task sends for every new report (0: one task per submission).
MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN = env.int("MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN", default=2)
# Base address for links in e-mails (no content, only a link to the admin).
MELDPUNT_BASIS_URL = env.str("MELDPUNT_BASIS_URL", default="http://localhost:8000")
MELDPUNT_DEMO = False
# The front door (/) lists the organisations a melder can report to only when
# this is set: an installation serving several employers may not want to show
# its clients (issue 16). The demo lists them.
MELDPUNT_ORGANISATIES_OP_VOORPAGINA = env.bool("MELDPUNT_ORGANISATIES_OP_VOORPAGINA", default=False)
# Annual report (Art. 14.2): counts from 1 up to this threshold minus one could
# identify a person and are shown as "< N" (docs/vertrouwelijkheid.md).
MELDPUNT_RAPPORTAGE_DREMPEL = env.int("MELDPUNT_RAPPORTAGE_DREMPEL", default=5)
# The database role web, worker and beat run as (kern/databaserollen.py;
# docs/threat-model.md §6). Created by the migrations; it may not change or empty
# the audit log or the case timeline. DATABASE_URL names this role in production;
# MIGRATE_DATABASE_URL names the owner that runs the migrations.
MELDPUNT_DATABASE_APP_ROL = env.str("DATABASE_APP_ROLE", default="meldpunt_app")
# Hours an enrolment link for the first second factor stays valid (kern/inschrijving.py).
MELDPUNT_INSCHRIJFLINK_UREN = env.int("MELDPUNT_INSCHRIJFLINK_UREN", default=72)

# --- Retention -------------------------------------------------------------------------
# Retention (docs/retention.md). The job destroys nothing unless
# this is switched on explicitly for the installation (a guard rail, docs/stijl.md).
MELDPUNT_VERNIETIGING_AAN = env.bool("MELDPUNT_VERNIETIGING_AAN", default=False)
# No organisation may keep a case for less than this after closing.
MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = env.int("MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN", default=3)
# How many days ahead the destruction list shows the candidates.
MELDPUNT_VERNIETIGING_AANKONDIGING_DAGEN = 7
# Art. 5.4: an HR check of an intended measure that opened no task on any case is
# deleted by the nightly job this many months after its intended date (or after it
# was submitted, when that is later); never below 1, so a check is matched before
# it can go. A check that did open a task goes with the last case it reached
# (docs/retention.md, "HR checks").
MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN = env.int("MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN", default=3)
# Art. 5.4: an HR check is matched by a task queued after its commit; the catch-up run
# (beat "personeelstoetsen-inhalen") matches every check still unmatched this many
# seconds after it was submitted (the broker was down, or the task was lost).
MELDPUNT_PERSONEELSTOETS_INHALEN_NA_SECONDEN = env.int("MELDPUNT_PERSONEELSTOETS_INHALEN_NA_SECONDEN", default=120)

# --- Seals of the audit log ---------------------------------------------------------------
# A beat task seals the audit rows committed since the previous seal with an HMAC, each
# seal chained to the one before (kern/auditzegels.py; docs/adr/0011-audit-zegels.md), so a
# database administrator without the keys cannot delete, change or add rows unseen.
# Key material, newest first (a seal names the key it was made with; keep an old entry as
# long as seals made with it must verify). Empty: derived from BLIND_INDEX_KEY. Either way
# the HMAC key is derived with HKDF (kern.crypto.afgeleide_sleutel; docs/sleutelbeheer.md).
MELDPUNT_AUDITZEGEL_SLEUTELS = env.list("AUDIT_SEAL_KEYS", default=[])
# The verification reports rows still unsealed this many minutes after they were written:
# the sealer stopped, waits for a transaction left open that long, or seals were removed.
MELDPUNT_AUDITZEGEL_MAX_ACHTERSTAND_MINUTEN = env.int("MELDPUNT_AUDITZEGEL_MAX_ACHTERSTAND_MINUTEN", default=60)
# The number and MAC of the newest seal, kept outside the database (on the application's
# var volume), so removing the newest seals together with their rows is noticed: the
# sealer refuses to go on and the verification fails. Empty: no anchor. After a deliberate
# restore of an older database, remove the file (docs/adr/0011-audit-zegels.md).
MELDPUNT_AUDITZEGEL_ANKER = env.str("MELDPUNT_AUDITZEGEL_ANKER", default=str(VAR_DIR / "auditzegel-anker.json"))
