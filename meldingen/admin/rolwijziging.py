"""Admin screens for four eyes on case roles and receiving officers
(docs/rollen.md; docs/threat-model.md §3): the functioneel beheerder proposes, the
HL (or the hoogste verantwoordelijke) approves or rejects. Every write is a service."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from kern.admin import NietGevondenMixin
from kern.forms import validatiefout_naar_formulier
from meldingen.models import Rolwijziging, RolwijzigingStatus
from meldingen.selectors import rolwijzigingen_zichtbaar_voor
from meldingen.services import rolwijzigingen


class RolwijzigingForm(forms.ModelForm):
    class Meta:
        model = Rolwijziging
        fields = ("organisatie", "betreft", "soort", "rol", "functie", "reden")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        gegevens = super().clean()
        if self.errors:
            return gegevens
        # Validate through the service inside a savepoint that is rolled back:
        # the rules live in one place and save_model repeats the real call.
        from django.db import transaction

        try:
            with transaction.atomic():
                rolwijzigingen.rolwijziging_voorstellen(
                    organisatie=gegevens["organisatie"],
                    betreft=gegevens["betreft"],
                    soort=gegevens["soort"],
                    rol=gegevens.get("rol") or "",
                    functie=gegevens.get("functie") or "",
                    reden=gegevens.get("reden") or "",
                    door=self.request.user,
                )
                raise _Terugdraaien
        except _Terugdraaien:
            pass
        except ValidationError as exc:
            validatiefout_naar_formulier(self, exc)
        return gegevens


class _Terugdraaien(Exception):
    pass


@admin.register(Rolwijziging)
class RolwijzigingAdmin(NietGevondenMixin, admin.ModelAdmin):
    form = RolwijzigingForm
    list_display = ("__str__", "organisatie", "status", "voorgesteld_door", "voorgesteld_op", "beoordeeld_door")
    list_filter = ("status", "soort")
    autocomplete_fields = ("betreft",)
    actions = ["goedkeuren", "afwijzen"]

    def get_queryset(self, request):
        # An HL or hoogste verantwoordelijke sees the proposals of their own
        # organisations only; another organisation's detail answers 404.
        return rolwijzigingen_zichtbaar_voor(user=request.user).select_related(
            "organisatie", "betreft", "voorgesteld_door", "beoordeeld_door"
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class MetVerzoek(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return MetVerzoek

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [f.name for f in Rolwijziging._meta.fields if f.name not in ("id",)]
        return []

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        nieuw = rolwijzigingen.rolwijziging_voorstellen(
            organisatie=obj.organisatie,
            betreft=obj.betreft,
            soort=obj.soort,
            rol=obj.rol,
            functie=obj.functie,
            reden=obj.reden,
            door=request.user,
        )
        obj.pk = nieuw.pk
        obj._state.adding = False

    def get_actions(self, request):
        acties = super().get_actions(request)
        if not request.user.has_perm("meldingen.goedkeuren_rolwijziging"):
            acties.pop("goedkeuren", None)
            acties.pop("afwijzen", None)
        return acties

    def _beoordelen(self, request, queryset, service, gelukt):
        for wijziging in queryset.filter(status=RolwijzigingStatus.VOORGESTELD):
            try:
                service(wijziging=wijziging, door=request.user)
                self.message_user(request, gelukt % {"wat": wijziging})
            except (PermissionDenied, ValidationError):
                self.message_user(
                    request, _("%(wat)s: u mag hier niet over beslissen.") % {"wat": wijziging}, messages.ERROR
                )

    @admin.action(description=_("Goedkeuren (tweede persoon)"))
    def goedkeuren(self, request, queryset):
        self._beoordelen(request, queryset, rolwijzigingen.rolwijziging_goedkeuren, _("%(wat)s: goedgekeurd."))

    @admin.action(description=_("Afwijzen"))
    def afwijzen(self, request, queryset):
        self._beoordelen(request, queryset, rolwijzigingen.rolwijziging_afwijzen, _("%(wat)s: afgewezen."))
