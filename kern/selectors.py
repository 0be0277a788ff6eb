"""Reads of the kern app."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from kern.models import AuditRegel, Hartslag, UitgaandBericht, UitgaandBerichtStatus
from kern.services import object_type_van


def auditregels_voor_object(*, object: models.Model) -> models.QuerySet[AuditRegel]:
    """The audit trail of one object. The caller has already checked access to it."""
    return AuditRegel.objects.filter(
        object_type=object_type_van(object),
        object_uuid=str(getattr(object, "uuid", None) or object.pk),
    ).select_related("actor")


def laatste_hartslag(*, taak: str = "kern.tasks.hartslag") -> datetime | None:
    return Hartslag.objects.filter(taak=taak).order_by("-tijdstip").values_list("tijdstip", flat=True).first()


def hartslag_status(*, nu: datetime | None = None) -> dict:
    """Whether the scheduler (beat + worker) and every task of
    MELDPUNT_HARTSLAG_TAKEN (the deadline engine) ran recently enough.

    `laatste` is the oldest of their latest runs: the one that decides.
    """
    nu = nu or timezone.now()
    grens = timedelta(minutes=settings.MELDPUNT_HARTSLAG_MAX_MINUTEN)
    taken = {taak: laatste_hartslag(taak=taak) for taak in settings.MELDPUNT_HARTSLAG_TAKEN}
    ok = all(laatste is not None and nu - laatste <= grens for laatste in taken.values())
    laatste = None if None in taken.values() else min(taken.values(), default=None)
    return {"laatste": laatste, "ok": ok, "taken": taken}


def post_stand() -> dict[str, int]:
    """Counts of the outbox for operations (kern/post.py): what waits, what waits
    because of an earlier failure, and what failed for good. Counts only: no
    address, subject or body."""
    rijen = UitgaandBericht.objects.exclude(status=UitgaandBerichtStatus.VERZONDEN)
    return {
        "te_verzenden": rijen.filter(status=UitgaandBerichtStatus.TE_VERZENDEN).count(),
        "met_fout": rijen.filter(status=UitgaandBerichtStatus.TE_VERZENDEN).exclude(laatste_fout="").count(),
        "mislukt": rijen.filter(status=UitgaandBerichtStatus.MISLUKT).count(),
    }
