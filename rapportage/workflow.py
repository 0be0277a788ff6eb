"""The transition table of the annual report (Art. 14.2-14.4), one row per step.

Enforced by exactly one service: rapportage.services.rapportage_overgang. Each
row names the article, who may take the step (the HL or an OR member) and
which version, if any, the step freezes.
"""

from dataclasses import dataclass

from rapportage.constants import RapportageStatus, VersieAanleiding

S = RapportageStatus


@dataclass(frozen=True)
class Overgang:
    artikel: str
    door: str  # "hl" or "or"
    versie: VersieAanleiding | None = None
    toelichting_verplicht: bool = False


TOEGESTANE_OVERGANGEN: dict[tuple[RapportageStatus, RapportageStatus], Overgang] = {
    # The HL sends the concept to the OR for discussion in a consultation meeting.
    (S.CONCEPT, S.BIJ_OR): Overgang("Art. 14.3", "hl", VersieAanleiding.NAAR_OR),
    # After the consultation meeting (Art. 14.3) the OR makes its standpunt known
    # on policy, execution and report; the meeting's date is recorded.
    (S.BIJ_OR, S.STANDPUNT_OR): Overgang("Art. 14.3-14.4", "or", toelichting_verplicht=True),
    # The HL processes the standpunt into the report and submits that for approval.
    (S.STANDPUNT_OR, S.TER_GOEDKEURING): Overgang("Art. 14.4", "hl", VersieAanleiding.VERWERKING),
    # The OR approves the processing of its standpunt.
    (S.TER_GOEDKEURING, S.GOEDGEKEURD): Overgang("Art. 14.4", "or", VersieAanleiding.VASTSTELLING),
    # The OR does not approve: the HL processes again, with the OR's reasons.
    (S.TER_GOEDKEURING, S.STANDPUNT_OR): Overgang("Art. 14.4", "or", toelichting_verplicht=True),
    # The HL adopts and signs the approved version (fresh second factor).
    (S.GOEDGEKEURD, S.VASTGESTELD): Overgang("Art. 14.2", "hl"),
}

# While in these stages the HL may edit the texts (Art. 14.2 a, c; 14.4).
BEWERKBAAR = frozenset({S.CONCEPT, S.STANDPUNT_OR})


def overgang_voor(van: RapportageStatus, naar: RapportageStatus) -> Overgang | None:
    return TOEGESTANE_OVERGANGEN.get((RapportageStatus(van), RapportageStatus(naar)))
