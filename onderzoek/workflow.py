"""The transition table of an investigation (docs/toestanden.md), one row per
step, as in meldingen.workflow: the article, who takes the step (the HL, or the
hoogste verantwoordelijke when the HL is involved; an investigator assigned
to this investigation; or the melder, whose withdrawal ends an investigation of
the report), the service that takes it, the preconditions and what
it freezes, with the evidence the state may not move without (`bewijs`, asked by
onderzoek.services.basis.onderzoek_status_wijzigen). The guard over it is `onderzoek.overgangen.PROCEDURE`; the services
that change an investigation's state call it, and the case screen asks it
(onderzoek.handelingen).

The report's own state (meldingen.workflow) moves independently: an
investigation runs while the report is `in_onderzoek`, and the report's
standpunt row waits for every investigation to end here (`onderzoek_afgerond`).
"""

from __future__ import annotations

from kern.overgangen import Overgang
from meldingen.constants import ARTIKEL_INTREKKEN
from onderzoek.constants import OnderzoekStatus

OS = OnderzoekStatus

# Who takes a step.
LEIDING = "leiding"  # the HL, or the hoogste verantwoordelijke (Art. 8.4), assigned to the case
ONDERZOEKER = "onderzoeker"  # an investigator assigned to this investigation (Art. 9.4, 10)
MELDER = "melder"  # the melder, withdrawing the report from the mailbox (no account)

_ZONDER_RAPPORT = "onderzoek.services.afronding.onderzoek_zonder_rapport_beeindigen"
_ZONDER_RAPPORT_RIJ = Overgang(
    "Art. 11.1",
    LEIDING,
    _ZONDER_RAPPORT,
    bevriest="reden (ondertekend)",
    bewijs=("reden_ondertekend",),
    reden_verplicht=True,
)

# The melder withdraws the report (meldingen.services.afsluiten.melding_intrekken):
# an investigation of the report itself ends with it, in the same transaction,
# through the hook onderzoek registers (meldingen.uitbreidingen.bij_intrekking_registreren).
# No signature: the melder's withdrawal is the reason, and nothing follows (no
# report, no standpunt). An Art. 13 investigation of the melder's treatment is
# refused by the precondition: it goes on (Art. 5, 13.2).
_INTREKKING_RIJ = Overgang(
    ARTIKEL_INTREKKEN,
    MELDER,
    "onderzoek.services.afronding.onderzoeken_beeindigen_na_intrekking",
    voorwaarden=("melding_ingetrokken",),
)

TOEGESTANE_OVERGANGEN: dict[tuple[OnderzoekStatus, OnderzoekStatus], Overgang] = {
    # The HL tells the melder in writing that an investigation started and by
    # whom; only then do the investigators work (Art. 9.4-9.5).
    (OS.INGESTELD, OS.LOOPT): Overgang(
        "Art. 9.4-9.5",
        LEIDING,
        "onderzoek.services.uitvoering.onderzoek_melder_informeren",
        voorwaarden=("onderzoeker_toegewezen", "melding_loopt"),
    ),
    # The investigators fix the report (Art. 10.6): only after the melder was
    # offered a hearing (Art. 10.1), every record of a hearing was approved or
    # marked not approved and others heard have their copy (Art. 10.2), and the
    # concept went to the melder or serious objections were recorded (Art. 10.5).
    (OS.LOOPT, OS.AFGEROND): Overgang(
        "Art. 10.6",
        ONDERZOEKER,
        "onderzoek.services.rapport.rapport_vaststellen",
        voorwaarden=(
            "melder_uitgenodigd",
            "verslagen_afgehandeld",
            "afschriften_gegeven",
            "concept_voorgelegd",
            "melding_loopt",
        ),
        bevriest="onderzoeksrapport",
        # The fixed report itself: rapport_vaststellen fixes it, then moves the state
        # (the preconditions read that report, concept or just fixed).
        bewijs=("rapport_vastgesteld",),
    ),
    # The HL ends the investigation without a report, with a signed reason
    # (Art. 11.1: a standpunt needs a report or a reason why none was needed).
    # Also after the report closed: it ends the work, it does not continue it
    # (withdrawal ends an investigation of the report itself at once, below).
    # An investigation of the report itself stops when the report's procedure
    # ends (`melding_loopt`: closed or withdrawn); an Art. 13 investigation of
    # the melder's treatment goes on (protection, Art. 13.2).
    (OS.INGESTELD, OS.ZONDER_RAPPORT): _ZONDER_RAPPORT_RIJ,
    (OS.LOOPT, OS.ZONDER_RAPPORT): _ZONDER_RAPPORT_RIJ,
    # The melder withdrew the report (docs/toestanden.md): its investigation ends,
    # before or after the melder was told who investigates; its investigators lose access.
    (OS.INGESTELD, OS.BEEINDIGD_DOOR_INTREKKING): _INTREKKING_RIJ,
    (OS.LOOPT, OS.BEEINDIGD_DOOR_INTREKKING): _INTREKKING_RIJ,
}
