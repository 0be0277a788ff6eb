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


class OnderzoekStatus(models.TextChoices):
    LOOPT = "loopt", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")


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
