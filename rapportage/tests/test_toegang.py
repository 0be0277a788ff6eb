"""OR members see the report, its versions and their standpunt; never a case or
the register (docs/architecture.md roles table, §4). Others see no report at all."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kern.models import AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.models import Melding
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import RapportageStatus, VersieAanleiding
from rapportage.tests.factories import JaarrapportageFactory, hl_van, or_lid_van
from rapportage.tests.helpers import geverifieerd_inloggen
from tests.admin_urls import object_urls

pytestmark = pytest.mark.django_db
GEHEIM = "Geheime omschrijving die een OR-lid nooit mag zien"


@pytest.fixture
def opzet(django_capture_on_commit_callbacks):
    org = OrganisatieFactory()
    meldingen = MeldingFactory.create_batch(6, organisatie=org, registerjaar=2025, omschrijving=GEHEIM)
    hl, lid = hl_van(org), or_lid_van(org)
    rapportage = JaarrapportageFactory(organisatie=org)
    with django_capture_on_commit_callbacks(execute=True):
        services.versie_aanmaken(rapportage=rapportage, aanleiding=VersieAanleiding.VOORBEELD, door=hl)
        services.rapportage_overgang(rapportage=rapportage, naar=RapportageStatus.BIJ_OR, door=hl)
    return {"org": org, "meldingen": meldingen, "hl": hl, "or": lid, "rapportage": rapportage}


def _alle_admin_urls(melding):
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if model is Melding:
            yield from object_urls(model_admin, melding.pk)


def test_or_lid_komt_bij_geen_enkel_geval_adres(client, opzet):
    geverifieerd_inloggen(client, opzet["or"])
    melding = opzet["meldingen"][0]
    for url in _alle_admin_urls(melding):
        response = client.get(url)
        inhoud = response.content.decode()
        if "/meldingen/" in url:
            assert response.status_code in (403, 404), url
        assert GEHEIM not in inhoud, url
        assert melding.registernummer not in inhoud, url


def test_or_lid_ziet_rapportage_versies_en_standpunt_maar_geen_register(client, opzet):
    geverifieerd_inloggen(client, opzet["or"])
    rapportage = opzet["rapportage"]
    paginas = [
        reverse("admin:index"),
        reverse("rapportage:lijst"),
        reverse("rapportage:detail", args=[rapportage.uuid]),
    ]
    for versie in rapportage.versies.exclude(aanleiding=VersieAanleiding.VOORBEELD):
        paginas += [
            reverse("rapportage:versie", args=[versie.uuid]),
            reverse("rapportage:versie_status", args=[versie.uuid]),
        ]
    for url in paginas:
        response = client.get(url)
        assert response.status_code == 200, url
        inhoud = response.content.decode()
        assert GEHEIM not in inhoud
        for melding in opzet["meldingen"]:
            assert melding.registernummer not in inhoud
            assert f"/admin/meldingen/melding/{melding.pk}/" not in inhoud
    detail = client.get(reverse("rapportage:detail", args=[rapportage.uuid])).content.decode()
    assert "Standpunt van de ondernemingsraad vastleggen" in detail
    assert "Concept naar de ondernemingsraad sturen" not in detail


def test_or_lid_ziet_het_voorbeeld_van_de_hl_niet(client, opzet):
    geverifieerd_inloggen(client, opzet["or"])
    voorbeeld = opzet["rapportage"].versies.get(aanleiding=VersieAanleiding.VOORBEELD)
    assert client.get(reverse("rapportage:versie", args=[voorbeeld.uuid])).status_code == 404
    assert client.get(reverse("rapportage:versie_pdf", args=[voorbeeld.uuid])).status_code == 404


def test_or_lid_downloadt_de_pdf_en_dat_wordt_geaudit(client, opzet):

    geverifieerd_inloggen(client, opzet["or"])
    versie = opzet["rapportage"].versies.get(aanleiding=VersieAanleiding.NAAR_OR)
    response = client.get(reverse("rapportage:versie_pdf", args=[versie.uuid]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AuditRegel.objects.filter(object_uuid=str(versie.uuid), actie="gedownload", actor=opzet["or"]).exists()


@pytest.mark.parametrize("rol", [r for r in Rol if r not in (Rol.ONDERNEMINGSRAAD, Rol.HOOGSTE_LEIDINGGEVENDE)])
def test_andere_rollen_en_andere_organisaties_zien_geen_rapportage(client, opzet, rol):
    rapportage = opzet["rapportage"]
    versie = rapportage.versies.first()
    for gebruiker in (GebruikerFactory(rol=rol), or_lid_van(OrganisatieFactory()), hl_van(OrganisatieFactory())):
        client.logout()
        geverifieerd_inloggen(client, gebruiker)
        for url in (
            reverse("rapportage:detail", args=[rapportage.uuid]),
            reverse("rapportage:versie", args=[versie.uuid]),
            reverse("rapportage:versie_pdf", args=[versie.uuid]),
            reverse("rapportage:versie_status", args=[versie.uuid]),
        ):
            assert client.get(url).status_code == 404, (gebruiker, url)
        assert rapportage.organisatie.naam not in client.get(reverse("rapportage:lijst")).content.decode()


def test_zonder_tweede_factor_geen_rapportage(client, opzet):
    client.force_login(opzet["or"])
    response = client.get(reverse("rapportage:detail", args=[opzet["rapportage"].uuid]))
    assert response.status_code == 302
    assert "/personeel/inloggen/" in response["Location"]
