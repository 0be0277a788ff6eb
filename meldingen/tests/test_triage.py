"""Triage steps of Art. 8 by the receiving officer."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern import toegang
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import Kanaal, Soort, Status, ToewijzingRol
from meldingen.models import Functionaris, Gebeurtenis, MeldingKoppeling
from meldingen.services.register import toewijzing_verlenen
from meldingen.services.triage import (
    contactpersoon_aanwijzen,
    melding_doorsturen,
    melding_koppelen,
    melding_omleiden_naar_hoogste_verantwoordelijke,
)
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    organisatie = OrganisatieFactory()
    functionarissen = {}
    for functie, rol in (
        (Functionaris.Functie.VERTROUWENSPERSOON, Rol.VERTROUWENSPERSOON),
        (Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE, Rol.HOOGSTE_LEIDINGGEVENDE),
        (Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE, Rol.HOOGSTE_VERANTWOORDELIJKE),
    ):
        functionarissen[functie] = FunctionarisFactory(
            organisatie=organisatie, functie=functie, gebruiker=GebruikerFactory(rol=rol)
        ).gebruiker
    organisatie.f = functionarissen
    return organisatie


def _ontvangen(org, **kwargs):
    melding = MeldingFactory(organisatie=org, kanaal=Kanaal.VERTROUWENSPERSOON, **kwargs)
    vp = org.f[Functionaris.Functie.VERTROUWENSPERSOON]
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    return melding, vp


def test_art_8_3_doorsturen_naar_hoogste_leidinggevende(org):
    melding, vp = _ontvangen(org)
    melding_doorsturen(melding=melding, door=vp)
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING
    hl = org.f[Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE]
    assert selectors.melding_ophalen_voor(user=hl, uuid=melding.uuid) == melding
    # The HL does not see the identity (Art. 7.2): only the receiving officer does.
    assert not toegang.mag(user=hl, perm="meldingen.identiteit_inzien", obj=melding)
    assert Gebeurtenis.objects.filter(melding=melding, artikel="Art. 8.3").exists()


def test_art_8_4_hl_betrokken_doorsturen_naar_hoogste_verantwoordelijke_hl_ziet_niets(org):
    melding, vp = _ontvangen(org, hl_betrokken=True)
    melding_doorsturen(melding=melding, door=vp)
    rvc = org.f[Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE]
    hl = org.f[Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE]
    assert toegang.mag(user=rvc, perm="meldingen.view_melding", obj=melding)
    assert not selectors.meldingen_zichtbaar_voor(user=hl).exists()


def test_art_8_4_omleiden_trekt_toegang_van_hoogste_leidinggevende_direct_in(org):
    melding, vp = _ontvangen(org)
    melding_doorsturen(melding=melding, door=vp)
    hl = org.f[Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE]
    assert selectors.meldingen_zichtbaar_voor(user=hl).exists()
    melding_omleiden_naar_hoogste_verantwoordelijke(melding=melding, door=vp, reden="Signaal van een leidinggevende.")
    assert not selectors.meldingen_zichtbaar_voor(user=hl).exists()
    rvc = org.f[Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE]
    assert toegang.mag(user=rvc, perm="meldingen.view_melding", obj=melding)


def test_art_8_3_alleen_de_ontvanger_stuurt_door(org):
    melding, _vp = _ontvangen(org)
    anders = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    with pytest.raises(PermissionDenied):
        melding_doorsturen(melding=melding, door=anders)
    melding.refresh_from_db()
    assert melding.status == Status.ONTVANGEN


def test_adviesvraag_wordt_niet_doorgestuurd(org):
    melding, vp = _ontvangen(org, soort=Soort.ADVIESVRAAG)
    with pytest.raises(ValidationError):
        melding_doorsturen(melding=melding, door=vp)


def test_art_8_3_zonder_ingestelde_hoogste_leidinggevende_duidelijke_fout(org):
    Functionaris.objects.filter(organisatie=org, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).delete()
    melding, vp = _ontvangen(org)
    with pytest.raises(ValidationError, match="functioneel beheerder"):
        melding_doorsturen(melding=melding, door=vp)
    melding.refresh_from_db()
    assert melding.status == Status.ONTVANGEN


def test_art_8_6_contactpersoon_in_overleg_met_melder_door_hoogste_leidinggevende(org):
    melding, vp = _ontvangen(org)
    melding_doorsturen(melding=melding, door=vp)
    hl = org.f[Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE]
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    with pytest.raises(ValidationError):
        contactpersoon_aanwijzen(melding=melding, contactpersoon=contact, afgestemd_met_melder=False, door=hl)
    contactpersoon_aanwijzen(melding=melding, contactpersoon=contact, afgestemd_met_melder=True, door=hl)
    assert toegang.mag(user=contact, perm="meldingen.view_melding", obj=melding)
    assert not toegang.mag(user=contact, perm="meldingen.identiteit_inzien", obj=melding)


def test_art_8_6_ontvanger_wijst_alleen_namens_hl_aan_als_organisatie_dat_toestaat(org):
    melding, vp = _ontvangen(org)
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    with pytest.raises(PermissionDenied):
        contactpersoon_aanwijzen(melding=melding, contactpersoon=contact, afgestemd_met_melder=True, door=vp)
    org.ontvanger_handelt_namens_hl = True
    org.save()
    melding.refresh_from_db()
    contactpersoon_aanwijzen(melding=melding, contactpersoon=contact, afgestemd_met_melder=True, door=vp)
    assert toegang.mag(user=contact, perm="meldingen.view_melding", obj=melding)


def test_koppelen_vereist_toegang_tot_beide_meldingen(org):
    melding, vp = _ontvangen(org)
    andere = MeldingFactory(organisatie=org)
    with pytest.raises(PermissionDenied):
        melding_koppelen(melding=melding, andere=andere, reden="Zelfde melder, code kwijt.", door=vp)
    toewijzing_verlenen(melding=andere, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    melding_koppelen(melding=melding, andere=andere, reden="Zelfde melder, code kwijt.", door=vp)
    melding_koppelen(melding=andere, andere=melding, reden="Nogmaals.", door=vp)
    assert MeldingKoppeling.objects.count() == 1
