"""Reads of investigations, permission-filtered: an investigator sees only the
investigations assigned to them; missing and forbidden both answer 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from kern.models import Gebruiker
from onderzoek.models import Onderzoek


def onderzoek_list_visible_for(*, user: Gebruiker, perm: str = "onderzoek.view_onderzoek") -> QuerySet[Onderzoek]:
    if not user.is_authenticated or not user.is_active:
        return Onderzoek.objects.none()
    return get_objects_for_user(
        user, perm, klass=Onderzoek, accept_global_perms=False, with_superuser=False, use_groups=False
    )


def onderzoek_get_for_user(*, user: Gebruiker, uuid, perm: str = "onderzoek.view_onderzoek") -> Onderzoek:
    try:
        return onderzoek_list_visible_for(user=user, perm=perm).get(uuid=uuid)
    except (Onderzoek.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404("Onderzoek niet gevonden") from exc


def onderzoeken_in_uitvoering(*, user: Gebruiker, melding) -> QuerySet[Onderzoek]:
    """The running investigations of this case that this user investigates (Art. 10)."""
    from onderzoek.constants import OnderzoekStatus

    return onderzoek_list_visible_for(user=user, perm="onderzoek.onderzoek_uitvoeren").filter(
        melding=melding, status=OnderzoekStatus.LOOPT
    )


def concept_van(*, onderzoek: Onderzoek):
    """The open concept report of an investigation the caller may work on, or None."""
    from onderzoek.constants import RapportStatus

    return onderzoek.rapporten.filter(status=RapportStatus.CONCEPT).first()


def verhoren_te_tekenen(*, user: Gebruiker, melding):
    """Hearings of this user's running investigations whose record is not yet approved."""
    from meldingen.constants import VastleggingStatus
    from onderzoek.models import Verhoor

    return (
        Verhoor.objects.filter(onderzoek__in=onderzoeken_in_uitvoering(user=user, melding=melding))
        .exclude(vastlegging__status=VastleggingStatus.GOEDGEKEURD)
        .order_by("created_at")
    )
