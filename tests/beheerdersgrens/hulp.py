"""Helpers of the administrator-boundary tests."""

from kern.models import TOTPApparaat

ADMIN = "/admin/"


def ingelogd_als(client, gebruiker):
    """A staff session that passed the second factor."""
    client.force_login(gebruiker)
    apparaat = TOTPApparaat.objects.filter(user=gebruiker, confirmed=True).first() or TOTPApparaat.objects.create(
        user=gebruiker, confirmed=True
    )
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()
    return client
