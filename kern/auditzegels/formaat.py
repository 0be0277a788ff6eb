"""What a seal covers and how it is computed: the format, the keys, the MACs
(docs/adr/0011-audit-zegels.md)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.conf import settings

from kern.crypto import afgeleide_sleutel
from kern.models import AuditRegel, AuditZegel

# The format of a seal: which columns of an audit row its MAC covers, in this order.
# A column added to AuditRegel later gets a new format; seals of format 1 keep
# verifying over these columns.
VERSIE = 1
KOLOMMEN = (
    "id",
    "tijdstip",
    "actor_id",
    "actor_soort",
    "actie",
    "object_type",
    "object_uuid",
    "toelichting",
    "categorie",
)
# The purpose the HMAC key is derived for (kern.crypto.afgeleide_sleutel).
DOEL = "auditzegel"


def sleutel_id_van(sleutel: bytes) -> str:
    """A fingerprint naming the key on each seal; reveals nothing about the key."""
    return hmac.new(sleutel, b"sleutel-id", hashlib.sha256).hexdigest()[:16]


def sleutels() -> dict[str, bytes]:
    """The seal keys by fingerprint, newest first: derived from AUDIT_SEAL_KEYS, or
    from BLIND_INDEX_KEY when that is empty (docs/sleutelbeheer.md)."""
    materiaal = settings.MELDPUNT_AUDITZEGEL_SLEUTELS or [settings.MELDPUNT_BLINDE_INDEX_SLEUTEL]
    afgeleid = {}
    for stuk in materiaal:
        sleutel = afgeleide_sleutel(stuk, doel=DOEL)
        afgeleid.setdefault(sleutel_id_van(sleutel), sleutel)
    return afgeleid


def tijd(waarde: datetime) -> str:
    return waarde.astimezone(UTC).isoformat(timespec="microseconds")


def regels_mac(sleutel: bytes, *, van_id: int, tot_id: int) -> tuple[int, str]:
    """The number of audit rows with id in (van_id, tot_id] and the HMAC over them,
    in id order, each row as a JSON list of KOLOMMEN (unambiguous: strings are
    quoted, NULL is not the empty string)."""
    mac = hmac.new(sleutel, f"auditregels v{VERSIE}\n".encode(), hashlib.sha256)
    aantal = 0
    if tot_id > van_id:
        rijen = (
            AuditRegel.objects.filter(id__gt=van_id, id__lte=tot_id)
            .order_by("id")
            .values_list(*KOLOMMEN)
            .iterator(chunk_size=2000)
        )
        for rij in rijen:
            waarden = [tijd(w) if isinstance(w, datetime) else w for w in rij]
            mac.update(json.dumps(waarden, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
            aantal += 1
    return aantal, mac.hexdigest()


def zegel_mac(sleutel: bytes, zegel: AuditZegel) -> str:
    velden = [
        zegel.versie,
        zegel.nummer,
        tijd(zegel.tijdstip),
        zegel.van_id,
        zegel.tot_id,
        zegel.aantal,
        zegel.regels_mac,
        zegel.kandidaat_tot_id,
        list(zegel.wacht_op),
        zegel.sleutel_id,
        zegel.vorige_mac,
    ]
    bericht = b"auditzegel\n" + json.dumps(velden, separators=(",", ":")).encode()
    return hmac.new(sleutel, bericht, hashlib.sha256).hexdigest()
