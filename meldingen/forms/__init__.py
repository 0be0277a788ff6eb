"""Forms of the melder's side. Validation of content lives in the services; the
forms translate input and show errors next to the fields (docs/stijl.md).
`melden`: the report form and what every form here shares; `box`: the mailbox."""

from meldingen.forms.box import (
    BerichtFormulier,
    CodeFormulier,
    IntrekFormulier,
    NotificatieFormulier,
    VerzoekAntwoordFormulier,
    WissingFormulier,
)
from meldingen.forms.melden import (
    BIJLAGEN_HULP,
    JA_NEE,
    MeerdereBestandenInvoer,
    MeerdereBestandenVeld,
    MeldFormulier,
    RegistratieFormulier,
    ToegankelijkFormulier,
)

__all__ = [
    "BIJLAGEN_HULP",
    "JA_NEE",
    "BerichtFormulier",
    "CodeFormulier",
    "IntrekFormulier",
    "MeerdereBestandenInvoer",
    "MeerdereBestandenVeld",
    "MeldFormulier",
    "NotificatieFormulier",
    "RegistratieFormulier",
    "ToegankelijkFormulier",
    "VerzoekAntwoordFormulier",
    "WissingFormulier",
]
