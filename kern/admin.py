from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kern.inschrijving import inschrijflink_versturen
from kern.models import AuditActie, AuditCategorie, AuditRegel, Gebruiker, Hartslag, UitgaandBericht
from kern.rollen import case_rol_groepen, is_beschermd
from kern.services import auditregel_schrijven

# Second factors are secrets (docs/threat-model.md §2): django-otp's own device
# admin would list devices and, without OTP_ADMIN_HIDE_SENSITIVE_DATA, show keys
# and QR codes. Our encrypted kern.TOTPApparaat has no admin at all.
try:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin.site.unregister(TOTPDevice)
except admin.sites.NotRegistered:  # pragma: no cover - depends on app order
    pass
try:
    from django_otp_webauthn.models import WebAuthnCredential

    admin.site.unregister(WebAuthnCredential)
except admin.sites.NotRegistered:  # pragma: no cover - depends on app order
    pass


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

    actions = ["inschrijflink_versturen"]

    def user_change_password(self, request, id, form_url=""):
        # Resetting the password of someone who works, or ever worked, on cases
        # would let the administrator log in as them; whether that is allowed must
        # not depend on the current groups (docs/threat-model.md §3).
        gebruiker = self.get_object(request, id)
        if gebruiker is not None and is_beschermd(gebruiker):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_readonly_fields(self, request, obj=None):
        # The e-mail address receives the enrolment link: whoever could change it
        # for a protected account could enrol their own authenticator there.
        velden = list(super().get_readonly_fields(request, obj))
        if obj is not None and is_beschermd(obj):
            velden += ["username", "email"]
        return velden

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Case roles change only through a proposal that a second person approves
        # (meldingen Rolwijziging; docs/threat-model.md §3): not offered here.
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.exclude(name__in=case_rol_groepen())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The form shows only the other groups; keep the case roles as they are.
        behouden = list(form.instance.groups.filter(name__in=case_rol_groepen())) if change else []
        super().save_related(request, form, formsets, change)
        if behouden:
            form.instance.groups.add(*behouden)

    @admin.action(description=_("Inschrijflink voor de tweede factor e-mailen"))
    def inschrijflink_versturen(self, request, queryset):

        aantal = 0
        for gebruiker in queryset:
            try:
                inschrijflink_versturen(gebruiker=gebruiker, door=request.user)
                aantal += 1
            except PermissionDenied:
                self.message_user(request, _("%(wie)s: niet verstuurd.") % {"wie": gebruiker}, messages.WARNING)
        if aantal:
            self.message_user(request, _("%(n)s inschrijflink(s) verstuurd.") % {"n": aantal})


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
class AuditRegelAdmin(NietGevondenMixin, AlleenLezenAdmin):
    list_display = ("tijdstip", "actor", "soort_actor", "actie", "object_type", "object_uuid", "notitie")
    # The note and the kind of actor in the reader's language (kern.auditnotities), not as stored.
    fields = ("tijdstip", "actor", "soort_actor", "actie", "categorie", "object_type", "object_uuid", "notitie")
    readonly_fields = fields
    list_filter = ("actie", "object_type")
    search_fields = ("object_uuid", "actor__username")
    date_hierarchy = "tijdstip"
    list_select_related = ("actor",)

    def get_queryset(self, request):
        # The audit log tells the functioneel beheerder nothing about cases
        # (docs/threat-model.md §4): configuration and login rows only. Rows about
        # cases, melders, protected persons, HR checks and routing are shown to
        # nobody here; the case screens show their own timeline to those assigned.
        return super().get_queryset(request).filter(categorie__in=[AuditCategorie.BEHEER, AuditCategorie.INLOGGEN])

    @admin.display(description=_("soort actor"), ordering="actor_soort")
    def soort_actor(self, regel):
        return regel.actor_soort_weergave

    @admin.display(description=_("toelichting"))
    def notitie(self, regel):
        return regel.toelichting_weergave


@admin.register(Hartslag)
class HartslagAdmin(AlleenLezenAdmin):
    list_display = ("taak", "tijdstip")
    list_filter = ("taak",)


@admin.register(UitgaandBericht)
class UitgaandBerichtAdmin(NietGevondenMixin, AlleenLezenAdmin):
    """The outbox for the functioneel beheerder and operations (kern/post.py): status,
    attempts and the technical error class per message, filterable on `mislukt`.
    Never the address, subject or body: they are not loaded (docs/vertrouwelijkheid.md)."""

    list_display = (
        "soort",
        "status",
        "pogingen",
        "laatste_fout",
        "aangemaakt_op",
        "volgende_poging_op",
        "verzonden_op",
    )
    list_filter = ("status", "soort")
    fields = list_display
    readonly_fields = list_display

    def get_queryset(self, request):
        return super().get_queryset(request).defer("adres", "onderwerp", "tekst")
