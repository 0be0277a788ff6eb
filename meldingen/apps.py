from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # meldingen's own answer handlers use the same extension point as the higher
        # apps' (meldingen.uitbreidingen); imported here because services import models.
        from django.db.models.signals import post_migrate

        from kern.rollen import BESCHERMINGSBRONNEN
        from meldingen import uitbreidingen
        from meldingen.constants import VerzoekSoort
        from meldingen.services import meldingsbox, register, rolwijzigingen, toestemming

        uitbreidingen.afhandeling_registreren(VerzoekSoort.VASTLEGGING_GOEDKEUREN, meldingsbox.vastlegging_afhandelen)
        uitbreidingen.afhandeling_registreren(VerzoekSoort.TOESTEMMING, toestemming.toestemming_afhandelen)
        # An assignment or a function, ever, protects an account against resets
        # from the admin (kern.rollen.is_beschermd; docs/threat-model.md §3).
        BESCHERMINGSBRONNEN.append(rolwijzigingen.heeft_toewijzing_of_functie)
        # A rebuilt permission table (migrate, test flush) has new ids.
        post_migrate.connect(register.permissie_ids_vergeten, dispatch_uid="meldingen_permissie_ids_vergeten")
