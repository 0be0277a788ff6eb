"""Celery: the broker, how workers take tasks, and the beat schedule.

Part of the base settings (``config.settings.base`` imports everything here;
``CELERY_TIMEZONE`` is set there, beside ``TIME_ZONE``). With no
``CELERY_BROKER_URL`` the broker is Celery's ``filesystem://`` under var/.
The Celery app itself is ``config/celery.py``.
"""

from pathlib import Path

from celery.schedules import crontab

from config.settings._omgeving import VAR_DIR, env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "celery")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("out", "processed", "control"):
        (CELERY_BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # One folder for both directions: producer and consumer meet there.
        "data_folder_in": str(CELERY_BROKER_DIR / "out"),
        "data_folder_out": str(CELERY_BROKER_DIR / "out"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "celery.beat:PersistentScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The beat schedule, version-controlled. One comment per entry.
CELERY_BEAT_SCHEDULE = {
    # Liveness of worker and beat: each run records a heartbeat (kern.Hartslag),
    # so the admin and /gezondheid/ can tell when the scheduler stopped.
    "hartslag": {
        "task": "kern.tasks.hartslag",
        "schedule": 60.0,
    },
    # Nightly clean-up of expired lockouts of staff logins (django-axes).
    "axes-opschonen": {
        "task": "kern.tasks.axes_opschonen",
        "schedule": crontab(hour=3, minute=15),
    },
    # The deadline engine: reminders before, escalations after each statutory
    # term (docs/termijnen.md). Set-based and idempotent, so it catches up after an
    # outage; it must run more often than MELDPUNT_HARTSLAG_MAX_MINUTEN.
    "termijnen-bewaken": {
        "task": "meldingen.tasks.termijnen_bewaken",
        "schedule": 300.0,
    },
    # The officers' e-mail about a new report is queued after the submission's
    # commit; this sends what a broker outage left unsent (idempotent).
    "nieuwe-meldingen-inhalen": {
        "task": "meldingen.tasks.nieuwe_meldingen_inhalen",
        "schedule": 60.0,
    },
    # HR's check of an intended measure (Art. 5.4) is matched by a task queued after
    # its commit; this matches what a broker outage or a lost task left unmatched
    # (benadeling.services.toetsen.toetsen_inhalen; idempotent, row locks).
    "personeelstoetsen-inhalen": {
        "task": "benadeling.tasks.toetsen_inhalen",
        "schedule": 60.0,
    },
    # The outbox (kern/post.py; docs/adr/0010-uitgaande-post.md): each enqueuing
    # commit kicks the sender; this run catches up after a broker or mail-server
    # outage and retries what waits for its back-off. Idempotent (row locks).
    "post-verzenden": {
        "task": "kern.tasks.post_verzenden",
        "schedule": 60.0,
    },
    # Seal the audit rows committed since the previous seal (kern/auditzegels.py;
    # docs/adr/0011-audit-zegels.md). Idempotent; a row waits at most about two runs.
    "auditlog-verzegelen": {
        "task": "kern.tasks.auditlog_verzegelen",
        "schedule": 300.0,
    },
    # Nightly: verify every seal of the audit log and the rows under it; a finding is
    # logged and e-mailed to the functioneel beheerders without content.
    "auditlog-controleren": {
        "task": "kern.tasks.auditlog_controleren",
        "schedule": crontab(hour=4, minute=30),
    },
    # Nightly: create this year's annual-report term (Art. 14.2) per organisation;
    # its reminder and escalation are sent by termijnen-bewaken.
    "jaarrapportage-herinneren": {
        "task": "rapportage.tasks.jaarrapportage_herinneren",
        "schedule": crontab(hour=6, minute=0),
    },
    # Nightly retention job (docs/retention.md): destroys closed
    # cases past their period when MELDPUNT_VERNIETIGING_AAN is set; the list of
    # next week's candidates is on the admin's destruction list.
    "bewaartermijn-toepassen": {
        "task": "meldingen.tasks.bewaartermijn_toepassen",
        "schedule": crontab(hour=2, minute=30),
    },
}
