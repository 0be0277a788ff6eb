from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # meldingen's own answer handlers use the same extension point as the higher
        # apps' (meldingen.uitbreidingen); imported here because services import models.
        from meldingen import uitbreidingen
        from meldingen.constants import VerzoekSoort
        from meldingen.services import meldingsbox, toestemming

        uitbreidingen.afhandeling_registreren(VerzoekSoort.VASTLEGGING_GOEDKEUREN, meldingsbox.vastlegging_afhandelen)
        uitbreidingen.afhandeling_registreren(VerzoekSoort.TOESTEMMING, toestemming.toestemming_afhandelen)
