"""Cases as the UI makes them, for the retention tests: registered with an
identity, a message with an attachment and a person concerned, then taken
through decision, investigation, standpunt and closing by the services the
screens call (onderzoek.tests.factories.Zaak)."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from meldingen.constants import Categorie
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.bijlagen import bestand_voorbereiden
from meldingen.services.melder import IdentiteitGegevens, melder_identiteit_vastleggen
from meldingen.services.meldingsbox import bericht_van_melder
from onderzoek.constants import BesluitSoort, OnderzoekSoort, StandpuntUitkomst
from onderzoek.services import (
    besluit_nemen,
    betrokkene_standpunt_meedelen,
    kennisgeving_beoordelen,
    melding_afsluiten_na_standpunt,
    onderzoek_instellen,
    standpunt_vaststellen,
)
from onderzoek.tests.factories import Zaak, onderzoek_afronden

MELDER = "Jozefien Achterberg-Quist"
MELDER_EMAIL = "j.achterberg@voorbeeld.nl"
BETROKKENE = "Mr. Bartholomeus Zwaanswijk"
GEHEIM = "De controller boekt facturen van Quistbouw dubbel."


def volle_zaak(*, kanaal=None, ontvangen_dagen_geleden=2) -> Zaak:
    zaak = Zaak(kanaal=kanaal, ontvangen_op=timezone.now() - timedelta(days=ontvangen_dagen_geleden))
    melding = zaak.melding
    melding.omschrijving = GEHEIM
    melding.categorie = Categorie.INTEGRITEITSSCHENDING
    melding.save(update_fields=["omschrijving", "categorie"])
    melder_identiteit_vastleggen(
        melding=melding, gegevens=IdentiteitGegevens(naam=MELDER, email=MELDER_EMAIL), door=None
    )
    zaak.betrokkene = betrokkene_toevoegen(melding=melding, naam=BETROKKENE, functie="controller", door=zaak.ontvanger)
    bericht_van_melder(
        meldingsbox=zaak.box,
        tekst=f"Nog een detail van {MELDER}.",
        bijlagen=[bestand_voorbereiden(naam="notitie.txt", inhoud=GEHEIM.encode())],
    )
    return zaak


def in_onderzoek(zaak: Zaak) -> Zaak:
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen van Quistbouw.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    return zaak


def afsluiten(zaak: Zaak, uitkomst=StandpuntUitkomst.GEGROND, *, extern_melden=False) -> Zaak:
    # The real flow (Art. 9.5-10.6): the melder told who investigates, the report fixed.
    onderzoek_afronden(zaak.melding, zaak.hl, kennisgeving=not extern_melden)
    if extern_melden:
        # Art. 11.3: the HL notifies an external authority (signed with the assessment).
        kennisgeving_beoordelen(
            melding=zaak.melding,
            melden=True,
            motivering="De toezichthouder moet het weten.",
            instantie="Autoriteit Woningcorporaties",
            inhoud="Facturen van Quistbouw dubbel betaald.",
            door=zaak.hl.gebruiker,
            totp_code=zaak.hl.code(),
        )
    standpunt_vaststellen(
        uitkomst=uitkomst,
        melding=zaak.melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="Terugvordering bij Quistbouw.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    # Art. 11.4: the persons concerned are told of the standpunt before the case closes.
    for betrokkene in zaak.melding.betrokkenen.all():
        betrokkene_standpunt_meedelen(betrokkene=betrokkene, door=zaak.hl.gebruiker)
    # Art. 12.1: the case closes once the melder's reaction period has passed. The
    # timeline's time is the database's own, so the closing the retention period
    # counts from stays today; only the service's check sees the later date.
    na_reactietermijn = timezone.now() + timedelta(days=settings.MELDPUNT_REACTIETERMIJN_DAGEN + 1)
    with time_machine.travel(na_reactietermijn):
        melding_afsluiten_na_standpunt(melding=zaak.melding, reden="Geen reactie.", door=zaak.hl.gebruiker)
    zaak.melding.refresh_from_db()
    return zaak


def afgesloten_zaak(**kwargs) -> Zaak:
    return afsluiten(in_onderzoek(volle_zaak(**kwargs)))


class ZaakIn:
    """A case in a given organisation, received by `ontvanger` and forwarded to
    the HL `hl` (an onderzoek.tests.factories.Ondertekenaar): several cases of
    one officer, as on her destruction list."""

    def __init__(self, *, organisatie, ontvanger, hl, omschrijving=GEHEIM):
        from meldingen.constants import Kanaal
        from meldingen.services.melder import Meldinginhoud, melding_indienen
        from meldingen.services.triage import melding_doorsturen

        bewijs = melding_indienen(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving=omschrijving),
            kanaal=Kanaal.VERTROUWENSPERSOON,
            formeel=True,
        )
        self.melding, self.ontvanger, self.hl = bewijs.melding, ontvanger, hl
        self.box = self.melding.meldingsbox
        melding_doorsturen(melding=self.melding, door=ontvanger)
        self.melding.refresh_from_db()
