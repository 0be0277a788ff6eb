from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenadelingConfig(AppConfig):
    name = "benadeling"
    verbose_name = _("Benadeling")

    def ready(self):
        # meldingen never imports benadeling: benadeling adds its kinds and hooks
        # through meldingen's extension points (meldingen.uitbreidingen). Imported
        # here, not at the top: these modules import models, which are not loaded
        # when Django imports this AppConfig.
        from benadeling import constants, melder, selectors, termijnen
        from benadeling.selectors import blijvend
        from benadeling.services import reactie, vastleggingen
        from meldingen import uitbreidingen

        # Art. 6.1: the risk conversation's term, started when the contactpersoon is appointed.
        uitbreidingen.termijnsoort_registreren(termijnen.TERMIJNSOORT)
        uitbreidingen.gebeurtenissoort_registreren(constants.RISICOGESPREK_VASTGELEGD, termijnen.GEBEURTENIS_LABEL)
        uitbreidingen.bij_toewijzing_registreren(termijnen.risicogesprek_termijn_starten)
        # Art. 6.3, 13.1: acting on a claim and deciding on a request, one term each.
        uitbreidingen.termijnsoort_registreren(termijnen.CLAIM_TERMIJNSOORT)
        uitbreidingen.termijnsoort_registreren(termijnen.VERZOEK_TERMIJNSOORT)
        # Art. 13.2 with 11.1: the standpunt of a still-running investigation into the
        # treatment outlives closing and withdrawing the report (a STANDPUNT term of
        # its own subject; the report's own standpunt term still ends with the case).
        uitbreidingen.blijvende_termijnen_registreren(termijnen.lopende_standpunttermijnen)
        # Art. 5, 6.2-6.3, 13.2 with 10.1, 10.5 and 12.1: withdrawing the report leaves
        # the melder's requests of those procedures open (the record of retaliation to
        # approve, the hearing record and concept report of a running investigation,
        # the reaction to its standpunt).
        uitbreidingen.blijvende_verzoeken_registreren(blijvend.blijvende_melderverzoeken)
        for soort, label in termijnen.GEBEURTENISSEN.items():
            uitbreidingen.gebeurtenissoort_registreren(soort, label)
        # Art. 6.1–6.2: a record put to the melder, and the melder's answer on it.
        uitbreidingen.verzoeksoort_registreren(constants.VASTLEGGING_GOEDKEUREN, _("Verslag goedkeuren of verbeteren"))
        uitbreidingen.afhandeling_registreren(constants.VASTLEGGING_GOEDKEUREN, vastleggingen.verzoek_afhandelen)
        for object_type in ("benadeling.risicoanalyse", "benadeling.benadelingsmelding"):
            uitbreidingen.weergave_registreren(object_type, selectors.vastlegging_weergave)
        # Art. 12.1-12.2 via 13.2: the melder's reaction to the standpunt after an
        # investigation into the treatment, what they read of it, and the term of the
        # answer to a reasoned one (it outlives the report, as the protection does).
        uitbreidingen.verzoeksoort_registreren(
            constants.STANDPUNT_REACTIE_BENADELING, _("Reactie op het standpunt na onderzoek naar benadeling")
        )
        uitbreidingen.afhandeling_registreren(
            constants.STANDPUNT_REACTIE_BENADELING, reactie.onderzoeksverzoek_reactie_afhandelen
        )
        uitbreidingen.weergave_registreren("benadeling.onderzoeksverzoek", selectors.standpunt_weergave)
        uitbreidingen.termijnsoort_registreren(termijnen.REACTIE_ANTWOORD_TERMIJNSOORT)
        # Art. 6.2, 13.1, 13.3: retaliation in the mailbox.
        uitbreidingen.sectie_registreren("benadeling", melder.box_sectie)
        # Art. 5.1, 5.4: a melder who gave an identity is a protected person from the report on.
        uitbreidingen.bij_indiening_registreren(melder.melder_beschermen)
        # AVG art. 17: erasing the identity erases the protected-person row's copies of
        # its blind indexes; protection stays, HR's check no longer recognises the melder.
        uitbreidingen.identiteitswissing_registreren(melder.IDENTITEITSDEELNEMER)
