"""What meldingen keeps and removes when a case is destroyed (docs/retention.md).

Called by meldingen.services.bewaring.melding_vernietigen, after the higher
apps removed their rows. Kept: the register row's coarse facts (soort,
category, channel, way, anonymity choice, relation, discrimination grounds),
the statutory terms (dates and met/missed, no text) with their Art. 11.2
extensions (dates only) and the timeline. Removed:
identity, the adviser, mailbox content and unsent notices to the melder,
messages, attachments, letters, records, requests, consents, persons concerned
and their access requests, the melder's requests to erase the identity, links,
reasons.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from kern import post
from kern.kalender import lokale_datum
from meldingen.constants import GESLOTEN_STATUSSEN, Status
from meldingen.jaarcijfers import termijnsoorten_in_verslag
from meldingen.models import (
    Bericht,
    Betrokkene,
    Bewaarblokkade,
    Bijlage,
    Brief,
    GebeurtenisToelichting,
    Inhoudsverwijdering,
    Inzageverzoek,
    MelderAdviseur,
    MelderIdentiteit,
    Melding,
    MeldingKoppeling,
    Meldingsbox,
    Termijn,
    Toestemming,
    Vastlegging,
    Verzoek,
    Wissingsverzoek,
)
from meldingen.services.bewaring import rijen_verwijderen
from meldingen.services.notificaties import SOORT_MELDER

# The Melding fields that hold what the melder wrote: emptied, never kept.
INHOUDSVELDEN = (
    "omschrijving",
    "wanneer",
    "waar",
    "betrokkenen_omschrijving",
    "eerdere_meldingen",
    "relatie_toelichting",
)


def bewaarfeiten(*, melding: Melding) -> dict:
    termijnen = [
        [soort, gesloten_op <= due, round((gesloten_op - melding.ontvangen_op).total_seconds() / 86400, 3)]
        for soort, gesloten_op, due in Termijn.objects.filter(
            melding=melding,
            soort__in=[waarde for waarde, _label in termijnsoorten_in_verslag()],
            gesloten_op__isnull=False,
        ).values_list("soort", "gesloten_op", "due")
    ]
    # An open term past its due date was missed (docs/termijnen.md): kept as such,
    # so the year's figures are the same before and after destruction.
    termijnen += [
        [soort, False, None]
        for soort in Termijn.objects.filter(
            melding=melding, soort__in=[waarde for waarde, _label in termijnsoorten_in_verslag()]
        )
        .verlopen(nu=timezone.now())
        .values_list("soort", flat=True)
    ]
    return {
        "soort": melding.soort,
        "categorie": melding.categorie,
        "kanaal": melding.kanaal,
        "wijze": melding.wijze,
        "identiteitskeuze": melding.identiteitskeuze,
        "relatie": melding.relatie,
        "discriminatiegronden": list(melding.discriminatiegronden or []),
        "hl_betrokken": melding.hl_betrokken,
        "ontvangen_op": lokale_datum(melding.ontvangen_op).isoformat(),
        "status": melding.status,
        "ingetrokken": melding.status == Status.INGETROKKEN,
        "termijnen": termijnen,
    }


def gegevens_verwijderen(*, melding: Melding) -> list[str]:

    assert melding.status in GESLOTEN_STATUSSEN
    namen: list[str] = []
    # Order: rows that PROTECT others go first (a consent or a record points at
    # its signed attachment; a consent at its request).
    for qs in (
        Toestemming.objects.filter(melding=melding),
        Vastlegging.objects.filter(melding=melding),
        Verzoek.objects.filter(melding=melding),
        Inzageverzoek.objects.filter(melding=melding),
        Betrokkene.objects.filter(melding=melding),
        Bijlage.objects.filter(melding=melding),
        Bericht.objects.filter(melding=melding),
        Brief.objects.filter(melding=melding),
        MelderIdentiteit.objects.filter(melding=melding),
        # AVG art. 17: the melder's requests to erase their identity; a refusal's
        # reason is free text about the case (its term stays, dates only).
        Wissingsverzoek.objects.filter(melding=melding),
        # Art. 7.4: the adviser's identity is protected as the melder's.
        MelderAdviseur.objects.filter(melding=melding),
        MeldingKoppeling.objects.filter(Q(van=melding) | Q(naar=melding)),
        Inhoudsverwijdering.objects.filter(melding=melding),
        # The staff's free-text reasons of timeline events, the reason of an Art. 11.2
        # extension among them: kept apart from the append-only timeline (and
        # Verlenging) rows exactly so they can go here (docs/threat-model.md §6).
        GebeurtenisToelichting.objects.filter(gebeurtenis__melding=melding),
        # An active hold makes destruction impossible; lifted ones hold reasons.
        Bewaarblokkade.objects.filter(melding=melding, opgeheven_op__isnull=False),
    ):
        namen += rijen_verwijderen(qs)
    # A term closed by hand has a reason that may describe the case.
    Termijn.objects.filter(melding=melding, gesloten_reden__isnull=False).update(gesloten_reden="")
    # The mailbox row stays so its code can say "destroyed on <date>"; the
    # address for notices goes, with the notices to it still in the outbox.
    for adres in Meldingsbox.objects.filter(melding=melding).values_list("notificatie_email", flat=True):
        post.wachtende_berichten_intrekken(soort=SOORT_MELDER, adres=adres)
    Meldingsbox.objects.filter(melding=melding).update(notificatie_email="")
    for veld in INHOUDSVELDEN:
        setattr(melding, veld, "")
    melding.save(update_fields=[*INHOUDSVELDEN, "updated_at"])
    return namen
