from datetime import timedelta

import factory
from django.utils import timezone

from kern.tests.factories import GebruikerFactory
from meldingen.constants import Categorie, Kanaal, Status, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Melding, Organisatie
from meldingen.services.register import toewijzing_verlenen


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Woonstichting {n}")
    slug = factory.Sequence(lambda n: f"woonstichting-{n}")
    briefhoofd = "Dorpsstraat 1\n1234 AB Nieuwkoop"


class FunctionarisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Functionaris

    organisatie = factory.SubFactory(OrganisatieFactory)
    gebruiker = factory.SubFactory("kern.tests.factories.GebruikerFactory")
    functie = Functionaris.Functie.VERTROUWENSPERSOON


class MeldingFactory(factory.django.DjangoModelFactory):
    """A register entry. Traits per state, e.g. MeldingFactory(in_onderzoek=True).

    Traits set the stored state directly (fixtures for reads); tests of the
    flow itself go through meldingen.services.register.melding_status_wijzigen.
    """

    class Meta:
        model = Melding

    organisatie = factory.SubFactory(OrganisatieFactory)
    registerjaar = factory.LazyFunction(lambda: timezone.localdate().year)
    volgnummer = factory.Sequence(lambda n: n + 1)
    ontvangen_op = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    kanaal = Kanaal.VERTROUWENSPERSOON
    wijze = Wijze.WEBFORMULIER
    categorie = Categorie.VEILIGHEID
    omschrijving = "Op de bouwplaats worden steigers zonder keuring gebruikt."

    class Params:
        in_behandeling = factory.Trait(status=Status.IN_BEHANDELING)
        in_onderzoek = factory.Trait(status=Status.IN_ONDERZOEK)
        niet_in_onderzoek = factory.Trait(status=Status.NIET_IN_ONDERZOEK)
        doorverwezen = factory.Trait(status=Status.DOORVERWEZEN)
        standpunt_verzonden = factory.Trait(status=Status.STANDPUNT_VERZONDEN)
        wederhoor = factory.Trait(status=Status.WEDERHOOR)
        afgesloten = factory.Trait(status=Status.AFGESLOTEN)
        ingetrokken = factory.Trait(status=Status.INGETROKKEN)


def ontvanger_van(melding):
    """A receiving officer assigned to `melding` (the one who writes to the melder)."""

    gebruiker = GebruikerFactory()
    toewijzing_verlenen(melding=melding, gebruiker=gebruiker, rol=ToewijzingRol.ONTVANGER, door=None)
    return gebruiker
