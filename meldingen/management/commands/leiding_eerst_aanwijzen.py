"""Appoint the first hoogste leidinggevende and hoogste verantwoordelijke of a
new organisation (operations, on the server).

Every later change of a function needs a second person's approval
(meldingen.Rolwijziging; docs/threat-model.md §3), but the very first HL and
RvC have nobody to approve them. This command works only while the
organisation has neither, and is audited."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kern.models import AuditActie, AuditCategorie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.models import Functionaris, Organisatie

HL = Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
HV = Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE


class Command(BaseCommand):
    help = "Wijst de eerste hoogste leidinggevende en hoogste verantwoordelijke van een nieuwe organisatie aan."

    def add_arguments(self, parser):
        parser.add_argument("organisatie", help="slug van de organisatie")
        parser.add_argument("--hl", required=True, help="gebruikersnaam van de hoogste leidinggevende")
        parser.add_argument("--hv", required=True, help="gebruikersnaam van de hoogste verantwoordelijke")

    @transaction.atomic
    def handle(self, *args, organisatie, hl, hv, **options):
        org = Organisatie.objects.select_for_update().filter(slug=organisatie).first()
        if org is None:
            raise CommandError(f"Onbekende organisatie: {organisatie}")
        if Functionaris.objects.filter(organisatie=org, functie__in=[HL, HV]).exists():
            raise CommandError("Deze organisatie heeft al leiding: wijzigingen gaan via een rolwijziging (vier ogen).")
        for gebruikersnaam, functie in ((hl, HL), (hv, HV)):
            gebruiker = Gebruiker.objects.filter(username=gebruikersnaam).first()
            if gebruiker is None:
                raise CommandError(f"Onbekende gebruiker: {gebruikersnaam}")
            functionaris = Functionaris.objects.create(organisatie=org, gebruiker=gebruiker, functie=functie)
            auditregel_schrijven(
                door=None,
                actie=AuditActie.TOEGANG_VERLEEND,
                object=functionaris,
                toelichting=auditnotities.LEIDING_EERST_AANGEWEZEN(functie=functie),
                actor_soort="beheer",
                categorie=AuditCategorie.BEHEER,
            )
        self.stdout.write(f"Leiding van {org} aangewezen.")
