"""Admin for the register. Every queryset comes from the selectors, so a user
sees a case only while assigned to it; anything else answers 404 (docs/vertrouwelijkheid.md).
The triage actions live in meldingen.admin.acties."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kern import toegang
from kern.admin import AlleenLezenMixin, BekekenAuditMixin, NietGevondenMixin
from meldingen import auditnotities, selectors
from meldingen.admin.acties import TriageAdminMixin
from meldingen.admin.bewaring import BewaarbeleidInline
from meldingen.admin.rolwijziging import RolwijzigingAdmin  # noqa: F401  (registers it)
from meldingen.constants import STANDAARD_BEWAARTERMIJN_MAANDEN
from meldingen.models import Functionaris, Melding, Organisatie, Termijn, TermijnInstelling
from meldingen.selectors import termijnen as termijn_selectors
from meldingen.services import bewaring as bewaring_services
from meldingen.services import termijnen as termijn_services
from meldingen.services.adviseur import mag_adviseur_inzien


class GevalAdminMixin(BekekenAuditMixin, NietGevondenMixin):
    """Base for admins of case objects: permission-filtered, 404 for the rest,
    and every view of content audited."""

    def get_queryset(self, request):
        return selectors.meldingen_zichtbaar_voor(user=request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return toegang.mag(user=request.user, perm="meldingen.view_melding", obj=obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return toegang.mag(user=request.user, perm="meldingen.change_melding", obj=obj)

    def has_delete_permission(self, request, obj=None):
        # Cases are destroyed only by the retention job, with guard rails.
        return False

    bekeken_toelichting = auditnotities.MELDING_GEOPEND()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.geval_context(request, object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    def geval_context(self, request, object_id) -> dict:
        return {}


class TermijnInline(AlleenLezenMixin, admin.TabularInline):
    """Every statutory term of the case with its state; read-only (docs/termijnen.md).
    Terms are closed by events or services, never edited here."""

    model = Termijn
    fk_name = "melding"
    extra = 0
    can_delete = False
    fields = ("soort", "start", "due", "toestand", "gesloten_op", "vervallen_op", "vervallen_reden")
    readonly_fields = fields
    ordering = ("due",)

    def get_queryset(self, request):
        return termijn_selectors.termijnen_zichtbaar_voor(user=request.user)

    @admin.display(description=_("toestand"))
    def toestand(self, obj):
        return obj.toestand(nu=timezone.now()).label

    def has_view_permission(self, request, obj=None):
        return obj is not None and toegang.mag(user=request.user, perm="meldingen.view_melding", obj=obj)


class RegisterjaarFilter(admin.SimpleListFilter):
    """The register year (the first part of the register number, Art. 3.5)."""

    title = _("registerjaar")
    parameter_name = "registerjaar"

    def lookups(self, request, model_admin):
        return [(str(jaar), str(jaar)) for jaar in selectors.registerjaren_voor(user=request.user)]

    def queryset(self, request, queryset):
        waarde = self.value()
        if waarde and waarde.isdigit():
            return queryset.filter(registerjaar=int(waarde))
        return queryset


@admin.register(Melding)
class MeldingAdmin(TriageAdminMixin, GevalAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/meldingen/melding/change_form.html"
    inlines = [TermijnInline]
    list_display = ("registernummer", "organisatie_naam", "status", "soort", "kanaal", "ontvangen_op")
    list_filter = (RegisterjaarFilter, "status", "soort", "kanaal", "categorie")
    search_fields = ("=volgnummer",)
    # No date_hierarchy: its two queries (first and last date, then every month)
    # read every case the officer may see on every page; the year filter reads the
    # register counters instead (issue 16).
    # One count of the visible cases per page, not two: the total without the
    # filters costs a second scan of every case the officer may see (issue 16).
    show_full_result_count = False
    readonly_fields = ("registernummer", "organisatie_naam", "status", "ontvangen_op", "kanaal", "wijze", "soort")
    fields = (
        "registernummer",
        "organisatie_naam",
        "status",
        "soort",
        "ontvangen_op",
        "kanaal",
        "wijze",
        "categorie",
        "hl_betrokken",
        "omschrijving",
        # Everything else the melder wrote (docs/melderzijde.md): when, where, who is
        # involved, earlier reports, relation, and the meeting asked for (Art. 3.4).
        "wanneer",
        "waar",
        "betrokkenen_omschrijving",
        "eerdere_meldingen",
        "relatie",
        "relatie_toelichting",
        "discriminatiegronden",
        "gesprek_gewenst",
    )
    list_select_related = ("organisatie",)

    # Labels in the user's language (the property and the unlabelled foreign key
    # showed "Registernummer" and "Organisatie" in English too), and the
    # organisation as plain text: a link to its configuration page answered 403
    # to everyone who does case work.
    @admin.display(description=_("registernummer"))
    def registernummer(self, obj):
        return obj.registernummer

    @admin.display(description=_("organisatie"), ordering="organisatie__naam")
    def organisatie_naam(self, obj):
        return obj.organisatie.naam

    def has_add_permission(self, request):
        # Oral reports are registered through the triage action (issue 4).
        return False

    def has_change_permission(self, request, obj=None):
        # The case screen is read-only: every change goes through an action that
        # calls a service (audited; re-routing revokes HL access at once, Art. 8.4).
        # Editing fields such as hl_betrokken in a form would bypass all of that.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def geval_context(self, request, object_id) -> dict:
        melding = self.get_object(request, object_id)
        return {
            "tijdlijn": selectors.tijdlijn_voor(melding=melding),
            "toewijzingen": selectors.toewijzingen_voor(melding=melding),
            "koppelingen": selectors.koppelingen_voor(melding=melding, user=request.user),
            "mag_toewijzen": toegang.mag(user=request.user, perm="meldingen.toewijzen", obj=melding),
            "acties": self.zichtbare_acties(request, melding),
            "mag_identiteit": toegang.mag(user=request.user, perm="meldingen.identiteit_inzien", obj=melding),
            "mag_adviseur": mag_adviseur_inzien(melding=melding, gebruiker=request.user),
            "brieven": selectors.brieven_voor_personeel(melding=melding),
            "vastleggingen": selectors.vastleggingen_voor(melding=melding),
            "berichten": selectors.berichten_voor(melding=melding),
            "bijlagen": selectors.bijlagen_voor(melding=melding, user=request.user),
            "open_verzoeken": selectors.open_verzoeken_voor(melding=melding),
        }


class FunctionarisInline(AlleenLezenMixin, admin.TabularInline):
    """Read-only: receiving officers change only through an approved
    Rolwijziging (four eyes, docs/rollen.md; docs/threat-model.md §3)."""

    model = Functionaris
    extra = 0
    fields = ("gebruiker", "functie")
    readonly_fields = fields


class TermijnToestandFilter(admin.SimpleListFilter):
    title = _("toestand")
    parameter_name = "toestand"

    def lookups(self, request, model_admin):
        return [("verlopen", _("Verlopen")), ("deze_week", _("Verloopt deze week")), ("alle", _("Alle"))]

    def choices(self, changelist):
        # Default: open terms only; "alle" includes closed and voided ones.
        for keuze in super().choices(changelist):
            if keuze["query_string"] == changelist.get_query_string(remove=[self.parameter_name]):
                keuze["display"] = _("Open")
            yield keuze

    def queryset(self, request, queryset):
        nu = timezone.now()
        if self.value() == "verlopen":
            return queryset.verlopen(nu=nu)
        if self.value() == "deze_week":
            return queryset.uiterlijk_voor(nu=nu, grens=termijn_selectors.einde_van_deze_week(nu=nu))
        if self.value() == "alle":
            return queryset
        return queryset.open()


@admin.register(Termijn)
class TermijnAdmin(NietGevondenMixin, AlleenLezenMixin, admin.ModelAdmin):
    """The deadlines overview across the cases the user may see (docs/termijnen.md)."""

    list_display = ("melding_link", "soort", "due", "toestand")
    list_filter = (TermijnToestandFilter, "soort")
    ordering = ("due", "id")
    list_per_page = 100

    def get_queryset(self, request):
        return termijn_selectors.termijnen_zichtbaar_voor(user=request.user)

    @admin.display(description=_("melding"), ordering="melding__volgnummer")
    def melding_link(self, obj):

        return format_html(
            '<a href="{}">{}</a>', reverse("admin:meldingen_melding_change", args=[obj.melding_id]), obj.melding
        )

    @admin.display(description=_("toestand"))
    def toestand(self, obj):
        return obj.toestand(nu=timezone.now()).label


class TermijnInstellingForm(forms.ModelForm):
    class Meta:
        model = TermijnInstelling
        fields = (
            "ontvangstbevestiging_dagen",
            "doorsturen_dagen",
            "contactpersoon_dagen",
            "geen_onderzoek_dagen",
            "standpunt_dagen",
            "terugkoppeling_maanden",
        )

    def clean(self):
        gegevens = super().clean()
        # Refused as a whole when any term is longer than the law allows.
        termijn_services.termijninstelling_valideren(waarden={veld: gegevens.get(veld) for veld in self.Meta.fields})
        return gegevens


class TermijnInstellingInline(admin.StackedInline):
    model = TermijnInstelling
    form = TermijnInstellingForm
    max_num = 1
    can_delete = False


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "slug", "heeft_toezichtorgaan")
    prepopulated_fields = {"slug": ("naam",)}
    inlines = [FunctionarisInline, TermijnInstellingInline, BewaarbeleidInline]
    search_fields = ("naam",)

    def save_formset(self, request, form, formset, change):
        if formset.model is BewaarbeleidInline.model:
            # The retention policy is written by its service (validated, audited).
            for inline_form in formset.forms:
                if inline_form.has_changed():
                    bewaring_services.bewaarbeleid_instellen(
                        organisatie=form.instance,
                        door=request.user,
                        **{veld: inline_form.cleaned_data[veld] for veld in STANDAARD_BEWAARTERMIJN_MAANDEN},
                    )
            # The admin's change message reads these (nothing saved by the formset).
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_formset(request, form, formset, change)
