"""The standpunt after an investigation into the melder's treatment and the
melder's reaction to it (Art. 11.1, 12.1-12.2 via 13.2): the letter the reaction
period runs from, the end of that period, the open reaction request and the
subject of the answer's term. No access check: these answer the services, the
table's preconditions and the section of a mailbox the caller has opened."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from benadeling.constants import STANDPUNT_REACTIE_BENADELING
from benadeling.models import Afschrift, BenadelingKennisgeving, Onderzoeksverzoek
from kern.services import object_type_van
from meldingen.constants import VerzoekStatus
from meldingen.models import Brief, Verzoek
from meldingen.overgangen import reactietermijn_einde_na

# The kind of copy (benadeling.models.Afschrift.soort) the standpunt goes out as.
STANDPUNT_AFSCHRIFT = "standpunt_benadeling"


def reactieonderwerp(verzoek: Onderzoeksverzoek) -> str:
    """The subject of the request's terms (docs/termijnen.md): the answer to a
    reasoned reaction to its standpunt (Art. 12.2 via 13.2)."""
    return f"verzoek:{verzoek.pk}"


def standpuntbrief(*, verzoek: Onderzoeksverzoek) -> Brief | None:
    """The letter that carried the standpunt to the mailbox, or None before it."""
    afschriften = Afschrift.objects.filter(melding_id=verzoek.melding_id, soort=STANDPUNT_AFSCHRIFT)
    afschrift = afschriften.filter(object_uuid=str(verzoek.uuid)).select_related("brief").first()
    return afschrift.brief if afschrift is not None else None


def standpunt_reactietermijn_einde(*, verzoek: Onderzoeksverzoek) -> date | None:
    """Art. 12.1 via 13.2: the last day the melder may react to the standpunt (the
    report's period, counted from its letter), or None while no standpunt went out."""
    brief = standpuntbrief(verzoek=verzoek)
    return reactietermijn_einde_na(brief) if brief is not None else None


def reactieverzoeken_van(*, verzoek: Onderzoeksverzoek) -> QuerySet[Verzoek]:
    """The mailbox requests to react to this request's standpunt (one, opened with it)."""
    return Verzoek.objects.filter(
        melding_id=verzoek.melding_id,
        soort=STANDPUNT_REACTIE_BENADELING,
        object_type=object_type_van(Onderzoeksverzoek),
        object_uuid=str(verzoek.uuid),
    )


def open_reactieverzoeken(*, melding) -> QuerySet[Verzoek]:
    """The case's reaction requests still waiting for the melder."""
    return Verzoek.objects.filter(melding=melding, soort=STANDPUNT_REACTIE_BENADELING, status=VerzoekStatus.OPEN)


def standpunt_kennisgeving(*, verzoek: Onderzoeksverzoek) -> BenadelingKennisgeving | None:
    """The HL's signed Art. 11.3 assessment given with the standpunt, or None before it."""
    return BenadelingKennisgeving.objects.filter(verzoek=verzoek).select_related("ondertekening").first()
