"""Request bodies of hostile clients (docs/hostile-input.md)."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers import wsgi
from django.test import Client, override_settings
from django.urls import reverse

from meldingen.models import Functionaris, Melding
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


def _melder_met_csrf(pad: str):
    """A browser as in production: CSRF checked (the test client skips that by
    default, and with it the step that failed), the token from a first GET."""
    melder = Client(enforce_csrf_checks=True, raise_request_exception=False)
    melder.get(pad)
    return melder, melder.cookies["csrftoken"].value


def _meldformulier_gegevens(token: str) -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "omschrijving": "Er wordt gefraudeerd met de facturen.",
        "hl_betrokken": "nee",
        "categorie": "veiligheid",
        "kanaal": "vertrouwenspersoon",
        "identiteitskeuze": "vertrouwelijk",
        "naam": "Marieke Verbeek-Zonneveld",
        "toestemming": "ja",
    }


@pytest.mark.parametrize("tekenset", ["latin-1", "utf-16", "windows-1252"])
def test_formulier_in_andere_tekenset_dan_utf8_krijgt_eigen_400_en_slaat_niets_op(tekenset):
    """Django refuses such a form body, but its 400 page then parsed the body
    again (its CSRF step) and failed: gunicorn answered a bare 500."""
    organisatie = OrganisatieFactory(slug="tekenset")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    pad = reverse("meldingen:melden", kwargs={"slug": organisatie.slug})
    melder, token = _melder_met_csrf(pad)
    antwoord = melder.post(
        pad,
        data=urlencode(_meldformulier_gegevens(token)),
        content_type=f"application/x-www-form-urlencoded; charset={tekenset}",
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in html
    assert "Verbeek" not in html
    assert "facturen" not in html
    assert not Melding.objects.exists()


@pytest.mark.parametrize("tekenset", ["utf8", "UTF-8", "utf_8"])
def test_formulier_met_andere_schrijfwijze_van_utf8_wordt_gewoon_ontvangen(tekenset):
    organisatie = OrganisatieFactory(slug="utf8")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    pad = reverse("meldingen:melden", kwargs={"slug": organisatie.slug})
    melder, token = _melder_met_csrf(pad)
    antwoord = melder.post(
        pad,
        data=urlencode(_meldformulier_gegevens(token)),
        content_type=f"application/x-www-form-urlencoded; charset={tekenset}",
    )
    assert antwoord.status_code == 302
    assert Melding.objects.count() == 1
