"""Production settings: the base, and a refusal to start without real secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MELDPUNT_BLINDE_INDEX_SLEUTEL, MELDPUNT_VERSLEUTELSLEUTELS, SECRET_KEY

_missing = [
    name
    for name, value in (
        ("SECRET_KEY", SECRET_KEY),
        ("FIELD_ENCRYPTION_KEYS", MELDPUNT_VERSLEUTELSLEUTELS),
        ("BLIND_INDEX_KEY", MELDPUNT_BLINDE_INDEX_SLEUTEL),
    )
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Missing required setting(s): "
        + ", ".join(_missing)
        + ". See .env.example; for a local demo use `make run` (config.settings.demo)."
    )
