from django.db import models
from django.utils.translation import gettext_lazy as _


class BesluitSoort(models.TextChoices):
    """The HL's decision on a forwarded report (Art. 9.1–9.3)."""

    ONDERZOEK = "onderzoek", _("Onderzoek instellen")
    GEEN_REDELIJKE_GRONDEN = (
        "geen_redelijke_gronden",
        _("Geen onderzoek: het vermoeden berust niet op redelijke gronden"),
    )
    GEEN_MISSTAND = "geen_misstand", _("Geen onderzoek: het gemelde betreft op voorhand duidelijk geen misstand")
    DOORVERWIJZEN = "doorverwijzen", _("Doorverwijzen (integriteitscommissie, externe instantie)")


GEEN_ONDERZOEK = frozenset({BesluitSoort.GEEN_REDELIJKE_GRONDEN, BesluitSoort.GEEN_MISSTAND})


class OnderzoekSoort(models.TextChoices):
    ORIENTEREND = "orienterend", _("Oriënterend onderzoek")
    FEITENONDERZOEK = "feitenonderzoek", _("Feitenonderzoek")
    AANVULLEND = "aanvullend", _("Aanvullend of nieuw onderzoek (Art. 12.2)")
    BENADELING = "benadeling", _("Onderzoek naar benadeling (Art. 13)")


# The requests to the melder this app registers in meldingen (meldingen.uitbreidingen,
# in OnderzoekConfig.ready). Art. 10.5: comments on the concept report.
CONCEPTRAPPORT_OPMERKINGEN = "conceptrapport_opmerkingen"
# Art. 12.1: the melder's reaction to report and standpunt.
STANDPUNT_REACTIE = "standpunt_reactie"

# The term this app registers (meldingen.uitbreidingen.termijnsoort_registreren).
# Art. 11.4: the date to revisit why a person concerned is not (yet) told of the
# standpunt (Termijn.onderwerp "betrokkene:<id>").
TERMIJN_BETROKKENE_HERZIEN = "betrokkene_herzien"
# The timeline event that closes such a revisit term (a registered Gebeurtenis kind).
BETROKKENE_GEINFORMEERD = "betrokkene_geinformeerd"
# Art. 11.4: telling the persons concerned of a standpunt, or recording why not yet
# (Termijn.onderwerp "standpunt:<id>", or "standpunt:<id>:betrokkene:<id>" when a person
# recorded later starts it again), within MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN;
# closed by the timeline event that every person concerned was dealt with.
TERMIJN_BETROKKENEN_STANDPUNT = "betrokkenen_standpunt"
BETROKKENEN_STANDPUNT_AFGEHANDELD = "betrokkenen_standpunt_afgehandeld"
# The timeline event of an investigation of the report ended by the melder's
# withdrawal (a registered Gebeurtenis kind, OnderzoekStatus.BEEINDIGD_DOOR_INTREKKING).
ONDERZOEK_BEEINDIGD_INTREKKING = "onderzoek_beeindigd_intrekking"
# Art. 12.2: the employer's substantive answer to a reasoned reaction of the melder
# on report and standpunt (Termijn.onderwerp "wederhoor:<id>"); the regulation gives
# no length, the installation does (MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN).
TERMIJN_WEDERHOOR_ANTWOORD = "wederhoor_antwoord"


def wederhooronderwerp(wederhoor) -> str:
    """The subject of the Art. 12.2 answer term of one reaction (docs/termijnen.md)."""
    return f"wederhoor:{wederhoor.pk}"


def termijnonderwerp(onderzoek) -> str:
    """The subject of an investigation's own terms (docs/termijnen.md)."""
    return f"onderzoek:{onderzoek.pk}"


class OnderzoekStatus(models.TextChoices):
    """The states of an investigation (onderzoek.workflow, docs/toestanden.md)."""

    # The HL signed the mandate (Art. 9.4); investigators are being assigned.
    INGESTELD = "ingesteld", _("Ingesteld")
    # The melder knows who investigates (Art. 9.5); the investigators work (Art. 10).
    LOOPT = "loopt", _("Loopt")
    # The report is fixed (Art. 10.6).
    AFGEROND = "afgerond", _("Rapport vastgesteld")
    # Ended without a report, for a reason the HL signed (Art. 11.1).
    ZONDER_RAPPORT = "zonder_rapport", _("Beëindigd zonder rapport")
    # Ended because the melder withdrew the report (docs/toestanden.md): there
    # is no report left to investigate and no standpunt follows. Not an outcome of
    # Art. 10.6 or 11.1, so not in BEEINDIGD below; never an Art. 13 investigation
    # of the melder's treatment, which goes on (Art. 5, 13.2).
    BEEINDIGD_DOOR_INTREKKING = "beeindigd_intrekking", _("Beëindigd: de melder trok de melding in")


# An investigation in one of these states has nothing more to do before the standpunt.
BEEINDIGD = frozenset({OnderzoekStatus.AFGEROND, OnderzoekStatus.ZONDER_RAPPORT})


class KennisgevingFase(models.TextChoices):
    """When the HL assessed whether an external authority is to be notified."""

    BIJ_BESLUIT = "bij_besluit", _("Bij het besluit over de melding (Art. 9.3)")
    NA_ONDERZOEK = "na_onderzoek", _("Na afronding van het onderzoek (Art. 11.3)")


class StandpuntUitkomst(models.TextChoices):
    """The substance of the employer's standpunt (Art. 11.1), for the annual
    report's indication of outcomes (Art. 14.2 b)."""

    GEGROND = "gegrond", _("Het vermoeden is bevestigd")
    DEELS_GEGROND = "deels_gegrond", _("Het vermoeden is gedeeltelijk bevestigd")
    ONGEGROND = "ongegrond", _("Het vermoeden is niet bevestigd")
    ONBESLIST = "onbeslist", _("Niet vast te stellen")


class RapportStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class Gehoorde(models.TextChoices):
    """Who was heard (Art. 10.1–10.2)."""

    MELDER = "melder", _("De melder (Art. 10.1)")
    ANDER = "ander", _("Een ander (Art. 10.2)")


class StukHerkomst(models.TextChoices):
    """How a document reached the investigators (Art. 10.3–10.4)."""

    OPGEVRAAGD = "opgevraagd", _("Ingezien of opgevraagd door de onderzoekers (Art. 10.3)")
    VERSTREKT = "verstrekt", _("Verstrekt door een werknemer (Art. 10.4)")
