"""What every transition table shares (docs/toestanden.md): the one error a
service raises for a step its table does not allow. The tables themselves live
with their case type (meldingen.workflow, rapportage.workflow)."""

from django.core.exceptions import ValidationError


class OvergangNietToegestaan(ValidationError):
    """A status change that no row of the case type's transition table allows."""
