"""Demo organisation and meldingen in several states.

Every case reaches its state through the services the screens call, taken by the
demo user whose step it is (docs/toestanden.md): the melder submits on the public
form (meldingen.views.melden), or the receiving officer registers a report that
came by post (meldingen.views.personeel); the receiving officer forwards it (Art.
8.3-8.4); whoever then leads it, the HL or the hoogste verantwoordelijke when the
HL is involved (Art. 8.4), acknowledges receipt (Art. 8.5) and appoints the
contactpersoon (Art. 8.6); the vertrouwenspersoon forwards the letters of a report
made through them (Art. 7.3). The case-screen actions are meldingen.handelingen.
The decisions and investigations (Art. 9) are onderzoek's: onderzoek/demo.py takes
them on the cases this module names in ctx["demo_meldingen"].

Dates. Each receipt lies days back (`dagen_geleden`), so the terms overview shows
terms of different ages. The public form always stamps the moment of submission;
the demo passes an earlier receipt to the same service (the one liberty it takes),
while the officer's registration of a letter takes the date it arrived, as the
screen does. Every later step is stamped now by its service, as it would be at the
screen, and the demo does not move those timestamps. On an older case the
forwarding and the acknowledgement are therefore recorded today, and the overview
shows those terms as met late: on the case of 70 days, forwarded on day 70 instead
of by day 2 (Art. 8.3) and acknowledged on day 70 instead of by day 7 (Art. 8.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kern import toegang
from kern.kalender import lokale_datum
from kern.rollen import Rol
from meldingen.constants import Categorie, Identiteitskeuze, Kanaal, ToewijzingRol, Wijze
from meldingen.models import Brief, Functionaris, Melding, Organisatie
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.melder import (
    IdentiteitGegevens,
    Meldinginhoud,
    Ontvangstbewijs,
    melding_indienen,
    melding_registreren_door_functionaris,
)
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon
from meldingen.services.triage import contactpersoon_aanwijzen, melding_doorsturen

# The employee number of the melder of the case in investigation: given on the
# form with a confidential identity, so HR's check (Art. 5.4) can be tried with it.
DEMO_PERSONEELSNUMMER = "P-1001"


@dataclass(frozen=True)
class Demomelding:
    # How the demos of higher apps find the case (ctx["demo_meldingen"]).
    sleutel: str
    dagen_geleden: int
    kanaal: Kanaal
    categorie: Categorie
    tekst: str
    hl_betrokken: bool = False
    identiteitskeuze: Identiteitskeuze = Identiteitskeuze.ANONIEM
    identiteit: IdentiteitGegevens | None = None
    # Came by post: the receiving officer registers it with the day it arrived.
    per_post: bool = False
    # The steps of this module, in this order; an empty `samenvatting` means no
    # acknowledgement (Art. 8.5: the factual description the letter carries).
    doorsturen: bool = False
    samenvatting: str = ""
    contactpersoon: bool = False


DEMO_MELDINGEN = [
    # Received, nothing done yet: the acknowledgement and forwarding terms run.
    Demomelding(
        "nieuw",
        2,
        Kanaal.VERTROUWENSPERSOON,
        Categorie.VEILIGHEID,
        "Op de bouwplaats aan de Dorpsstraat worden steigers zonder keuring gebruikt.",
    ),
    # Forwarded and acknowledged; waits for the HL's decision (Art. 9.1).
    Demomelding(
        "doorgestuurd",
        9,
        Kanaal.EXTERNE_VERTROUWENSPERSOON,
        Categorie.WETTELIJK_VOORSCHRIFT,
        "Facturen van een leverancier worden dubbel betaald en niet gecontroleerd.",
        doorsturen=True,
        samenvatting="Vermoeden dat facturen van een leverancier dubbel worden betaald zonder controle.",
    ),
    # onderzoek/demo.py: decision to investigate, mandate, investigator, the melder told (Art. 9.1-9.5).
    Demomelding(
        "in_onderzoek",
        20,
        Kanaal.VERTROUWENSPERSOON,
        Categorie.ONGEWENSTE_OMGANGSVORMEN,
        "Een teamleider maakt herhaaldelijk discriminerende opmerkingen.",
        identiteitskeuze=Identiteitskeuze.VERTROUWELIJK,
        identiteit=IdentiteitGegevens(naam="Sanne de Wit", personeelsnummer=DEMO_PERSONEELSNUMMER),
        doorsturen=True,
        samenvatting="Vermoeden van herhaalde discriminerende opmerkingen door een teamleider.",
        contactpersoon=True,
    ),
    # onderzoek/demo.py: the signed decision "no investigation" with its reason (Art. 9.2).
    Demomelding(
        "niet_in_onderzoek",
        40,
        Kanaal.LEIDINGGEVENDE,
        Categorie.FUNCTIONEREN_ORGANISATIE,
        "Klachten van huurders over schimmel worden niet geregistreerd.",
        identiteitskeuze=Identiteitskeuze.OPEN,
        identiteit=IdentiteitGegevens(naam="Jan Bakker"),
        per_post=True,
        doorsturen=True,
        samenvatting="Vermoeden dat klachten van huurders over schimmel niet worden geregistreerd.",
    ),
    # The HL is involved: the hoogste verantwoordelijke leads (Art. 8.4); onderzoek/demo.py
    # starts the investigation. A standpunt needs a finished investigation (Art. 9.5,
    # 10.6; meldingen.workflow): the demo shows this case while its investigation runs.
    Demomelding(
        "hl_betrokken",
        70,
        Kanaal.EXTERNE_VERTROUWENSPERSOON,
        Categorie.INTEGRITEITSSCHENDING,
        "De directeur-bestuurder gunt opdrachten aan een bedrijf van een familielid.",
        hl_betrokken=True,
        doorsturen=True,
        samenvatting="Vermoeden dat de directeur-bestuurder opdrachten gunt aan een bedrijf van een familielid.",
        contactpersoon=True,
    ),
]


def brieven_doorsturen_als_vertrouwenspersoon(*, melding: Melding) -> None:
    """Art. 7.3: a letter on a report made through the vertrouwenspersoon without
    consent to disclose the identity waits for them; they forward it to the melder
    without delay (the case-screen action `brief_doorsturen`)."""
    wachtend = Brief.objects.filter(melding=melding, via_vertrouwenspersoon=True, bij_melder_op__isnull=True)
    if not wachtend.exists():
        return
    vertrouwenspersoon = toegang.toegewezenen(melding=melding, rollen=[ToewijzingRol.ONTVANGER])[0]
    for brief in wachtend.order_by("verzonden_op", "id"):
        brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=vertrouwenspersoon)


def _registreren(demo: Demomelding, *, organisatie: Organisatie, nu) -> Ontvangstbewijs:
    inhoud = Meldinginhoud(omschrijving=demo.tekst, categorie=demo.categorie, hl_betrokken=demo.hl_betrokken)
    ontvangen_op = nu - timedelta(days=demo.dagen_geleden)
    if demo.per_post:
        # Art. 8.5: the officer of the channel enters the day the letter arrived.
        officier = Functionaris.objects.filter(organisatie=organisatie, functie=demo.kanaal).first().gebruiker
        return melding_registreren_door_functionaris(
            organisatie=organisatie,
            inhoud=inhoud,
            kanaal=demo.kanaal,
            wijze=Wijze.SCHRIFTELIJK,
            formeel=True,
            door=officier,
            ontvangen_op=lokale_datum(ontvangen_op),
            identiteitskeuze=demo.identiteitskeuze,
            identiteit=demo.identiteit,
        )
    return melding_indienen(
        organisatie=organisatie,
        inhoud=inhoud,
        kanaal=demo.kanaal,
        formeel=True,
        identiteitskeuze=demo.identiteitskeuze,
        identiteit=demo.identiteit,
        ontvangen_op=ontvangen_op,
    )


def _behandelen(demo: Demomelding, *, melding: Melding, contactpersoon) -> None:
    if not demo.doorsturen:
        return
    ontvanger = toegang.toegewezenen(melding=melding, rollen=[ToewijzingRol.ONTVANGER])[0]
    melding_doorsturen(melding=melding, door=ontvanger)
    # Forwarding assigned whoever leads the case (Art. 8.3-8.4); the next steps are theirs.
    leider = toegang.leiding_van(melding=melding)[0]
    if demo.samenvatting:
        ontvangstbevestiging_sturen(melding=melding, samenvatting=demo.samenvatting, door=leider)
    if demo.contactpersoon:
        contactpersoon_aanwijzen(melding=melding, contactpersoon=contactpersoon, afgestemd_met_melder=True, door=leider)
    brieven_doorsturen_als_vertrouwenspersoon(melding=melding)


def vullen(ctx):
    gebruikers = ctx["gebruikers"]
    organisatie, _nieuw = Organisatie.objects.get_or_create(
        slug="woonstichting-demo",
        defaults={"naam": "Woonstichting Demo", "briefhoofd": "Woonstichting Demo\nDorpsstraat 1\n1234 AB Nieuwkoop"},
    )
    functies = {
        Functionaris.Functie.VERTROUWENSPERSOON: Rol.VERTROUWENSPERSOON,
        Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON: Rol.EXTERNE_VERTROUWENSPERSOON,
        Functionaris.Functie.LEIDINGGEVENDE: Rol.LEIDINGGEVENDE,
        Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE: Rol.HOOGSTE_LEIDINGGEVENDE,
        Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE: Rol.HOOGSTE_VERANTWOORDELIJKE,
    }
    for functie, rol in functies.items():
        Functionaris.objects.get_or_create(organisatie=organisatie, gebruiker=gebruikers[rol], functie=functie)
    ctx["organisatie"] = organisatie
    if Melding.objects.filter(organisatie=organisatie).exists():
        return
    nu = timezone.now()
    meldingen = {}
    uitleg = ctx.setdefault("meldingen_uitleg", [])
    for demo in DEMO_MELDINGEN:
        bewijs = _registreren(demo, organisatie=organisatie, nu=nu)
        _behandelen(demo, melding=bewijs.melding, contactpersoon=gebruikers[Rol.CONTACTPERSOON])
        meldingen[demo.sleutel] = bewijs.melding
        # The receipt code is shown once and never stored: printed on the first run only.
        uitleg.append(
            f"Meldingsbox van melding {bewijs.melding.registernummer} ({demo.sleutel.replace('_', ' ')}): "
            f"ontvangstcode {bewijs.code}"
        )
    ctx["demo_meldingen"] = meldingen
