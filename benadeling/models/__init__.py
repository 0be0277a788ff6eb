"""Retaliation: protected persons, the risk conversation, claims, the HL's
measures, the motivation duty and referrals (Art. 5, 6 and 13; docs/architecture.md)."""

from benadeling.models.bescherming import BenadelingInstelling, BeschermdPersoon
from benadeling.models.motivering import Motivering, Personeelstoets, VoorgenomenMaatregel
from benadeling.models.vastleggingen import Benadelingsmelding, Maatregel, MelderVastlegging, Risicoanalyse
from benadeling.models.verzoeken import (
    Afschrift,
    BenadelingKennisgeving,
    DossierExport,
    Onderzoeksverzoek,
    Verwijzing,
)

__all__ = [
    "Afschrift",
    "BenadelingInstelling",
    "BenadelingKennisgeving",
    "Benadelingsmelding",
    "BeschermdPersoon",
    "DossierExport",
    "Maatregel",
    "MelderVastlegging",
    "Motivering",
    "Onderzoeksverzoek",
    "Personeelstoets",
    "Risicoanalyse",
    "Verwijzing",
    "VoorgenomenMaatregel",
]
