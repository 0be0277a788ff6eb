from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # Registers the mailbox's own request handlers (meldingen.verzoeken).
        from django.db.models.signals import post_migrate

        from meldingen.services import meldingsbox, register, toestemming  # noqa: F401

        # A rebuilt permission table (migrate, test flush) has new ids.
        post_migrate.connect(register.permissie_ids_vergeten, dispatch_uid="meldingen_permissie_ids_vergeten")
