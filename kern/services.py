"""Writes of the kern app. Every service is keyword-only and typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from kern.invoegen import rijen_toevoegen
from kern.models import AuditActie, AuditCategorie, AuditRegel, Hartslag

if TYPE_CHECKING:
    from kern.models import Gebruiker


# Object types whose audit rows are configuration by default (docs/threat-model.md §4).
_BEHEER_STANDAARD = frozenset({"kern.gebruiker", "auth.group"})


def object_type_van(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def auditregel_maken(
    *,
    door: Gebruiker | None,
    actie: AuditActie | str,
    object: models.Model,
    toelichting: str = "",
    actor_soort: str | None = None,
    categorie: AuditCategorie | str | None = None,
) -> AuditRegel:
    """One audit row, not yet written: for a service that writes the rows of one
    change together (`kern.invoegen.rijen_toevoegen`). See `auditregel_schrijven`.

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
    return AuditRegel(
        actor=door if door is not None and door.is_authenticated else None,
        actor_soort=actor_soort,
        actie=str(actie),
        object_type=object_type_van(object),
        object_uuid=str(getattr(object, "uuid", None) or object.pk),
        toelichting=toelichting[:255],
        categorie=str(categorie),
    )


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
    Written on nearly every request: without the ORM's compiler (kern.invoegen)."""
    regel = auditregel_maken(
        door=door, actie=actie, object=object, toelichting=toelichting, actor_soort=actor_soort, categorie=categorie
    )
    rijen_toevoegen([regel])
    return regel


def hartslag_registreren(*, taak: str) -> Hartslag:
    return Hartslag.objects.create(taak=taak)
