"""Referrals and support offered to the melder: advice of the Huis voor
Klokkenluiders (Art. 2.3), psychosocial support, mediation and legal aid
(Kamerbrief 9 August 2021), each with date and outcome."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from benadeling.constants import VerwijzingSoort, VerwijzingUitkomst
from benadeling.models import Verwijzing
from benadeling.selectors import BENADELING_ROLLEN
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.models import Melding


@transaction.atomic
def verwijzing_aanbieden(
    *, melding: Melding, soort: VerwijzingSoort | str, aangeboden_op: date, door: Gebruiker, toelichting: str = ""
) -> Verwijzing:
    toegang.vereis_toewijzing(melding=melding, door=door, rollen=BENADELING_ROLLEN)
    if aangeboden_op is None:
        raise ValidationError({"aangeboden_op": _("Vul de datum in.")})
    verwijzing = Verwijzing.objects.create(
        melding=melding,
        soort=VerwijzingSoort(soort),
        aangeboden_op=aangeboden_op,
        door=door,
        uitkomst=VerwijzingUitkomst.AANGEBODEN,
        toelichting=toelichting.strip(),
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=verwijzing, toelichting=str(soort))
    return verwijzing


@transaction.atomic
def verwijzing_uitkomst_vastleggen(
    *,
    verwijzing: Verwijzing,
    uitkomst: VerwijzingUitkomst | str,
    uitkomst_op: date,
    door: Gebruiker,
    toelichting: str = "",
) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    toegang.vereis_toewijzing(melding=verwijzing.melding, door=door, rollen=BENADELING_ROLLEN)
    uitkomst = VerwijzingUitkomst(uitkomst)
    if uitkomst == VerwijzingUitkomst.AANGEBODEN:
        raise ValidationError({"uitkomst": _("Kies wat er met het aanbod is gebeurd.")})
    if uitkomst_op is None or uitkomst_op < verwijzing.aangeboden_op:
        raise ValidationError({"uitkomst_op": _("De datum van de uitkomst ligt niet voor het aanbod.")})
    verwijzing.uitkomst, verwijzing.uitkomst_op = uitkomst, uitkomst_op
    if toelichting.strip():
        verwijzing.toelichting = toelichting.strip()
    verwijzing.save(update_fields=["uitkomst", "uitkomst_op", "toelichting", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verwijzing, toelichting=f"uitkomst {uitkomst}")
    return verwijzing
