"""Writes of the kern app. Every service is keyword-only and typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from kern.models import AuditActie, AuditRegel, Hartslag

if TYPE_CHECKING:
    from kern.models import Gebruiker


def object_type_van(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def auditregel_schrijven(
    *,
    door: Gebruiker | None,
    actie: AuditActie | str,
    object: models.Model,
    toelichting: str = "",
    actor_soort: str | None = None,
) -> AuditRegel:
    """Append one audit row. Call inside the transaction of the change it records.

    `toelichting` is a short technical note; it must never hold case content or
    personal data (the audit log is readable by the functioneel beheerder).
    """
    if actor_soort is None:
        actor_soort = "gebruiker" if door is not None else "systeem"
    return AuditRegel.objects.create(
        actor=door if door is not None and door.is_authenticated else None,
        actor_soort=actor_soort,
        actie=str(actie),
        object_type=object_type_van(object),
        object_uuid=str(getattr(object, "uuid", None) or object.pk),
        toelichting=toelichting[:255],
    )


def auditregels_schrijven(
    *,
    door: Gebruiker | None,
    actie: AuditActie | str,
    regels: list[tuple[models.Model, str]],
    actor_soort: str | None = None,
) -> None:
    """Append several audit rows of one change in one INSERT (the same rows as
    `auditregel_schrijven` per (object, toelichting)); same transaction rules."""
    if actor_soort is None:
        actor_soort = "gebruiker" if door is not None else "systeem"
    actor = door if door is not None and door.is_authenticated else None
    AuditRegel.objects.bulk_create(
        [
            AuditRegel(
                actor=actor,
                actor_soort=actor_soort,
                actie=str(actie),
                object_type=object_type_van(object),
                object_uuid=str(getattr(object, "uuid", None) or object.pk),
                toelichting=toelichting[:255],
            )
            for object, toelichting in regels
        ]
    )


def hartslag_registreren(*, taak: str) -> Hartslag:
    return Hartslag.objects.create(taak=taak)
