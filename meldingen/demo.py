"""Demo organisation and meldingen in several states."""

from datetime import timedelta

from django.utils import timezone

from kern.rollen import Rol
from meldingen.constants import Categorie, Kanaal, Status, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Melding, Organisatie
from meldingen.services import register as services

DEMO_MELDINGEN = [
    # (days ago, channel, category, HL involved, text, path of states)
    (
        2,
        Kanaal.VERTROUWENSPERSOON,
        Categorie.VEILIGHEID,
        False,
        "Op de bouwplaats aan de Dorpsstraat worden steigers zonder keuring gebruikt.",
        [],
    ),
    (
        9,
        Kanaal.EXTERNE_VERTROUWENSPERSOON,
        Categorie.WETTELIJK_VOORSCHRIFT,
        False,
        "Facturen van een leverancier worden dubbel betaald en niet gecontroleerd.",
        [Status.IN_BEHANDELING],
    ),
    (
        20,
        Kanaal.VERTROUWENSPERSOON,
        Categorie.ONGEWENSTE_OMGANGSVORMEN,
        False,
        "Een teamleider maakt herhaaldelijk discriminerende opmerkingen.",
        [Status.IN_BEHANDELING, Status.IN_ONDERZOEK],
    ),
    (
        40,
        Kanaal.LEIDINGGEVENDE,
        Categorie.FUNCTIONEREN_ORGANISATIE,
        False,
        "Klachten van huurders over schimmel worden niet geregistreerd.",
        [Status.IN_BEHANDELING, Status.NIET_IN_ONDERZOEK],
    ),
    (
        70,
        Kanaal.EXTERNE_VERTROUWENSPERSOON,
        Categorie.INTEGRITEITSSCHENDING,
        True,
        "De directeur-bestuurder gunt opdrachten aan een bedrijf van een familielid.",
        # A standpunt needs a finished investigation (Art. 9.5, 10.6; meldingen.workflow):
        # the demo shows this case while its investigation runs.
        [Status.IN_BEHANDELING, Status.IN_ONDERZOEK],
    ),
]


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
    for dagen, kanaal, categorie, hl_betrokken, tekst, pad in DEMO_MELDINGEN:
        melding = services.melding_registreren(
            organisatie=organisatie,
            omschrijving=tekst,
            kanaal=kanaal,
            wijze=Wijze.WEBFORMULIER,
            categorie=categorie,
            hl_betrokken=hl_betrokken,
            ontvangen_op=nu - timedelta(days=dagen),
        )
        if pad:
            leider = gebruikers[Rol.HOOGSTE_VERANTWOORDELIJKE if hl_betrokken else Rol.HOOGSTE_LEIDINGGEVENDE]
            rol = ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE if hl_betrokken else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
            services.toewijzing_verlenen(melding=melding, gebruiker=leider, rol=rol, door=None)
        for status in pad:
            reden = "Demo: geen redelijke gronden." if status == Status.NIET_IN_ONDERZOEK else ""
            services.melding_status_wijzigen(melding=melding, naar=status, door=None, reden=reden)
