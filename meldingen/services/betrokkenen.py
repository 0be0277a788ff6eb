"""Persons concerned: recorded on the case, informed or not with a reason (Art. 9.6, 11.4)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, uitbreidingen
from meldingen.models import Betrokkene, Melding
from meldingen.overgangen import vereis_lopende_procedure


@transaction.atomic
def betrokkene_toevoegen(
    *, melding: Melding, naam: str, door: Gebruiker, functie: str = "", gebruiker: Gebruiker | None = None
) -> Betrokkene:
    toegang.vereis_permissie(user=door, perm="meldingen.change_melding", obj=melding)
    # Art. 9.6: recording persons concerned belongs to the handling of the report.
    vereis_lopende_procedure(melding)
    if not naam.strip():
        raise ValidationError({"naam": _("Vul de naam van de betrokkene in.")})
    betrokkene = Betrokkene.objects.create(
        melding=melding, naam=naam.strip(), functie=functie.strip(), gebruiker=gebruiker
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=auditnotities.BETROKKENE_TOEGEVOEGD()
    )
    # A person recorded after something the persons concerned are owed was sent
    # (Art. 11.4) starts its term again: the app that owns it registered the hook.
    uitbreidingen.na_betrokkene_toevoegen(betrokkene=betrokkene)
    return betrokkene


@transaction.atomic
def betrokkene_geinformeerd(*, betrokkene: Betrokkene, door: Gebruiker) -> Betrokkene:
    """Art. 9.6: the persons concerned are informed about the report."""
    toegang.vereis_permissie(user=door, perm="meldingen.change_melding", obj=betrokkene.melding)
    betrokkene.geinformeerd_op = timezone.now()
    betrokkene.reden_niet_informeren, betrokkene.herzien_op = "", None
    betrokkene.save(update_fields=["geinformeerd_op", "reden_niet_informeren", "herzien_op", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=betrokkene.melding,
        toelichting=auditnotities.BETROKKENE_GEINFORMEERD(),
    )
    return betrokkene


@transaction.atomic
def betrokkene_informeren_uitstellen(
    *, betrokkene: Betrokkene, reden: str, herzien_op: date, door: Gebruiker
) -> Betrokkene:
    """Art. 9.6 / 11.4: not (yet) informing needs the investigation or enforcement
    interest as reason, and a date to revisit it."""
    toegang.vereis_permissie(user=door, perm="meldingen.change_melding", obj=betrokkene.melding)
    if not reden.strip():
        raise ValidationError(
            {"reden": _("Leg vast welk onderzoeks- of handhavingsbelang zich verzet tegen informeren.")}
        )
    if herzien_op <= timezone.localdate():
        raise ValidationError({"herzien_op": _("Kies een datum in de toekomst om de reden opnieuw te bekijken.")})
    betrokkene.reden_niet_informeren, betrokkene.herzien_op = reden.strip(), herzien_op
    betrokkene.save(update_fields=["reden_niet_informeren", "herzien_op", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=betrokkene.melding,
        toelichting=auditnotities.INFORMEREN_UITGESTELD(),
    )
    return betrokkene
