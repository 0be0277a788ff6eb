"""The demo's settings (embedded SQLite, `make run`) with the bench-only URLconf,
for the load test and benchmark of the embedded default."""

from config.settings.demo import *  # noqa: F403

ROOT_URLCONF = "benchmarks.hulp.urls"
