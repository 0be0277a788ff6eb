"""Reads of statutory terms, always within the cases the user may see
(meldingen.selectors.meldingen_zichtbaar_voor); terms of other cases do not exist
for this user (docs/vertrouwelijkheid.md)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kern.kalender import einde_van_dag, lokale_datum
from kern.models import Gebruiker
from meldingen.models import Melding, Termijn
from meldingen.selectors.zaken import meldingen_zichtbaar_voor


def termijnen_zichtbaar_voor(*, user: Gebruiker) -> QuerySet[Termijn]:
    return Termijn.objects.filter(melding__in=meldingen_zichtbaar_voor(user=user)).select_related("melding")


def termijnen_van_melding(*, user: Gebruiker, melding: Melding) -> QuerySet[Termijn]:
    return termijnen_zichtbaar_voor(user=user).filter(melding=melding).order_by("due", "id")


def einde_van_deze_week(*, nu: datetime) -> datetime:
    """The next seven days including today, to the end of the seventh day (Amsterdam)."""
    return einde_van_dag(lokale_datum(nu) + timedelta(days=7))


def termijnen_deze_week(*, user: Gebruiker, nu: datetime | None = None) -> QuerySet[Termijn]:
    nu = nu or timezone.now()
    return termijnen_zichtbaar_voor(user=user).uiterlijk_voor(nu=nu, grens=einde_van_deze_week(nu=nu))


def termijnen_verlopen(*, user: Gebruiker, nu: datetime | None = None) -> QuerySet[Termijn]:
    nu = nu or timezone.now()
    return termijnen_zichtbaar_voor(user=user).verlopen(nu=nu)


def lopende_eigen_termijnsoorten(*, melding: Melding, soorten) -> set[str]:
    """Which of these kinds still run as the report's own terms (not those of an
    investigation or a request, which carry an onderwerp)."""
    return set(
        Termijn.objects.open()
        .filter(melding=melding, soort__in=list(soorten), onderwerp="")
        .values_list("soort", flat=True)
    )


def termijn_loopt(*, melding: Melding, soort: str, onderwerp: str | None = None) -> bool:
    """Whether a term of this kind (of this subject, when given) is still open on the
    case (for a side step's button, e.g. the interim feedback letter while the Wbk cap
    runs, or a precondition that an answer owed has been given)."""
    termijnen = Termijn.objects.open().filter(melding=melding, soort=soort)
    if onderwerp is not None:
        termijnen = termijnen.filter(onderwerp=onderwerp)
    return termijnen.exists()
