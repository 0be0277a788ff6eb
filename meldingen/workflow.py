"""The transition table of a melding (docs/toestanden.md), one row per allowed step.

Enforced by exactly one service: meldingen.services.melding_status_wijzigen.
The article in each row is stored on the timeline entry of the transition.
"""

from meldingen.constants import GESLOTEN_STATUSSEN, Status

S = Status

# (from, to) -> the article that allows the step.
TOEGESTANE_OVERGANGEN: dict[tuple[Status, Status], str] = {
    # Forwarding to the HL (or RvC when the HL is involved) starts the handling.
    (S.ONTVANGEN, S.IN_BEHANDELING): "Art. 8.3-8.4",
    # HL decides no investigation: no reasonable grounds / clearly no misstand.
    (S.IN_BEHANDELING, S.NIET_IN_ONDERZOEK): "Art. 9.1-9.2",
    # HL starts an investigation by independent investigators.
    (S.IN_BEHANDELING, S.IN_ONDERZOEK): "Art. 9.1, 9.4",
    # HL refers the report elsewhere (integrity committee, external authority).
    (S.IN_BEHANDELING, S.DOORVERWEZEN): "Art. 9.3",
    # The standpunt with the steps that follow is sent to the melder.
    (S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN): "Art. 11.1",
    # The melder reacts to report and standpunt.
    (S.STANDPUNT_VERZONDEN, S.WEDERHOOR): "Art. 12.1",
    # The melder is offered a reaction but need not give one: the case may close.
    (S.STANDPUNT_VERZONDEN, S.AFGESLOTEN): "Art. 12.1",
    # The reaction is answered substantively; the case closes.
    (S.WEDERHOOR, S.AFGESLOTEN): "Art. 12.2",
    # A reasoned reaction leads to a new or additional investigation.
    (S.WEDERHOOR, S.IN_ONDERZOEK): "Art. 12.2",
    # Once the refusal letter is sent the officer closes with a reason (docs/toestanden.md).
    (S.NIET_IN_ONDERZOEK, S.AFGESLOTEN): "Art. 9.2",
    # Once the referral letter is sent the officer closes with a reason (docs/toestanden.md).
    (S.DOORVERWEZEN, S.AFGESLOTEN): "Art. 9.3",
    # The retention job destroys closed and withdrawn cases after the retention period.
    (S.AFGESLOTEN, S.VERNIETIGD): "AVG art. 5(1)(e)",
    (S.INGETROKKEN, S.VERNIETIGD): "AVG art. 5(1)(e)",
}

# The melder may withdraw from any open state (docs/toestanden.md).
for _status in Status:
    if _status not in GESLOTEN_STATUSSEN:
        TOEGESTANE_OVERGANGEN[(_status, S.INGETROKKEN)] = "Art. 2 (melder trekt in)"

# Transitions whose reason is mandatory (the timeline shows why).
REDEN_VERPLICHT: frozenset[tuple[Status, Status]] = frozenset(
    {
        (S.IN_BEHANDELING, S.NIET_IN_ONDERZOEK),
        (S.NIET_IN_ONDERZOEK, S.AFGESLOTEN),
        (S.DOORVERWEZEN, S.AFGESLOTEN),
        (S.STANDPUNT_VERZONDEN, S.AFGESLOTEN),
        (S.WEDERHOOR, S.AFGESLOTEN),
    }
    | {(status, S.INGETROKKEN) for status in Status if status not in GESLOTEN_STATUSSEN}
)


def artikel_voor(van: Status, naar: Status) -> str | None:
    return TOEGESTANE_OVERGANGEN.get((Status(van), Status(naar)))
