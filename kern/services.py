"""Writes of the kern app. Every service is keyword-only and typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from kern.models import AuditActie, AuditCategorie, AuditRegel, Hartslag

if TYPE_CHECKING:
    from kern.models import Gebruiker


# Object types whose audit rows are configuration by default (docs/threat-model.md §4).
_BEHEER_STANDAARD = frozenset({"kern.gebruiker", "auth.group"})


def object_type_van(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def auditregel_schrijven(
    *,
    door: Gebruiker | None,
    actie: AuditActie | str,
    object: models.Model,
    toelichting: str = "",
    actor_soort: str | None = None,
    categorie: AuditCategorie | str | None = None,
) -> AuditRegel:
    """Append one audit row. Call inside the transaction of the change it records.

    `toelichting` is a short technical note; it must never hold case content or
    personal data.

    `categorie` decides who may read the row (docs/threat-model.md §4): rows about
    user accounts and groups default to `beheer`, everything else to `geval`,
    which no admin screen shows. Configuration services pass `beheer` explicitly;
    forgetting it hides a row, never exposes one.
    """
    if categorie is None:
        categorie = AuditCategorie.BEHEER if object_type_van(object) in _BEHEER_STANDAARD else AuditCategorie.GEVAL
    if actor_soort is None:
        actor_soort = "gebruiker" if door is not None else "systeem"
    return AuditRegel.objects.create(
        actor=door if door is not None and door.is_authenticated else None,
        actor_soort=actor_soort,
        actie=str(actie),
        object_type=object_type_van(object),
        object_uuid=str(getattr(object, "uuid", None) or object.pk),
        toelichting=toelichting[:255],
        categorie=str(categorie),
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
