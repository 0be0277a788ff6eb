"""Request bodies of hostile clients (docs/hostile-input.md)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers import wsgi
from django.test import override_settings
from django.urls import reverse

from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_te_groot_verzoek_geweigerd_voor_het_lezen(client, monkeypatch):

    gelezen = []
    monkeypatch.setattr(wsgi.LimitedStream, "read", lambda self, *a: gelezen.append(a) or b"")
    antwoord = client.post(
        reverse("meldingen:box_openen"),
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert antwoord.status_code == 413
    assert antwoord["Connection"] == "close"
    assert "Te veel gegevens ineens" in antwoord.content.decode()
    assert gelezen == []  # refused on the header: not a byte of the body was read


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_upload_komt_nooit_in_tijdelijk_bestand_op_schijf(client, monkeypatch):
    # Above FILE_UPLOAD_MAX_MEMORY_SIZE Django would spool to /tmp; our handler never does.
    from django.core.files import uploadedfile

    def schijf_verboden(*args, **kwargs):
        raise AssertionError("a temporary upload file on disk holds plaintext")

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", schijf_verboden)

    organisatie = OrganisatieFactory(slug="schijfloos")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    antwoord = client.post(
        reverse("meldingen:melden", kwargs={"slug": organisatie.slug}),
        {
            "omschrijving": "Er wordt gefraudeerd.",
            "hl_betrokken": "nee",
            "categorie": "veiligheid",
            "kanaal": "vertrouwenspersoon",
            "identiteitskeuze": "anoniem",
            "toestemming": "ja",
            "bijlagen": SimpleUploadedFile("notitie.txt", b"regel\n" * 50_000),
        },
    )
    assert antwoord.status_code == 302
