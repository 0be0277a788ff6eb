"""Demo users: one per role. Passwords are public by design: demo only.

The users who sign (the HL and the hoogste verantwoordelijke, kern.ondertekening)
get an authenticator the way the second-factor page enrols one, and its key is
printed: the demo's own decisions are signed with it, and a newcomer who adds
the key to an authenticator app can sign further ones from the case screen."""

from django.contrib.auth.models import Group
from django_otp.oath import totp

from kern.auth import bevestigd_apparaat, totp_apparaat_bevestigen, totp_apparaat_voorbereiden, totp_geheim_base32
from kern.models import Gebruiker, TOTPApparaat
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

# Who signs decisions (Art. 9, 11, 13, 14): the HL, and the hoogste
# verantwoordelijke when the HL is involved (Art. 8.4).
ONDERTEKENAARS = (Rol.HOOGSTE_LEIDINGGEVENDE, Rol.HOOGSTE_VERANTWOORDELIJKE)


def _huidige_code(apparaat: TOTPApparaat) -> str:
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):0{apparaat.digits}d}"


def authenticator_koppelen(*, gebruiker: Gebruiker) -> TOTPApparaat:
    """A confirmed authenticator for a demo user, enrolled as the second-factor page
    does it (kern.views.tweede_factor): prepare a device, verify its current code,
    confirm it. Without an enrolment link that is allowed only where the second
    factor is optional, as in the demo settings. Idempotent."""
    apparaat = bevestigd_apparaat(gebruiker=gebruiker)
    if apparaat is not None:
        return apparaat
    apparaat = totp_apparaat_voorbereiden(gebruiker=gebruiker)
    if not apparaat.verify_token(_huidige_code(apparaat)):
        raise RuntimeError("demo: de code van een nieuwe authenticator werd niet geaccepteerd")
    totp_apparaat_bevestigen(apparaat=apparaat, door=gebruiker)
    return apparaat


def verse_code(*, gebruiker: Gebruiker) -> str:
    """The current code of a demo user's authenticator, for a signing service.

    django-otp accepts each code once per device (it remembers the last time
    step used), and the demo signs several documents within one 30-second step.
    A person at the screen would wait for the next code; the demo moves the
    device's last step back first, as the tests do
    (onderzoek.tests.factories.Ondertekenaar). Demo only."""
    apparaat = bevestigd_apparaat(gebruiker=gebruiker)
    if apparaat is None:
        raise RuntimeError(f"demo: {gebruiker.username} heeft geen authenticator")
    apparaat.last_t = -1
    apparaat.save(update_fields=["last_t"])
    return _huidige_code(apparaat)


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
    uitleg = ctx.setdefault("meldingen_uitleg", [])
    for rol in ONDERTEKENAARS:
        apparaat = authenticator_koppelen(gebruiker=gebruikers[rol])
        uitleg.append(
            f"Ondertekenen als '{gebruikers[rol].username}': voeg sleutel {totp_geheim_base32(apparaat)} "
            "toe aan een authenticator-app (bij inloggen mag u de code in de demo overslaan)."
        )
