from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ToewijzingRol
from meldingen.services.register import toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory


class Ondertekenaar:
    """An HL (or RvC member) assigned to a case, with an authenticator."""

    def __init__(self, melding, rol=Rol.HOOGSTE_LEIDINGGEVENDE, toewijzen=True):
        self.gebruiker = GebruikerFactory(rol=rol)
        self.apparaat = TOTPDevice.objects.create(user=self.gebruiker, confirmed=True)
        toewijzingsrol = (
            ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE
            if rol == Rol.HOOGSTE_VERANTWOORDELIJKE
            else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
        )
        if toewijzen:
            toewijzing_verlenen(melding=melding, gebruiker=self.gebruiker, rol=toewijzingsrol, door=None)

    def code(self):
        # Each code is accepted once (django-otp keeps the last time step):
        # move the device's last step back so consecutive signatures in one test work.
        self.apparaat.refresh_from_db()
        self.apparaat.last_t = -1
        self.apparaat.save(update_fields=["last_t"])
        a = self.apparaat
        return f"{totp(a.bin_key, step=a.step, t0=a.t0, digits=a.digits):06d}"


def melding_met_hl(**kwargs):
    melding = MeldingFactory(in_behandeling=True, **kwargs)
    return melding, Ondertekenaar(melding, toewijzen=not melding.hl_betrokken)
