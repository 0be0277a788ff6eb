"""Reset a staff member's second factor after a lost authenticator.

Run by operations on the server (not from the admin), after checking the
person's identity out of band. The person enrols a new authenticator at the next
login. Audited.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kern import auditnotities
from kern.models import AuditActie, Gebruiker, TOTPApparaat
from kern.services import auditregel_schrijven


class Command(BaseCommand):
    help = "Verwijdert de authenticator van een medewerker; bij de volgende inlog koppelt die een nieuwe."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--reden", required=True, help="Waarom (komt in de auditlog).")

    @transaction.atomic
    def handle(self, *args, gebruikersnaam, reden, **options):
        try:
            gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
        except Gebruiker.DoesNotExist:
            raise CommandError(f"Onbekende gebruiker: {gebruikersnaam}") from None
        aantal, _details = TOTPApparaat.objects.filter(user=gebruiker).delete()
        auditregel_schrijven(
            door=None,
            actie=AuditActie.VERWIJDERD,
            object=gebruiker,
            toelichting=auditnotities.TWEEDE_FACTOR_HERSTELD(reden=reden)[:255],
        )
        self.stdout.write(f"{aantal} authenticator(s) verwijderd voor {gebruikersnaam}.")
        # A new authenticator is bound only through a one-time link to the
        # person's own address (docs/threat-model.md §5).
        from kern.inschrijving import inschrijflink_versturen

        if gebruiker.email and gebruiker.is_active:
            inschrijflink_versturen(gebruiker=gebruiker, door=None)
            self.stdout.write(f"Inschrijflink verstuurd naar het e-mailadres van {gebruikersnaam}.")
        else:
            self.stdout.write("Geen (actief) e-mailadres: er is geen inschrijflink verstuurd.")
