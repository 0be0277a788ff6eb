"""Retaliation on the case screen: actions through the meldingen extension point,
each calling one service; errors of the services shown on the form."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from benadeling.constants import Goedkeuringswijze, MaatregelSoort, VoornemenStatus
from benadeling.models import DossierExport, Maatregel, Risicoanalyse, VoorgenomenMaatregel
from benadeling.tests.factories import zaak
from meldingen.tests.test_toegang import _geverifieerd

pytestmark = pytest.mark.django_db


def _actie(naam, melding):
    return reverse(f"admin:meldingen_melding_{naam}", args=[melding.pk])


def _als_hl(client, z):
    client.force_login(z.hl.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = z.hl.apparaat.persistent_id
    sessie.save()


def test_art_6_1_contactpersoon_legt_risicogesprek_vast_op_het_scherm_en_voegt_papieren_goedkeuring_toe(client):
    z = zaak()
    _geverifieerd(client, z.contactpersoon)
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Risicogesprek voeren (Art. 6.1)" in dashboard
    assert z.melding.registernummer in dashboard
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[z.melding.pk])).content.decode()
    assert _actie("benadeling_risicoanalyse", z.melding) in scherm
    assert _actie("benadeling_maatregel", z.melding) not in scherm  # the HL's
    response = client.post(
        _actie("benadeling_risicoanalyse", z.melding),
        {
            "gesprek_op": timezone.localdate().isoformat(),
            "risicos": "Uitsluiting door het team.",
            "beperking": "Wekelijks contact met de contactpersoon.",
            "wat_melder_kan_doen": "Melden bij de contactpersoon.",
        },
    )
    assert response.status_code == 302
    analyse = Risicoanalyse.objects.get()
    response = client.post(
        _actie("benadeling_papier", z.melding),
        {
            "vastlegging": f"r:{analyse.pk}",
            "ondertekend_exemplaar": SimpleUploadedFile("getekend.pdf", b"%PDF-1.4 getekend"),
        },
    )
    assert response.status_code == 302
    analyse.refresh_from_db()
    assert analyse.goedkeuringswijze == Goedkeuringswijze.PAPIER
    assert "Alle risicogesprekken zijn vastgelegd." in client.get(reverse("admin:index")).content.decode()


def test_art_6_3_hl_neemt_maatregel_op_het_scherm_met_verse_code(client):
    z = zaak()
    _als_hl(client, z)
    url = _actie("benadeling_maatregel", z.melding)
    data = {"soort": MaatregelSoort.TEGENGAAN, "omschrijving": "Andere leidinggevende.", "mededeling_aan_melder": ""}
    fout = client.post(url, {**data, "totp_code": "000000"})
    assert fout.status_code == 200
    assert "klopt niet" in fout.content.decode()
    assert not Maatregel.objects.exists()
    assert client.post(url, {**data, "totp_code": z.hl.code()}).status_code == 302
    assert Maatregel.objects.count() == 1


def test_art_5_4_op_het_scherm_eerst_motivering_dan_genomen(client):
    z = zaak()
    _geverifieerd(client, z.contactpersoon)
    client.post(
        _actie("benadeling_voornemen", z.melding),
        {
            "beschermd_persoon": z.melder.pk,
            "soort": "5_2_g",
            "beoogd_op": (z.gemeld_op + timedelta(days=90)).isoformat(),
            "omschrijving": "Overplaatsing.",
        },
    )
    voornemen = VoorgenomenMaatregel.objects.get()
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST
    geweigerd = client.post(_actie("benadeling_genomen", z.melding), {"voornemen": voornemen.pk})
    assert geweigerd.status_code == 200
    assert "Art. 5.4" in geweigerd.content.decode()
    client.logout()
    _als_hl(client, z)
    assert "motivering ondertekenen" in client.get(reverse("admin:index")).content.decode()
    assert (
        client.post(
            _actie("benadeling_motivering", z.melding),
            {
                "voornemen": voornemen.pk,
                "waarom_nodig": "Vestiging sluit.",
                "geen_verband": "Besloten voor de melding.",
                "totp_code": z.hl.code(),
            },
        ).status_code
        == 302
    )
    assert client.post(_actie("benadeling_genomen", z.melding), {"voornemen": voornemen.pk}).status_code == 302
    voornemen.refresh_from_db()
    assert voornemen.status == VoornemenStatus.GENOMEN


def test_dossier_export_op_het_scherm_met_ontvangers(client):
    z = zaak()
    _als_hl(client, z)
    response = client.post(_actie("benadeling_dossier", z.melding), {"ontvangers": "Huis voor Klokkenluiders"})
    assert response.status_code == 302
    export = DossierExport.objects.get()
    assert export.ontvangers == "Huis voor Klokkenluiders"
    detail = client.get(reverse("admin:benadeling_dossierexport_change", args=[export.pk])).content.decode()
    assert reverse("admin:benadeling_dossierexport_download", args=[export.pk]) in detail
