"""The environment the settings read: the project folder, var/, and one
django-environ ``env`` that every settings module shares.

A ``.env`` in the project folder is read once, here, before any setting is read;
values already in the environment win. ``MELDPUNT_VAR_DIR`` is read before that
file, so it comes from the real environment only.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("MELDPUNT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)
