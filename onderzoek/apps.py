from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnderzoekConfig(AppConfig):
    name = "onderzoek"
    verbose_name = _("Onderzoek")

    def ready(self):
        # The mailbox calls back on the melder's answers (DESIGN.md §7); meldingen
        # never imports onderzoek.
        from meldingen.constants import VerzoekSoort
        from meldingen.verzoeken import afhandeling_registreren
        from onderzoek import services

        # Art. 10.5: comments on the concept report.
        afhandeling_registreren(VerzoekSoort.CONCEPTRAPPORT_OPMERKINGEN, services.conceptrapport_opmerkingen_afhandelen)
        # Art. 12.1: the reaction to report and standpunt.
        afhandeling_registreren(VerzoekSoort.STANDPUNT_REACTIE, services.standpunt_reactie_afhandelen)
        # Art. 10.1: a copy of the approved record of the melder's hearing.
        afhandeling_registreren(VerzoekSoort.VASTLEGGING_GOEDKEUREN, services.vastlegging_goedgekeurd_afhandelen)
