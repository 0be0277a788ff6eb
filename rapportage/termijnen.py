"""The annual report's term (Art. 14.2) in meldingen's term engine: its kind,
registered in RapportageConfig.ready, and the service that starts it each year
for every organisation (docs/termijnen.md). The reminder and the escalation are
sent by meldingen's deadline sweep like every other term's."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.kalender import einde_van_dag
from meldingen.services.termijnen import organisatietermijnen_starten
from meldingen.uitbreidingen import Termijnsoort

JAARRAPPORTAGE = "jaarrapportage"

TERMIJNSOORT = Termijnsoort(
    waarde=JAARRAPPORTAGE, label=_("Jaarrapportage (concept)"), herinneren_dagen_voor=14, per_organisatie=True
)


def jaarrapportage_uiterlijk(jaar: int, concept_uiterlijk: tuple[int, int]) -> datetime:
    """Art. 14.2: the report over the past year; the concept is due by the
    configured date (MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK, month and day)."""
    maand, dag = concept_uiterlijk
    return einde_van_dag(date(jaar, maand, dag))


def jaarrapportage_termijnen_aanmaken(*, nu: datetime | None = None) -> None:
    """Create this year's annual-report term for every organisation that has none yet."""
    nu = nu or timezone.now()
    jaar = timezone.localdate(nu).year
    organisatietermijnen_starten(
        soort=JAARRAPPORTAGE,
        start=date(jaar, 1, 1),
        uiterlijk=jaarrapportage_uiterlijk(jaar, settings.MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK),
        nu=nu,
    )
