"""Starting terms: at receipt, on a transition, on an assignment, and the terms
of an organisation (docs/termijnen.md)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.invoegen import rijen_toevoegen
from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, deadlines, uitbreidingen
from meldingen.constants import GebeurtenisSoort, Soort, Status, TermijnSoort, ToewijzingRol
from meldingen.models import Gebeurtenis, Melding, Organisatie, Termijn
from meldingen.services.termijnen.instellingen import termijnlengtes
from meldingen.services.termijnen.sluiten import termijnen_laten_vervallen, termijnen_sluiten_door_gebeurtenis

T = TermijnSoort

# Which open terms a transition closes (the transition is the satisfying event)
# and which it voids, with the article. Letters that are not transitions (the
# acknowledgement, the refusal and referral letters) close their terms through
# `termijnen_sluiten_door_gebeurtenis`.
SLUIT_BIJ_STATUS: dict[Status, tuple[TermijnSoort, ...]] = {
    # Art. 8.3–8.4: forwarding to the HL (or RvC) is the step ontvangen -> in_behandeling.
    Status.IN_BEHANDELING: (T.DOORSTUREN,),
    # Art. 11.1: not the standpunt transition but its letter closes the standpunt
    # term and the cap, when it reaches the melder: at once, or when the
    # vertrouwenspersoon forwards it (Art. 7.3; onderzoek.services.standpunt).
}

VERVALT_BIJ_STATUS: dict[Status, tuple[TermijnSoort, ...]] = {
    # Art. 9.2: no refusal notice once the HL decides to investigate.
    Status.IN_ONDERZOEK: (T.MEDEDELING_GEEN_ONDERZOEK,),
    # Art. 9.2, 11.1: referred elsewhere; no refusal notice and no standpunt. The
    # referral letter is the feedback and closes the cap when it is sent.
    Status.DOORVERWEZEN: (T.MEDEDELING_GEEN_ONDERZOEK, T.STANDPUNT),
    # Art. 11.1: no investigation, so no standpunt; the refusal letter (Art. 9.2) stays due.
    Status.NIET_IN_ONDERZOEK: (T.STANDPUNT,),
    # Withdrawn by the melder: every open term is void, except (as on closing) a
    # kind that outlives the case: the melder's protection continues (Art. 5).
    Status.INGETROKKEN: None,
    # Closed (Art. 9.2-9.3, 12.1-12.2): nothing the procedure asked for is still due;
    # every open term of the case is void, except what a higher app registered as
    # outliving the case: a kind (uitbreidingen.Termijnsoort.blijft_na_afsluiten) or
    # one subject's term (uitbreidingen.blijvende_termijnen_registreren).
    Status.AFGESLOTEN: None,
}


# The two ends of a case; each leaves running what uitbreidingen.termijnen_na_afsluiten names.
VERVALT_NA_EINDE = frozenset({Status.AFGESLOTEN, Status.INGETROKKEN})

# meldingen's own kinds that outlive the case: the melder's rights over their data
# hold whatever the state of the report (AVG art. 12(3), 17), so closing or
# withdrawing leaves the answer to a request to erase the identity owed.
BLIJFT_NA_EINDE: tuple[str, ...] = (T.IDENTITEIT_WISSEN,)


def _rij(melding: Melding, berekening: deadlines.Termijnberekening, onderwerp: str = "") -> Termijn:
    return Termijn(
        organisatie_id=melding.organisatie_id,
        melding=melding,
        soort=berekening.soort,
        onderwerp=onderwerp,
        start=berekening.start,
        due=berekening.uiterlijk,
        herinneren_vanaf=deadlines.herinneren_vanaf(berekening.soort, berekening.uiterlijk),
    )


# No savepoint when nested: a failure here fails the whole submission, which
# never catches it (savepoints cost a round trip each on the intake path).
@transaction.atomic(savepoint=False)
def termijnen_starten(*, melding: Melding, door: Gebruiker | None = None, vanaf: datetime | None = None) -> None:
    """Start the terms that run from receipt (Art. 8.3–8.5, 9.2, 11.1, Wbk art. 2).

    An advice request has no statutory terms until the melder consents to formal
    treatment (docs/toestanden.md, `adviesvraag_formeel_maken`). Idempotent: a term
    that already exists is left alone (unique per case and kind).
    """
    if melding.soort != Soort.MELDING:
        return
    # A report at 00:30 local on 1 March starts on 1 March (kern.kalender).
    ontvangen = lokale_datum(vanaf or melding.ontvangen_op)
    lengtes = termijnlengtes(organisatie=melding.organisatie)
    rijen = [_rij(melding, b) for b in deadlines.termijnen_bij_ontvangst(ontvangen, lengtes)]
    if melding.gesprek_gewenst:
        # Art. 3.4 3°: the melder asked for a meeting; it is held or offered within a
        # reasonable time (meldingen.services.gesprek closes the term).
        rijen.append(_rij(melding, deadlines.gesprek_termijn(ontvangen, settings.MELDPUNT_TERMIJN_GESPREK_DAGEN)))
    # On every new report: without the ORM's compiler (kern.invoegen).
    rijen_toevoegen(rijen, conflicten_negeren=True)


@transaction.atomic
def adviesvraag_formeel_maken(*, melding: Melding, door: Gebruiker, toestemming_op: datetime | None = None) -> Melding:
    """The melder consents to formal treatment: the advice request becomes a
    report and its terms start at the consent (docs/toestanden.md)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.soort != Soort.ADVIESVRAAG:
        raise ValidationError(_("Deze melding wordt al formeel behandeld."))
    toestemming_op = toestemming_op or timezone.now()
    melding.soort = Soort.MELDING
    melding.save(update_fields=["soort", "updated_at"])
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.FORMEEL_GEMAAKT, artikel="Art. 3", door=door)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.ADVIESVRAAG_WORDT_MELDING()
    )
    termijnen_starten(melding=melding, door=door, vanaf=toestemming_op)
    return melding


def termijnen_na_statuswijziging(
    *, melding: Melding, van: Status, naar: Status, gebeurtenis: Gebeurtenis, door: Gebruiker | None
) -> None:
    """Close and void terms for a transition. Called inside the transaction of
    meldingen.services.register.melding_status_wijzigen, so it is atomic with it."""
    if naar in SLUIT_BIJ_STATUS:
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=SLUIT_BIJ_STATUS[naar])
    if naar in VERVALT_BIJ_STATUS:
        termijnen_laten_vervallen(
            melding=melding,
            soorten=VERVALT_BIJ_STATUS[naar],
            # docs/rollen.md: withdrawn terms carry the reason "ingetrokken".
            reden="ingetrokken" if naar == Status.INGETROKKEN else f"status: {naar}",
            # Withdrawal ends the procedure, not the protection (Art. 5, 6.3, 13.1):
            # what outlives closing outlives withdrawal too, by kind or by subject
            # (the standpunt of a still-running Art. 13.2 investigation, while the
            # report's own standpunt term ends with the case).
            behalve=(*BLIJFT_NA_EINDE, *uitbreidingen.termijnen_na_afsluiten(melding=melding))
            if naar in VERVALT_NA_EINDE
            else (),
        )
    if van == Status.ONTVANGEN and naar == Status.IN_BEHANDELING and melding.soort == Soort.MELDING:
        # Art. 8.6: the contactpersoon term runs from forwarding.
        lengtes = termijnlengtes(organisatie=melding.organisatie)
        berekening = deadlines.contactpersoon_termijn(lokale_datum(timezone.now()), lengtes)
        Termijn.objects.bulk_create([_rij(melding, berekening)], ignore_conflicts=True)


def termijnen_na_toewijzing(*, melding: Melding, rol: ToewijzingRol, gebeurtenis: Gebeurtenis) -> None:
    """Art. 8.6: assigning a contactpersoon closes its term. Higher apps start
    their own terms from the same assignment (meldingen.uitbreidingen)."""
    if rol == ToewijzingRol.CONTACTPERSOON:
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(T.CONTACTPERSOON,))
    uitbreidingen.na_toewijzing(melding=melding, rol=rol, gebeurtenis=gebeurtenis)


def termijn_starten(*, melding: Melding, berekening: deadlines.Termijnberekening, onderwerp: str = "") -> None:
    """Start one term on a case (idempotent: one per case, kind and subject). For
    the kinds a higher app registered and starts itself; `onderwerp` when a case
    can hold several terms of one kind (an additional investigation, Art. 12.2)."""
    Termijn.objects.bulk_create([_rij(melding, berekening, onderwerp)], ignore_conflicts=True)


def organisatietermijnen_starten(*, soort: str, start: date, uiterlijk: datetime, nu: datetime | None = None) -> None:
    """Start a term of every organisation rather than of a case (a kind registered
    with per_organisatie, e.g. the annual report). Idempotent (unique per
    organisation, kind and start); only until the due date: an installation
    started later does not escalate what it could never have planned for."""
    if (nu or timezone.now()) > uiterlijk:
        return
    herinneren = deadlines.herinneren_vanaf(soort, uiterlijk)
    rijen = [
        Termijn(organisatie_id=pk, soort=soort, start=start, due=uiterlijk, herinneren_vanaf=herinneren)
        for pk in Organisatie.objects.values_list("pk", flat=True)
    ]
    Termijn.objects.bulk_create(rijen, ignore_conflicts=True)
