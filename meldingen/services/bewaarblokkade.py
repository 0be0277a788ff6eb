"""The legal hold (docs/retention.md): while active, a case cannot be destroyed
by any path (meldingen.services.bewaring, and a database trigger)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import BlokkadeReden, GebeurtenisSoort, Status
from meldingen.models import Bewaarblokkade, Gebeurtenis, Melding


def _vereis_toegang(*, melding: Melding, door: Gebruiker) -> None:
    if not toegang.mag(user=door, perm="meldingen.change_melding", obj=melding):
        raise PermissionDenied(_("U mag deze stap op deze melding niet zetten."))


@transaction.atomic
def bewaarblokkade_plaatsen(
    *, melding: Melding, reden: BlokkadeReden | str, toelichting: str = "", door: Gebruiker
) -> Bewaarblokkade:
    """A legal hold stops destruction until it is lifted (docs/retention.md)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _vereis_toegang(melding=melding, door=door)
    if melding.status == Status.VERNIETIGD:
        raise ValidationError(_("Deze melding is al vernietigd."))
    if reden not in BlokkadeReden.values:
        raise ValidationError({"reden": _("Kies de reden van de bewaarblokkade.")})
    if reden == BlokkadeReden.ANDERS and not toelichting.strip():
        raise ValidationError({"toelichting": _("Licht de reden toe.")})
    if melding.bewaarblokkades.filter(opgeheven_op__isnull=True).exists():
        raise ValidationError(_("Op deze melding rust al een bewaarblokkade."))
    blokkade = Bewaarblokkade.objects.create(
        melding=melding, reden=reden, toelichting=toelichting.strip(), geplaatst_door=door
    )
    # The timeline says that a hold was placed, with its kind, never the text.
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.BEWAARBLOKKADE_GEPLAATST, door=door)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=melding,
        toelichting=auditnotities.BEWAARBLOKKADE_GEPLAATST(reden=reden),
    )
    return blokkade


@transaction.atomic
def bewaarblokkade_opheffen(*, melding: Melding, toelichting: str, door: Gebruiker) -> Bewaarblokkade:
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _vereis_toegang(melding=melding, door=door)
    blokkade = melding.bewaarblokkades.filter(opgeheven_op__isnull=True).first()
    if blokkade is None:
        raise ValidationError(_("Op deze melding rust geen bewaarblokkade."))
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef de reden om de bewaarblokkade op te heffen.")})
    blokkade.opgeheven_op = timezone.now()
    blokkade.opgeheven_door = door
    blokkade.opheffen_toelichting = toelichting.strip()
    blokkade.save(update_fields=["opgeheven_op", "opgeheven_door", "opheffen_toelichting", "updated_at"])
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.BEWAARBLOKKADE_OPGEHEVEN, door=door)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.BEWAARBLOKKADE_OPGEHEVEN()
    )
    return blokkade
