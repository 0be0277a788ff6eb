"""Finding planted traces again, in zips, PDF streams and embedded images."""

from __future__ import annotations

import io
import zipfile

import pikepdf
from PIL import Image

from meldingen.tests.bestanden_met_metadata.merktekens import MERKTEKENS


def _exif_sporen(inhoud: bytes) -> list[str]:
    try:
        with Image.open(io.BytesIO(inhoud)) as img:
            exif = img.getexif()
            gevonden = [f"exif:{k}" for k in exif if k in (0x010F, 0x0110, 0x013B, 0x8825)]
            if exif.get_ifd(0x8825):
                gevonden.append("gps")
            for sleutel in ("comment", "xmp", "XML:com.adobe.xmp", "Author", "exif"):
                if img.info.get(sleutel):
                    gevonden.append(f"info:{sleutel}")
            return gevonden
    except Exception:
        return []


def _pdf_delen(inhoud: bytes) -> list[bytes]:

    delen = []
    try:
        pdf = pikepdf.open(io.BytesIO(inhoud))
    except pikepdf.PdfError:
        return delen
    with pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    delen.append(obj.read_bytes())
                except pikepdf.PdfError:
                    delen.append(obj.read_raw_bytes())
                delen.append(obj.read_raw_bytes())
                delen.append(repr(obj.stream_dict).encode())
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
                delen.append(repr(obj).encode())
            elif isinstance(obj, pikepdf.String):
                delen.append(bytes(obj))
        delen.append(repr(pdf.trailer).encode())
    return delen


def sporen(inhoud: bytes, diepte: int = 0) -> list[str]:
    """Every planted trace still found in `inhoud` (empty: clean)."""
    gevonden = []
    for teken in MERKTEKENS:
        for codering in ("utf-8", "utf-16-le", "utf-16-be"):
            if teken.encode(codering) in inhoud:
                gevonden.append(f"{teken} ({codering})")
    gevonden += _exif_sporen(inhoud)
    if diepte < 3 and inhoud.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            for naam in z.namelist():
                gevonden += [f"{naam}: {s}" for s in sporen(z.read(naam), diepte + 1)]
                if naam.lower().startswith(("docprops/thumbnail", "thumbnails/")):
                    gevonden.append(f"{naam}: thumbnail")
                if naam == "docProps/custom.xml":
                    gevonden.append(naam)
    if diepte < 3 and inhoud.startswith(b"%PDF-"):
        for deel in _pdf_delen(inhoud):
            if deel != inhoud:
                gevonden += [f"pdf: {s}" for s in sporen(deel, diepte + 1)]
    return sorted(set(gevonden))
