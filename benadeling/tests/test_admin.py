"""Retaliation on the case screen: actions through the meldingen extension point,
each calling one service; errors of the services shown on the form."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from benadeling.constants import MaatregelSoort, VoornemenStatus
from benadeling.models import BenadelingInstelling, DossierExport, Maatregel, Risicoanalyse, VoorgenomenMaatregel
from benadeling.services.dossier import dossier_exporteren
from benadeling.services.motivering import maatregel_voornemen
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.services.verwijzingen import verwijzing_aanbieden
from benadeling.services.verzoeken import onderzoeksverzoek_indienen
from benadeling.tests.factories import zaak
from kern.models import AuditActie, AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from kern.vastleggingen import Goedkeuringswijze
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
    # Art. 5.4: the table has no step to "genomen" before the motivation: no button.
    assert client.post(_actie("benadeling_genomen", z.melding), {"voornemen": voornemen.pk}).status_code == 404
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
    # Art. 5.4: the motivation reaches the person concerned before the measure is taken.
    assert client.post(_actie("benadeling_genomen", z.melding), {"voornemen": voornemen.pk}).status_code == 404
    motivering = voornemen.motiveringen.get()
    assert (
        client.post(
            _actie("benadeling_motivering_verstrekken", z.melding),
            {"motivering": motivering.pk, "wijze": "meldingsbox"},
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


def test_elk_benadelingsscherm_opent_voor_de_hoogste_leidinggevende_en_wordt_geaudit(client):

    z = zaak()
    benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    maatregel_voornemen(
        melding=z.melding, beschermd_persoon=z.melder, soort="5_2_c", beoogd_op=z.gemeld_op, door=z.hl.gebruiker
    )
    onderzoeksverzoek_indienen(melding=z.melding, verzoek="Onderzoek graag.")
    verwijzing_aanbieden(melding=z.melding, soort="juridisch", aangeboden_op=timezone.localdate(), door=z.ontvanger)
    dossier_exporteren(melding=z.melding, ontvangers="Rechter", door=z.hl.gebruiker)
    _als_hl(client, z)
    gezien = 0
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label != "benadeling" or model._meta.model_name == "benadelinginstelling":
            continue
        assert client.get(reverse(f"admin:benadeling_{opts.model_name}_changelist")).status_code == 200
        for obj in model.objects.filter(melding=z.melding):
            assert client.get(reverse(f"admin:benadeling_{opts.model_name}_change", args=[obj.pk])).status_code == 200
            assert AuditRegel.objects.filter(object_uuid=str(obj.uuid), actie=AuditActie.BEKEKEN).exists()
            gezien += 1
    assert gezien >= 7


def test_art_5_4_beheerder_stelt_periode_in_maar_nooit_korter_dan_twaalf_maanden(client):

    z = zaak()
    _geverifieerd(client, GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER))
    url = reverse("admin:benadeling_benadelinginstelling_add")
    data = {
        "organisatie": z.melding.organisatie.pk,
        "motiveringsperiode_maanden": 6,
        "motivering_voor_alle_beschermden": "on",
    }
    assert client.post(url, data).status_code == 200
    assert not BenadelingInstelling.objects.exists()
    assert client.post(url, {**data, "motiveringsperiode_maanden": 24}).status_code == 302
    assert BenadelingInstelling.objects.get().motiveringsperiode_maanden == 24
