from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self):
        # meldingen never imports rapportage: rapportage adds through meldingen's
        # extension points (meldingen.uitbreidingen). Imported here, not at the top:
        # these modules import models, not loaded when Django imports this AppConfig.
        from meldingen import uitbreidingen
        from rapportage import selectors, termijnen

        # Art. 14.2: the annual report's term, per organisation.
        uitbreidingen.termijnsoort_registreren(termijnen.TERMIJNSOORT)
        # Art. 14.1: the public form links to the published regulation.
        uitbreidingen.regeling_registreren(selectors.regeling_publieke_url)
