"""Attachments: limits with clear messages and metadata removal before storage (docs/melderzijde.md)."""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from meldingen.constants import MetadataBehandeling
from meldingen.models import Bijlage
from meldingen.services.bijlagen import MAX_GROOTTE, bestand_voorbereiden, bijlage_opslaan, grootte_controleren
from meldingen.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ARTIST = 0x013B


def _jpeg_met_exif() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[ARTIST] = "Jan de Klokkenluider"
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[GPS_IFD] = {1: "N", 2: (52.0, 9.0, 30.0), 3: "E", 4: (4.0, 40.0, 12.0)}
    uit = io.BytesIO()
    img.save(uit, format="JPEG", exif=exif.tobytes())
    return uit.getvalue()


def _pdf_met_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Jan de Klokkenluider"
    pdf.docinfo["/Creator"] = "Werklaptop-1234"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Jan de Klokkenluider"]
        meta["xmp:CreatorTool"] = "Werklaptop-1234"
    uit = io.BytesIO()
    pdf.save(uit)
    return uit.getvalue()


def test_exif_gps_en_maker_verwijderd_uit_opgeslagen_afbeelding():
    melding = MeldingFactory()
    voorbereid = bestand_voorbereiden(naam="foto.jpg", inhoud=_jpeg_met_exif())
    bijlage = bijlage_opslaan(melding=melding, bestand=voorbereid)
    bijlage = Bijlage.objects.get(pk=bijlage.pk)
    assert bijlage.metadata == MetadataBehandeling.VERWIJDERD
    with bijlage.bestand.open("rb") as fh:
        opgeslagen = fh.read()
    with Image.open(io.BytesIO(opgeslagen)) as img:
        exif = img.getexif()
        assert ARTIST not in exif
        assert GPS_IFD not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert img.size == (40, 30)
    assert b"Klokkenluider" not in opgeslagen
    # On disk the file is encrypted: not even the JPEG marker is readable.
    with open(bijlage.bestand.path, "rb") as fh:
        ruw = fh.read()
    assert not ruw.startswith(b"\xff\xd8")


def test_pdf_docinfo_en_xmp_verwijderd():
    melding = MeldingFactory()
    bijlage = bijlage_opslaan(
        melding=melding, bestand=bestand_voorbereiden(naam="bewijs.pdf", inhoud=_pdf_met_metadata())
    )
    with bijlage.bestand.open("rb") as fh:
        opgeslagen = fh.read()
    with pikepdf.open(io.BytesIO(opgeslagen)) as pdf:
        assert "/Author" not in pdf.docinfo
        assert "/Creator" not in pdf.docinfo
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1
    assert b"Klokkenluider" not in opgeslagen
    assert b"Werklaptop" not in opgeslagen


def test_origineel_bewaren_op_verzoek_wordt_vastgelegd():
    origineel = _jpeg_met_exif()
    voorbereid = bestand_voorbereiden(naam="foto.jpg", inhoud=origineel, metadata_behouden=True)
    assert voorbereid.metadata == MetadataBehandeling.BEHOUDEN
    assert voorbereid.inhoud == origineel


@pytest.mark.parametrize(
    ("naam", "inhoud", "fragment"),
    [
        ("virus.exe", b"MZ\x90\x00", "dit soort bestand"),
        ("leeg.pdf", b"", "leeg"),
        ("nep.pdf", b"<html>geen pdf</html>", "past niet bij"),
        ("nep.png", b"\xff\xd8\xff\xe0 jpeg", "past niet bij"),
        ("kapot.pdf", b"%PDF-1.4 kapot", "verborgen gegevens"),
        ("zonder-extensie", b"tekst", "dit soort bestand"),
    ],
)
def test_verkeerde_bestanden_geven_duidelijke_fout(naam, inhoud, fragment):
    with pytest.raises(ValidationError) as fout:
        bestand_voorbereiden(naam=naam, inhoud=inhoud)
    assert fragment in " ".join(fout.value.messages)


def test_te_groot_bestand_geeft_duidelijke_fout():
    with pytest.raises(ValidationError) as fout:
        grootte_controleren(naam="groot.pdf", grootte=MAX_GROOTTE + 1)
    assert "te groot" in fout.value.messages[0]
    assert "20" in fout.value.messages[0]
