"""The risk conversation's term (Art. 6.1) in meldingen's term engine: its kind
and timeline event, registered in BenadelingConfig.ready, started when the
contactpersoon is appointed and closed when the conversation is recorded
(docs/termijnen.md)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benadeling.constants import RISICOGESPREK, RISICOGESPREK_VASTGELEGD
from benadeling.selectors import instelling_voor
from kern.kalender import lokale_datum
from kern.models import Gebruiker
from meldingen.constants import Soort, ToewijzingRol
from meldingen.deadlines import Termijnberekening, uiterlijk_na_dagen
from meldingen.models import Melding
from meldingen.services.termijnen import termijn_starten, termijnen_sluiten_door_vastlegging
from meldingen.uitbreidingen import Termijnsoort

TERMIJNSOORT = Termijnsoort(waarde=RISICOGESPREK, label=_("Risicogesprek (Art. 6.1)"), herinneren_dagen_voor=2)
GEBEURTENIS_LABEL = _("Risicogesprek vastgelegd (Art. 6.1)")


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
