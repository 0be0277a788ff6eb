import factory
from django.contrib.auth.models import Group

from kern.models import Gebruiker
from kern.rollen import groepsnaam

WACHTWOORD = "een-lang-test-wachtwoord"


class GebruikerFactory(factory.django.DjangoModelFactory):
    """A staff user; `rol=Rol.X` puts them in that role's group."""

    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@organisatie.test")
    is_staff = True
    password = factory.django.Password(WACHTWOORD)

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=groepsnaam(extracted)))
