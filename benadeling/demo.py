"""Demo: retaliation work on the case in investigation. The HR user serves the
demo organisation; the melder of that case is protected with a demo employee
number, so the HR check form can be tried with a match and without one."""

from datetime import timedelta

from django.utils import timezone

from benadeling.constants import BeschermdeRol, VerwijzingSoort
from benadeling.models import BenadelingInstelling, BeschermdPersoon
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.services.verwijzingen import verwijzing_aanbieden
from kern.kalender import lokale_datum
from kern.rollen import Rol
from meldingen.constants import Status, ToewijzingRol
from meldingen.models import Melding
from meldingen.services.register import toewijzing_verlenen

DEMO_PERSONEELSNUMMER = "P-1001"


def vullen(ctx):
    organisatie, gebruikers = ctx["organisatie"], ctx["gebruikers"]
    instelling, _nieuw = BenadelingInstelling.objects.get_or_create(organisatie=organisatie)
    instelling.personeelszaken.add(gebruikers[Rol.PERSONEELSZAKEN])
    melding = Melding.objects.filter(organisatie=organisatie, status=Status.IN_ONDERZOEK).order_by("pk").first()
    if melding is None or melding.benadelingsmeldingen.exists():
        return
    contactpersoon = gebruikers[Rol.CONTACTPERSOON]
    toewijzing_verlenen(melding=melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    # A report submitted with an identity already protects its melder (benadeling.melder).
    if not BeschermdPersoon.objects.filter(melding=melding, rol=BeschermdeRol.MELDER).exists():
        beschermd_persoon_toevoegen(
            melding=melding,
            rol=BeschermdeRol.MELDER,
            personeelsnummer=DEMO_PERSONEELSNUMMER,
            beschermd_vanaf=lokale_datum(melding.ontvangen_op),
            door=None,
        )
    benadeling_melden_door_melder(
        melding=melding,
        omschrijving="Sinds mijn melding word ik niet meer uitgenodigd voor het teamoverleg.",
        types=["5_5_a"],
    )
    verwijzing_aanbieden(
        melding=melding,
        soort=VerwijzingSoort.HUIS_ADVIES,
        aangeboden_op=timezone.localdate() - timedelta(days=1),
        door=contactpersoon,
    )
    ctx.setdefault("meldingen_uitleg", []).append(
        f"Benadeling: melding {melding.registernummer}; toets als 'hr' personeelsnummer {DEMO_PERSONEELSNUMMER} "
        "op /personeel/benadeling/maatregel-toetsen/ (elk ander nummer geeft hetzelfde antwoord)."
    )
