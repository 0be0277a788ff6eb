from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenadelingConfig(AppConfig):
    name = "benadeling"
    verbose_name = _("Benadeling")

    def ready(self):
        # The mailbox is the one channel to the melder (DESIGN.md §7); meldingen never
        # imports benadeling, so benadeling hooks into meldingen's extension points.
        from benadeling import melder, selectors
        from benadeling.services import vastleggingen
        from meldingen import meldingsbox_secties, verzoeken
        from meldingen.constants import VerzoekSoort
        from meldingen.signals import melding_ingediend

        # Art. 6.1–6.2: the melder's answer on a record put to them.
        verzoeken.afhandeling_registreren(
            VerzoekSoort.BENADELING_VASTLEGGING_GOEDKEUREN, vastleggingen.verzoek_afhandelen
        )
        for object_type in ("benadeling.risicoanalyse", "benadeling.benadelingsmelding"):
            verzoeken.weergave_registreren(object_type, selectors.vastlegging_weergave)
        # Art. 6.2, 13.1, 13.3: retaliation in the mailbox.
        meldingsbox_secties.sectie_registreren("benadeling", melder.box_sectie)
        # Art. 5.1, 5.4: a melder who gave an identity is a protected person.
        melding_ingediend.connect(melder.melder_beschermen, dispatch_uid="benadeling_melder_beschermen")
