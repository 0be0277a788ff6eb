from django_otp.oath import totp

from kern.auth import bevestigd_apparaat
from kern.models import TOTPApparaat


def verse_code(gebruiker, *, stappen_vooruit: int = 0) -> str:
    """A TOTP code of the user's confirmed device; `stappen_vooruit=1` gives the
    next step's code (within django-otp's tolerance), for a second code right
    after one was used to log in."""
    apparaat = bevestigd_apparaat(gebruiker=gebruiker)
    code = totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits, drift=stappen_vooruit)
    return f"{code:0{apparaat.digits}d}"


def geverifieerd_inloggen(client, gebruiker):
    """Log in as if the second factor was passed (the staff pages demand it)."""

    apparaat = bevestigd_apparaat(gebruiker=gebruiker) or TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    client.force_login(gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()
    return client
