"""Reads of statutory terms, always within the cases the user may see
(meldingen.selectors.melding_list_visible_for); terms of other cases do not exist
for this user (DESIGN.md §4)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kern.kalender import einde_van_dag, lokale_datum
from kern.models import Gebruiker
from meldingen.models import Melding, Termijn
from meldingen.selectors.zaken import melding_list_visible_for


def termijn_list_visible_for(*, user: Gebruiker) -> QuerySet[Termijn]:
    return Termijn.objects.filter(melding__in=melding_list_visible_for(user=user)).select_related("melding")


def termijnen_van_melding(*, user: Gebruiker, melding: Melding) -> QuerySet[Termijn]:
    return termijn_list_visible_for(user=user).filter(melding=melding).order_by("due", "id")


def einde_van_deze_week(*, nu: datetime) -> datetime:
    """The next seven days including today, to the end of the seventh day (Amsterdam)."""
    return einde_van_dag(lokale_datum(nu) + timedelta(days=7))


def termijnen_deze_week(*, user: Gebruiker, nu: datetime | None = None) -> QuerySet[Termijn]:
    nu = nu or timezone.now()
    return termijn_list_visible_for(user=user).uiterlijk_voor(nu=nu, grens=einde_van_deze_week(nu=nu))


def termijnen_verlopen(*, user: Gebruiker, nu: datetime | None = None) -> QuerySet[Termijn]:
    nu = nu or timezone.now()
    return termijn_list_visible_for(user=user).verlopen(nu=nu)
