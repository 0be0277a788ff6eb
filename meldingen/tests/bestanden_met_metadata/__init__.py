"""Files with planted metadata, generated in the test (docs/hostile-input.md).

Every file type the form accepts is made here with what identifies a melder:
an author, a device, a GPS position, an embedded photo that carries all three
in its EXIF, edit history (tracked changes, comments), thumbnails, a file path.
`sporen` finds any of it in a file again, recursing into zips, PDF streams and
embedded images, so a test can say none of it survived.

One module per file type (``afbeeldingen``, ``ooxml``, ``odf``, ``pdf_bestand``),
the planted values in ``merktekens`` and the search in ``terugvinden``; the
names tests use are all here.
"""

from __future__ import annotations

from meldingen.tests.bestanden_met_metadata.afbeeldingen import jpeg, png
from meldingen.tests.bestanden_met_metadata.merktekens import (
    APPARAAT,
    AUTEUR,
    BEDRIJF,
    BIJLAGE,
    FABRIKANT,
    GPS,
    MERKTEKENS,
    PAD,
    XMP,
)
from meldingen.tests.bestanden_met_metadata.odf import odt
from meldingen.tests.bestanden_met_metadata.ooxml import docx, xlsx
from meldingen.tests.bestanden_met_metadata.pdf_bestand import pdf
from meldingen.tests.bestanden_met_metadata.terugvinden import sporen


def txt() -> bytes:
    return b"De directeur nam op vrijdag het geld mee.\n"


MAKERS = {"jpg": jpeg, "png": png, "docx": docx, "xlsx": xlsx, "odt": odt, "pdf": pdf, "txt": txt}

__all__ = [
    "APPARAAT",
    "AUTEUR",
    "BEDRIJF",
    "BIJLAGE",
    "FABRIKANT",
    "GPS",
    "MAKERS",
    "MERKTEKENS",
    "PAD",
    "XMP",
    "docx",
    "jpeg",
    "odt",
    "pdf",
    "png",
    "sporen",
    "txt",
    "xlsx",
]
