"""JPEG and PNG with EXIF (maker, device, artist, GPS), a comment, XMP and text chunks."""

from __future__ import annotations

import io

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from meldingen.tests.bestanden_met_metadata.merktekens import APPARAAT, AUTEUR, FABRIKANT, GPS, XMP


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = FABRIKANT  # Make
    exif[0x0110] = APPARAAT  # Model
    exif[0x013B] = AUTEUR  # Artist
    exif[0x8825] = GPS  # GPS IFD
    return exif


def jpeg(grootte=(64, 48)) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", grootte, (200, 30, 30)).save(
        uit, format="JPEG", exif=_exif(), comment=AUTEUR.encode(), xmp=XMP.encode()
    )
    return uit.getvalue()


def png(grootte=(64, 48)) -> bytes:

    info = PngInfo()
    info.add_text("Author", AUTEUR)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    uit = io.BytesIO()
    Image.new("RGB", grootte, (30, 30, 200)).save(uit, format="PNG", pnginfo=info, exif=_exif())
    return uit.getvalue()
