"""The transition table of a melding (docs/toestanden.md), one row per step.

Each row names the article, who may take the step (a role assigned on the case,
the melder from the mailbox, or the system's retention job), the service that
takes it, the preconditions and what the step freezes. Modelled on
the annual report's table. Every service ends in the one service that moves the
state, meldingen.services.register.melding_status_wijzigen, which refuses what
this table refuses (`overgang_controleren`); the case screen offers a button
only where `mag_overgang` says yes (meldingen.handelingen).

Preconditions are named here and answered by functions registered in
kern.overgangen (`voorwaarde_registreren`): the report's own ones below,
the investigation's (a finished report before the standpunt) by onderzoek.
Evidence the move itself requires (`bewijs`: the signed decision, the signed
standpunt) is answered the same way (`bewijs_registreren`, by onderzoek) and
asked only when the state moves, in melding_status_wijzigen.
"""

from __future__ import annotations

from kern.overgangen import Overgang
from meldingen.constants import ARTIKEL_INTREKKEN, GESLOTEN_STATUSSEN, Status, WissingStatus

S = Status

# Who takes a step.
ONTVANGER = "ontvanger"  # the receiving officer assigned to the case (Art. 8)
LEIDING = "leiding"  # the HL, or the hoogste verantwoordelijke when the HL is involved (Art. 8.4)
MELDER = "melder"  # the melder, from the mailbox (no account)
SYSTEEM = "systeem"  # a scheduled job, no person


_BESLUIT = "onderzoek.services.besluiten.besluit_nemen"
# Evidence (registered by onderzoek): a signed Besluit of a kind that leads to
# the row's state (Art. 9.1-9.3), and the signed standpunt (Art. 11.1).
_BESLUIT_ONDERTEKEND = ("besluit_ondertekend",)
_STANDPUNT_ONDERTEKEND = ("standpunt_ondertekend",)
_AFSLUITEN = "meldingen.services.afsluiten.melding_afsluiten"
_AFSLUITEN_NA_STANDPUNT = "onderzoek.services.wederhoor.melding_afsluiten_na_standpunt"
# Branch i15 builds the retention job; its service takes these rows after merge.
_BEWARING = "meldingen.services.bewaring.melding_vernietigen"

TOEGESTANE_OVERGANGEN: dict[tuple[Status, Status], Overgang] = {
    # Forwarding to the HL (or RvC when the HL is involved) starts the handling.
    # An oral report is forwarded only after its written record was offered.
    (S.ONTVANGEN, S.IN_BEHANDELING): Overgang(
        "Art. 8.3-8.4",
        ONTVANGER,
        "meldingen.services.triage.melding_doorsturen",
        voorwaarden=("vastlegging_aangeboden",),
    ),
    # HL decides no investigation: no reasonable grounds / clearly no misstand.
    # The signed decision (and so the letter of Art. 9.2) exists before the state moves.
    (S.IN_BEHANDELING, S.NIET_IN_ONDERZOEK): Overgang(
        "Art. 9.1-9.2",
        LEIDING,
        _BESLUIT,
        bevriest="besluit (ondertekend)",
        bewijs=_BESLUIT_ONDERTEKEND,
        reden_verplicht=True,
    ),
    # HL starts an investigation by independent investigators.
    (S.IN_BEHANDELING, S.IN_ONDERZOEK): Overgang(
        "Art. 9.1, 9.4", LEIDING, _BESLUIT, bevriest="besluit (ondertekend)", bewijs=_BESLUIT_ONDERTEKEND
    ),
    # HL refers the report elsewhere (integrity committee, external authority).
    (S.IN_BEHANDELING, S.DOORVERWEZEN): Overgang(
        "Art. 9.3", LEIDING, _BESLUIT, bevriest="besluit (ondertekend)", bewijs=_BESLUIT_ONDERTEKEND
    ),
    # The standpunt with the steps that follow is sent to the melder: only after a
    # finished report (Art. 10.6) or a signed reason why none was needed, and the
    # HL's signed assessment whether an external authority is told (Art. 11.3).
    (S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN): Overgang(
        "Art. 11.1",
        LEIDING,
        "onderzoek.services.standpunt.standpunt_vaststellen",
        voorwaarden=("onderzoek_afgerond", "kennisgeving_beoordeeld"),
        bevriest="standpunt (ondertekend)",
        bewijs=_STANDPUNT_ONDERTEKEND,
    ),
    # The melder reacts to report and standpunt.
    (S.STANDPUNT_VERZONDEN, S.WEDERHOOR): Overgang(
        "Art. 12.1", MELDER, "onderzoek.services.wederhoor.wederhoor_registreren"
    ),
    # The melder need not react; the case closes once the reaction period passed
    # and the persons concerned were told of the standpunt (Art. 11.4). An answer
    # to an earlier reaction (Art. 12.2, before an additional investigation) must
    # have reached the melder too: closing would void its term.
    (S.STANDPUNT_VERZONDEN, S.AFGESLOTEN): Overgang(
        "Art. 12.1",
        LEIDING,
        _AFSLUITEN_NA_STANDPUNT,
        voorwaarden=(
            "brief_bij_melder",
            "reactietermijn_verstreken",
            "betrokkenen_standpunt",
            "reactie_beantwoord",
            "ontvangst_en_contactpersoon",
        ),
        reden_verplicht=True,
    ),
    # The reaction is answered substantively; the case closes (Art. 11.4 as above).
    (S.WEDERHOOR, S.AFGESLOTEN): Overgang(
        "Art. 12.2",
        LEIDING,
        _AFSLUITEN_NA_STANDPUNT,
        voorwaarden=("reactie_beantwoord", "betrokkenen_standpunt", "ontvangst_en_contactpersoon"),
        reden_verplicht=True,
    ),
    # A reasoned reaction leads to a new or additional investigation.
    (S.WEDERHOOR, S.IN_ONDERZOEK): Overgang(
        "Art. 12.2", LEIDING, "onderzoek.services.wederhoor.wederhoor_beantwoorden"
    ),
    # Once the refusal letter reached the melder (or the vertrouwenspersoon, Art.
    # 7.3) and the reaction period passed, the officer closes with a reason (docs/rollen.md-8).
    (S.NIET_IN_ONDERZOEK, S.AFGESLOTEN): Overgang(
        "Art. 9.2",
        ONTVANGER,
        _AFSLUITEN,
        voorwaarden=("brief_bij_melder", "reactietermijn_verstreken", "ontvangst_en_contactpersoon"),
        reden_verplicht=True,
    ),
    # The same after the referral letter (Art. 9.3).
    (S.DOORVERWEZEN, S.AFGESLOTEN): Overgang(
        "Art. 9.3",
        ONTVANGER,
        _AFSLUITEN,
        voorwaarden=("brief_bij_melder", "reactietermijn_verstreken", "ontvangst_en_contactpersoon"),
        reden_verplicht=True,
    ),
    # The retention job destroys closed and withdrawn cases after the retention
    # period (docs/retention.md). Taken by the system, not from a screen.
    (S.AFGESLOTEN, S.VERNIETIGD): Overgang("AVG art. 5(1)(e)", SYSTEEM, _BEWARING),
    (S.INGETROKKEN, S.VERNIETIGD): Overgang("AVG art. 5(1)(e)", SYSTEEM, _BEWARING),
}

# The melder may withdraw from any open state, from the mailbox (docs/toestanden.md, docs/rollen.md).
for _status in Status:
    if _status not in GESLOTEN_STATUSSEN:
        TOEGESTANE_OVERGANGEN[(_status, S.INGETROKKEN)] = Overgang(
            ARTIKEL_INTREKKEN,
            MELDER,
            "meldingen.services.afsluiten.melding_intrekken",
            reden_verplicht=True,
        )

# Transitions whose reason is mandatory (the timeline shows why).
REDEN_VERPLICHT: frozenset[tuple[Status, Status]] = frozenset(
    paar for paar, overgang in TOEGESTANE_OVERGANGEN.items() if overgang.reden_verplicht
)


def overgang_voor(van: Status, naar: Status) -> Overgang | None:
    return TOEGESTANE_OVERGANGEN.get((Status(van), Status(naar)))


def artikel_voor(van: Status, naar: Status) -> str | None:
    overgang = overgang_voor(van, naar)
    return overgang.artikel if overgang else None


def overgangen_naar(naar: Status) -> dict[Status, Overgang]:
    return {van: o for (van, n), o in TOEGESTANE_OVERGANGEN.items() if n == Status(naar)}


# --- The melder's request to erase their identity (AVG art. 17) ---------------------------
# Received in the mailbox or recorded by the receiving officer (not a step: the
# request starts here), answered by the receiving officer within one month (AVG art.
# 12(3), the term `identiteit_wissen`), in a letter to the mailbox either way. A
# refusal may be partial in one way only: the contact details go, who the melder is
# stays (docs/retention.md, "The melder's right to erasure"). The guard is
# meldingen.overgangen.WISSING; the one service meldingen.services.identiteit.

W = WissingStatus
_WISSING = "meldingen.services.identiteit."

WISSING_OVERGANGEN: dict[tuple[WissingStatus, WissingStatus], Overgang] = {
    # AVG art. 17(1): the identity is erased, blind indexes and addresses included.
    # Not while a legal hold is on the case: the data may be needed in the
    # proceedings it protects (AVG art. 17(3)(e); docs/retention.md, "Legal hold").
    (W.GEVRAAGD, W.UITGEVOERD): Overgang(
        "AVG art. 17", ONTVANGER, _WISSING + "identiteit_wissen", voorwaarden=("geen_bewaarblokkade",)
    ),
    # AVG art. 17(3): refused to the extent the data are needed; the contact details
    # (which no ground of art. 17(3) needs: the mailbox stays the channel) still go.
    (W.GEVRAAGD, W.DEELS_GEWEIGERD): Overgang(
        "AVG art. 17(3)", ONTVANGER, _WISSING + "wissingsverzoek_weigeren", reden_verplicht=True
    ),
    # AVG art. 17(3), 12(4)-(6): refused as a whole, with the ground and the reason.
    (W.GEVRAAGD, W.GEWEIGERD): Overgang(
        "AVG art. 17(3)", ONTVANGER, _WISSING + "wissingsverzoek_weigeren", reden_verplicht=True
    ),
}
