"""Demo: retaliation work on the case in investigation. The HR user serves the
demo organisation. The melder of that case gave a confidential identity with an
employee number on the form, which protected them from the date of the report
(benadeling.melder, Art. 5.1), so the HR check form can be tried with a match and
without one (Art. 5.4).

Through the services the screens call: the melder reports retaliation from the
mailbox (Art. 6.2; the copy reaches them through the vertrouwenspersoon, Art.
7.3), and the contactpersoon the HL appointed (meldingen/demo.py, Art. 8.6)
records that advice from the Huis voor Klokkenluiders was offered, today (Art. 2.3).
"""

from django.utils import timezone

from benadeling.constants import VerwijzingSoort
from benadeling.models import BenadelingInstelling
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.services.verwijzingen import verwijzing_aanbieden
from kern import toegang
from kern.rollen import Rol
from meldingen.constants import ToewijzingRol
from meldingen.demo import DEMO_PERSONEELSNUMMER, brieven_doorsturen_als_vertrouwenspersoon


def vullen(ctx):
    organisatie, gebruikers = ctx["organisatie"], ctx["gebruikers"]
    # Configuration, as the functioneel beheerder sets it in the admin (BenadelingInstellingAdmin).
    instelling, _nieuw = BenadelingInstelling.objects.get_or_create(organisatie=organisatie)
    instelling.personeelszaken.add(gebruikers[Rol.PERSONEELSZAKEN])
    melding = ctx.get("demo_meldingen", {}).get("in_onderzoek")
    if melding is None or melding.benadelingsmeldingen.exists():
        return
    benadeling_melden_door_melder(
        melding=melding,
        omschrijving="Sinds mijn melding word ik niet meer uitgenodigd voor het teamoverleg.",
        types=["5_5_a"],
    )
    brieven_doorsturen_als_vertrouwenspersoon(melding=melding)
    contactpersoon = toegang.toegewezenen(melding=melding, rollen=[ToewijzingRol.CONTACTPERSOON])[0]
    verwijzing_aanbieden(
        melding=melding,
        soort=VerwijzingSoort.HUIS_ADVIES,
        aangeboden_op=timezone.localdate(),
        door=contactpersoon,
    )
    ctx.setdefault("meldingen_uitleg", []).append(
        f"Benadeling: melding {melding.registernummer}; toets als 'hr' personeelsnummer {DEMO_PERSONEELSNUMMER} "
        "op /personeel/benadeling/maatregel-toetsen/ (elk ander nummer geeft hetzelfde antwoord)."
    )
