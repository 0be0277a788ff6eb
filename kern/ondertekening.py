"""The one signing module: a fresh second-factor check at the moment of signing
(docs/adr/0005-ondertekening.md).

The signature stores the hash of the exact document; `is_ongewijzigd` detects any
later change of the stored bytes. Used for every decision the HL (or the hoogste
verantwoordelijke on a routed case) signs: Art. 5.4, 6.3, 9, 11, 13 and 14.
`ondertekend_pdf` renders a template and signs it in one step; a document that
already exists as bytes (the annual report) is signed with `document_ondertekenen`.
One decision made of several documents (the standpunt after an Art. 13.2
investigation and its Art. 11.3 assessment) is signed in one act with one code by
`ondertekende_pdfs`: each document still gets its own signature and hash.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.auth import GEEN_AUTHENTICATOR_VOOR_ONDERTEKENEN, bevestigd_apparaat, code_al_gebruikt
from kern.models import AuditActie, Gebruiker, Ondertekening
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven


def document_hash(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def _code_controleren(*, door: Gebruiker, totp_code: str) -> None:
    """A fresh TOTP code of the signer: a session that passed the second factor at
    login is not enough, so an unattended session cannot sign."""
    apparaat = bevestigd_apparaat(gebruiker=door)
    if apparaat is None:
        raise ValidationError({"totp_code": GEEN_AUTHENTICATOR_VOOR_ONDERTEKENEN})
    code = (totp_code or "").strip().replace(" ", "")
    if not code or not apparaat.verify_token(code):
        if code and code_al_gebruikt(apparaat=apparaat, code=code):
            # django-otp's replay protection: e.g. the code of the login, within the same 30 seconds.
            raise ValidationError(
                {
                    "totp_code": _(
                        "Deze code uit uw authenticator-app is al gebruikt, bijvoorbeeld bij het inloggen. Een code "
                        "werkt maar één keer: wacht op de volgende code in de app en probeer het dan opnieuw. Er is "
                        "niets ondertekend."
                    )
                }
            )
        raise ValidationError({"totp_code": _("De code uit uw authenticator-app klopt niet. Er is niets ondertekend.")})


def _ondertekening_vastleggen(*, inhoud: bytes, omschrijving: str, door: Gebruiker) -> Ondertekening:
    ondertekening = Ondertekening.objects.create(
        ondertekenaar=door, document_hash=document_hash(inhoud), omschrijving=omschrijving[:200]
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=ondertekening, toelichting="ondertekend")
    return ondertekening


@transaction.atomic
def document_ondertekenen(*, inhoud: bytes, omschrijving: str, door: Gebruiker, totp_code: str) -> Ondertekening:
    """Sign `inhoud` after verifying a fresh TOTP code of the signer."""
    _code_controleren(door=door, totp_code=totp_code)
    return _ondertekening_vastleggen(inhoud=inhoud, omschrijving=omschrijving, door=door)


def is_ongewijzigd(*, ondertekening: Ondertekening, inhoud: bytes) -> bool:
    """Whether the stored document is still exactly what was signed."""
    return hmac.compare_digest(ondertekening.document_hash, document_hash(inhoud))


class OndertekendePdf(NamedTuple):
    """What `ondertekend_pdf` returns, by name: the exact bytes signed, the same
    bytes as a file to store (named after the signature) and the signature."""

    pdf: bytes
    bestand: ContentFile
    ondertekening: Ondertekening


class TeOndertekenen(NamedTuple):
    """One document of a decision: the template, its context and what is signed."""

    template: str
    context: dict
    omschrijving: str


@transaction.atomic
def ondertekende_pdfs(
    *, documenten: Sequence[TeOndertekenen], door: Gebruiker, totp_code: str
) -> list[OndertekendePdf]:
    """One decision that consists of several documents, signed in one act: every
    document is rendered first (with the signer and today's date), the code is
    asked once, and each document gets its own signature with the hash of its own
    bytes. A code works once (django-otp), so a decision the HL gives in one form
    (the Art. 13.2 standpunt with its Art. 11.3 assessment) is signed here rather
    than with a second code (docs/adr/0005-ondertekening.md)."""
    pdfs = [
        template_naar_pdf(d.template, {"datum": timezone.now(), **d.context, "ondertekenaar": door}) for d in documenten
    ]
    _code_controleren(door=door, totp_code=totp_code)
    resultaat = []
    for document, pdf in zip(documenten, pdfs, strict=True):
        ondertekening = _ondertekening_vastleggen(inhoud=pdf, omschrijving=document.omschrijving, door=door)
        bestand = ContentFile(pdf, name=f"{ondertekening.uuid}.pdf")
        resultaat.append(OndertekendePdf(pdf=pdf, bestand=bestand, ondertekening=ondertekening))
    return resultaat


def ondertekend_pdf(
    *, template: str, context: dict, omschrijving: str, door: Gebruiker, totp_code: str
) -> OndertekendePdf:
    """Render `template` to PDF with the signer and today's date in its context,
    and sign those bytes with a fresh second-factor code of `door`."""
    (getekend,) = ondertekende_pdfs(
        documenten=[TeOndertekenen(template, context, omschrijving)], door=door, totp_code=totp_code
    )
    return getekend
