"""Need-to-know access (Art. 7.1, docs/vertrouwelijkheid.md): a case only while assigned;
missing and forbidden both answer 404; a role or superuser flag gives nothing."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from kern import toegang
from kern.models import AuditActie, AuditRegel, TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import ToewijzingRol
from meldingen.services.register import toewijzing_beeindigen, toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


def _geverifieerd(client, gebruiker):
    """Log in with a confirmed second factor (the admin demands it)."""
    client.force_login(gebruiker)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()
    return client


def test_art_7_1_niet_toegewezen_gebruiker_krijgt_404_via_selector():
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    with pytest.raises(Http404):
        selectors.melding_ophalen_voor(user=vp, uuid=melding.uuid)
    assert not selectors.meldingen_zichtbaar_voor(user=vp).exists()


def test_ontbrekend_en_verboden_zijn_niet_te_onderscheiden():
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    melding = MeldingFactory()
    with pytest.raises(Http404) as verboden:
        selectors.melding_ophalen_voor(user=vp, uuid=melding.uuid)
    with pytest.raises(Http404) as ontbrekend:
        selectors.melding_ophalen_voor(user=vp, uuid=uuid.uuid4())
    assert str(verboden.value) == str(ontbrekend.value)
    with pytest.raises(Http404):
        selectors.melding_ophalen_voor(user=vp, uuid="geen-uuid")


def test_toegewezen_gebruiker_ziet_de_melding_tot_de_toewijzing_eindigt():
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing = toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    assert selectors.melding_ophalen_voor(user=vp, uuid=melding.uuid) == melding
    toewijzing_beeindigen(toewijzing=toewijzing, door=None)
    with pytest.raises(Http404):
        selectors.melding_ophalen_voor(user=vp, uuid=melding.uuid)


def test_toewijzing_en_intrekking_worden_geaudit():
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing = toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=hl)
    toewijzing_beeindigen(toewijzing=toewijzing, door=hl)
    acties = list(AuditRegel.objects.filter(object_uuid=str(melding.uuid)).values_list("actie", "actor"))
    assert (AuditActie.TOEGANG_VERLEEND, hl.pk) in acties
    assert (AuditActie.TOEGANG_INGETROKKEN, hl.pk) in acties


def test_rol_of_globale_permissie_geeft_geen_inhoud():
    melding = MeldingFactory()
    # Every role's model permissions together, plus superuser: still nothing.
    alles = GebruikerFactory(is_superuser=True)
    for rol in Rol:
        alles.groups.add(*GebruikerFactory(rol=rol).groups.all())
    assert alles.has_perm("meldingen.view_melding")
    assert not selectors.meldingen_zichtbaar_voor(user=alles).exists()
    with pytest.raises(Http404):
        selectors.melding_ophalen_voor(user=alles, uuid=melding.uuid)


def test_een_beeindigde_rol_laat_de_overige_toegang_staan():
    melding = MeldingFactory()
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    eerste = toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.BEHANDELAAR, door=None)
    toewijzing_beeindigen(toewijzing=eerste, door=None)
    assert selectors.melding_ophalen_voor(user=hl, uuid=melding.uuid) == melding
    assert not toegang.mag(user=hl, perm="meldingen.toewijzen", obj=melding)


def test_art_8_4_hoogste_leidinggevende_kan_niet_worden_toegewezen_als_hl_betrokken_is():

    melding = MeldingFactory(hl_betrokken=True)
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    with pytest.raises(ValidationError):
        toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    assert not selectors.meldingen_zichtbaar_voor(user=hl).exists()


@pytest.mark.parametrize("pad", ["change", "history"])
def test_admin_niet_toegewezen_geeft_404(client, pad):
    melding = MeldingFactory()
    vp = _geverifieerd(client, GebruikerFactory(rol=Rol.VERTROUWENSPERSOON))
    assert vp.get(reverse(f"admin:meldingen_melding_{pad}", args=[melding.pk])).status_code == 404
    assert vp.get(reverse(f"admin:meldingen_melding_{pad}", args=[987654])).status_code == 404


def test_admin_lijst_toont_alleen_toegewezen_meldingen_en_detail_wordt_geaudit(client):
    zichtbaar, verborgen = MeldingFactory(), MeldingFactory()
    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=zichtbaar, gebruiker=gebruiker, rol=ToewijzingRol.ONTVANGER, door=None)
    _geverifieerd(client, gebruiker)
    lijst = client.get(reverse("admin:meldingen_melding_changelist")).content.decode()
    assert zichtbaar.registernummer in lijst
    assert verborgen.registernummer not in lijst
    assert client.get(reverse("admin:meldingen_melding_change", args=[zichtbaar.pk])).status_code == 200
    assert AuditRegel.objects.filter(
        object_uuid=str(zichtbaar.uuid), actie=AuditActie.BEKEKEN, actor=gebruiker
    ).exists()
