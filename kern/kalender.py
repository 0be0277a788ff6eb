"""Calendar arithmetic in Europe/Amsterdam (docs/termijnen.md; docs/adr/0003-termijnen.md).

Pure functions: "today" is always passed in. Deadlines are calendar days without
weekend shift, and fall at the end of their day in Europe/Amsterdam. Months count
as in EU Regulation 1182/71 art. 3: the same day number N months later, or the
last day of that month when it has no such day.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lokale_datum(moment: datetime) -> date:
    """The date in Amsterdam of an aware moment (00:30 local on 1 March is 1 March)."""
    if moment.tzinfo is None:
        raise ValueError("Naive datetime: Meldpunt only works with aware datetimes.")
    return moment.astimezone(AMSTERDAM).date()


def einde_van_dag(dag: date) -> datetime:
    """The last instant of a day in Amsterdam, correct across DST switches."""
    volgende = datetime.combine(dag + timedelta(days=1), time.min, tzinfo=AMSTERDAM)
    return volgende - timedelta(microseconds=1)


def plus_dagen(dag: date, dagen: int) -> date:
    return dag + timedelta(days=dagen)


def plus_maanden(dag: date, maanden: int) -> date:
    """EU 1182/71 art. 3: same day number, or the last day of a shorter month."""
    maand_index = dag.month - 1 + maanden
    jaar = dag.year + maand_index // 12
    maand = maand_index % 12 + 1
    laatste = calendar.monthrange(jaar, maand)[1]
    return date(jaar, maand, min(dag.day, laatste))
