"""The staff pages: generation is queued, never done in the request; progress is
polled; the sign form asks a fresh code."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import PdfStatus, RapportageStatus
from rapportage.models import Jaarrapportage, RapportageVersie
from rapportage.tests.factories import JaarrapportageFactory, hl_van, or_lid_van
from rapportage.tests.helpers import geverifieerd_inloggen, verse_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def opzet():
    org = OrganisatieFactory()
    MeldingFactory.create_batch(6, organisatie=org, registerjaar=2025)
    return {"org": org, "hl": hl_van(org), "or": or_lid_van(org), "rapportage": JaarrapportageFactory(organisatie=org)}


def test_hl_maakt_een_jaarrapportage_aan(client, opzet):
    geverifieerd_inloggen(client, opzet["hl"])
    response = client.post(reverse("rapportage:lijst"), {"organisatie": opzet["org"].pk, "jaar": 2026})
    rapportage = Jaarrapportage.objects.get(organisatie=opzet["org"], jaar=2026)
    assert response["Location"] == reverse("rapportage:detail", args=[rapportage.uuid])


def test_or_lid_kan_geen_jaarrapportage_aanmaken_of_teksten_wijzigen(client, opzet):
    geverifieerd_inloggen(client, opzet["or"])
    assert 'name="jaar"' not in client.get(reverse("rapportage:lijst")).content.decode()
    client.post(reverse("rapportage:lijst"), {"organisatie": opzet["org"].pk, "jaar": 2026})
    assert not Jaarrapportage.objects.filter(jaar=2026).exists()
    url = reverse("rapportage:detail", args=[opzet["rapportage"].uuid])
    assert client.post(url, {"beleid_komend_jaar": "x"}).status_code == 403


def test_pdf_wordt_niet_in_het_verzoek_gemaakt_maar_in_de_wachtrij_gezet(
    client, opzet, django_capture_on_commit_callbacks
):
    geverifieerd_inloggen(client, opzet["hl"])
    rapportage = opzet["rapportage"]
    with (
        mock.patch("rapportage.pdf.jaarrapportage_pdf") as renderen,
        mock.patch("rapportage.tasks.versie_genereren.delay") as wachtrij,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("rapportage:stap", args=[rapportage.uuid, RapportageStatus.BIJ_OR.value]))
    renderen.assert_not_called()
    versie = RapportageVersie.objects.get(rapportage=rapportage)
    wachtrij.assert_called_once_with(versie.pk)
    assert versie.pdf_status == PdfStatus.WACHTRIJ
    status = client.get(reverse("rapportage:versie_status", args=[versie.uuid])).json()
    assert status == {"status": "wachtrij", "status_tekst": "In de wachtrij", "voortgang": 0, "pdf": None}
    pagina = client.get(reverse("rapportage:versie", args=[versie.uuid])).content.decode()
    assert "js/rapportage-voortgang" in pagina
    assert "<script>" not in pagina  # CSP: no inline script

    services.versie_genereren(versie_id=versie.pk)  # what the worker does
    status = client.get(reverse("rapportage:versie_status", args=[versie.uuid])).json()
    assert status["status"] == "klaar"
    assert status["voortgang"] == 100
    assert status["pdf"] == reverse("rapportage:versie_pdf", args=[versie.uuid])


def test_taak_is_idempotent_en_meldt_een_fout(opzet):
    versie = services.versie_aanmaken(rapportage=opzet["rapportage"], aanleiding="voorbeeld", door=opzet["hl"])
    with (
        mock.patch("rapportage.pdf.jaarrapportage_pdf", side_effect=RuntimeError("pango")),
        pytest.raises(RuntimeError),
    ):
        services.versie_genereren(versie_id=versie.pk)
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.FOUT
    cijfers = versie.inhoud["cijfers"]
    services.versie_opnieuw_genereren(versie=versie, door=opzet["hl"])
    services.versie_genereren(versie_id=versie.pk)
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.KLAAR
    assert versie.inhoud["cijfers"] == cijfers  # frozen once, not recomputed
    with mock.patch("rapportage.pdf.jaarrapportage_pdf") as renderen:
        services.versie_genereren(versie_id=versie.pk)  # already ready: skipped
    renderen.assert_not_called()


def test_ondertekenformulier_weigert_een_verkeerde_code(client, opzet, django_capture_on_commit_callbacks):
    rapportage = opzet["rapportage"]
    with django_capture_on_commit_callbacks(execute=True):
        for naar, door in (
            (RapportageStatus.BIJ_OR, "hl"),
            (RapportageStatus.STANDPUNT_OR, "or"),
        ):
            rapportage = services.rapportage_overgang(
                rapportage=rapportage, naar=naar, door=opzet[door], toelichting="t", besproken_op=timezone.localdate()
            )
        services.jaarrapportage_teksten_wijzigen(rapportage=rapportage, door=opzet["hl"], verwerking_standpunt="v")
        rapportage = services.rapportage_overgang(
            rapportage=rapportage, naar=RapportageStatus.TER_GOEDKEURING, door=opzet["hl"]
        )
        rapportage = services.rapportage_overgang(
            rapportage=rapportage, naar=RapportageStatus.GOEDGEKEURD, door=opzet["or"]
        )
    versie = rapportage.versies.order_by("nummer").last()
    url = reverse("rapportage:ondertekenen", args=[versie.uuid])
    geverifieerd_inloggen(client, opzet["or"])
    assert client.get(url).status_code == 404  # the OR does not sign
    client.logout()
    geverifieerd_inloggen(client, opzet["hl"])
    response = client.post(url, {"totp_code": "123456", "pdf_sha256": versie.pdf_sha256})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    response = client.post(url, {"totp_code": verse_code(opzet["hl"]), "pdf_sha256": versie.pdf_sha256})
    assert response.status_code == 302
    rapportage.refresh_from_db()
    assert rapportage.status == RapportageStatus.VASTGESTELD
