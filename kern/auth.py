"""Second-factor enrolment and verification for staff (django-otp, TOTP)."""

from __future__ import annotations

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kern.models import AuditActie, Gebruiker
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


def bevestigd_apparaat(*, gebruiker: Gebruiker) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).order_by("id").first()


@transaction.atomic
def totp_apparaat_voorbereiden(*, gebruiker: Gebruiker) -> TOTPDevice:
    """An unconfirmed device for enrolment; reused until confirmed."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).order_by("id").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name="authenticator", confirmed=False)
    return apparaat


@transaction.atomic
def totp_apparaat_bevestigen(*, apparaat: TOTPDevice, door: Gebruiker) -> None:
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=door, toelichting="tweede factor ingesteld")


def totp_geheim_base32(apparaat: TOTPDevice) -> str:
    return b32encode(apparaat.bin_key).decode().rstrip("=")


def totp_qr_svg(apparaat: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG: no third-party QR service."""
    afbeelding = qrcode.make(apparaat.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    afbeelding.save(buffer)
    return buffer.getvalue().decode()
