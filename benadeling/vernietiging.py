"""What benadeling keeps and removes when a case is destroyed (docs/retention.md).

Kept for the annual report (Art. 14.2 c–d), each with the year it counts in:
the outcome of each approved retaliation claim, each request for investigation
with its outcome and standpunt, each intended measure under the motivation
duty with its state, the kind of each measure and referral. Removed: the
protected persons, risk analyses, claims, measures, motivations, requests,
referrals, copies and file exports, with their stored files, and HR's checks
(Art. 5.4) that opened a task on this case and on no case still kept.

HR's checks that opened no task belong to no case: the nightly job removes
them once their own period has passed (`vervallen_verwijderen`,
benadeling.services.bewaring).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from benadeling.models import (
    Afschrift,
    Benadelingsmelding,
    BeschermdPersoon,
    DossierExport,
    Maatregel,
    Motivering,
    Onderzoeksverzoek,
    Risicoanalyse,
    Verwijzing,
    VoorgenomenMaatregel,
)
from benadeling.services.bewaring import toetsen_met_de_melding_verwijderen, vervallen_toetsen_verwijderen
from kern.vastleggingen import VastleggingStatus
from meldingen.models import Melding, Vernietigingsbatch
from meldingen.services.bewaring import rijen_verwijderen, versies_verwijderen


def _jaar(moment) -> int:
    # created_at__year in the providers counts in the current time zone.
    return timezone.localtime(moment).year


def bewaarfeiten(*, melding: Melding) -> dict:
    return {
        "claims": [
            [_jaar(c), u]
            for c, u in Benadelingsmelding.objects.filter(
                melding=melding, status=VastleggingStatus.GOEDGEKEURD
            ).values_list("created_at", "uitkomst")
        ],
        "verzoeken": [
            [_jaar(c), u, s]
            for c, u, s in Onderzoeksverzoek.objects.filter(melding=melding).values_list(
                "created_at", "uitkomst", "standpunt_uitkomst"
            )
        ],
        "voornemens": [
            [_jaar(c), s]
            for c, s in VoorgenomenMaatregel.objects.filter(melding=melding, motivering_vereist=True).values_list(
                "created_at", "status"
            )
        ],
        "maatregelen": [
            [_jaar(c), s] for c, s in Maatregel.objects.filter(melding=melding).values_list("created_at", "soort")
        ],
        "verwijzingen": [
            [_jaar(c), s] for c, s in Verwijzing.objects.filter(melding=melding).values_list("created_at", "soort")
        ],
    }


def gegevens_verwijderen(*, melding: Melding) -> list[str]:
    namen: list[str] = []
    # Art. 5.4: the HR checks behind this case's intended measures; they go once
    # the measures that point at them (FK PROTECT) are gone.
    toets_ids = set(
        VoorgenomenMaatregel.objects.filter(melding=melding, toets__isnull=False).values_list("toets_id", flat=True)
    )
    namen += versies_verwijderen(Motivering.objects.filter(voornemen__melding=melding))
    namen += rijen_verwijderen(VoorgenomenMaatregel.objects.filter(melding=melding))
    toetsen_met_de_melding_verwijderen(toets_ids=toets_ids)
    namen += rijen_verwijderen(BeschermdPersoon.objects.filter(melding=melding))
    namen += versies_verwijderen(Maatregel.objects.filter(melding=melding))
    for model in (Benadelingsmelding, Risicoanalyse, Onderzoeksverzoek, Verwijzing, Afschrift, DossierExport):
        namen += rijen_verwijderen(model.objects.filter(melding=melding))
    return namen


def vervallen_verwijderen(*, batch: Vernietigingsbatch, vandaag: date) -> None:
    """The nightly job's sweep of rows outside any case (meldingen.services.bewaring):
    HR's checks that opened no task, past their period (Art. 5.4)."""
    vervallen_toetsen_verwijderen(batch=batch, vandaag=vandaag)
