"""The meeting the melder asked for (Art. 3.4 3°): the report form asks whether the
melder wants to meet in person; the case screen shows it, a term runs from receipt
(TermijnSoort.GESPREK) and the receiving officer records the meeting held or
offered, which closes it (docs/termijnen.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import GebeurtenisSoort, TermijnSoort, ToewijzingRol
from meldingen.models import Gebeurtenis, Melding, Termijn
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.services.termijnen import termijnen_sluiten_door_gebeurtenis

# What the officer records: technical, never what was said (the record of the
# meeting itself goes through vastlegging_voorleggen, Art. 8.1-8.2).
GEVOERD = "gevoerd"
AANGEBODEN = "aangeboden"


@transaction.atomic
def gesprek_vastleggen(*, melding: Melding, uitkomst: str, door: Gebruiker) -> Melding:
    """Art. 3.4 3°: the receiving officer held the meeting the melder asked for, or
    offered one (a date proposed in the mailbox); either closes the term."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvanger van de melding legt het gesprek met de melder vast."),
    )
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_lopende_procedure(melding)
    if uitkomst not in (GEVOERD, AANGEBODEN):
        raise ValidationError({"uitkomst": _("Kies of het gesprek is gevoerd of aangeboden.")})
    if not Termijn.objects.open().filter(melding=melding, soort=TermijnSoort.GESPREK).exists():
        raise ValidationError(_("De melder heeft geen gesprek gevraagd, of het gesprek is al vastgelegd (Art. 3.4)."))
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.GESPREK_VASTGELEGD, artikel="Art. 3.4", door=door, toelichting=uitkomst
    )
    termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(TermijnSoort.GESPREK,))
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.GESPREK(uitkomst=uitkomst)
    )
    return melding
