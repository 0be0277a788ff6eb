# ruff: noqa: E501 - XML namespaces and relationship types are long by nature
"""OpenDocument text (odt): tracked changes, an annotation, meta.xml, the
printer in settings.xml, an embedded photo and a thumbnail."""

from __future__ import annotations

from meldingen.tests.bestanden_met_metadata.afbeeldingen import jpeg, png
from meldingen.tests.bestanden_met_metadata.inpakken import zip_inpakken
from meldingen.tests.bestanden_met_metadata.merktekens import APPARAAT, AUTEUR, BEDRIJF

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
    return zip_inpakken(
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
