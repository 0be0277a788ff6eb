"""Roles of docs/architecture.md as groups with model permissions.

A role gives access to admin screens and actions, never to case content: case
objects are reached only through object permissions (django-guardian) granted
per assignment in services (docs/vertrouwelijkheid.md).

Each app declares what its models allow per role in `<app>/rollen.py` as
`PERMISSIES = {Rol.X: ["app_label.codename", ...]}`; `rollen_bijwerken()`
collects them, so kern knows no domain model. Idempotent: run after every
migrate and by `manage.py rollen_bijwerken`.
"""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from kern.models import RolHistorie
from kern.ontdekking import app_modules


class Rol(models.TextChoices):
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Vertrouwenspersoon")
    EXTERNE_VERTROUWENSPERSOON = "externe_vertrouwenspersoon", _("Externe vertrouwenspersoon")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    HOOGSTE_LEIDINGGEVENDE = "hoogste_leidinggevende", _("Hoogste leidinggevende")
    HOOGSTE_VERANTWOORDELIJKE = "hoogste_verantwoordelijke", _("Hoogste verantwoordelijke")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    CONTACTPERSOON = "contactpersoon", _("Contactpersoon")
    ONDERNEMINGSRAAD = "ondernemingsraad", _("Ondernemingsraad")
    PERSONEELSZAKEN = "personeelszaken", _("Personeelszaken")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


def groepsnaam(rol: Rol) -> str:
    """Group names are the role's value: stable across languages and releases."""
    return Rol(rol).value


def _gedeclareerde_permissies() -> dict[str, set[str]]:
    per_rol: dict[str, set[str]] = {rol.value: set() for rol in Rol}
    for _config, module in app_modules("rollen"):
        for rol, codes in getattr(module, "PERMISSIES", {}).items():
            per_rol[Rol(rol).value].update(codes)
    return per_rol


def rollen_bijwerken(*, strikt: bool = True) -> dict[str, int]:
    """Create every role group and set exactly its declared permissions.

    `strikt=False` skips permissions that do not exist yet (during migrate,
    where apps' permissions are created one app after another)."""

    resultaat = {}
    for rol_waarde, codes in _gedeclareerde_permissies().items():
        rol = Rol(rol_waarde)
        groep, _ = Group.objects.get_or_create(name=groepsnaam(rol))
        permissies = []
        for code in sorted(codes):
            app_label, codename = code.split(".", 1)
            try:
                permissies.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
            except Permission.DoesNotExist:
                if not strikt:
                    continue
                raise LookupError(f"Role {rol.value} names unknown permission {code}") from None
        groep.permissions.set(permissies)
        resultaat[rol.value] = len(permissies)
    return resultaat


def na_migratie(sender, **kwargs):
    # post_migrate comes once per app with models; permissions of later apps do
    # not exist yet at the earlier calls, the last call sets them all.
    rollen_bijwerken(strikt=False)


# Roles that can reach case content or identities through assignments. Their
# password and second factor are never reset from the admin: whoever could do
# that could log in as them (manage.py tweede_factor_herstellen, run by
# operations, is the audited way for a lost authenticator).
ROLLEN_MET_GEVALLEN = frozenset(
    {
        Rol.VERTROUWENSPERSOON,
        Rol.EXTERNE_VERTROUWENSPERSOON,
        Rol.LEIDINGGEVENDE,
        Rol.HOOGSTE_LEIDINGGEVENDE,
        Rol.HOOGSTE_VERANTWOORDELIJKE,
        Rol.ONDERZOEKER,
        Rol.CONTACTPERSOON,
    }
)


def case_rol_groepen() -> list[str]:
    return [groepsnaam(r) for r in ROLLEN_MET_GEVALLEN]


def werkt_aan_gevallen(gebruiker) -> bool:
    """Holds a case role now. For resets use `is_beschermd`, which also looks back."""
    return gebruiker.groups.filter(name__in=case_rol_groepen()).exists()


# Extension point: higher apps register "does this user hold an assignment or
# function here?" predicates in AppConfig.ready() (meldingen: Toewijzing and
# Functionaris), so kern names no domain model.
BESCHERMINGSBRONNEN: list = []


def is_beschermd(gebruiker) -> bool:
    """Whether this account's password or second factor may never be reset from
    the admin (docs/threat-model.md §3).

    Not the current groups alone: a functioneel beheerder could first remove a
    role, then reset the password, then give the role back. Protected is anyone
    who EVER held a case role (kern.RolHistorie, written by a database trigger),
    holds any object permission, or any assignment or function in a higher app."""

    if gebruiker.pk is None:
        return False
    if werkt_aan_gevallen(gebruiker):
        return True
    if RolHistorie.objects.filter(gebruiker=gebruiker, groep__in=case_rol_groepen()).exists():
        return True
    for model in django_apps.get_models():
        if issubclass(model, UserObjectPermissionBase) and model.objects.filter(user=gebruiker).exists():
            return True
    if gebruiker.user_permissions.exists():
        return True
    return any(bron(gebruiker) for bron in BESCHERMINGSBRONNEN)


# What kern's own models allow per role.
PERMISSIES = {
    Rol.FUNCTIONEEL_BEHEERDER: [
        "kern.view_gebruiker",
        "kern.add_gebruiker",
        "kern.change_gebruiker",
        "kern.view_auditregel",
        "kern.view_hartslag",
        # The outbox's status per message, never its content (kern/post.py).
        "kern.view_uitgaandbericht",
        "auth.view_group",
        # No permission on any second-factor model, ever (docs/threat-model.md §2).
    ],
}
