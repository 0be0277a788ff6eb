"""Models of the register, one module per area (STYLE.md: past ~400 lines, a package)."""

from meldingen.models.identiteit import MelderIdentiteit
from meldingen.models.meldingsbox import (
    Bericht,
    Bijlage,
    Brief,
    Meldingsbox,
    MislukteCodepoging,
    Vastlegging,
    Verzoek,
)
from meldingen.models.register import (
    Functionaris,
    Gebeurtenis,
    Melding,
    MeldingGebruikerPermissie,
    MeldingGroepPermissie,
    MeldingQuerySet,
    Organisatie,
    Registerteller,
    Toewijzing,
)

__all__ = [
    "Bericht",
    "Bijlage",
    "Brief",
    "Functionaris",
    "Gebeurtenis",
    "MelderIdentiteit",
    "Melding",
    "MeldingGebruikerPermissie",
    "MeldingGroepPermissie",
    "MeldingQuerySet",
    "Meldingsbox",
    "MislukteCodepoging",
    "Organisatie",
    "Registerteller",
    "Toewijzing",
    "Vastlegging",
    "Verzoek",
]
