"""Second-factor enrolment and verification for staff (django-otp, TOTP)."""

from __future__ import annotations

import hmac
import time
from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from django_otp_webauthn.models import WebAuthnCredential

from kern import auditnotities
from kern.inschrijving import inschrijflink_gebruiken
from kern.models import AuditActie, AuditCategorie, Gebruiker, TOTPApparaat
from kern.services import auditregel_schrijven

# Staff who sign in through the identity provider may have no authenticator in
# Meldpunt; signing always asks a fresh code from one (kern/ondertekening.py).
GEEN_AUTHENTICATOR_VOOR_ONDERTEKENEN = format_lazy(
    _(
        "U heeft in Meldpunt nog geen authenticator-app gekoppeld, en ondertekenen vraagt altijd een verse code "
        "daaruit. Koppel er eerst een via ‘Authenticator koppelen’ ({url}). Er is niets ondertekend."
    ),
    url=reverse_lazy("kern_oidc:authenticator"),
)


def bevestigd_apparaat(*, gebruiker: Gebruiker) -> TOTPApparaat | None:
    return TOTPApparaat.objects.filter(user=gebruiker, confirmed=True).order_by("id").first()


def code_al_gebruikt(*, apparaat: TOTPApparaat, code: str) -> bool:
    """Whether a code that `verify_token` refused is a right code that was used
    before: django-otp accepts each time step once (replay protection), so the code
    of the login is refused when signing within the same 30 seconds. Read-only:
    asked only to tell the user why, after the refusal (docs/adr/0005-ondertekening.md)."""
    try:
        token = int(code)
    except (TypeError, ValueError):
        return False
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time()
    for verschuiving in range(-apparaat.tolerance, apparaat.tolerance + 1):
        totp.drift = apparaat.drift + verschuiving
        if totp.t() <= apparaat.last_t and hmac.compare_digest(str(totp.token()), str(token)):
            return True
    return False


@transaction.atomic
def totp_apparaat_voorbereiden(*, gebruiker: Gebruiker) -> TOTPApparaat:
    """An unconfirmed device for enrolment; reused until confirmed."""
    apparaat = TOTPApparaat.objects.filter(user=gebruiker, confirmed=False).order_by("id").first()
    if apparaat is None:
        apparaat = TOTPApparaat.objects.create(user=gebruiker, name="authenticator", confirmed=False)
    return apparaat


@transaction.atomic
def totp_apparaat_bevestigen(
    *, apparaat: TOTPApparaat, door: Gebruiker, inschrijflink=None, provider_mfa: bool = False
) -> None:
    """Confirm a first authenticator; uses up the enrolment link that allowed it
    (docs/threat-model.md §5). Without a link only where the second factor is
    optional (the demo), or in a session whose sign-in the organisation's identity
    provider confirmed with its own multi-factor authentication: then the password
    the functioneel beheerder set played no part (kern/oidc)."""
    if inschrijflink is not None:
        inschrijflink_gebruiken(link=inschrijflink)
    elif settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT and not provider_mfa:
        raise PermissionDenied
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=door,
        toelichting=auditnotities.TWEEDE_FACTOR_INGESTELD(),
        categorie=AuditCategorie.INLOGGEN,
    )


def totp_geheim_base32(apparaat: TOTPApparaat) -> str:
    return b32encode(apparaat.bin_key).decode().rstrip("=")


def totp_qr_svg(apparaat: TOTPApparaat) -> str:
    """The provisioning URI as an inline SVG: no third-party QR service."""
    afbeelding = qrcode.make(apparaat.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    afbeelding.save(buffer)
    return buffer.getvalue().decode()


def inloggen_vastleggen(*, gebruiker: Gebruiker) -> None:
    """A completed staff login: a login event the functioneel beheerder may see
    (docs/threat-model.md §4)."""
    auditregel_schrijven(door=gebruiker, actie=AuditActie.INGELOGD, object=gebruiker, categorie=AuditCategorie.INLOGGEN)


def aantal_passkeys(*, gebruiker: Gebruiker) -> int:

    return WebAuthnCredential.objects.filter(user=gebruiker, confirmed=True).count()


def heeft_passkey(*, gebruiker: Gebruiker) -> bool:
    return aantal_passkeys(gebruiker=gebruiker) > 0
