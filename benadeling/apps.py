from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenadelingConfig(AppConfig):
    name = "benadeling"
    verbose_name = _("Benadeling")
