"""Configuration screens for the functioneel beheerder: the published regulation
(Art. 14.1) and who sits on the OR. The annual report itself has its own pages
(rapportage.views). Writes go through services."""

from django.contrib import admin

from rapportage import services
from rapportage.models import OrLidmaatschap, RegelingVersie


@admin.register(RegelingVersie)
class RegelingVersieAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "nummer", "titel", "in_werking_op", "or_instemming_op"]
    list_filter = ["organisatie"]
    fields = ["organisatie", "titel", "tekst", "in_werking_op", "or_instemming_op", "toelichting_wijziging"]

    def has_change_permission(self, request, obj=None):
        return False  # a published version is never edited: publish a new one

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        nieuw = services.regelingversie_publiceren(door=request.user, **form.cleaned_data)
        obj.pk, obj.nummer = nieuw.pk, nieuw.nummer


@admin.register(OrLidmaatschap)
class OrLidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "organisatie"]
    list_filter = ["organisatie"]
    fields = ["organisatie", "gebruiker"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        lid = services.or_lid_toevoegen(door=request.user, **form.cleaned_data)
        obj.pk = lid.pk
