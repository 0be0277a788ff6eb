"""Shared fixtures of the administrator-boundary tests (docs/threat-model.md)."""

import pytest
from django.contrib.auth.models import Group

from kern.rollen import Rol, groepsnaam, rollen_bijwerken
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory


@pytest.fixture
def beheerder():
    rollen_bijwerken()
    return GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)


@pytest.fixture
def organisatie():
    org = OrganisatieFactory()
    org.hl = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    org.hl.groups.add(Group.objects.get(name=groepsnaam(Rol.HOOGSTE_LEIDINGGEVENDE)))
    org.hv = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE).gebruiker
    org.hv.groups.add(Group.objects.get(name=groepsnaam(Rol.HOOGSTE_VERANTWOORDELIJKE)))
    org.vp = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    return org
