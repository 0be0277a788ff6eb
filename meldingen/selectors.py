"""Every read of case objects, already filtered by permission (STYLE.md).

Missing and forbidden both answer 404: a user without an assignment cannot even
learn that a case exists (DESIGN.md §4).
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from kern.models import Gebruiker
from meldingen.models import Melding


def melding_list_visible_for(*, user: Gebruiker, perm: str = "meldingen.view_melding") -> QuerySet[Melding]:
    """The cases this user is assigned to. A role or a global permission gives none:
    global perms are ignored and superusers get no bypass (DESIGN.md §7)."""
    if not user.is_authenticated or not user.is_active:
        return Melding.objects.none()
    return get_objects_for_user(
        user, perm, klass=Melding, accept_global_perms=False, with_superuser=False, use_groups=False
    )


def melding_get_for_user(*, user: Gebruiker, uuid: UUID | str, perm: str = "meldingen.view_melding") -> Melding:
    try:
        return melding_list_visible_for(user=user, perm=perm).get(uuid=uuid)
    except (Melding.DoesNotExist, ValueError, ValidationError) as exc:  # missing, forbidden or malformed
        raise Http404("Melding niet gevonden") from exc


def mag(*, user: Gebruiker, perm: str, melding: Melding) -> bool:
    """Object permission check without global or superuser shortcuts."""
    return melding_list_visible_for(user=user, perm=perm).filter(pk=melding.pk).exists()


def tijdlijn_voor(*, melding: Melding):
    """The case timeline; the caller has checked access to `melding`."""
    return melding.gebeurtenissen.select_related("door").order_by("tijdstip", "id")


def toewijzingen_voor(*, melding: Melding, actief: bool = True):
    qs = melding.toewijzingen.select_related("gebruiker")
    return qs.filter(beeindigd_op__isnull=True) if actief else qs


def koppelingen_voor(*, melding: Melding, user: Gebruiker):
    """Linked reports, only those the user may see as well."""
    from django.db.models import Q

    from meldingen.models import MeldingKoppeling

    zichtbaar = melding_list_visible_for(user=user).values("pk")
    return (
        MeldingKoppeling.objects.filter(Q(van=melding, naar__in=zichtbaar) | Q(naar=melding, van__in=zichtbaar))
        .select_related("van", "naar")
        .order_by("created_at")
    )


def gebruikers_met_rol(*, rol) -> QuerySet:
    from kern.models import Gebruiker as GebruikerModel
    from kern.rollen import groepsnaam

    return GebruikerModel.objects.filter(is_active=True, groups__name=groepsnaam(rol)).order_by("last_name")


def organisaties_met_functie(*, user: Gebruiker, functie: str) -> QuerySet:
    """Organisations where this user holds `functie` (a Functionaris.Functie)."""
    from meldingen.models import Organisatie

    if not user.is_authenticated or not user.is_active:
        return Organisatie.objects.none()
    return Organisatie.objects.filter(functionarissen__gebruiker=user, functionarissen__functie=functie).distinct()


def organisatie_get_by_slug(*, slug: str):
    """Public lookup of an organisation by the slug in its public URLs."""
    from django.shortcuts import get_object_or_404

    from meldingen.models import Organisatie

    return get_object_or_404(Organisatie, slug=slug)
