"""Reads of the retention policy: which period applies to a closed case, and
which cases are due for destruction (docs/retention.md). The destruction itself
is meldingen.services.bewaring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from kern.kalender import lokale_datum, plus_dagen, plus_maanden
from kern.models import Gebruiker
from meldingen.constants import STANDAARD_BEWAARTERMIJN_MAANDEN, Soort, Status
from meldingen.models import Bewaarbeleid, Bewaarblokkade, Gebeurtenis, Melding, Organisatie, Termijn
from meldingen.selectors.zaken import meldingen_zichtbaar_voor
from meldingen.workflow import artikel_voor

# Only these states are ever destroyed (a guard rail; the transition table has
# the same rows to `vernietigd`).
VERNIETIGBARE_STATUSSEN = (Status.AFGESLOTEN, Status.INGETROKKEN)
assert all(artikel_voor(s, Status.VERNIETIGD) for s in VERNIETIGBARE_STATUSSEN)


def bewaarbeleid_van(*, organisatie: Organisatie) -> Bewaarbeleid:
    """The organisation's policy, or the defaults of docs/rollen.md (unsaved)."""
    beleid = Bewaarbeleid.objects.filter(organisatie=organisatie).first()
    return beleid or Bewaarbeleid(organisatie=organisatie, **STANDAARD_BEWAARTERMIJN_MAANDEN)


def bewaartermijn_maanden(*, beleid: Bewaarbeleid, melding: Melding, met_onderzoek: bool) -> int:
    """Which period applies to a closed case (docs/rollen.md); never below the
    installation minimum, whatever is stored."""
    if melding.status == Status.INGETROKKEN:
        maanden = beleid.maanden_ingetrokken
    elif melding.soort == Soort.ADVIESVRAAG:
        maanden = beleid.maanden_adviesvraag
    elif met_onderzoek:
        maanden = beleid.maanden_met_onderzoek
    else:
        maanden = beleid.maanden_zonder_onderzoek
    return max(maanden, settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN)


@dataclass(frozen=True)
class Kandidaat:
    melding: Melding
    afgesloten_op: datetime
    bewaren_tot: date
    geblokkeerd: bool
    # A term that outlives closing still runs (uitbreidingen.termijnen_na_afsluiten:
    # protection against retaliation, Art. 6.3, 13.1-13.2; Art. 11.4): the case
    # waits for it, as for a hold, so destruction never removes a step still owed.
    termijn_loopt: bool = False

    @property
    def wacht(self) -> bool:
        return self.geblokkeerd or self.termijn_loopt


def _gesloten_meldingen():
    """Closed and withdrawn cases with the moment they closed, whether they were
    ever investigated (from the timeline) and whether a hold is active."""
    sluiting = (
        Gebeurtenis.objects.filter(melding=OuterRef("pk"), naar_status__in=VERNIETIGBARE_STATUSSEN)
        .order_by("-tijdstip", "-id")
        .values("tijdstip")[:1]
    )
    return (
        Melding.objects.filter(status__in=VERNIETIGBARE_STATUSSEN)
        .annotate(
            afgesloten_op=Subquery(sluiting),
            met_onderzoek=Exists(Gebeurtenis.objects.filter(melding=OuterRef("pk"), naar_status=Status.IN_ONDERZOEK)),
            geblokkeerd=Exists(Bewaarblokkade.objects.filter(melding=OuterRef("pk"), opgeheven_op__isnull=True)),
            termijn_loopt=Exists(Termijn.objects.open().filter(melding=OuterRef("pk"))),
        )
        .select_related("organisatie")
        .order_by("organisatie_id", "registerjaar", "volgnummer")
    )


def _kandidaat(melding: Melding, beleid: Bewaarbeleid) -> Kandidaat:
    maanden = bewaartermijn_maanden(beleid=beleid, melding=melding, met_onderzoek=melding.met_onderzoek)
    return Kandidaat(
        melding=melding,
        afgesloten_op=melding.afgesloten_op,
        bewaren_tot=plus_maanden(lokale_datum(melding.afgesloten_op), maanden),
        geblokkeerd=melding.geblokkeerd,
        termijn_loopt=melding.termijn_loopt,
    )


def vernietigingskandidaten(
    *, tot_en_met: date, meldingen: models.QuerySet | None = None, inclusief_geblokkeerd: bool = False
) -> list[Kandidaat]:
    """Closed cases whose retention period ends on or before `tot_en_met`
    (a case is destroyed from its `bewaren_tot` date on)."""
    qs = _gesloten_meldingen()
    if meldingen is not None:
        qs = qs.filter(pk__in=meldingen.values("pk"))
    beleid_per_org: dict[int, Bewaarbeleid] = {}
    kandidaten = []
    for melding in qs:
        if melding.organisatie_id not in beleid_per_org:
            beleid_per_org[melding.organisatie_id] = bewaarbeleid_van(organisatie=melding.organisatie)
        kandidaat = _kandidaat(melding, beleid_per_org[melding.organisatie_id])
        if kandidaat.bewaren_tot <= tot_en_met and (inclusief_geblokkeerd or not kandidaat.wacht):
            kandidaten.append(kandidaat)
    return kandidaten


def vernietigingslijst_voor(*, user: Gebruiker, vandaag: date | None = None) -> list[Kandidaat]:
    """The dry-run report: next week's candidates among the cases the user is
    assigned to (register numbers and dates only are shown, docs/retention.md)."""
    vandaag = vandaag or timezone.localdate()
    grens = plus_dagen(vandaag, settings.MELDPUNT_VERNIETIGING_AANKONDIGING_DAGEN)
    return vernietigingskandidaten(
        tot_en_met=grens, meldingen=meldingen_zichtbaar_voor(user=user), inclusief_geblokkeerd=True
    )
