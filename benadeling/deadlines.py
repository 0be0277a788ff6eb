"""Pure date arithmetic of the retaliation app; "today" is always passed in."""

from datetime import date, datetime

from kern.kalender import einde_van_dag, plus_dagen, plus_maanden


def risicogesprek_uiterlijk(*, contactpersoon_aangewezen_op: date, dagen: int) -> datetime:
    """Art. 6.1 "onverwijld": the end of day N after the contactpersoon's appointment
    (calendar days, Europe/Amsterdam, as every term in DESIGN.md §3)."""
    return einde_van_dag(plus_dagen(contactpersoon_aangewezen_op, dagen))


def binnen_motiveringsperiode(*, beschermd_vanaf: date, maatregel_op: date, maanden: int) -> bool:
    """Art. 5.4: a measure on or after the protection's start and up to and
    including the same day N months later (EU 1182/71 month arithmetic).
    See docs/adr/0004-motiveringsplicht.md."""
    return beschermd_vanaf <= maatregel_op <= plus_maanden(beschermd_vanaf, maanden)
