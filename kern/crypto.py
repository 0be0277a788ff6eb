"""Encryption at rest and blind indexes (docs/vertrouwelijkheid.md; docs/adr/0001-versleuteling.md).

Fernet (AES-128-CBC + HMAC-SHA256) with keys from the environment. A MultiFernet
decrypts with any configured key and encrypts with the first, so a new key is
added in front, data is re-encrypted with `manage.py sleutels_roteren`, and the
old key is then removed.
"""

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "InvalidToken",
    "SleutelOntbreekt",
    "afgeleide_sleutel",
    "blinde_index",
    "ontsleutel",
    "ontsleutel_bytes",
    "roteer",
    "versleutel",
    "versleutel_bytes",
]


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: no key to encrypt with.")
    try:
        return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS holds an invalid Fernet key: {exc}") from None


class SleutelOntbreekt(InvalidToken):
    """No configured key decrypts this value: the key it was encrypted with was
    lost or is not configured (a restore with the wrong FIELD_ENCRYPTION_KEYS).
    A clear error instead of a silent empty or garbled value (docs/sleutelbeheer.md).
    Subclasses InvalidToken, so existing handlers keep working."""

    def __init__(self):
        super().__init__(
            "Cannot decrypt: none of the keys in FIELD_ENCRYPTION_KEYS fits this value. The key it was "
            "encrypted with is missing (lost, or not restored with the backup). Restore the key from the key "
            "backup; see docs/sleutelbeheer.md. Nothing was shown or changed."
        )


def _sleutels() -> MultiFernet:
    return _multifernet(tuple(settings.MELDPUNT_VERSLEUTELSLEUTELS))


def versleutel_bytes(data: bytes) -> bytes:
    return _sleutels().encrypt(data)


def ontsleutel_bytes(token: bytes) -> bytes:
    try:
        return _sleutels().decrypt(token)
    except InvalidToken:
        raise SleutelOntbreekt() from None


def versleutel(tekst: str) -> str:
    return versleutel_bytes(tekst.encode("utf-8")).decode("ascii")


def ontsleutel(token: str) -> str:
    return ontsleutel_bytes(token.encode("ascii")).decode("utf-8")


def versleutel_voor_client(tekst: str) -> str:
    """A value that travels through the client and back (a short-lived cookie):
    encrypted and authenticated, so the client can neither read nor alter it."""
    return versleutel(tekst)


def ontsleutel_van_client(token: str, *, geldig_seconden: int) -> str | None:
    """The value of `versleutel_voor_client`, or None when the token is forged,
    altered, older than `geldig_seconden` or not ours: client input, so no error."""
    try:
        return _sleutels().decrypt(token.encode("ascii"), ttl=geldig_seconden).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError):
        return None


def roteer(token: str) -> str:
    """Re-encrypt a token with the newest key (readable with any configured key)."""
    try:
        return _sleutels().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise SleutelOntbreekt() from None


def is_actueel(token: str) -> bool:
    """Whether a token is already encrypted with the newest key."""
    keys = settings.MELDPUNT_VERSLEUTELSLEUTELS
    try:
        Fernet(keys[0].encode()).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def normaliseer(waarde: str) -> str:
    """Normal form for matching: NFKC, trimmed, case-folded, inner spaces removed."""
    return "".join(unicodedata.normalize("NFKC", waarde).casefold().split())


def blinde_index(waarde: str, *, doel: str) -> str:
    """Keyed HMAC-SHA256 of a normalised value, separated per purpose.

    Lets us find a row by an exact value (a receipt code, an employee number)
    without storing the value or decrypting every row.
    """
    sleutel = settings.MELDPUNT_BLINDE_INDEX_SLEUTEL
    if not sleutel:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is empty.")
    bericht = f"{doel}\x00{normaliseer(waarde)}".encode()
    return hmac.new(sleutel.encode(), bericht, hashlib.sha256).hexdigest()


@lru_cache(maxsize=16)
def afgeleide_sleutel(materiaal: str, *, doel: str) -> bytes:
    """A 32-byte key for one purpose, derived from key material of the environment
    with HKDF-SHA256 (RFC 5869), the purpose as HKDF's `info`.

    As `blinde_index` separates its HMACs per `doel`, this separates keys: one
    secret may feed several purposes without a MAC of one ever being valid for
    another, and a derived key reveals nothing about the material or its siblings.
    Used for the seals of the audit log (kern/auditzegels.py; docs/sleutelbeheer.md)."""
    if not materiaal:
        raise ImproperlyConfigured(f"No key material to derive the key for {doel!r} from.")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"meldpunt:{doel}".encode()).derive(
        materiaal.encode()
    )
