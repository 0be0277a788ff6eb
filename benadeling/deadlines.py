"""Pure date arithmetic of the retaliation app; "today" is always passed in.
(The Art. 6.1 term of the risk conversation runs in the deadline engine,
meldingen.deadlines.risicogesprek_termijn.)"""

from datetime import date

from kern.kalender import plus_maanden


def binnen_motiveringsperiode(*, beschermd_vanaf: date, maatregel_op: date, maanden: int) -> bool:
    """Art. 5.4: a measure on or after the protection's start and up to and
    including the same day N months later (EU 1182/71 month arithmetic).
    See docs/adr/0004-motiveringsplicht.md."""
    return beschermd_vanaf <= maatregel_op <= plus_maanden(beschermd_vanaf, maanden)
