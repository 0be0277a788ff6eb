"""What of a case outlives closing or withdrawing the report (Art. 5: the
protection lasts after the report's procedure ends). Registered in meldingen's
extension points in BenadelingConfig.ready (meldingen.uitbreidingen); no access
check: these answer the services that close and withdraw, not a screen."""

from __future__ import annotations

from django.db.models import QuerySet

from benadeling.constants import VASTLEGGING_GOEDKEUREN
from benadeling.models import Benadelingsmelding, Onderzoeksverzoek
from benadeling.selectors.standpunt import open_reactieverzoeken
from kern.services import object_type_van
from meldingen.constants import VerzoekStatus
from meldingen.models import Melding, Verzoek
from onderzoek.selectors import open_melderverzoeken_van


def lopende_onderzoeksverzoeken(*, melding: Melding) -> QuerySet[Onderzoeksverzoek]:
    """The granted Art. 13 requests whose investigation still owes its standpunt
    (Art. 13.2 with 11.1): the investigation runs, or it ended (in a report or
    without one) and the HL's standpunt on it has not been given yet."""
    return Onderzoeksverzoek.objects.filter(
        melding=melding, onderzoek__isnull=False, standpunt_op__isnull=True
    ).select_related("onderzoek")


def blijvende_melderverzoeken(*, melding: Melding) -> list[int]:
    """The open mailbox requests that withdrawing the report leaves open (primary
    keys, meldingen.uitbreidingen.blijvende_verzoeken_registreren):

    - those of a still-running Art. 13.2 investigation into the melder's treatment,
      which follows Art. 10 (Art. 13.2: "artikelen 10 t/m 13 van overeenkomstige
      toepassing"): the melder's comments on its concept report (Art. 10.5) and
      the approval of the record of the melder's hearing (Art. 10.1);
    - the approval of the contactpersoon's record of retaliation (Art. 6.2), which
      the HL must act on whether or not the report is withdrawn (Art. 6.3; that
      term outlives the case too, benadeling.termijnen.CLAIM_TERMIJNSOORT);
    - the reaction to the standpunt of an Art. 13.2 investigation (Art. 12.1 via
      13.2): that request is closed only by its own step (onderzoeksverzoek_afsluiten)."""
    onderzoeken = lopende_onderzoeksverzoeken(melding=melding).values("onderzoek_id")
    van_onderzoek = open_melderverzoeken_van(onderzoeken=onderzoeken).filter(melding=melding)
    van_claim = Verzoek.objects.filter(
        melding=melding,
        status=VerzoekStatus.OPEN,
        soort=VASTLEGGING_GOEDKEUREN,
        object_type=object_type_van(Benadelingsmelding),
    )
    reacties = open_reactieverzoeken(melding=melding)
    return [
        *van_onderzoek.values_list("pk", flat=True),
        *van_claim.values_list("pk", flat=True),
        *reacties.values_list("pk", flat=True),
    ]
