"""The generated PDF: sections, figures, page numbers; identical when regenerated."""

import hashlib
import os
import shutil
import subprocess

import pytest

from kern.pdf import pdf_tekst
from meldingen.constants import Categorie
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import RapportageStatus, VersieAanleiding
from rapportage.tests.factories import JaarrapportageFactory, hl_van

pytestmark = pytest.mark.django_db


@pytest.fixture
def versie(django_capture_on_commit_callbacks):
    org = OrganisatieFactory(naam="Woonstichting Nieuwkoop", slug="ws-nieuwkoop", briefhoofd="Dorpsstraat 1\n2421 AB")
    MeldingFactory.create_batch(11, organisatie=org, registerjaar=2025, categorie=Categorie.VEILIGHEID)
    MeldingFactory.create_batch(8, organisatie=org, registerjaar=2025, categorie=Categorie.MILIEU)
    MeldingFactory.create_batch(2, organisatie=org, registerjaar=2025, categorie=Categorie.UNIERECHT)
    hl = hl_van(org)
    rapportage = JaarrapportageFactory(organisatie=org, jaar=2025)
    with django_capture_on_commit_callbacks(execute=True):
        services.rapportage_overgang(rapportage=rapportage, naar=RapportageStatus.BIJ_OR, door=hl)
    return rapportage.versies.get()


def test_pdf_bevat_de_verplichte_onderdelen_en_de_cijfers(versie):
    assert versie.aanleiding == VersieAanleiding.NAAR_OR
    tekst = pdf_tekst(bytes(versie.pdf))
    plat = " ".join(tekst.split())
    for verwacht in (
        "Woonstichting Nieuwkoop",
        "Dorpsstraat 1",
        "Jaarrapportage klokkenluidersregeling 2025",
        "Inhoud",
        "Beleid",  # Art. 14.2 a
        "Gevoerd beleid in het afgelopen jaar",
        "twee voorlichtingen",
        "Beleid voor het komende jaar",
        "Meldingen, onderzoeken en standpunten",  # Art. 14.2 b
        "Aard van de meldingen",
        "Tegengaan van benadeling",  # Art. 14.2 c
        "Ervaringen met het tegengaan van benadeling",
        "Verzoeken om onderzoek naar benadeling",  # Art. 14.2 d
        "Bespreking met de ondernemingsraad",
        "Pagina 1 /",
    ):
        assert verwacht in plat, verwacht
    regels = tekst.splitlines()
    assert "Gevaar voor de veiligheid van personen 11" in regels
    assert "Schending van het Unierecht < 5" in regels
    # 21 - 11 would give the 2 away: the next smallest (8) is hidden as well.
    assert "Gevaar voor het milieu ×" in regels
    assert "Totaal 21" in regels


def test_pdf_opnieuw_uit_bevroren_inhoud_is_identiek(versie):
    # More reports arrive after freezing: the version's PDF stays the same.
    MeldingFactory.create_batch(5, organisatie=versie.rapportage.organisatie, registerjaar=2025)
    opnieuw = services.versie_pdf_renderen(versie=versie)
    assert hashlib.sha256(opnieuw).hexdigest() == versie.pdf_sha256


def test_pdf_pagina_als_png(versie, tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) missing"
    bron = tmp_path / "rapportage.pdf"
    bron.write_bytes(bytes(versie.pdf))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "4", "-l", "4", str(bron), str(tmp_path / "p")], check=True)  # noqa: S603, S607
    pngs = list(tmp_path.glob("p-*.png"))
    assert len(pngs) == 1
    assert pngs[0].read_bytes().startswith(b"\x89PNG")
    if (uit := os.environ.get("RAPPORTAGE_PDF_UIT")) is not None:  # for looking at it by hand
        shutil.copy(bron, uit)
