from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OidcConfig(AppConfig):
    name = "kern.oidc"
    label = "kern_oidc"
    verbose_name = _("Inloggen via de identiteitsprovider")
    default_auto_field = "django.db.models.BigAutoField"
