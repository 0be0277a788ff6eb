from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnderzoekConfig(AppConfig):
    name = "onderzoek"
    verbose_name = _("Onderzoek")

    def ready(self):
        # The mailbox calls back on the melder's answers (meldingen.uitbreidingen);
        # meldingen never imports onderzoek. Imported here, not at the top: services
        # import models, which are not loaded when Django imports this AppConfig.
        # Importing services also imports onderzoek.overgangen, which registers the
        # preconditions of both tables (kern.overgangen).
        from meldingen import uitbreidingen
        from meldingen.constants import VerzoekSoort
        from onderzoek import constants, services

        # Art. 10.5: comments on the concept report.
        uitbreidingen.verzoeksoort_registreren(
            constants.CONCEPTRAPPORT_OPMERKINGEN, _("Opmerkingen op het conceptrapport")
        )
        uitbreidingen.afhandeling_registreren(
            constants.CONCEPTRAPPORT_OPMERKINGEN, services.conceptrapport_opmerkingen_afhandelen
        )
        # Art. 12.1: the reaction to report and standpunt.
        uitbreidingen.verzoeksoort_registreren(constants.STANDPUNT_REACTIE, _("Reactie op het standpunt"))
        uitbreidingen.afhandeling_registreren(constants.STANDPUNT_REACTIE, services.standpunt_reactie_afhandelen)
        # Art. 10.1: a copy of the approved record of the melder's hearing.
        uitbreidingen.afhandeling_registreren(
            VerzoekSoort.VASTLEGGING_GOEDKEUREN, services.vastlegging_goedgekeurd_afhandelen
        )
        # Withdrawal (docs/toestanden.md): the melder's withdrawal ends every running
        # investigation of the report itself, in the withdrawal's transaction, and
        # its investigators lose access; an Art. 13 investigation goes on (Art. 5, 13.2).
        uitbreidingen.bij_intrekking_registreren(services.onderzoeken_beeindigen_na_intrekking)
        uitbreidingen.gebeurtenissoort_registreren(
            constants.ONDERZOEK_BEEINDIGD_INTREKKING, _("Onderzoek beëindigd: de melder trok de melding in")
        )
        # Art. 11.4: the reminder at the date to revisit not telling a person concerned.
        # It outlives closing the report: the person must still be told later.
        uitbreidingen.termijnsoort_registreren(
            uitbreidingen.Termijnsoort(
                constants.TERMIJN_BETROKKENE_HERZIEN,
                _("Betrokkene: reden om niet te informeren herzien (Art. 11.4)"),
                herinneren_dagen_voor=0,
                blijft_na_afsluiten=True,
            )
        )
        uitbreidingen.gebeurtenissoort_registreren(
            constants.BETROKKENE_GEINFORMEERD, _("Betrokkene over het standpunt geïnformeerd (Art. 11.4)")
        )
        # Art. 11.4: the persons concerned told of the standpunt, or why not yet, one term
        # per standpunt. Closing the case is refused while it is owed (betrokkenen_standpunt).
        uitbreidingen.termijnsoort_registreren(
            uitbreidingen.Termijnsoort(
                constants.TERMIJN_BETROKKENEN_STANDPUNT,
                _("Betrokkenen over het standpunt informeren (Art. 11.4)"),
                herinneren_dagen_voor=3,
            )
        )
        # A person concerned recorded after the standpunt starts that term again when
        # none is open (meldingen calls the hook inside betrokkene_toevoegen).
        uitbreidingen.bij_betrokkene_registreren(services.betrokkene_na_standpunt_termijn_starten)
        uitbreidingen.gebeurtenissoort_registreren(
            constants.BETROKKENEN_STANDPUNT_AFGEHANDELD,
            _("Iedere betrokkene over het standpunt geïnformeerd, of vastgelegd waarom nog niet (Art. 11.4)"),
        )
        # Art. 12.2: the substantive answer to a reasoned reaction of the melder, one
        # term per reaction. Closing the case is refused while it is owed
        # (reactie_beantwoord), so closing never voids it; withdrawal does.
        uitbreidingen.termijnsoort_registreren(
            uitbreidingen.Termijnsoort(
                constants.TERMIJN_WEDERHOOR_ANTWOORD,
                _("Reactie van de melder inhoudelijk beantwoorden (Art. 12.2)"),
                herinneren_dagen_voor=7,
            )
        )
