"""An organisation's shorter terms: never longer than the law or the
installation's "onverwijld" (docs/termijnen.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern.models import AuditActie, AuditCategorie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, deadlines
from meldingen.models import Organisatie, TermijnInstelling


def termijnlengtes(*, organisatie: Organisatie) -> deadlines.Termijnlengtes:
    """The lengths in force for an organisation: its shorter terms where configured."""
    maximum = deadlines.maximale_lengtes(
        doorsturen_dagen=settings.MELDPUNT_TERMIJN_DOORSTUREN_DAGEN,
        contactpersoon_dagen=settings.MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN,
    )
    if Organisatie.termijninstelling.is_cached(organisatie):
        # Read with the organisation (the public form's select_related): no query.
        instelling = getattr(organisatie, "termijninstelling", None)
    else:
        instelling = TermijnInstelling.objects.filter(organisatie=organisatie).first()
    if instelling is None:
        return maximum
    return deadlines.lengtes_met_instelling(maximum, instelling.als_dict())


def termijninstelling_valideren(*, waarden: dict[str, int | None]) -> None:
    """Refuse a configuration with any longer term as a whole (notes 25–26: "Een
    langere termijn dan drie maanden is niet toegestaan"; the same for every term)."""
    maximum = deadlines.maximale_lengtes(
        doorsturen_dagen=settings.MELDPUNT_TERMIJN_DOORSTUREN_DAGEN,
        contactpersoon_dagen=settings.MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN,
    )
    fouten = deadlines.te_lange_termijnen(waarden, maximum)
    if fouten:
        raise ValidationError(
            {
                veld: _(
                    "Een organisatie mag alleen kortere termijnen instellen: ten hoogste %(max)s. "
                    "De instelling is niet opgeslagen; de wettelijke termijnen blijven gelden."
                )
                % {"max": maximum_waarde}
                for veld, maximum_waarde in fouten.items()
            }
        )


@transaction.atomic
def termijninstelling_opslaan(*, organisatie: Organisatie, door: Gebruiker, **waarden: int | None) -> TermijnInstelling:
    """Store an organisation's shorter terms; a longer one refuses the whole change."""
    onbekend = set(waarden) - set(deadlines.LENGTE_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown term fields: {sorted(onbekend)}")
    termijninstelling_valideren(waarden=waarden)
    instelling, _nieuw = TermijnInstelling.objects.update_or_create(organisatie=organisatie, defaults=waarden)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=instelling,
        toelichting=auditnotities.TERMIJNEN_INGESTELD(),
        categorie=AuditCategorie.BEHEER,
    )
    return instelling
