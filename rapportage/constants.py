from django.db import models
from django.utils.translation import gettext_lazy as _


class RapportageStatus(models.TextChoices):
    """Stages of the annual report (Art. 14.2-14.4). Transitions: rapportage/workflow.py."""

    CONCEPT = "concept", _("Concept")
    BIJ_OR = "bij_or", _("Ter bespreking bij de ondernemingsraad")
    STANDPUNT_OR = "standpunt_or", _("Standpunt ondernemingsraad ontvangen")
    TER_GOEDKEURING = "ter_goedkeuring", _("Verwerking ter goedkeuring bij de ondernemingsraad")
    GOEDGEKEURD = "goedgekeurd", _("Verwerking goedgekeurd door de ondernemingsraad")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class VersieAanleiding(models.TextChoices):
    """Why a version (a frozen PDF) was made."""

    VOORBEELD = "voorbeeld", _("Voorbeeld voor de hoogste leidinggevende")
    NAAR_OR = "naar_or", _("Concept voor de ondernemingsraad")
    VERWERKING = "verwerking", _("Verwerking van het standpunt van de ondernemingsraad")
    VASTSTELLING = "vaststelling", _("Versie ter vaststelling")


class PdfStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    FOUT = "fout", _("Mislukt")


# Sections of Art. 14.2 whose figures the report shows, in the order of the
# report. Providers (`<app>/jaarcijfers.py`) fill them by key; a key that no
# installed app fills says "geen gegevens beschikbaar" instead of a figure.
ONDERDELEN: list[tuple[str, str, object]] = [
    ("aantal", "14.2 b", _("Aantal meldingen en adviesvragen")),
    ("aard", "14.2 b", _("Aard van de meldingen")),
    ("discriminatiegronden", "14.2 b", _("Ongewenste omgangsvormen: discriminatiegronden")),
    ("anoniem", "14.2 b", _("Anonieme meldingen")),
    ("kanalen", "14.2 b", _("Gebruikte kanalen en wijze van melden")),
    ("afhandeling", "14.2 b", _("Stand van de afhandeling")),
    ("onderzoeken", "14.2 b", _("Uitkomsten van de onderzoeken")),
    ("standpunten", "14.2 b", _("Standpunten van de werkgever")),
    ("termijnen", "14.2 b", _("Termijnen gehaald")),
    ("benadeling_verzoeken", "14.2 d", _("Verzoeken om onderzoek naar benadeling en de uitkomsten")),
    ("benadeling_maatregelen", "14.2 c", _("Maatregelen onder de motiveringsplicht")),
]
ONDERDEEL_SLEUTELS = frozenset(sleutel for sleutel, _artikel, _titel in ONDERDELEN)
