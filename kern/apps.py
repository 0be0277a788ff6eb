from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KernConfig(AppConfig):
    default = True
    name = "kern"
    verbose_name = _("Kern")

    def ready(self):
        # Imported here, not at the top: kern.rollen imports models, which are not
        # loaded yet when Django imports this AppConfig; kern.checks registers the
        # deploy check of the app database role.
        from kern import checks, rollen, verbindingen  # noqa: F401

        # Roles are groups with model permissions; kept in sync after every migrate
        # (idempotent), and on demand with `manage.py rollen_bijwerken`.
        post_migrate.connect(rollen.na_migratie, dispatch_uid="kern.rollen.na_migratie")
        # A kept connection whose prepared statement a migration made stale is replaced
        # after its first refusal (kern.verbindingen).
        connection_created.connect(verbindingen.bij_nieuwe_verbinding, dispatch_uid="kern.verbindingen")


class MeldpuntAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "kern.admin_site.MeldpuntAdminSite"
