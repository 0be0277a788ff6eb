"""meldingen's term engine: writes on statutory terms (docs/termijnen.md).

`instellingen`: an organisation's shorter terms; `starten`: terms start with a
report, a transition or an assignment; `sluiten`: closed by the event that
satisfies them, by hand with a reason, or voided; `verlengen`: the extension of
the standpunt (Art. 11.2); `bewaking`: the sweep that reminds and escalates.
Arithmetic lives in meldingen.deadlines. There is no suspension: the law has none.
"""

from meldingen.services.termijnen.instellingen import (
    termijninstelling_opslaan,
    termijninstelling_valideren,
    termijnlengtes,
)
from meldingen.services.termijnen.sluiten import (
    termijn_sluiten,
    termijnen_laten_vervallen,
    termijnen_sluiten_door_brief,
    termijnen_sluiten_door_gebeurtenis,
    termijnen_sluiten_door_vastlegging,
    termijnsleutel,
)
from meldingen.services.termijnen.starten import (
    BLIJFT_NA_EINDE,
    SLUIT_BIJ_STATUS,
    VERVALT_BIJ_STATUS,
    T,
    adviesvraag_formeel_maken,
    organisatietermijnen_starten,
    termijn_starten,
    termijnen_na_statuswijziging,
    termijnen_na_toewijzing,
    termijnen_starten,
)
from meldingen.services.termijnen.verlengen import (
    standpunt_verlengen,
)

__all__ = [
    "BLIJFT_NA_EINDE",
    "SLUIT_BIJ_STATUS",
    "VERVALT_BIJ_STATUS",
    "T",
    "adviesvraag_formeel_maken",
    "organisatietermijnen_starten",
    "standpunt_verlengen",
    "termijn_sluiten",
    "termijn_starten",
    "termijnen_laten_vervallen",
    "termijnen_na_statuswijziging",
    "termijnen_na_toewijzing",
    "termijnen_sluiten_door_brief",
    "termijnen_sluiten_door_gebeurtenis",
    "termijnen_sluiten_door_vastlegging",
    "termijnen_starten",
    "termijninstelling_opslaan",
    "termijninstelling_valideren",
    "termijnlengtes",
    "termijnsleutel",
]
