"""PDF: document info, XMP, a photo with EXIF and GPS, a note and an attached file."""

from __future__ import annotations

import io

import pikepdf

from meldingen.tests.bestanden_met_metadata.afbeeldingen import jpeg
from meldingen.tests.bestanden_met_metadata.merktekens import APPARAAT, AUTEUR, BIJLAGE, FABRIKANT


def pdf() -> bytes:
    """A page with a photo (EXIF and GPS in the JPEG stream), document info and
    XMP naming the author, a note annotation by the author and an attached file."""

    doc = pikepdf.new()
    foto = jpeg()
    afbeelding = pikepdf.Stream(doc, foto)
    afbeelding.Type, afbeelding.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    afbeelding.Width, afbeelding.Height = 64, 48
    afbeelding.ColorSpace, afbeelding.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    afbeelding.Filter = pikepdf.Name.DCTDecode
    inhoud = b"BT /F1 18 Tf 40 700 Td (De directeur nam het geld mee.) Tj ET q 128 0 0 96 40 500 cm /Im0 Do Q"
    pagina = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Contents=pikepdf.Stream(doc, inhoud),
        Resources=pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im0=afbeelding),
            Font=pikepdf.Dictionary(
                F1=pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
                )
            ),
        ),
    )
    doc.pages.append(pikepdf.Page(pagina))
    bijlage = pikepdf.Stream(doc, f"Geschreven door {AUTEUR}".encode())
    bijlage.Type = pikepdf.Name.EmbeddedFile
    bestandsspec = pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=BIJLAGE, UF=BIJLAGE, EF=pikepdf.Dictionary(F=bijlage)
    )
    doc.pages[0].Annots = doc.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[300, 700, 320, 720],
                    T=AUTEUR,
                    Contents="Let op",
                    M="D:20240301090000",
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.FileAttachment,
                    Rect=[300, 650, 320, 670],
                    T=AUTEUR,
                    FS=bestandsspec,
                ),
            ]
        )
    )
    doc.Root.Names = pikepdf.Dictionary(
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String(BIJLAGE), bestandsspec]))
    )
    doc.docinfo["/Author"] = AUTEUR
    doc.docinfo["/Creator"] = APPARAAT
    doc.docinfo["/Producer"] = FABRIKANT
    with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTEUR]
        meta["xmp:CreatorTool"] = APPARAAT
    uit = io.BytesIO()
    doc.save(uit)
    return uit.getvalue()
