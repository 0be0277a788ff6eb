"""What identifies the melder, planted in every file (docs/hostile-input.md)."""

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
