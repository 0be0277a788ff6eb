# ruff: noqa: E501 - XML namespaces and relationship types are long by nature
"""Files with planted metadata, generated in the test (docs/hostile-input.md).

Every file type the form accepts is made here with what identifies a melder:
an author, a device, a GPS position, an embedded photo that carries all three
in its EXIF, edit history (tracked changes, comments), thumbnails, a file path.
`sporen` finds any of it in a file again, recursing into zips, PDF streams and
embedded images, so a test can say none of it survived.
"""

from __future__ import annotations

import io
import zipfile

import pikepdf
from PIL import Image
from PIL.PngImagePlugin import PngInfo

AUTEUR = "Jan Melder"
APPARAAT = "Klokfoon X9"
FABRIKANT = "Fluitcam"
BEDRIJF = "Melder en Zonen BV"
PAD = "C:\\Users\\jmelder\\Documenten\\"
BIJLAGE = "geheim-bijlage.txt"
# Every marker that must not survive cleaning (as text; also searched UTF-16).
MERKTEKENS = (AUTEUR, APPARAAT, FABRIKANT, BEDRIJF, "jmelder", BIJLAGE)
GPS = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{AUTEUR}</dc:creator>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


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


def _zip(leden: dict[str, bytes | str], eerste_ongecomprimeerd: str | None = None) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        if eerste_ongecomprimeerd:
            z.writestr(eerste_ongecomprimeerd, leden.pop(eerste_ongecomprimeerd), compress_type=zipfile.ZIP_STORED)
        for naam, data in leden.items():
            z.writestr(naam, data)
    return uit.getvalue()


_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:creator>{AUTEUR}</dc:creator><cp:lastModifiedBy>{AUTEUR}</cp:lastModifiedBy>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T09:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Company>{BEDRIJF}</Company><Application>Microsoft Office Word</Application></Properties>"
)
_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Apparaat">'
    f"<vt:lpwstr>{APPARAAT}</vt:lpwstr></property></Properties>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="{hoofd}"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" '
    'Target="docProps/thumbnail.jpeg"/>'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
    'Target="docProps/custom.xml"/>'
    "</Relationships>"
)


def _content_types(hoofd: str, hoofd_type: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>'
        f'<Override PartName="/{hoofd}" ContentType="{hoofd_type}"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        f"{extra}</Types>"
    )


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def docx() -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {W} {R} "
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>'
        "<w:p><w:r><w:t>De directeur nam het geld mee.</w:t></w:r>"
        f'<w:ins w:id="1" w:author="{AUTEUR}" w:date="2024-03-01T09:00:00Z"><w:r><w:t> Op vrijdag.</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="{AUTEUR}" w:date="2024-03-01T09:00:00Z"><w:r><w:delText>Door {AUTEUR}.</w:delText>'
        "</w:r></w:del>"
        '<w:commentRangeStart w:id="0"/><w:r><w:t>Bewijs:</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="600000" cy="450000"/><wp:docPr id="1" name="foto"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="foto.jpeg"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rId10"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p></w:body></w:document>"
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments {W}><w:comment w:id="0" w:author="{AUTEUR}" w:initials="JM" w:date="2024-03-01T09:00:00Z">'
        "<w:p><w:r><w:t>Let op</w:t></w:r></w:p></w:comment></w:comments>"
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="media/image1.jpeg"/>'
        '<Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="comments.xml"/></Relationships>'
    )
    # The template's path names the user: C:\Users\<name>\...\Normal.dotm.
    instellingen = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:settings {W} {R}><w:attachedTemplate r:id="rId1"/><w:defaultTabStop w:val="708"/></w:settings>'
    )
    instellingen_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        f'Target="file:///{PAD}Normal.dotm" TargetMode="External"/></Relationships>'
    )
    hoofd = "word/document.xml"
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                hoofd,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                '<Override PartName="/word/comments.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
                '<Override PartName="/word/settings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>',
            ),
            "_rels/.rels": _RELS.replace("{hoofd}", hoofd),
            hoofd: document,
            "word/_rels/document.xml.rels": document_rels,
            "word/comments.xml": comments,
            "word/settings.xml": instellingen,
            "word/_rels/settings.xml.rels": instellingen_rels,
            "word/media/image1.jpeg": jpeg(),
            "docProps/core.xml": _CORE,
            "docProps/app.xml": _APP,
            "docProps/custom.xml": _CUSTOM,
            "docProps/thumbnail.jpeg": jpeg((32, 24)),
        }
    )


def xlsx() -> bytes:
    werkboek = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'{R} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15ac" '
        'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac">'
        f'<fileVersion appName="xl"/><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="{PAD}"/>'
        "</mc:Choice></mc:AlternateContent>"
        '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    werkboek_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    blad = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Bonnen 2024</t></is></c></row></sheetData>'
        '<drawing r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        "</worksheet>"
    )
    blad_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
        'Target="../drawings/drawing1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="../comments1.xml"/></Relationships>'
    )
    tekening = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" {R}>'
        "<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="600000" cy="450000"/><xdr:pic><xdr:nvPicPr>'
        '<xdr:cNvPr id="2" name="foto"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/>'
        "</xdr:blipFill><xdr:spPr/></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
    )
    tekening_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="../media/image1.jpeg"/></Relationships>'
    )
    opmerkingen = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<authors><author>{AUTEUR}</author></authors><commentList>"
        '<comment ref="A1" authorId="0"><text><t>Klopt niet</t></text></comment></commentList></comments>'
    )
    hoofd = "xl/workbook.xml"
    sml = "application/vnd.openxmlformats-officedocument"
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                hoofd,
                f"{sml}.spreadsheetml.sheet.main+xml",
                f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sml}.spreadsheetml.worksheet+xml"/>'
                f'<Override PartName="/xl/drawings/drawing1.xml" ContentType="{sml}.drawing+xml"/>'
                f'<Override PartName="/xl/comments1.xml" ContentType="{sml}.spreadsheetml.comments+xml"/>',
            ),
            "_rels/.rels": _RELS.replace("{hoofd}", hoofd),
            hoofd: werkboek,
            "xl/_rels/workbook.xml.rels": werkboek_rels,
            "xl/worksheets/sheet1.xml": blad,
            "xl/worksheets/_rels/sheet1.xml.rels": blad_rels,
            "xl/drawings/drawing1.xml": tekening,
            "xl/drawings/_rels/drawing1.xml.rels": tekening_rels,
            "xl/comments1.xml": opmerkingen,
            "xl/media/image1.jpeg": jpeg(),
            "docProps/core.xml": _CORE,
            "docProps/app.xml": _APP,
            "docProps/custom.xml": _CUSTOM,
            "docProps/thumbnail.jpeg": jpeg((32, 24)),
        }
    )


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2"'
)


def odt() -> bytes:
    inhoud = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-content {ODF_NS}><office:body><office:text>"
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info>'
        f"<dc:creator>{AUTEUR}</dc:creator><dc:date>2024-03-01T09:00:00</dc:date></office:change-info>"
        "</text:insertion></text:changed-region></text:tracked-changes>"
        '<text:p><text:change-start text:change-id="ct1"/>De directeur nam het geld mee.'
        '<text:change-end text:change-id="ct1"/>'
        f"<office:annotation><dc:creator>{AUTEUR}</dc:creator><dc:date>2024-03-01T09:00:00</dc:date>"
        "<text:p>Let op</text:p></office:annotation></text:p>"
        '<text:p><draw:frame draw:name="foto" svg:width="2cm" svg:height="1.5cm"><draw:image '
        'xlink:href="Pictures/foto.jpg" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p></office:text></office:body></office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-meta {ODF_NS}><office:meta><meta:initial-creator>{AUTEUR}</meta:initial-creator>"
        f"<dc:creator>{AUTEUR}</dc:creator><meta:generator>{APPARAAT}</meta:generator>"
        f'<meta:user-defined meta:name="Bedrijf">{BEDRIJF}</meta:user-defined></office:meta></office:document-meta>'
    )
    instellingen = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-settings {ODF_NS}><office:settings><config:config-item-set config:name="ooo:configuration-settings">'
        f'<config:config-item config:name="PrinterName" config:type="string">{APPARAAT}</config:config-item>'
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Pictures/foto.jpg" manifest:media-type="image/jpeg"/>'
        '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
        "</manifest:manifest>"
    )
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": inhoud,
            "meta.xml": meta,
            "settings.xml": instellingen,
            "Pictures/foto.jpg": jpeg(),
            "Thumbnails/thumbnail.png": png((32, 24)),
        },
        eerste_ongecomprimeerd="mimetype",
    )


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


def txt() -> bytes:
    return b"De directeur nam op vrijdag het geld mee.\n"


MAKERS = {"jpg": jpeg, "png": png, "docx": docx, "xlsx": xlsx, "odt": odt, "pdf": pdf, "txt": txt}


# --- finding traces again ----------------------------------------------------------------


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
