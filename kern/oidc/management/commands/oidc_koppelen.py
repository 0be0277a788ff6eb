"""Link (or unlink) a staff account to its subject at the identity provider.

Run by operations on the server, never from the admin: whoever links a subject
can sign in as that account, so this is as sensitive as resetting a second
factor (docs/rollen.md; manage.py tweede_factor_herstellen). Check out of band
that the subject belongs to this person. Audited.
"""

from django.core.management.base import BaseCommand, CommandError

from kern.models import Gebruiker
from kern.oidc.services import KoppelingBestaatAl, identiteit_koppelen, identiteit_ontkoppelen


class Command(BaseCommand):
    help = "Koppelt een medewerker aan het subject (sub) bij de identiteitsprovider (OIDC_ISSUER), of ontkoppelt."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        groep = parser.add_mutually_exclusive_group(required=True)
        groep.add_argument("--subject", help="De `sub`-claim van deze persoon bij de identiteitsprovider.")
        groep.add_argument("--ontkoppelen", action="store_true")
        parser.add_argument("--reden", required=True, help="Waarom (komt in de auditlog).")

    def handle(self, *args, gebruikersnaam, subject, ontkoppelen, reden, **options):
        try:
            gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
        except Gebruiker.DoesNotExist:
            raise CommandError(f"Onbekende gebruiker: {gebruikersnaam}") from None
        if ontkoppelen:
            aantal = identiteit_ontkoppelen(gebruiker=gebruiker, reden=reden, door=None)
            self.stdout.write(f"{aantal} koppeling(en) verwijderd voor {gebruikersnaam}.")
            return
        try:
            identiteit_koppelen(gebruiker=gebruiker, subject=subject, reden=reden, door=None)
        except KoppelingBestaatAl:
            raise CommandError("Dit subject, of deze gebruiker bij deze provider, is al gekoppeld.") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{gebruikersnaam} is gekoppeld.")
