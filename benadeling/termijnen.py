"""The terms of the retaliation app in meldingen's term engine (docs/termijnen.md),
their kinds and timeline events registered in BenadelingConfig.ready:

- the risk conversation (Art. 6.1): started when the contactpersoon is appointed,
  closed when the conversation is recorded;
- acting on a retaliation claim (Art. 6.3): one per claim (`claim:<pk>`), started
  when the claim is forwarded to the HL, closed when the HL acts on it;
- deciding on a request to investigate the treatment (Art. 13.1): one per request
  (`verzoek:<pk>`), started when it comes in, closed by the decision;
- the standpunt of the investigation a granted request became (Art. 13.2 with
  11.1): onderzoek's term (`onderzoek:<pk>`), closed by that standpunt's letter;
  closing or withdrawing the report leaves it running (`lopende_standpunttermijnen`);
- the substantive answer to the melder's reasoned reaction to that standpunt
  (Art. 12.2 via 13.2): one per request (`verzoek:<pk>`), started by the reaction,
  closed when the answer letter reaches the melder; it outlives the report too."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    BENADELINGSMELDING,
    BENADELINGSMELDING_AFGEHANDELD,
    BENADELINGSMELDING_DAGEN,
    RISICOGESPREK,
    RISICOGESPREK_VASTGELEGD,
    VERZOEK_BENADELING,
    VERZOEK_BENADELING_BESLIST,
    VERZOEK_BESLISSEN_DAGEN,
    VERZOEK_REACTIE_ANTWOORD,
)
from benadeling.selectors import instelling_voor
from benadeling.selectors.blijvend import lopende_onderzoeksverzoeken
from benadeling.selectors.standpunt import reactieonderwerp
from kern.kalender import lokale_datum
from kern.models import Gebruiker
from meldingen.constants import Soort, TermijnSoort, ToewijzingRol
from meldingen.deadlines import Termijnberekening, uiterlijk_na_dagen
from meldingen.models import Gebeurtenis, Melding
from meldingen.services.termijnen import (
    termijn_starten,
    termijnen_sluiten_door_gebeurtenis,
    termijnen_sluiten_door_vastlegging,
    termijnsleutel,
)
from meldingen.uitbreidingen import Termijnsoort
from onderzoek.constants import termijnonderwerp

TERMIJNSOORT = Termijnsoort(waarde=RISICOGESPREK, label=_("Risicogesprek (Art. 6.1)"), herinneren_dagen_voor=2)
GEBEURTENIS_LABEL = _("Risicogesprek vastgelegd (Art. 6.1)")
# Both outlive the report: the protection against retaliation (Art. 5) lasts
# after the case closes, and an Art. 13 request usually follows the standpunt, so
# closing the report never voids them.
CLAIM_TERMIJNSOORT = Termijnsoort(
    waarde=BENADELINGSMELDING,
    label=_("Handelen op een benadelingsmelding (Art. 6.3)"),
    herinneren_dagen_voor=3,
    blijft_na_afsluiten=True,
)
VERZOEK_TERMIJNSOORT = Termijnsoort(
    waarde=VERZOEK_BENADELING,
    label=_("Beslissen op een verzoek om onderzoek naar benadeling (Art. 13.1)"),
    herinneren_dagen_voor=7,
    blijft_na_afsluiten=True,
)
# Art. 12.2 via 13.2: the answer to a reasoned reaction to the standpunt after an
# investigation into the treatment; closing it is refused while it is owed
# (benadeling_antwoord_bij_melder), and closing or withdrawing the report leaves it
# running (Art. 5).
REACTIE_ANTWOORD_TERMIJNSOORT = Termijnsoort(
    waarde=VERZOEK_REACTIE_ANTWOORD,
    label=_("Reactie op het standpunt na onderzoek naar benadeling inhoudelijk beantwoorden (Art. 13.2, 12.2)"),
    herinneren_dagen_voor=7,
    blijft_na_afsluiten=True,
)
GEBEURTENISSEN = {
    BENADELINGSMELDING_AFGEHANDELD: _("Gehandeld op een benadelingsmelding (Art. 6.3)"),
    VERZOEK_BENADELING_BESLIST: _("Beslist op een verzoek om onderzoek naar benadeling (Art. 13.1)"),
}


def risicogesprek_dagen(*, melding: Melding) -> int:
    """Art. 6.1 "onverwijld": the installation's term (MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN),
    or the organisation's shorter one; never longer."""
    maximum = settings.MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN
    eigen = instelling_voor(organisatie=melding.organisatie).risicogesprek_dagen
    return maximum if eigen is None else min(eigen, maximum)


def risicogesprek_termijn_starten(*, melding: Melding, rol, gebeurtenis) -> None:
    """Hook on assignment (meldingen.uitbreidingen): the contactpersoon's
    appointment starts the risk-conversation term of a report (not of a request
    for advice), in the assignment's transaction."""
    if rol != ToewijzingRol.CONTACTPERSOON or melding.soort != Soort.MELDING:
        return
    aangewezen = lokale_datum(timezone.now())
    termijn_starten(
        melding=melding,
        berekening=Termijnberekening(
            RISICOGESPREK, aangewezen, uiterlijk_na_dagen(aangewezen, risicogesprek_dagen(melding=melding))
        ),
    )


def risicogesprek_vastgelegd(*, melding: Melding, door: Gebruiker | None) -> int:
    """Art. 6.1: the risk conversation was recorded; its term closes by this event."""
    return termijnen_sluiten_door_vastlegging(
        melding=melding, soort=RISICOGESPREK_VASTGELEGD, soorten=(RISICOGESPREK,), artikel="Art. 6.1", door=door
    )


def _starten(*, melding: Melding, soort: str, dagen: int, onderwerp: str) -> None:
    vandaag = lokale_datum(timezone.now())
    termijn_starten(
        melding=melding,
        berekening=Termijnberekening(soort, vandaag, uiterlijk_na_dagen(vandaag, dagen)),
        onderwerp=onderwerp,
    )


def _sluiten(*, melding: Melding, gebeurtenis_soort: str, soort: str, onderwerp: str, artikel: str, door) -> int:
    gebeurtenis = Gebeurtenis.objects.create(melding=melding, soort=gebeurtenis_soort, artikel=artikel, door=door)
    return termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(soort,), onderwerp=onderwerp)


def claim_termijn_starten(*, claim) -> None:
    """Art. 6.3: the claim reached the HL, who sees to the measures against
    retaliation; one term per claim."""
    _starten(
        melding=claim.melding, soort=BENADELINGSMELDING, dagen=BENADELINGSMELDING_DAGEN, onderwerp=f"claim:{claim.pk}"
    )


def claim_termijn_sluiten(*, claim, door: Gebruiker | None) -> int:
    """Art. 6.3: the HL acted on the claim (a signed measure for it, or its outcome)."""
    return _sluiten(
        melding=claim.melding,
        gebeurtenis_soort=BENADELINGSMELDING_AFGEHANDELD,
        soort=BENADELINGSMELDING,
        onderwerp=f"claim:{claim.pk}",
        artikel="Art. 6.3",
        door=door,
    )


def verzoek_termijn_starten(*, verzoek) -> None:
    """Art. 13.1: the request came in; the HL decides on it within the term."""
    _starten(
        melding=verzoek.melding,
        soort=VERZOEK_BENADELING,
        dagen=VERZOEK_BESLISSEN_DAGEN,
        onderwerp=f"verzoek:{verzoek.pk}",
    )


def verzoek_termijn_sluiten(*, verzoek, door: Gebruiker | None) -> int:
    """Art. 13.1: the HL granted or declined the request."""
    return _sluiten(
        melding=verzoek.melding,
        gebeurtenis_soort=VERZOEK_BENADELING_BESLIST,
        soort=VERZOEK_BENADELING,
        onderwerp=f"verzoek:{verzoek.pk}",
        artikel="Art. 13.1",
        door=door,
    )


def reactie_antwoordtermijn_starten(*, verzoek) -> None:
    """Art. 12.2 via 13.2: the melder's reasoned reaction to the standpunt obliges a
    substantive answer. The regulation names no length; the installation's for the
    answer on the report (MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN, docs/termijnen.md)
    runs from the reaction, so the sweep reminds and escalates it."""
    _starten(
        melding=verzoek.melding,
        soort=VERZOEK_REACTIE_ANTWOORD,
        dagen=settings.MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN,
        onderwerp=reactieonderwerp(verzoek),
    )


def lopende_standpunttermijnen(*, melding: Melding) -> list[str]:
    """Art. 13.2 with 11.1, Art. 5: the standpunt of an investigation into the
    melder's treatment is owed until it is given, whether the report is closed or
    withdrawn (the protection outlasts the case). The keys of the standpunt terms of
    the granted requests without a standpunt yet; closing and withdrawing leave them
    running (meldingen.uitbreidingen.blijvende_termijnen_registreren, in
    BenadelingConfig.ready). The report's own standpunt term is not among them."""
    return [
        termijnsleutel(TermijnSoort.STANDPUNT, termijnonderwerp(v.onderzoek))
        for v in lopende_onderzoeksverzoeken(melding=melding)
    ]
