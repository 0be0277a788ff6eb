"""Models of the register, one module per area (STYLE.md: past ~400 lines, a package)."""

from meldingen.models.betrokkenen import Betrokkene
from meldingen.models.register import (
    Functionaris,
    Gebeurtenis,
    Melding,
    MeldingGebruikerPermissie,
    MeldingGroepPermissie,
    MeldingKoppeling,
    MeldingQuerySet,
    Organisatie,
    Registerteller,
    Toewijzing,
)
from meldingen.models.termijnen import Herinnering, Termijn, TermijnInstelling, TermijnQuerySet, Verlenging

__all__ = [
    "Betrokkene",
    "Functionaris",
    "Gebeurtenis",
    "Herinnering",
    "Melding",
    "MeldingGebruikerPermissie",
    "MeldingGroepPermissie",
    "MeldingKoppeling",
    "MeldingQuerySet",
    "Organisatie",
    "Registerteller",
    "Termijn",
    "TermijnInstelling",
    "TermijnQuerySet",
    "Toewijzing",
    "Verlenging",
]
