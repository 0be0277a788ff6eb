"""The annual report's term (Art. 14.2) in meldingen's term engine: its kind,
registered in RapportageConfig.ready, the service that starts it each year for
every organisation, and its closing when the report is adopted (docs/termijnen.md).
The reminder and the escalation are sent by meldingen's deadline sweep like every
other term's."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.kalender import einde_van_dag
from kern.models import Gebruiker
from meldingen import deadlines
from meldingen.models import Organisatie, Termijn
from meldingen.services.termijnen import organisatietermijnen_starten
from meldingen.uitbreidingen import Termijnsoort
from rapportage.constants import RapportageStatus
from rapportage.models import Jaarrapportage

JAARRAPPORTAGE = "jaarrapportage"

TERMIJNSOORT = Termijnsoort(
    waarde=JAARRAPPORTAGE, label=_("Jaarrapportage (concept)"), herinneren_dagen_voor=14, per_organisatie=True
)


def jaarrapportage_uiterlijk(jaar: int, concept_uiterlijk: tuple[int, int]) -> datetime:
    """Art. 14.2: the report over the past year; the concept is due by the
    configured date (MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK, month and day)."""
    maand, dag = concept_uiterlijk
    return einde_van_dag(date(jaar, maand, dag))


def _termijnen_van(*, organisatie_id, jaar: int):
    """The term of the report over `jaar`: it runs in the year after."""
    return Termijn.objects.filter(
        organisatie_id=organisatie_id, melding__isnull=True, soort=JAARRAPPORTAGE, start=date(jaar + 1, 1, 1)
    )


def jaarrapportage_termijnen_aanmaken(*, nu: datetime | None = None) -> None:
    """Create this year's annual-report term for every organisation that has none
    yet. Idempotent, and it catches up: whenever it runs in the year, a missing
    term is created, also after its due date when the nightly job missed its days
    (then it is overdue at once and escalates) for every organisation that existed
    before the due date. A report already adopted closes its term at once."""
    nu = nu or timezone.now()
    jaar = timezone.localdate(nu).year
    start = date(jaar, 1, 1)
    uiterlijk = jaarrapportage_uiterlijk(jaar, settings.MELDPUNT_JAARRAPPORTAGE_CONCEPT_UITERLIJK)
    organisatietermijnen_starten(soort=JAARRAPPORTAGE, start=start, uiterlijk=uiterlijk, nu=nu)
    if nu > uiterlijk:
        # meldingen starts nothing after the due date; an organisation that could
        # have planned for it (it existed by then) still owes the report.
        herinneren = deadlines.herinneren_vanaf(JAARRAPPORTAGE, uiterlijk)
        Termijn.objects.bulk_create(
            [
                Termijn(
                    organisatie_id=pk, soort=JAARRAPPORTAGE, start=start, due=uiterlijk, herinneren_vanaf=herinneren
                )
                for pk in Organisatie.objects.filter(created_at__lte=uiterlijk).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
    for rapportage in Jaarrapportage.objects.filter(jaar=jaar - 1, status=RapportageStatus.VASTGESTELD):
        jaarrapportage_termijn_sluiten(rapportage=rapportage, nu=nu)


def jaarrapportage_termijn_sluiten(
    *, rapportage: Jaarrapportage, door: Gebruiker | None = None, nu: datetime | None = None
) -> int:
    """Art. 14.2: the report is adopted; the organisation's term for it closes.
    An organisation's term has no case timeline to hold an event: it is closed
    with a fixed, technical reason (never content) and the HL who signed; the
    adoption itself is the report's RapportageOvergang to "vastgesteld". Returns
    how many closed."""
    nu = nu or timezone.now()
    gesloten = 0
    for termijn in _termijnen_van(organisatie_id=rapportage.organisatie_id, jaar=rapportage.jaar).open():
        termijn.gesloten_op, termijn.gesloten_door = nu, door
        termijn.gesloten_reden = f"jaarrapportage {rapportage.jaar} vastgesteld (Art. 14.2)"
        termijn.save(update_fields=["gesloten_op", "gesloten_door", "gesloten_reden", "updated_at"])
        gesloten += 1
    return gesloten
