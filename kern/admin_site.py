"""The admin site: staff work here, and only with a verified second factor."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kern.ontdekking import app_modules


def tweede_factor_in_orde(request) -> bool:
    """Whether this request's user passed the second factor (or the demo relaxes it)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT:
        return True
    return user.is_verified()


class GeenOmgekeerdeFiltersMixin:
    """No list accepts a lookup over a reverse relation in its query string.

    Django's admin allows any one-step lookup, reverse relations included:
    `/admin/meldingen/organisatie/?meldingen__gte=273` listed an organisation while it
    had a case with that number, `/admin/kern/gebruiker/?toewijzingen__isnull=False`
    the staff members assigned to a case. That way the functioneel beheerder could
    count each organisation's reports and see who received a new one
    (docs/threat-model.md §4). Local fields and forward relations still filter."""

    def lookup_allowed(self, lookup, value, request=None):
        try:
            veld = self.model._meta.get_field(lookup.split(LOOKUP_SEP, 1)[0])
        except FieldDoesNotExist:
            veld = None
        if veld is not None and veld.auto_created and not veld.concrete:
            return False
        return super().lookup_allowed(lookup, value, request)


class MeldpuntAdminSite(admin.AdminSite):
    site_header = _("Meldpunt")
    site_title = _("Meldpunt")
    index_title = _("Werkplek")

    def has_permission(self, request):
        # Active staff only, and in production only after the second factor.
        return request.user.is_active and request.user.is_staff and tweede_factor_in_orde(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every model admin, also those of django.contrib.auth and third parties.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GeenOmgekeerdeFiltersMixin):
            admin_class = type(admin_class.__name__, (GeenOmgekeerdeFiltersMixin, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        # One login for staff: password, then TOTP (kern.views). Never the
        # admin's password-only form.
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"),
            login_url=reverse(settings.LOGIN_URL),
        )

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_panelen": dashboard_panelen(request.user)}
        return super().index(request, extra_context)


def dashboard_panelen(gebruiker) -> list[dict]:
    """Panels for the admin index, contributed by each app's `dashboard.py`
    (`panelen(*, user) -> list[dict]` with titel, items [(tekst, url, klasse)], leeg).
    kern knows no domain model; each app filters by what the user may see."""
    panelen = []
    for _config, module in app_modules("dashboard"):
        panelen.extend(module.panelen(user=gebruiker))
    return panelen
