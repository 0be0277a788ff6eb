"""Admin for the register. Every queryset comes from the selectors, so a user
sees a case only while assigned to it; anything else answers 404 (DESIGN.md §4).
The triage actions live in meldingen.admin_triage."""

from django.contrib import admin
from django.http import Http404

from kern.models import AuditActie
from kern.services import auditregel_schrijven
from meldingen import selectors
from meldingen.admin_triage import TriageAdminMixin
from meldingen.models import Functionaris, Melding, Organisatie


class GevalAdminMixin:
    """Base for admins of case objects: permission-filtered, 404 for the rest,
    and every view of content audited."""

    def get_queryset(self, request):
        return selectors.melding_list_visible_for(user=request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Django's admin would redirect with "does not exist"; we answer 404
            # so missing and forbidden look the same.
            raise Http404
        return obj

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return selectors.mag(user=request.user, perm="meldingen.view_melding", melding=obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return selectors.mag(user=request.user, perm="meldingen.change_melding", melding=obj)

    def has_delete_permission(self, request, obj=None):
        # Cases are destroyed only by the retention job, with guard rails.
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.geval_context(request, object_id)}
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            obj = self.get_object(request, object_id)
            auditregel_schrijven(door=request.user, actie=AuditActie.BEKEKEN, object=obj, toelichting="admin detail")
        return response

    def geval_context(self, request, object_id) -> dict:
        return {}


@admin.register(Melding)
class MeldingAdmin(TriageAdminMixin, GevalAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/meldingen/melding/change_form.html"

    list_display = ("registernummer", "organisatie", "status", "soort", "kanaal", "ontvangen_op")
    list_filter = ("status", "soort", "kanaal", "categorie")
    search_fields = ("=volgnummer",)
    date_hierarchy = "ontvangen_op"
    readonly_fields = ("registernummer", "organisatie", "status", "ontvangen_op", "kanaal", "wijze", "soort")
    fields = (
        "registernummer",
        "organisatie",
        "status",
        "soort",
        "ontvangen_op",
        "kanaal",
        "wijze",
        "categorie",
        "hl_betrokken",
        "omschrijving",
    )
    list_select_related = ("organisatie",)

    def has_add_permission(self, request):
        # Oral reports are registered through the triage action (issue 4).
        return False

    def geval_context(self, request, object_id) -> dict:
        melding = self.get_object(request, object_id)
        return {
            "tijdlijn": selectors.tijdlijn_voor(melding=melding),
            "toewijzingen": selectors.toewijzingen_voor(melding=melding),
            "koppelingen": selectors.koppelingen_voor(melding=melding, user=request.user),
            "mag_toewijzen": selectors.mag(user=request.user, perm="meldingen.toewijzen", melding=melding),
            "acties": self.zichtbare_acties(request, melding),
        }


class FunctionarisInline(admin.TabularInline):
    model = Functionaris
    extra = 0
    autocomplete_fields = ("gebruiker",)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "slug", "heeft_toezichtorgaan")
    prepopulated_fields = {"slug": ("naam",)}
    inlines = [FunctionarisInline]
    search_fields = ("naam",)
