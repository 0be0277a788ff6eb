"""The environment the settings read: the project folder, var/, and one
django-environ ``env`` that every settings module shares.

An environment file is read once, here, before any setting is read: ``.env`` in
the project folder, or the file ``MELDPUNT_ENV_FILE`` names (for an installation
that keeps its configuration outside the code, e.g. /etc/meldpunt/env). Values
already in the environment win. Every variable may be set there, the var folder
(``MELDPUNT_VAR_DIR``) too: it decides where the uploaded files and, without a
``DATABASE_URL``, the database live, so a value in the file that was silently
passed over would put them where nobody backs them up.
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = Path(os.environ.get("MELDPUNT_ENV_FILE") or BASE_DIR / ".env")
if env_file.exists():
    environ.Env.read_env(env_file)

VAR_DIR = Path(env.str("MELDPUNT_VAR_DIR", default=str(BASE_DIR / "var")))
