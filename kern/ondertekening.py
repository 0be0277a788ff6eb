"""Signing with a fresh second-factor check at the moment of signing.

The signature stores the hash of the exact document; `is_ongewijzigd` detects any
later change of the stored bytes. Used for every decision the HL (or the hoogste
verantwoordelijke on a routed case) signs: Art. 9, 11 and 14.
"""

from __future__ import annotations

import hashlib
import hmac

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern.auth import GEEN_AUTHENTICATOR_VOOR_ONDERTEKENEN, bevestigd_apparaat
from kern.models import AuditActie, Gebruiker, Ondertekening
from kern.services import auditregel_schrijven


def document_hash(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


@transaction.atomic
def document_ondertekenen(*, inhoud: bytes, omschrijving: str, door: Gebruiker, totp_code: str) -> Ondertekening:
    """Sign `inhoud` after verifying a fresh TOTP code of the signer.

    A session that passed the second factor at login is not enough: signing asks
    the code again, so an unattended session cannot sign.
    """
    apparaat = bevestigd_apparaat(gebruiker=door)
    if apparaat is None:
        raise ValidationError({"totp_code": GEEN_AUTHENTICATOR_VOOR_ONDERTEKENEN})
    code = (totp_code or "").strip().replace(" ", "")
    if not code or not apparaat.verify_token(code):
        raise ValidationError({"totp_code": _("De code uit uw authenticator-app klopt niet. Er is niets ondertekend.")})
    ondertekening = Ondertekening.objects.create(
        ondertekenaar=door, document_hash=document_hash(inhoud), omschrijving=omschrijving[:200]
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=ondertekening, toelichting="ondertekend")
    return ondertekening


def is_ongewijzigd(*, ondertekening: Ondertekening, inhoud: bytes) -> bool:
    """Whether the stored document is still exactly what was signed."""
    return hmac.compare_digest(ondertekening.document_hash, document_hash(inhoud))
