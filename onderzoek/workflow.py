"""The investigation's side steps and the report states they belong to
(docs/toestanden.md). They do not move the report's state (that table is
meldingen.workflow); each row names the article and the states of the report
in which the step is offered on the case screen (onderzoek.admin reads this
table instead of comparing states itself).
"""

from dataclasses import dataclass

from meldingen.constants import OPEN_STATUSSEN, Status

S = Status


@dataclass(frozen=True)
class Zijstap:
    artikel: str
    in_status: frozenset[Status]


ZIJSTAPPEN: dict[str, Zijstap] = {
    # The investigation mandate follows the decision to investigate.
    "onderzoek": Zijstap("Art. 9.4-9.5", frozenset({S.IN_ONDERZOEK})),
    # An external authority may be notified from forwarding until the case closes.
    "kennisgeving": Zijstap("Art. 9.3, 11.3", frozenset(OPEN_STATUSSEN - {S.ONTVANGEN})),
    # Persons concerned are recorded while the case is open.
    "betrokkene_toevoegen": Zijstap("Art. 9.6, 11.4", frozenset(OPEN_STATUSSEN)),
    # The standpunt term is extended before the standpunt is sent.
    "verlengen": Zijstap("Art. 11.2", frozenset({S.IN_BEHANDELING, S.IN_ONDERZOEK})),
}


def zijstap_mogelijk(naam: str, melding) -> bool:
    return Status(melding.status) in ZIJSTAPPEN[naam].in_status
