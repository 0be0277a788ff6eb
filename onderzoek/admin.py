"""The investigators' own screen: only their assigned investigations, read-only.
The case-screen actions of this app are in onderzoek.handelingen (imported here
so the admin's autodiscovery registers them); this module holds no visibility
rules of its own."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kern.admin import AlleenLezenMixin, BekekenAuditMixin, NietGevondenMixin
from onderzoek import (
    handelingen,  # noqa: F401 - registers the case-screen actions (meldingen.handelingen)
    selectors,
)
from onderzoek.models import Onderzoek, Onderzoeksstuk, Verhoor


class _OnderzoekInline(AlleenLezenMixin, admin.TabularInline):
    """Read-only rows of the investigation on its own screen: visible to whoever
    may see that investigation (checked by its selector), never editable here."""

    extra = 0
    can_delete = False

    def get_queryset(self, request):
        # Django empties an inline's queryset without a model permission; the rows
        # are limited to the parent investigation, whose access has_view_permission checks.
        return self.model._default_manager.select_related("onderzoek")

    def has_view_permission(self, request, obj=None):
        return obj is not None and selectors.onderzoeken_zichtbaar_voor(user=request.user).filter(pk=obj.pk).exists()


class VerhoorInline(_OnderzoekInline):
    """The hearings of the investigation and whether their record is final (Art. 10.1–10.2)."""

    model = Verhoor
    fields = ("gehoorde", "created_at", "goedgekeurd", "niet_goedgekeurd_op", "afschrift_gegeven_op")
    readonly_fields = fields

    @admin.display(description=_("goedgekeurd"), boolean=True)
    def goedgekeurd(self, obj):
        return obj.vastlegging.is_definitief


class OnderzoeksstukInline(_OnderzoekInline):
    """Documents of the investigation (Art. 10.3–10.4)."""

    model = Onderzoeksstuk
    fields = ("herkomst", "omschrijving", "created_at")
    readonly_fields = fields


@admin.register(Onderzoek)
class OnderzoekAdmin(BekekenAuditMixin, NietGevondenMixin, AlleenLezenMixin, admin.ModelAdmin):
    """Read-only; investigations are made through the HL's signed mandate."""

    """Investigators see only their assigned investigations (Art. 7.1, 10)."""

    list_display = ("__str__", "soort", "status", "created_at")
    inlines = [VerhoorInline, OnderzoeksstukInline]
    list_filter = ("soort", "status")
    fields = (
        "melding",
        "soort",
        "status",
        "opdracht",
        "melder_geinformeerd_op",
        "melder_uitgenodigd_op",
        "reden_zonder_rapport",
    )
    readonly_fields = fields

    @admin.display(description=_("waarom geen onderzoeksrapport nodig is"))
    def reden_zonder_rapport(self, obj):
        # Art. 11.1: the HL's signed reason, when the investigation ended without a report.
        afzien = getattr(obj, "afzien_van_rapport", None)
        return afzien.reden if afzien else "—"

    def get_queryset(self, request):
        return selectors.onderzoeken_zichtbaar_voor(user=request.user).select_related("melding")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return selectors.onderzoeken_zichtbaar_voor(user=request.user).filter(pk=obj.pk).exists()
