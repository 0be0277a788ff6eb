"""The case-access questions, one name per question (docs/rollen.md).

Every app asks these; none answers them on its own. A case ("melding") is
reached through two things only: an object permission (django-guardian, per
user, never through a group, a global permission or superuser status) and an
active assignment (`Toewijzing`) with a role on the case. kern does not import
the apps above it: the functions take the case object and use its
`toewijzingen` relation and `leiding_rol` (the HL, or the hoogste
verantwoordelijke when the HL is involved, Art. 8.4).

| question                                          | name                  |
|---------------------------------------------------|-----------------------|
| which objects of a kind may this user see?        | `zichtbaar_voor`      |
| may this user do `perm` on this object?           | `mag`                 |
| does the user hold one of these roles on the case?| `heeft_toewijzing`    |
| who holds these roles on the case?                | `toegewezenen`        |
| who leads the case?                               | `leiding_van`         |
| stop unless the user holds one of these roles     | `vereis_toewijzing`   |
| stop unless the user leads the case               | `vereis_leiding`      |
| stop unless the user may do `perm` on the object  | `vereis_permissie`    |
| does the user hold one of these roles on any case?| `werkt_als`           |
| is the user in a group role (kern.rollen.Rol)?    | `heeft_groepsrol`     |

Missing and forbidden both answer 404 in selectors (`object_of_404`); a step a
user may not take on a case they can see raises PermissionDenied.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Model, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user
from guardian.utils import get_user_obj_perms_model

from kern.models import Gebruiker
from kern.rollen import Rol, groepsnaam


def zichtbaar_voor(*, user: Gebruiker | None, perm: str, klass: type[Model]) -> QuerySet:
    """The objects of `klass` on which this user holds `perm` as an object
    permission. A role or a global permission gives none, and a superuser gets no
    bypass (docs/rollen.md).

    For a model with its own user-permission table (guardian's direct foreign
    key, as every case model here has) this is one correlated EXISTS on that
    table, with the permission's id as a scalar subquery: the same rows as
    guardian's `get_objects_for_user(..., use_groups=False)`, whose `pk IN
    (SELECT ... JOIN auth_permission ...)` the planner misjudged (it expected
    about a thousand permitted cases where an officer had 100,000) and so could
    not use an index to read a page of a sorted list (issue 16)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return klass.objects.none()
    rechten = get_user_obj_perms_model(klass)
    if rechten.objects.is_generic():
        return get_objects_for_user(
            user, perm, klass=klass, accept_global_perms=False, with_superuser=False, use_groups=False
        )
    app_label, _punt, codename = perm.rpartition(".")
    content_type = ContentType.objects.get_for_model(klass)
    if app_label and app_label != content_type.app_label:
        raise ValueError(f"{perm} is geen permissie van {klass.__name__}")
    permissie = Permission.objects.filter(content_type=content_type, codename=codename).values("pk")[:1]
    return klass.objects.filter(
        Exists(rechten.objects.filter(content_object=OuterRef("pk"), user=user, permission_id=Subquery(permissie)))
    )


def object_of_404(queryset: QuerySet, **lookup) -> Model:
    """One object from an already permission-filtered queryset; missing,
    forbidden and malformed keys all answer 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def mag(*, user: Gebruiker | None, perm: str, obj: Model) -> bool:
    """Object permission check without global or superuser shortcuts."""
    return zichtbaar_voor(user=user, perm=perm, klass=type(obj)).filter(pk=obj.pk).exists()


def vereis_permissie(*, user: Gebruiker | None, perm: str, obj: Model, tekst: str = "") -> None:
    if not mag(user=user, perm=perm, obj=obj):
        raise PermissionDenied(tekst or _("U mag deze stap op deze melding niet zetten."))


def heeft_toewijzing(*, melding, user: Gebruiker | None, rollen) -> bool:
    """Whether the user holds an active assignment on the case in one of `rollen`."""
    if user is None or not user.is_authenticated:
        return False
    return melding.toewijzingen.filter(
        gebruiker=user, rol__in=[str(r) for r in rollen], beeindigd_op__isnull=True
    ).exists()


def toegewezenen(*, melding, rollen) -> list[Gebruiker]:
    """The active users holding one of `rollen` on the case (for tasks and mail)."""
    return [
        t.gebruiker
        for t in melding.toewijzingen.filter(
            rol__in=[str(r) for r in rollen], beeindigd_op__isnull=True, gebruiker__is_active=True
        ).select_related("gebruiker")
    ]


def leiding_van(*, melding) -> list[Gebruiker]:
    """Who leads the case: the HL, or the hoogste verantwoordelijke (Art. 8.4)."""
    return toegewezenen(melding=melding, rollen=[melding.leiding_rol])


def vereis_toewijzing(*, melding, door: Gebruiker | None, rollen, tekst: str = "") -> None:
    """Steps on a case belong to named roles on it; a model permission or a group
    role alone is not enough."""
    if not heeft_toewijzing(melding=melding, user=door, rollen=rollen):
        raise PermissionDenied(tekst or _("U mag deze stap op deze melding niet zetten."))


def vereis_leiding(*, melding, door: Gebruiker | None) -> None:
    """Decisions are the HL's, or the hoogste verantwoordelijke's when the HL is
    involved (Art. 8.4, 9): the one whose assignment on this case says so."""
    rol = melding.leiding_rol
    if not heeft_toewijzing(melding=melding, user=door, rollen=[rol]):
        raise PermissionDenied(_("Alleen de %(rol)s van deze melding kan dit besluiten.") % {"rol": rol.label.lower()})


def werkt_als(*, user: Gebruiker | None, rollen) -> bool:
    """Whether the user holds one of `rollen` on some case (which task panels to show)."""
    if user is None or not user.is_authenticated:
        return False
    return user.toewijzingen.filter(rol__in=[str(r) for r in rollen], beeindigd_op__isnull=True).exists()


def heeft_groepsrol(gebruiker, rol: Rol) -> bool:
    """Whether the user is in the group of a role (kern.rollen). A group role
    opens screens, never a case: cases need an assignment."""
    if not gebruiker.is_authenticated:
        return False
    return gebruiker.groups.filter(name=groepsnaam(rol)).exists()
