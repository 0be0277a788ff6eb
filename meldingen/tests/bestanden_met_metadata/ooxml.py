# ruff: noqa: E501 - XML namespaces and relationship types are long by nature
"""Office Open XML (docx, xlsx): document properties, custom properties, a
thumbnail, tracked changes and comments, an embedded photo and a path that
names the user."""

from __future__ import annotations

from meldingen.tests.bestanden_met_metadata.afbeeldingen import jpeg
from meldingen.tests.bestanden_met_metadata.inpakken import zip_inpakken
from meldingen.tests.bestanden_met_metadata.merktekens import APPARAAT, AUTEUR, BEDRIJF, PAD

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
    return zip_inpakken(
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
    return zip_inpakken(
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
