"""A case set up for retaliation work: receiving officer, HL (with an
authenticator, from onderzoek's factories), contactpersoon and the melder as
protected person."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from django.utils import timezone

from benadeling.constants import BeschermdeRol
from benadeling.models import BenadelingInstelling
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ToewijzingRol
from meldingen.models import Verzoek
from meldingen.services.meldingsbox import (
    brief_doorsturen_door_vertrouwenspersoon,
    verzoek_doorsturen_door_vertrouwenspersoon,
)
from meldingen.services.register import toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory
from onderzoek.tests.factories import Ondertekenaar

PERSONEELSNUMMER = "P-004711"
EMAIL = "j.jansen@woonstichting.test"


def zaak(*, personeelsnummer: str = PERSONEELSNUMMER, email: str = EMAIL, gemeld_op: date | None = None, **kwargs):
    gemeld_op = gemeld_op or timezone.localdate() - timedelta(days=30)
    melding = MeldingFactory(in_behandeling=True, **kwargs)
    ontvanger = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=ontvanger, rol=ToewijzingRol.ONTVANGER, door=None)
    hl = Ondertekenaar(melding, toewijzen=not melding.hl_betrokken)
    contactpersoon = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    melder = beschermd_persoon_toevoegen(
        melding=melding,
        rol=BeschermdeRol.MELDER,
        personeelsnummer=personeelsnummer,
        email=email,
        beschermd_vanaf=gemeld_op,
        door=None,
    )
    return SimpleNamespace(
        melding=melding, ontvanger=ontvanger, hl=hl, contactpersoon=contactpersoon, melder=melder, gemeld_op=gemeld_op
    )


def personeelszaken_voor(organisatie):
    hr = GebruikerFactory(rol=Rol.PERSONEELSZAKEN)
    instelling, _nieuw = BenadelingInstelling.objects.get_or_create(organisatie=organisatie)
    instelling.personeelszaken.add(hr)
    return hr


def bij_melder(verzoek_of_brief, *, ontvanger):
    """Art. 7.3: reported through the vertrouwenspersoon (`ontvanger`), who passes a
    letter or request on to the melder; otherwise it is there already."""
    if verzoek_of_brief.via_vertrouwenspersoon and verzoek_of_brief.bij_melder_op is None:
        if isinstance(verzoek_of_brief, Verzoek):
            verzoek_doorsturen_door_vertrouwenspersoon(verzoek=verzoek_of_brief, door=ontvanger)
        else:
            brief_doorsturen_door_vertrouwenspersoon(brief=verzoek_of_brief, door=ontvanger)
        verzoek_of_brief.refresh_from_db()
    return verzoek_of_brief


def hl_op_het_zaakscherm(client, hl):
    """The HL (an onderzoek.tests.factories.Ondertekenaar) logged in with the second
    factor the admin demands, on the authenticator the HL also signs with."""
    client.force_login(hl.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = hl.apparaat.persistent_id
    sessie.save()
    return client
