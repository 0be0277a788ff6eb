from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kern.models import AuditActie, AuditRegel, Gebruiker, Hartslag
from kern.rollen import werkt_aan_gevallen
from kern.services import auditregel_schrijven


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    # Superusers do no case work (docs/rollen.md): the flag is not offered here.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "email")}),
        ("Toegang", {"fields": ("is_active", "is_staff", "groups")}),
        ("Datums", {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "is_active")
    list_filter = ("is_active", "groups")
    readonly_fields = ("last_login", "date_joined")
    search_fields = ("username", "first_name", "last_name", "email")

    def user_change_password(self, request, id, form_url=""):
        # Resetting the password of someone who works on cases would let the
        # administrator log in as them (docs/vertrouwelijkheid.md): refused here, for everyone.
        gebruiker = self.get_object(request, id)
        if gebruiker is not None and werkt_aan_gevallen(gebruiker):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class AlleenLezenMixin:
    """Read-only in the admin (model admins and inlines): writes go through services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NietGevondenMixin:
    """Missing and forbidden alike answer 404 (docs/vertrouwelijkheid.md); Django's admin would
    redirect with "does not exist" for an object outside get_queryset()."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class BekekenAuditMixin:
    """Every view of case content is audited (docs/vertrouwelijkheid.md): a
    successful GET of the change page writes a BEKEKEN row for the object.
    `bekeken_toelichting` says where it was seen."""

    bekeken_toelichting = ""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            auditregel_schrijven(
                door=request.user,
                actie=AuditActie.BEKEKEN,
                object=self.get_object(request, object_id),
                toelichting=self.bekeken_toelichting,
            )
        return response


class AlleenLezenAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """Append-only data: no add, change or delete from the admin, ever."""

    def get_actions(self, request):
        return {}


@admin.register(AuditRegel)
class AuditRegelAdmin(AlleenLezenAdmin):
    list_display = ("tijdstip", "actor", "actor_soort", "actie", "object_type", "object_uuid")
    list_filter = ("actie", "object_type")
    search_fields = ("object_uuid", "actor__username")
    date_hierarchy = "tijdstip"
    list_select_related = ("actor",)


@admin.register(Hartslag)
class HartslagAdmin(AlleenLezenAdmin):
    list_display = ("taak", "tijdstip")
    list_filter = ("taak",)
