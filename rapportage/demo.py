"""Demo: the published regulation, an OR member, and an annual report in concept,
each through the service its screen calls (rapportage.admin, rapportage.views) by
the user whose step it is: the functioneel beheerder publishes and adds the OR
member, the HL draws up the report (Art. 14.1-14.2)."""

from datetime import date

from django.utils import timezone

from kern.rollen import Rol
from rapportage import services
from rapportage.models import Jaarrapportage, OrLidmaatschap, RegelingVersie

REGELING = """Artikel 1. Begripsbepalingen
In deze regeling wordt verstaan onder melder: een natuurlijke persoon die in de context van zijn \
werkgerelateerde activiteiten een vermoeden van een misstand meldt.

Artikel 3. Interne melding
Een werknemer kan een vermoeden van een misstand melden bij de vertrouwenspersoon, de externe \
vertrouwenspersoon of een leidinggevende.

Artikel 14. Publicatie, rapportage en evaluatie
De hoogste leidinggevende stelt jaarlijks een rapportage op en bespreekt die met de ondernemingsraad."""


def vullen(ctx):
    organisatie = ctx["organisatie"]
    gebruikers = ctx["gebruikers"]
    beheerder = gebruikers[Rol.FUNCTIONEEL_BEHEERDER]
    if not RegelingVersie.objects.filter(organisatie=organisatie).exists():
        services.regelingversie_publiceren(
            organisatie=organisatie,
            titel="Regeling melden vermoeden van een misstand",
            tekst=REGELING,
            in_werking_op=date(2023, 12, 17),
            or_instemming_op=date(2023, 11, 30),
            toelichting_wijziging="Aangepast aan de Wet bescherming klokkenluiders.",
            door=beheerder,
        )
    if not OrLidmaatschap.objects.filter(organisatie=organisatie).exists():
        services.or_lid_toevoegen(organisatie=organisatie, gebruiker=gebruikers[Rol.ONDERNEMINGSRAAD], door=beheerder)
    jaar = timezone.localdate().year
    if not Jaarrapportage.objects.filter(organisatie=organisatie, jaar=jaar).exists():
        rapportage = services.jaarrapportage_aanmaken(
            organisatie=organisatie, jaar=jaar, door=gebruikers[Rol.HOOGSTE_LEIDINGGEVENDE]
        )
        services.jaarrapportage_teksten_wijzigen(
            rapportage=rapportage,
            door=gebruikers[Rol.HOOGSTE_LEIDINGGEVENDE],
            beleid_afgelopen_jaar="De regeling staat op intranet en website; alle teams kregen voorlichting.",
            beleid_komend_jaar="Leidinggevenden volgen een training in het ontvangen van een melding.",
            # As the demo's cases show (meldingen/demo.py, benadeling/demo.py).
            ervaringen_benadeling=(
                "Na het doorsturen van een melding wijst de leiding een contactpersoon aan. Eén melder meldde "
                "benadeling; die melding is in behandeling."
            ),
        )
    ctx.setdefault("meldingen_uitleg", []).append(
        f"Regeling (openbaar): http://127.0.0.1:8000/regeling/{organisatie.slug}/ — "
        "jaarrapportage: http://127.0.0.1:8000/personeel/jaarrapportages/"
    )
