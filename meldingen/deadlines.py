"""Statutory deadline arithmetic (docs/termijnen.md, docs/adr/0003-termijnen.md).

Pure functions over dates: "today" is always passed in, nothing reads the clock
or the database. Dates are taken in Europe/Amsterdam (kern.kalender.lokale_datum);
a term of N days ends at the end of day start + N (calendar days, no weekend
shift); months count as in EU Regulation 1182/71 art. 3 (kern.kalender.plus_maanden).
Where a reading is open, the one that gives the melder the earlier deadline is taken.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from kern.kalender import AMSTERDAM, einde_van_dag, lokale_datum, plus_dagen, plus_maanden
from meldingen import uitbreidingen
from meldingen.constants import TermijnSoort, TermijnToestand

# --- Statutory lengths ---------------------------------------------------------
# Art. 8.5: "in ieder geval binnen zeven dagen na ontvangst".
ONTVANGSTBEVESTIGING_DAGEN = 7
# Art. 9.2: "binnen twee weken na de interne melding".
GEEN_ONDERZOEK_DAGEN = 14
# Art. 11.1: "binnen acht weken na de melding".
STANDPUNT_DAGEN = 8 * 7
# Art. 11.2: an extension whose total passes twelve weeks needs a reason.
VERLENGING_ZONDER_REDEN_DAGEN = 12 * 7
# Wbk art. 2 (art. 2 lid 1 onder f), EU Directive 2019/1937 art. 9(1)(f), notes 25–26:
# feedback at most three months after the acknowledgement was sent; never longer.
TERUGKOPPELING_MAANDEN = 3
# Art. 8.3–8.4 and 8.6 say "onverwijld"; Meldpunt's defaults (settings
# MELDPUNT_TERMIJN_DOORSTUREN_DAGEN, MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN).
DOORSTUREN_DAGEN_STANDAARD = 2
CONTACTPERSOON_DAGEN_STANDAARD = 5
# AVG art. 12(3): the answer to a request to erase the identity "without undue delay and
# in any event within one month of receipt". The installation may shorten it
# (MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN), never lengthen it; the extension of art.
# 12(3) by two months is not offered (docs/termijnen.md).
IDENTITEIT_WISSEN_MAANDEN = 1

# Days before the due day from which the responsible person is reminded.
HERINNERING_DAGEN_VOOR: dict[str, int] = {
    TermijnSoort.ONTVANGSTBEVESTIGING: 2,
    TermijnSoort.DOORSTUREN: 1,
    TermijnSoort.CONTACTPERSOON: 2,
    TermijnSoort.MEDEDELING_GEEN_ONDERZOEK: 3,
    TermijnSoort.STANDPUNT: 7,
    TermijnSoort.TERUGKOPPELING: 14,
    TermijnSoort.GESPREK: 2,
    TermijnSoort.IDENTITEIT_WISSEN: 7,
}


@dataclass(frozen=True)
class Termijnlengtes:
    """The lengths in force for one organisation. Never longer than the law."""

    ontvangstbevestiging_dagen: int = ONTVANGSTBEVESTIGING_DAGEN
    doorsturen_dagen: int = DOORSTUREN_DAGEN_STANDAARD
    contactpersoon_dagen: int = CONTACTPERSOON_DAGEN_STANDAARD
    geen_onderzoek_dagen: int = GEEN_ONDERZOEK_DAGEN
    standpunt_dagen: int = STANDPUNT_DAGEN
    terugkoppeling_maanden: int = TERUGKOPPELING_MAANDEN


LENGTE_VELDEN = tuple(f.name for f in fields(Termijnlengtes))


def maximale_lengtes(*, doorsturen_dagen: int, contactpersoon_dagen: int) -> Termijnlengtes:
    """The longest terms an organisation may have: the statutory ones, and the
    installation's "onverwijld" terms (settings)."""
    return Termijnlengtes(
        doorsturen_dagen=doorsturen_dagen,
        contactpersoon_dagen=contactpersoon_dagen,
    )


def te_lange_termijnen(voorgesteld: dict[str, int | None], maximum: Termijnlengtes) -> dict[str, int]:
    """Which proposed lengths pass the maximum (field -> maximum). Empty means valid.

    An organisation may configure shorter terms, never longer (notes 25–26:
    "Een langere termijn dan drie maanden is niet toegestaan"); the caller refuses
    the configuration as a whole when anything is returned.
    """
    fouten = {}
    for veld in LENGTE_VELDEN:
        waarde = voorgesteld.get(veld)
        minimum = 1 if veld == "terugkoppeling_maanden" else 0
        if waarde is not None and not (minimum <= waarde <= getattr(maximum, veld)):
            fouten[veld] = getattr(maximum, veld)
    return fouten


def lengtes_met_instelling(maximum: Termijnlengtes, voorgesteld: dict[str, int | None]) -> Termijnlengtes:
    """The lengths in force: the organisation's shorter ones where set, else the maximum.
    A configuration with any longer term is ignored as a whole (statutory terms stay)."""
    if te_lange_termijnen(voorgesteld, maximum):
        return maximum
    waarden = {veld: voorgesteld.get(veld) for veld in LENGTE_VELDEN if voorgesteld.get(veld) is not None}
    return Termijnlengtes(**{**{v: getattr(maximum, v) for v in LENGTE_VELDEN}, **waarden})


# --- Arithmetic -----------------------------------------------------------------


def begin_van_dag(dag: date) -> datetime:
    """The first instant of a day in Amsterdam."""
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def uiterlijk_na_dagen(start: date, dagen: int) -> datetime:
    """End of day start + N in Amsterdam: the due instant of a term of N days."""
    return einde_van_dag(plus_dagen(start, dagen))


def uiterlijk_na_maanden(start: date, maanden: int) -> datetime:
    """End of the same day number N months later (EU 1182/71 art. 3(2)(c))."""
    return einde_van_dag(plus_maanden(start, maanden))


def gesprek_termijn(ontvangen: date, dagen: int) -> Termijnberekening:
    """Art. 3.4 3°: a meeting "binnen een redelijke termijn" after the melder asked
    for it with the report (MELDPUNT_TERMIJN_GESPREK_DAGEN)."""
    return Termijnberekening(TermijnSoort.GESPREK, ontvangen, uiterlijk_na_dagen(ontvangen, dagen))


def identiteit_wissen_termijn(ontvangen: date, dagen: int = 0) -> Termijnberekening:
    """AVG art. 12(3): the answer to the melder's request to erase their identity
    within one month of receipt (EU 1182/71 months). `dagen` (the installation's
    MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN) may make it shorter, never longer:
    0 or less means the month itself."""
    maand = uiterlijk_na_maanden(ontvangen, IDENTITEIT_WISSEN_MAANDEN)
    uiterlijk = min(uiterlijk_na_dagen(ontvangen, dagen), maand) if dagen > 0 else maand
    return Termijnberekening(TermijnSoort.IDENTITEIT_WISSEN, ontvangen, uiterlijk)


def herinneren_vanaf(soort: str, uiterlijk: datetime) -> datetime:
    """The start of the day from which the responsible person is reminded."""
    dagen = HERINNERING_DAGEN_VOOR.get(soort)
    if dagen is None:
        # A kind a higher app registered (meldingen.uitbreidingen).
        dagen = uitbreidingen.geregistreerde_termijnsoort(soort).herinneren_dagen_voor
    return begin_van_dag(lokale_datum(uiterlijk) - timedelta(days=dagen))


def terugkoppeling_startdatum(*, bevestiging_uiterlijk: date, bevestigd_op: datetime | None) -> date:
    """Start of the three-month cap (Wbk art. 2, notes 25–26).

    It runs from the date the acknowledgement was sent, but never later than the
    acknowledgement's own due date (Art. 8.5, or the organisation's shorter
    term): a late acknowledgement buys no time. Without an acknowledgement the
    cap runs from its due date.
    """
    if bevestigd_op is None:
        return bevestiging_uiterlijk
    return min(lokale_datum(bevestigd_op), bevestiging_uiterlijk)


def terugkoppeling_uiterlijk(
    *, bevestiging_uiterlijk: date, bevestigd_op: datetime | None, maanden: int = TERUGKOPPELING_MAANDEN
) -> datetime:
    """End of the cap: the same day number `maanden` later (EU 1182/71 art. 3); the
    cap date itself is still in time."""
    start = terugkoppeling_startdatum(bevestiging_uiterlijk=bevestiging_uiterlijk, bevestigd_op=bevestigd_op)
    return uiterlijk_na_maanden(start, maanden)


@dataclass(frozen=True)
class Termijnberekening:
    soort: str
    start: date
    uiterlijk: datetime


def termijnen_bij_ontvangst(ontvangen: date, lengtes: Termijnlengtes) -> list[Termijnberekening]:
    """The terms that start at receipt (Art. 8.3–8.5, 9.2, 11.1, Wbk art. 2).

    The contactpersoon term starts at forwarding (Art. 8.6), see
    `contactpersoon_termijn`.
    """
    bevestiging_uiterlijk = plus_dagen(ontvangen, lengtes.ontvangstbevestiging_dagen)
    return [
        # Art. 8.5
        Termijnberekening(
            TermijnSoort.ONTVANGSTBEVESTIGING,
            ontvangen,
            uiterlijk_na_dagen(ontvangen, lengtes.ontvangstbevestiging_dagen),
        ),
        # Art. 8.3–8.4
        Termijnberekening(TermijnSoort.DOORSTUREN, ontvangen, uiterlijk_na_dagen(ontvangen, lengtes.doorsturen_dagen)),
        # Art. 9.2
        Termijnberekening(
            TermijnSoort.MEDEDELING_GEEN_ONDERZOEK,
            ontvangen,
            uiterlijk_na_dagen(ontvangen, lengtes.geen_onderzoek_dagen),
        ),
        # Art. 11.1
        Termijnberekening(TermijnSoort.STANDPUNT, ontvangen, uiterlijk_na_dagen(ontvangen, lengtes.standpunt_dagen)),
        # Wbk art. 2: no acknowledgement sent yet, so the cap runs from its due date.
        Termijnberekening(
            TermijnSoort.TERUGKOPPELING,
            terugkoppeling_startdatum(bevestiging_uiterlijk=bevestiging_uiterlijk, bevestigd_op=None),
            terugkoppeling_uiterlijk(
                bevestiging_uiterlijk=bevestiging_uiterlijk, bevestigd_op=None, maanden=lengtes.terugkoppeling_maanden
            ),
        ),
    ]


def contactpersoon_termijn(doorgestuurd: date, lengtes: Termijnlengtes) -> Termijnberekening:
    # Art. 8.6: "onverwijld" after forwarding.
    return Termijnberekening(
        TermijnSoort.CONTACTPERSOON, doorgestuurd, uiterlijk_na_dagen(doorgestuurd, lengtes.contactpersoon_dagen)
    )


class Weigering(enum.Enum):
    """Why an extension of the standpunt is refused."""

    TERMIJN_NIET_OPEN = "termijn_niet_open"
    GEEN_VERLENGING = "geen_verlenging"
    AL_VERSTREKEN = "al_verstreken"
    REDEN_VERPLICHT = "reden_verplicht"
    VOORBIJ_WETTELIJK_MAXIMUM = "voorbij_wettelijk_maximum"


def verlenging_vereist_reden(*, ontvangen: date, nieuwe_datum: date) -> bool:
    """Art. 11.2: a reason is needed when the total term passes twelve weeks.
    Day 84 itself is still within twelve weeks and needs none."""
    return nieuwe_datum > plus_dagen(ontvangen, VERLENGING_ZONDER_REDEN_DAGEN)


def verlenging_beoordelen(
    *,
    ontvangen: date,
    huidige_uiterlijk: datetime,
    nieuwe_datum: date,
    vandaag: date,
    reden: str,
    terugkoppeling_uiterlijk: datetime | None,
    terugkoppeling_gegeven: bool,
) -> list[Weigering]:
    """Every reason to refuse an extension of the standpunt; empty means allowed."""
    weigeringen = []
    if nieuwe_datum <= lokale_datum(huidige_uiterlijk):
        weigeringen.append(Weigering.GEEN_VERLENGING)
    # Art. 11.2 "indien duidelijk wordt dat het standpunt niet binnen de gestelde
    # termijn kan worden gegeven": the melder is told before the term passes.
    if vandaag > lokale_datum(huidige_uiterlijk):
        weigeringen.append(Weigering.AL_VERSTREKEN)
    # Art. 11.2: past twelve weeks only with a reason.
    if verlenging_vereist_reden(ontvangen=ontvangen, nieuwe_datum=nieuwe_datum) and not reden.strip():
        weigeringen.append(Weigering.REDEN_VERPLICHT)
    # Wbk art. 2, notes 25–26: no extension passes the three-month cap unless the
    # cap's feedback has been given (or is given with this extension letter).
    # The cap date itself is still in time.
    if (
        terugkoppeling_uiterlijk is not None
        and not terugkoppeling_gegeven
        and einde_van_dag(nieuwe_datum) > terugkoppeling_uiterlijk
    ):
        weigeringen.append(Weigering.VOORBIJ_WETTELIJK_MAXIMUM)
    return weigeringen


def toestand(
    *,
    uiterlijk: datetime,
    herinneren: datetime,
    gesloten_op: datetime | None,
    vervallen_op: datetime | None,
    nu: datetime,
) -> TermijnToestand:
    """The state of one term at `nu`, as shown in the admin."""
    if vervallen_op is not None:
        return TermijnToestand.VERVALLEN
    if gesloten_op is not None:
        return TermijnToestand.GESLOTEN_TIJDIG if gesloten_op <= uiterlijk else TermijnToestand.GESLOTEN_TE_LAAT
    if nu > uiterlijk:
        return TermijnToestand.VERLOPEN
    if nu >= herinneren:
        return TermijnToestand.BINNENKORT
    return TermijnToestand.LOPEND
