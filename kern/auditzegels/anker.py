"""The anchor outside the database: the number and MAC of the newest seal the
application wrote, in a file on its own volume (MELDPUNT_AUDITZEGEL_ANKER). A
database administrator who removes the newest seals together with their rows
leaves a chain that is whole; the anchor shows it (docs/adr/0011-audit-zegels.md)."""

from __future__ import annotations

import hmac
import json
import logging
import os
from pathlib import Path

from django.conf import settings

from kern.models import AuditZegel

logger = logging.getLogger(__name__)


def anker_afwijking() -> str | None:
    """What is wrong according to the anchor file (the newest seal the application
    wrote, on its own volume), or None. No file, or none configured: nothing."""
    pad = settings.MELDPUNT_AUDITZEGEL_ANKER
    if not pad:
        return None
    try:
        anker = json.loads(Path(pad).read_text(encoding="utf-8"))
        nummer, mac = int(anker["nummer"]), str(anker["mac"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return "het anker buiten de database is onleesbaar"
    in_database = AuditZegel.objects.filter(nummer=nummer).values_list("mac", flat=True).first()
    if in_database is None:
        return (
            f"zegel {nummer} staat in het anker buiten de database maar ontbreekt in de database: "
            "de nieuwste zegels zijn verwijderd, of een oudere database is teruggezet"
        )
    if not hmac.compare_digest(in_database, mac):
        return f"zegel {nummer} in de database is niet de zegel uit het anker buiten de database: zegels zijn vervangen"
    return None


def anker_schrijven(nummer: int, mac: str) -> None:
    pad = settings.MELDPUNT_AUDITZEGEL_ANKER
    if not pad:
        return
    pad = Path(pad)
    try:
        if pad.exists() and int(json.loads(pad.read_text(encoding="utf-8"))["nummer"]) >= nummer:
            return  # a later seal's run wrote it first
        tijdelijk = pad.with_name(f"{pad.name}.{os.getpid()}.tmp")
        tijdelijk.write_text(json.dumps({"nummer": nummer, "mac": mac}), encoding="utf-8")
        os.replace(tijdelijk, pad)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("auditzegel %s: anker niet geschreven (%s)", nummer, type(exc).__name__)
