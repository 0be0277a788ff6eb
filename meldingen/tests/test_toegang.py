"""Need-to-know access (Art. 7.1, docs/vertrouwelijkheid.md): a case only while assigned;
missing and forbidden both answer 404; a role or superuser flag gives nothing."""

import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm

from kern import toegang
from kern.models import AuditActie, AuditRegel, TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import Kanaal, ToewijzingRol
from meldingen.models import Functionaris, Registerteller
from meldingen.services.register import toewijzing_beeindigen, toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory

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


def test_art_7_1_groepspermissie_op_een_melding_geeft_geen_toegang():
    """kern.toegang reads the user's own permission rows (one EXISTS, issue 16):
    an object permission through a group, a global permission and the superuser
    flag give nothing, as with guardian's get_objects_for_user(use_groups=False)."""
    melding = MeldingFactory()
    groep = Group.objects.create(name="iedereen-met-alles")
    assign_perm("meldingen.view_melding", groep, melding)
    lid = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    lid.groups.add(groep)
    lid.user_permissions.add(Permission.objects.get(codename="view_melding"))
    lid.is_superuser = True
    lid.save()
    assert not selectors.meldingen_zichtbaar_voor(user=lid).exists()
    assert not toegang.mag(user=lid, perm="meldingen.view_melding", obj=melding)


def test_de_permissie_zelf_telt_niet_een_andere_op_dezelfde_melding():
    """Seeing and changing are separate rows: holding only view_melding does not
    make the case changeable."""
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    assign_perm("meldingen.view_melding", vp, melding)
    assert list(selectors.meldingen_zichtbaar_voor(user=vp)) == [melding]
    assert not selectors.meldingen_zichtbaar_voor(user=vp, perm="meldingen.change_melding").exists()
    assert toegang.mag(user=vp, perm="meldingen.view_melding", obj=melding)
    assert not toegang.mag(user=vp, perm="meldingen.change_melding", obj=melding)


def test_triagelijst_jaarfilter_uit_de_registertellers_van_de_eigen_organisaties(client):
    """The triage list's year filter (instead of the date hierarchy, whose two
    queries read every visible case on every page; issue 16) offers the register
    years of the officer's own organisations, from their counters, and filters."""
    eigen, ander = OrganisatieFactory(), OrganisatieFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    Functionaris.objects.create(organisatie=eigen, gebruiker=vp, functie=Kanaal.VERTROUWENSPERSOON)
    for organisatie, jaar in ((eigen, 2024), (eigen, 2025), (ander, 2019)):
        Registerteller.objects.create(organisatie=organisatie, jaar=jaar, laatste=1)
    oud = MeldingFactory(organisatie=eigen, registerjaar=2024, volgnummer=1)
    nieuw = MeldingFactory(organisatie=eigen, registerjaar=2025, volgnummer=1)
    for melding in (oud, nieuw):
        toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    _geverifieerd(client, vp)
    pad = reverse("admin:meldingen_melding_changelist")
    alles = client.get(pad).content.decode()
    assert "?registerjaar=2025" in alles
    assert "?registerjaar=2024" in alles
    assert "registerjaar=2019" not in alles
    gefilterd = client.get(pad, {"registerjaar": "2024"}).content.decode()
    assert oud.registernummer in gefilterd
    assert nieuw.registernummer not in gefilterd
    assert client.get(pad, {"registerjaar": "geen-jaar"}).status_code == 200
