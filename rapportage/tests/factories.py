from datetime import date

import factory

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from rapportage.models import Jaarrapportage, OrLidmaatschap, RegelingVersie


class JaarrapportageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jaarrapportage

    organisatie = factory.SubFactory(OrganisatieFactory)
    jaar = 2025
    beleid_afgelopen_jaar = "Wij hebben de regeling op het intranet gezet en twee voorlichtingen gegeven."
    beleid_komend_jaar = "Wij trainen leidinggevenden in het ontvangen van een melding."
    ervaringen_benadeling = "Een contactpersoon is na elke melding aangewezen; er zijn geen klachten gemeld."


class RegelingVersieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegelingVersie

    organisatie = factory.SubFactory(OrganisatieFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = "Regeling melden vermoeden van een misstand"
    tekst = "Artikel 1. Begripsbepalingen\nIn deze regeling wordt verstaan onder melder: ..."
    in_werking_op = date(2023, 12, 17)
    or_instemming_op = date(2023, 11, 30)
    vastgesteld_door = factory.SubFactory(GebruikerFactory)


def hl_van(organisatie, username=None):
    """A HL of this organisation with a confirmed second factor."""
    kwargs = {"username": username} if username else {}
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE, **kwargs)
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE)
    TOTPApparaat.objects.create(user=hl, confirmed=True, name="telefoon")
    return hl


def or_lid_van(organisatie, username=None):
    kwargs = {"username": username} if username else {}
    lid = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD, **kwargs)
    OrLidmaatschap.objects.create(organisatie=organisatie, gebruiker=lid)
    TOTPApparaat.objects.create(user=lid, confirmed=True, name="telefoon")
    return lid
