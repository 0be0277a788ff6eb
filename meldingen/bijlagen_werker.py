"""The sandboxed cleaner of attachments: one file in on stdin, the cleaned file out
on stdout (docs/hostile-input.md). Started by meldingen.services.bijlagen as its
own process; imports no Django and reads no settings or keys.

Before it parses anything it caps its own address space, CPU time and output
size (inherited by the mat2 process it starts), so a decompression bomb ends in
a MemoryError or a kill here, never in the web worker. The parent adds a wall
clock timeout and removes the working folder.

Order per file: refuse bombs by what the headers declare (pixels, zip sizes and
ratios, PDF pages and objects); clean with a maintained library (mat2 for office
files and PDFs, Pillow for photos); then finish what mat2 leaves for office
files and verify the result. What cannot be verified as clean is reported as
uncertain, and nothing is stored unless the melder keeps the original
knowingly (docs/melderzijde.md).

Exit codes: 0 cleaned, 10 refused (bomb/limit), 11 uncertain, 12 unreadable.
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import warnings
import zipfile

GEHEUGEN = 256 * 1024 * 1024  # address space of this process and of mat2
CPU_SECONDEN = 20
MAX_UITVOER = 64 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is large; a pixel bomb is far larger
MAX_ZIP_LEDEN = 2000
MAX_ZIP_LID = 50 * 1024 * 1024
MAX_ZIP_TOTAAL = 100 * 1024 * 1024
MAX_ZIP_VERHOUDING = 100  # uncompressed : compressed, for members over 1 MiB
MAX_PDF_PAGINAS = 300
MAX_PDF_OBJECTEN = 200_000
MAX_PDF_PAGINA_PUNTEN = 4 * 2384 * 3370  # four A0 pages in points²: mat2 rasterises pages
MAT2 = os.environ.get("MELDPUNT_MAT2", "/usr/bin/mat2")

GEWEIGERD, ONZEKER, ONLEESBAAR = 10, 11, 12


class Stop(Exception):
    def __init__(self, code: int, reden: str):
        super().__init__(reden)
        self.code, self.reden = code, reden


def _grenzen_zetten() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GEHEUGEN, GEHEUGEN))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDEN, CPU_SECONDEN))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_UITVOER, MAX_UITVOER))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# --- bombs ------------------------------------------------------------------------------


def _pixels_controleren(inhoud: bytes, waar: str = "") -> None:
    # Imported here: the cleaning process loads only the parser this file type needs, after its memory limit is set.
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(inhoud)) as img:
                breedte, hoogte = img.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise Stop(GEWEIGERD, f"pixels{waar}") from exc
        except Exception as exc:
            if waar:
                return  # not an image after all: mat2 decides about the member
            raise Stop(ONLEESBAAR, "afbeelding") from exc
    if breedte * hoogte > MAX_PIXELS:
        raise Stop(GEWEIGERD, f"pixels{waar}")


def _zip_controleren(inhoud: bytes) -> None:
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except zipfile.BadZipFile as exc:
        raise Stop(ONLEESBAAR, "zip") from exc
    with archief:
        leden = archief.infolist()
        if len(leden) > MAX_ZIP_LEDEN:
            raise Stop(GEWEIGERD, "zip-leden")
        if sum(lid.file_size for lid in leden) > MAX_ZIP_TOTAAL:
            raise Stop(GEWEIGERD, "zip-totaal")
        for lid in leden:
            if lid.file_size > MAX_ZIP_LID:
                raise Stop(GEWEIGERD, "zip-lid")
            if lid.file_size > 1024 * 1024 and lid.file_size > MAX_ZIP_VERHOUDING * max(lid.compress_size, 1):
                raise Stop(GEWEIGERD, "zip-verhouding")
            if lid.flag_bits & 0x1:
                raise Stop(ONZEKER, "zip-versleuteld")
        for lid in leden:
            # Reading is bounded by the declared size checked above (zipfile
            # stops at file_size and checks the CRC), so this cannot explode.
            data = archief.read(lid)
            if data.startswith(b"PK\x03\x04"):
                raise Stop(ONZEKER, "zip-in-zip")  # embedded documents: not cleaned with certainty
            if data[:4] in (b"\x89PNG", b"GIF8") or data[:3] == b"\xff\xd8\xff":
                _pixels_controleren(data, waar=f":{lid.filename}")


def _pdf_controleren(pad: str) -> None:
    # Imported here: the cleaning process loads only the parser this file type needs, after its memory limit is set.
    import pikepdf

    try:
        with pikepdf.open(pad) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGINAS:
                raise Stop(GEWEIGERD, "pdf-paginas")
            if len(pdf.objects) > MAX_PDF_OBJECTEN:
                raise Stop(GEWEIGERD, "pdf-objecten")
            for pagina in pdf.pages:
                x0, y0, x1, y1 = (float(v) for v in pagina.mediabox)
                if abs(x1 - x0) * abs(y1 - y0) > MAX_PDF_PAGINA_PUNTEN:
                    raise Stop(GEWEIGERD, "pdf-paginagrootte")
    except pikepdf.PasswordError as exc:
        raise Stop(ONZEKER, "pdf-wachtwoord") from exc
    except pikepdf.PdfError as exc:
        raise Stop(ONLEESBAAR, "pdf") from exc
    except RecursionError as exc:
        raise Stop(GEWEIGERD, "pdf-nesting") from exc


# --- cleaning ---------------------------------------------------------------------------


def _afbeelding_schoonmaken(inhoud: bytes, familie: str) -> bytes:
    """Pillow: orientation applied, then a fresh image of the pixels alone (no
    EXIF, XMP, ICC, comments or text chunks)."""
    # Imported here: the cleaning process loads only the parser this file type needs, after its memory limit is set.
    from PIL import Image, ImageOps

    _pixels_controleren(inhoud)
    with Image.open(io.BytesIO(inhoud)) as img:
        img.load()
        schoon = ImageOps.exif_transpose(img)
        if schoon.mode not in ("RGB", "RGBA", "L", "LA"):
            schoon = schoon.convert("RGBA" if familie == "png" else "RGB")
        kaal = Image.new(schoon.mode, schoon.size)
        kaal.paste(schoon)
        uit = io.BytesIO()
        if familie == "jpeg":
            kaal.convert("RGB").save(uit, format="JPEG", quality=92)
        else:
            kaal.save(uit, format="PNG")
    return uit.getvalue()


def _mat2(pad: str) -> str:
    """mat2 (Debian package, its own interpreter with the GObject bindings) on
    one file in our private folder; returns the path of the cleaned copy."""
    resultaat = subprocess.run(  # noqa: S603 - fixed program, our own temp path
        [MAT2, "--unknown-members", "abort", pad],
        capture_output=True,
        timeout=CPU_SECONDEN * 2,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": os.path.dirname(pad), "LANG": "C.UTF-8"},
    )
    basis, ext = os.path.splitext(pad)
    uit = f"{basis}.cleaned{ext}"
    if resultaat.returncode != 0 or not os.path.exists(uit):
        fout = resultaat.stderr.decode(errors="replace")
        if "MemoryError" in fout or resultaat.returncode < 0:
            raise Stop(GEWEIGERD, "mat2-geheugen")
        raise Stop(ONZEKER, "mat2: " + fout.strip().splitlines()[-1][:200] if fout.strip() else "mat2")
    return uit


# Parts of office files that say who wrote, commented or edited, or show the
# document as it once was: dropped before mat2 (which would refuse some of them
# as unknown) and checked again afterwards.
_WEG = re.compile(
    r"^(docProps/(thumbnail\.[a-z]+|custom\.xml)|Thumbnails/.*|(word|xl|ppt)/(comments[^/]*\.xml|people\.xml"
    r"|persons/.*|threadedComments/.*|commentsExtended\.xml|commentsIds\.xml|commentsExtensible\.xml))$",
    re.IGNORECASE,
)
_CREATOR_ELEMENTEN = {
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}tracked-changes",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation-end",
    "{http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac}absPath",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentReference",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeEnd",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}change-start",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}change-end",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}change",
    # word/settings.xml: the template's path, e.g. C:\Users\<name>\...\Normal.dotm.
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}attachedTemplate",
}
# A home folder in any path left in a part names its owner.
_PERSOONLIJK_PAD = re.compile(r"[A-Za-z]:[\\/](Users|Documents and Settings)[\\/]|/home/|/Users/", re.IGNORECASE)
# Attributes (any namespace) that name a person; verified absent at the end.
_PERSOON_ATTRIBUTEN = {"author", "initials", "userid", "providerid", "personid", "creator", "lastmodifiedby"}
_PERSOON_ELEMENTEN = {
    "creator",
    "lastmodifiedby",
    "initial-creator",
    "author",
    "authors",
    "abspath",
    "company",
    "manager",
    "printer-name",
    "user-defined",
    "printername",
}


def _weghalen(el) -> None:
    """Remove an element but keep the text that follows it (lxml's tail)."""
    ouder = el.getparent()
    if ouder is None:
        return
    if el.tail:
        vorige = el.getprevious()
        if vorige is not None:
            vorige.tail = (vorige.tail or "") + el.tail
        else:
            ouder.text = (ouder.text or "") + el.tail
    ouder.remove(el)


def _xml_opschonen(data: bytes) -> bytes:
    # Imported here: the cleaning process loads only the parser this file type needs, after its memory limit is set.
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    boom = etree.fromstring(data, parser)
    for el in list(boom.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag in _CREATOR_ELEMENTEN:
            _weghalen(el)
            continue
        # ODF settings: printer names and the like.
        if (
            el.tag.endswith("}config-item")
            and "printer" in (el.get("{urn:oasis:names:tc:opendocument:xmlns:config:1.0}name") or "").lower()
        ):
            _weghalen(el)
    # Content types and relationships of parts that were dropped.
    for el in list(boom.iter("{*}Override", "{*}Relationship", "{*}file-entry")):
        doel = (
            el.get("PartName")
            or el.get("Target")
            or el.get("{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}full-path")
            or ""
        ).lstrip("/")
        if _WEG.match(doel) or re.search(r"(comments|people|thumbnail)[^/]*$", doel, re.IGNORECASE):
            _weghalen(el)
    return etree.tostring(boom, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip_herschrijven(inhoud: bytes, *, xml_opschonen: bool) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            if _WEG.match(info.filename):
                continue
            data = bron.read(info)
            if xml_opschonen and info.filename.lower().endswith((".xml", ".rels")):
                data = _xml_opschonen(data)
            nieuw = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            # ODF wants "mimetype" first and stored; keep each member's method.
            nieuw.compress_type = info.compress_type
            doel.writestr(nieuw, data)
    return uit.getvalue()


def _office_controleren(inhoud: bytes) -> None:
    """After cleaning: nothing that names a person, no thumbnail, no photo with
    EXIF/XMP. Anything found makes the result uncertain, not silently kept."""
    # Imported here: the cleaning process loads only the parser this file type needs, after its memory limit is set.
    from lxml import etree
    from PIL import Image

    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        for info in archief.infolist():
            if _WEG.match(info.filename):
                raise Stop(ONZEKER, f"over: {info.filename}")
            data = archief.read(info)
            if info.filename.lower().endswith((".xml", ".rels")):
                boom = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
                for el in boom.iter():
                    if not isinstance(el.tag, str):
                        continue
                    naam = etree.QName(el).localname.lower()
                    if _PERSOONLIJK_PAD.search(el.text or "") or any(
                        _PERSOONLIJK_PAD.search(v) for v in el.attrib.values()
                    ):
                        raise Stop(ONZEKER, f"pad in {info.filename}: {naam}")
                    if naam in _PERSOON_ELEMENTEN and ((el.text or "").strip() or len(el.attrib)):
                        raise Stop(ONZEKER, f"persoon in {info.filename}: {naam}")
                    for attr in el.attrib:
                        if etree.QName(attr).localname.lower() in _PERSOON_ATTRIBUTEN:
                            raise Stop(ONZEKER, f"persoon in {info.filename}: @{attr}")
            elif data[:3] == b"\xff\xd8\xff" or data[:4] == b"\x89PNG":
                with Image.open(io.BytesIO(data)) as img:
                    if img.getexif() or {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(img.info):
                        raise Stop(ONZEKER, f"exif in {info.filename}")


def schoonmaken(inhoud: bytes, familie: str, map_: str, extensie: str = "") -> bytes:
    if familie in ("jpeg", "png"):
        return _afbeelding_schoonmaken(inhoud, familie)
    if familie in ("ooxml", "odf"):
        _zip_controleren(inhoud)
        # mat2 chooses its parser by the extension.
        ext = extensie if extensie in ("docx", "xlsx", "odt") else ("docx" if familie == "ooxml" else "odt")
        pad = os.path.join(map_, f"bestand.{ext}")
        with open(pad, "wb") as fh:
            fh.write(_zip_herschrijven(inhoud, xml_opschonen=True))
        with open(_mat2(pad), "rb") as fh:
            schoon = _zip_herschrijven(fh.read(), xml_opschonen=True)
        _office_controleren(schoon)
        return schoon
    if familie == "pdf":
        pad = os.path.join(map_, "bestand.pdf")
        with open(pad, "wb") as fh:
            fh.write(inhoud)
        _pdf_controleren(pad)
        # mat2 renders every page to pixels and builds a new PDF from them: no
        # document info, XMP, annotations (nor their authors), attachments,
        # scripts or embedded photos' EXIF can survive. The text becomes an image.
        with open(_mat2(pad), "rb") as fh:
            return fh.read()
    raise Stop(ONLEESBAAR, f"soort {familie}")


def main() -> int:
    _grenzen_zetten()
    familie = sys.argv[1]
    extensie = sys.argv[2] if len(sys.argv) > 2 else ""
    inhoud = sys.stdin.buffer.read()
    try:
        with tempfile.TemporaryDirectory(prefix="schoon-") as map_:
            schoon = schoonmaken(inhoud, familie, map_, extensie)
    except Stop as stop:
        sys.stderr.write(stop.reden)
        return stop.code
    except MemoryError:
        sys.stderr.write("geheugen")
        return GEWEIGERD
    except RecursionError:
        sys.stderr.write("nesting")
        return GEWEIGERD
    except Exception as exc:
        sys.stderr.write(f"onleesbaar: {type(exc).__name__}")
        return ONLEESBAAR
    sys.stdout.buffer.write(schoon)
    return 0


if __name__ == "__main__":
    sys.exit(main())
