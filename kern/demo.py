"""Demo users: one per role. Passwords are public by design: demo only."""

from django.contrib.auth.models import Group

from kern.models import Gebruiker
from kern.rollen import Rol, groepsnaam, rollen_bijwerken

DEMO_WACHTWOORD = "demo-meldpunt-2026"

DEMO_GEBRUIKERS = {
    Rol.VERTROUWENSPERSOON: ("vp", "Vera", "Pieters"),
    Rol.EXTERNE_VERTROUWENSPERSOON: ("evp", "Erik", "van Praag"),
    Rol.LEIDINGGEVENDE: ("lg", "Lotte", "Graaf"),
    Rol.HOOGSTE_LEIDINGGEVENDE: ("hl", "Hans", "Lindeman"),
    Rol.HOOGSTE_VERANTWOORDELIJKE: ("rvc", "Ria", "van Corven"),
    Rol.ONDERZOEKER: ("onderzoeker", "Olaf", "Zoet"),
    Rol.CONTACTPERSOON: ("contact", "Carla", "Post"),
    Rol.ONDERNEMINGSRAAD: ("or", "Omar", "Rachidi"),
    Rol.PERSONEELSZAKEN: ("hr", "Hanna", "Rus"),
    Rol.FUNCTIONEEL_BEHEERDER: ("beheer", "Bram", "Heer"),
}


def vullen(ctx):
    rollen_bijwerken()
    gebruikers = {}
    for rol, (naam, voornaam, achternaam) in DEMO_GEBRUIKERS.items():
        gebruiker, nieuw = Gebruiker.objects.get_or_create(
            username=naam, defaults={"first_name": voornaam, "last_name": achternaam, "is_staff": True}
        )
        if nieuw:
            gebruiker.set_password(DEMO_WACHTWOORD)
            gebruiker.save(update_fields=["password"])
        gebruiker.groups.add(Group.objects.get(name=groepsnaam(rol)))
        gebruikers[rol] = gebruiker
        ctx["inloggegevens"].append((rol.label, naam, DEMO_WACHTWOORD))
    ctx["gebruikers"] = gebruikers
