"""Dates an officer enters for something that happened outside Meldpunt: the day a
report arrived by post, phone or in a meeting (Art. 8.5), the day the melder signed
a consent on paper (Art. 7.2). Terms run from these dates, so they are checked
here, once, with clear errors (docs/termijnen.md)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import AMSTERDAM, lokale_datum


def als_moment(dag: date, *, nu: datetime | None = None) -> datetime:
    """The moment to store for a day: now when it is today, else the start of that
    day in Amsterdam (kern.kalender), so every term counts from that day."""
    nu = nu or timezone.now()
    if dag == lokale_datum(nu):
        return nu
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def ontvangstdatum_controleren(*, dag: date | None, veld: str = "ontvangen_op", nu: datetime | None = None) -> datetime:
    """Art. 8.5: the real date of receipt of a report an officer registers. Not in the
    future, and not longer ago than MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN (a report that
    old is registered late: the terms already ran, and the officer says so in the
    case, not by moving the date)."""
    nu = nu or timezone.now()
    if dag is None:
        raise ValidationError({veld: _("Vul de datum in waarop de melding is ontvangen.")})
    vandaag = lokale_datum(nu)
    if dag > vandaag:
        raise ValidationError({veld: _("De datum van ontvangst kan niet in de toekomst liggen.")})
    grens = vandaag - timedelta(days=settings.MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN)
    if dag < grens:
        raise ValidationError(
            {
                veld: _("De datum van ontvangst kan niet vóór %(datum)s liggen (%(dagen)s dagen terug).")
                % {"datum": grens.strftime("%d-%m-%Y"), "dagen": settings.MELDPUNT_ONTVANGSTDATUM_MAX_DAGEN}
            }
        )
    return als_moment(dag, nu=nu)


def ondertekendatum_controleren(*, dag: date | None, ontvangen_op: datetime, nu: datetime | None = None) -> datetime:
    """Art. 7.2: the day the melder signed a consent on paper. Not in the future and
    not before the report was received."""
    nu = nu or timezone.now()
    if dag is None:
        raise ValidationError({"getekend_op": _("Vul de datum in waarop de melder het document heeft getekend.")})
    if dag > lokale_datum(nu):
        raise ValidationError({"getekend_op": _("De datum van ondertekening kan niet in de toekomst liggen.")})
    if dag < lokale_datum(ontvangen_op):
        raise ValidationError(
            {
                "getekend_op": _(
                    "De datum van ondertekening kan niet vóór de ontvangst van de melding (%(datum)s) liggen."
                )
                % {"datum": lokale_datum(ontvangen_op).strftime("%d-%m-%Y")}
            }
        )
    return als_moment(dag, nu=nu)
