"""Attachments: type and size checks, metadata removal, encrypted storage (docs/melderzijde.md).

Metadata (author, GPS position, device, edit history) can identify a melder, so it
is removed before storage unless the melder explicitly keeps the original. Images
are re-saved with Pillow without EXIF/XMP, PDFs lose their docinfo and XMP with
pikepdf, and office files are rewritten without their property parts. All three
libraries are runtime dependencies already; no external program is started.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pikepdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.constants import MetadataBehandeling
from meldingen.models import Bericht, Bijlage, Melding

MAX_GROOTTE = 20 * 1024 * 1024
MAX_AANTAL = 10

# extension -> (content type, family)
TOEGESTAAN: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "png": ("image/png", "png"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "txt": ("text/plain", "txt"),
}
TOEGESTANE_EXTENSIES = ("pdf", "jpg", "png", "docx", "xlsx", "odt", "txt")

# Parts of office files that hold author, company, edit times and custom properties.
OOXML_EIGENSCHAPPEN = {
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
    ),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docProps/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
}
ODF_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    "<office:meta/></office:document-meta>"
)


@dataclass(frozen=True)
class VoorbereidBestand:
    """An uploaded file checked and (by default) cleaned, ready to store."""

    naam: str
    inhoud: bytes
    inhoudstype: str
    metadata: MetadataBehandeling


def _fout(naam: str, tekst: str) -> ValidationError:
    return ValidationError(_("%(naam)s: %(tekst)s") % {"naam": naam, "tekst": tekst})


def _past_bij_soort(inhoud: bytes, familie: str) -> bool:
    """Check the first bytes: the extension alone proves nothing."""
    if familie == "pdf":
        return inhoud.startswith(b"%PDF-")
    if familie == "jpeg":
        return inhoud.startswith(b"\xff\xd8\xff")
    if familie == "png":
        return inhoud.startswith(b"\x89PNG\r\n\x1a\n")
    if familie in ("ooxml", "odf"):
        return inhoud.startswith(b"PK\x03\x04")
    if familie == "txt":
        if b"\x00" in inhoud:
            return False
        try:
            inhoud.decode("utf-8")
        except UnicodeDecodeError:
            try:
                inhoud.decode("cp1252")
            except UnicodeDecodeError:
                return False
        return True
    return False


def _afbeelding_schoonmaken(inhoud: bytes, familie: str) -> bytes:

    with Image.open(io.BytesIO(inhoud)) as img:
        img.load()
        # Apply the orientation first, so dropping EXIF does not turn the photo.
        schoon = ImageOps.exif_transpose(img)
        if schoon.mode not in ("RGB", "RGBA", "L", "LA"):
            schoon = schoon.convert("RGBA" if familie == "png" else "RGB")
        # A fresh image holds pixels only: no EXIF, XMP, comments or text chunks.
        kaal = Image.new(schoon.mode, schoon.size)
        kaal.paste(schoon)
        uit = io.BytesIO()
        if familie == "jpeg":
            kaal.convert("RGB").save(uit, format="JPEG", quality=92)
        else:
            kaal.save(uit, format="PNG")
    return uit.getvalue()


def _pdf_schoonmaken(inhoud: bytes) -> bytes:

    with pikepdf.open(io.BytesIO(inhoud)) as pdf:
        # Document information dictionary (Author, Creator, Producer, dates ...).
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        # XMP metadata stream on the catalogue.
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        if "/PieceInfo" in pdf.Root:
            del pdf.Root["/PieceInfo"]
        for pagina in pdf.pages:
            for sleutel in ("/Metadata", "/PieceInfo"):
                if sleutel in pagina.obj:
                    del pagina.obj[sleutel]
        uit = io.BytesIO()
        pdf.save(uit, fix_metadata_version=False, deterministic_id=True)
    return uit.getvalue()


def _zip_schoonmaken(inhoud: bytes, familie: str) -> bytes:
    vervangingen = OOXML_EIGENSCHAPPEN if familie == "ooxml" else {"meta.xml": ODF_META}
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            data = vervangingen.get(info.filename)
            data = data.encode() if data is not None else bron.read(info.filename)
            # ODF requires "mimetype" first and uncompressed; keep each entry's method.
            nieuw = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            nieuw.compress_type = info.compress_type
            doel.writestr(nieuw, data)
    return uit.getvalue()


def grootte_controleren(*, naam: str, grootte: int) -> None:
    """Refuse a file over the limit before reading it into memory."""
    if grootte > MAX_GROOTTE:
        raise _fout(
            naam, _("het bestand is te groot. Het mag hoogstens %(max)s zijn.") % {"max": filesizeformat(MAX_GROOTTE)}
        )


def bestand_voorbereiden(*, naam: str, inhoud: bytes, metadata_behouden: bool = False) -> VoorbereidBestand:
    """Check type and size and remove metadata. Raises ValidationError with a
    message the melder understands. Pure: stores nothing."""
    # Only printable characters: the name is echoed in pages and in a download header.
    naam = "".join(ch for ch in (naam or "") if ch.isprintable()).strip()[:200] or "bestand"
    extensie = naam.rsplit(".", 1)[-1].lower() if "." in naam else ""
    if extensie not in TOEGESTAAN:
        raise _fout(
            naam,
            _("dit soort bestand kunnen we niet aannemen. Toegestaan zijn: %(soorten)s.")
            % {"soorten": ", ".join(TOEGESTANE_EXTENSIES)},
        )
    if len(inhoud) == 0:
        raise _fout(naam, _("het bestand is leeg."))
    grootte_controleren(naam=naam, grootte=len(inhoud))
    inhoudstype, familie = TOEGESTAAN[extensie]
    if not _past_bij_soort(inhoud, familie):
        raise _fout(
            naam, _("de inhoud past niet bij de extensie .%(ext)s. Is het bestand beschadigd?") % {"ext": extensie}
        )
    if familie == "txt":
        return VoorbereidBestand(naam, inhoud, inhoudstype, MetadataBehandeling.NIET_VAN_TOEPASSING)
    if metadata_behouden:
        return VoorbereidBestand(naam, inhoud, inhoudstype, MetadataBehandeling.BEHOUDEN)
    try:
        if familie in ("jpeg", "png"):
            schoon = _afbeelding_schoonmaken(inhoud, familie)
        elif familie == "pdf":
            schoon = _pdf_schoonmaken(inhoud)
        else:
            schoon = _zip_schoonmaken(inhoud, familie)
    except Exception as exc:  # any parser error: the file is unreadable to us
        raise _fout(
            naam,
            _(
                "we konden de verborgen gegevens (zoals auteur of locatie) niet uit dit bestand halen. "
                "Is het beschadigd? U kunt ook kiezen om het origineel te bewaren."
            ),
        ) from exc
    return VoorbereidBestand(naam, schoon, inhoudstype, MetadataBehandeling.VERWIJDERD)


@transaction.atomic
def bijlage_opslaan(
    *,
    melding: Melding,
    bestand: VoorbereidBestand,
    bericht: Bericht | None = None,
    door: Gebruiker | None = None,
) -> Bijlage:
    """Store one prepared file encrypted (kern.opslag) and record what was done
    with its metadata, so the case shows it (docs/melderzijde.md)."""
    bijlage = Bijlage(
        melding=melding,
        bericht=bericht,
        bestandsnaam=bestand.naam,
        inhoudstype=bestand.inhoudstype,
        grootte=len(bestand.inhoud),
        metadata=bestand.metadata,
        van_melder=door is None,
    )
    bijlage.bestand.save("bijlage", ContentFile(bestand.inhoud), save=False)
    bijlage.save()
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=bijlage,
        toelichting=f"bijlage metadata={bestand.metadata}",
        actor_soort=None if door else "melder",
    )
    return bijlage


def bijlage_inhoud_lezen(*, bijlage: Bijlage, door: Gebruiker | None) -> bytes:
    """Decrypt one attachment for download; every download is audited (docs/vertrouwelijkheid.md).
    Access has been checked by the caller's selector."""
    with transaction.atomic():
        auditregel_schrijven(
            door=door, actie=AuditActie.GEDOWNLOAD, object=bijlage, actor_soort=None if door else "melder"
        )
    with bijlage.bestand.open("rb") as fh:
        return fh.read()
