import json

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create, disable or enable a user at the test provider; prints its subject."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--wachtwoord")
        parser.add_argument("--email", default="")
        parser.add_argument("--mfa", action="store_true")
        parser.add_argument("--uitschakelen", action="store_true")

    def handle(self, *args, gebruikersnaam, wachtwoord, email, mfa, uitschakelen, **options):
        gebruiker, _ = User.objects.get_or_create(username=gebruikersnaam)
        if wachtwoord:
            gebruiker.set_password(wachtwoord)
        if email:
            gebruiker.email = email
        gebruiker.is_active = not uitschakelen
        gebruiker.save()
        if mfa:
            gebruiker.groups.add(Group.objects.get_or_create(name="mfa")[0])
        # django-oidc-provider's default subject is the user's primary key.
        self.stdout.write(json.dumps({"sub": str(gebruiker.pk)}))
