from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # Registers the mailbox's own request handlers (meldingen.verzoeken).
        from meldingen.services import meldingsbox, toestemming  # noqa: F401
