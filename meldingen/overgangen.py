"""The one guard over meldingen.workflow (docs/toestanden.md).

`overgang_controleren` is asked by the services before they sign: the step must
be a row of the table, taken by the row's actor, with its preconditions met.
`stap_controleren` is called by melding_status_wijzigen when the state moves:
the same, and the row's evidence (`bewijs`, e.g. the signed decision, Art. 9.2).
`mag_overgang` answers the first question for the case screen, so a button is
offered exactly when the service would take the step.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.kalender import lokale_datum
from kern.overgangen import Overgang, Procedure
from meldingen import uitbreidingen
from meldingen.constants import GESLOTEN_STATUSSEN, Status, TermijnSoort, ToewijzingRol, Wijze, WissingStatus
from meldingen.selectors.termijnen import lopende_eigen_termijnsoorten
from meldingen.workflow import LEIDING, MELDER, ONTVANGER, SYSTEEM, TOEGESTANE_OVERGANGEN, WISSING_OVERGANGEN


def _rollen(melding, door: str) -> list[ToewijzingRol]:
    if door == ONTVANGER:
        return [ToewijzingRol.ONTVANGER]
    if door == LEIDING:
        return [melding.leiding_rol]
    return []


def mag_als(*, melding, overgang: Overgang, gebruiker) -> bool:
    """Whether this user is the row's actor. The melder and the system act without
    an account (door=None); a staff user acts through an assignment on the case."""
    if overgang.door in (MELDER, SYSTEEM):
        return gebruiker is None
    return toegang.heeft_toewijzing(melding=melding, user=gebruiker, rollen=_rollen(melding, overgang.door))


PROCEDURE = Procedure(
    naam="melding",
    rijen=TOEGESTANE_OVERGANGEN,
    status=Status,
    status_van=lambda melding: melding.status,
    mag_als=lambda melding, overgang, gebruiker: mag_als(melding=melding, overgang=overgang, gebruiker=gebruiker),
    omschrijving="meldingen.workflow",
)


# The melder's request to erase their identity (AVG art. 17): its own small table,
# taken by the receiving officer of the request's case.
WISSING = Procedure(
    naam="wissingsverzoek",
    rijen=WISSING_OVERGANGEN,
    status=WissingStatus,
    status_van=lambda verzoek: verzoek.status,
    mag_als=lambda verzoek, overgang, gebruiker: mag_als(
        melding=verzoek.melding, overgang=overgang, gebruiker=gebruiker
    ),
    omschrijving="meldingen.workflow.WISSING_OVERGANGEN",
)


def bezwaren(*, melding, overgang: Overgang) -> list[str]:
    """The unmet preconditions of a row, as reasons a user can read."""
    return PROCEDURE.bezwaren(melding, overgang)


def overgang_controleren(*, melding, naar: Status, door) -> Overgang:
    return PROCEDURE.controleren(melding, naar, door=door)


def stap_controleren(*, melding, naar: Status, door) -> Overgang:
    """For melding_status_wijzigen only: the guard and the row's evidence."""
    return PROCEDURE.stap_controleren(melding, naar, door=door)


def mag_overgang(*, melding, naar: Status, gebruiker) -> bool:
    """For the screens: the row exists, the user is its actor, its preconditions hold."""
    return PROCEDURE.mag(melding, naar, gebruiker)


# --- After the end: withdrawn or closed ----------------------------------------------------
# The report's own procedure (Art. 8-12: triage, forwarding and re-routing, the
# records and requests about the report, decisions, investigations of the report,
# new assignments that open the case) ends when the case is closed or the melder
# withdraws it. What protects the melder goes on (Art. 5, 6, 13: retaliation, the
# contactpersoon, the Art. 13 request and its investigation), and so do retention
# holds, the rights of persons concerned and ending access. The services of the
# procedure call `vereis_lopende_procedure`; the case screen hides the actions
# marked `procedurestap` (meldingen.handelingen) by `procedure_loopt`, so the
# screen never offers what the service refuses.


def procedure_beeindigd_bezwaar(melding) -> str | None:
    """Why no step of the report's own procedure can be taken any more, or None."""
    if melding.status == Status.INGETROKKEN:
        return _(
            "De melder heeft deze melding ingetrokken: stappen in de behandeling van de melding zijn niet meer "
            "mogelijk. Wat de melder beschermt (Art. 5, 6 en 13) blijft mogelijk."
        )
    if melding.status in GESLOTEN_STATUSSEN:
        return _(
            "Deze melding is afgesloten: stappen in de behandeling van de melding zijn niet meer mogelijk. "
            "Wat de melder beschermt (Art. 5, 6 en 13) blijft mogelijk."
        )
    return None


def procedure_loopt(melding) -> bool:
    """For the screens: the report's own procedure still runs (not closed, not withdrawn)."""
    return procedure_beeindigd_bezwaar(melding) is None


def vereis_lopende_procedure(melding) -> None:
    """For the services of the report's own procedure: refuse on a closed or withdrawn case."""
    # Read from the database: a caller may hold an object from before the melder withdrew.
    melding.refresh_from_db(fields=["status"])
    if (reden := procedure_beeindigd_bezwaar(melding)) is not None:
        raise ValidationError(reden, code="procedure_beeindigd")


# --- meldingen's own preconditions ------------------------------------------------------


def _binnengekomen_in_huidige_status(melding):
    # tijdstip is the database's transaction time: a letter sent in the same
    # transaction as the step (besluit_nemen) counts as sent in the new state.
    gebeurtenis = melding.gebeurtenissen.filter(naar_status=melding.status).order_by("-tijdstip", "-id").first()
    return gebeurtenis.tijdstip if gebeurtenis else melding.ontvangen_op


def brief_van_huidige_status(melding):
    """The letter that went out since the case entered its state and reached the
    melder, or was handed to the vertrouwenspersoon (Art. 7.3, docs/rollen.md)."""

    return (
        melding.brieven.filter(verzonden_op__gte=_binnengekomen_in_huidige_status(melding))
        .filter(Q(bij_melder_op__isnull=False) | Q(via_vertrouwenspersoon=True))
        .order_by("verzonden_op")
        .first()
    )


def reactietermijn_einde_na(brief):
    """The last day of the melder's reaction period (Art. 12.1, docs/rollen.md) after
    this letter: from when it reached the melder, or was handed to the
    vertrouwenspersoon (Art. 7.3). A higher app counts the period after a letter of
    its own with it (Art. 12.1 via Art. 13.2)."""
    return lokale_datum(brief.bij_melder_op or brief.verzonden_op) + timedelta(
        days=settings.MELDPUNT_REACTIETERMIJN_DAGEN
    )


def reactietermijn_einde(melding):
    """The last day of the melder's reaction period after the letter of the current
    state, or None while the letter has not gone out."""
    brief = brief_van_huidige_status(melding)
    return None if brief is None else reactietermijn_einde_na(brief)


def _brief_bij_melder(melding) -> str | None:
    if brief_van_huidige_status(melding) is None:
        return _("De brief aan de melder is nog niet bij de melder (of de vertrouwenspersoon, Art. 7.3).")
    return None


def reactietermijn_bezwaar(einde) -> str | None:
    """Why the melder's reaction period (ending on `einde`, None: the letter has not
    gone out) does not allow closing yet, or None once it has passed."""
    if einde is None:
        return _("De brief aan de melder is nog niet bij de melder (of de vertrouwenspersoon, Art. 7.3).")
    if lokale_datum(timezone.now()) <= einde:
        return _("De melder kan nog reageren tot en met %(datum)s (Art. 12.1).") % {"datum": einde.strftime("%d-%m-%Y")}
    return None


def _reactietermijn_verstreken(melding) -> str | None:
    return reactietermijn_bezwaar(reactietermijn_einde(melding))


def vastlegging_aangeboden_bezwaar(melding) -> str | None:
    # Art. 8.1-8.2: an oral report is forwarded only after its written record was
    # offered to the melder for approval.
    if melding.wijze in (Wijze.TELEFONISCH, Wijze.GESPREK) and not melding.vastleggingen.exists():
        return _("Leg de mondelinge melding eerst schriftelijk vast en bied die de melder aan (Art. 8.1–8.2).")
    return None


def ontvangst_en_contactpersoon_bezwaar(melding) -> str | None:
    # Art. 8.5-8.6: the acknowledgement and the contactpersoon are owed for every
    # report; closing would void their terms, and a missed step would vanish from
    # the term overview and the annual figures.
    open_soorten = lopende_eigen_termijnsoorten(
        melding=melding, soorten=(TermijnSoort.ONTVANGSTBEVESTIGING, TermijnSoort.CONTACTPERSOON)
    )
    bezwaren = []
    if TermijnSoort.ONTVANGSTBEVESTIGING in open_soorten:
        bezwaren.append(_("Stuur de melder eerst de ontvangstbevestiging (Art. 8.5)."))
    if TermijnSoort.CONTACTPERSOON in open_soorten:
        bezwaren.append(_("Wijs eerst een contactpersoon aan (Art. 8.6)."))
    return " ".join(bezwaren) or None


def _geen_bewaarblokkade(verzoek) -> str | None:
    # AVG art. 17(3)(e): while a legal hold is on the case (docs/retention.md) the
    # identity may be needed in the proceedings; refuse (in part) or lift the hold.
    if verzoek.melding.bewaarblokkades.filter(opgeheven_op__isnull=True).exists():
        return _(
            "Er ligt een bewaarblokkade op deze melding: de identiteit kan nodig zijn in de procedure die de "
            "blokkade beschermt (AVG art. 17 lid 3 onder e). Weiger de wissing (geheel of deels) met de reden, "
            "of hef eerst de blokkade op als de identiteit daarvoor niet nodig is."
        )
    return None


uitbreidingen.voorwaarde_registreren("geen_bewaarblokkade", _geen_bewaarblokkade)
uitbreidingen.voorwaarde_registreren("ontvangst_en_contactpersoon", ontvangst_en_contactpersoon_bezwaar)
uitbreidingen.voorwaarde_registreren("brief_bij_melder", _brief_bij_melder)
uitbreidingen.voorwaarde_registreren("reactietermijn_verstreken", _reactietermijn_verstreken)
uitbreidingen.voorwaarde_registreren("vastlegging_aangeboden", vastlegging_aangeboden_bezwaar)
