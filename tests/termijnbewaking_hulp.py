"""Shared by the tests of terms that must not silently stay open: the sweep
reminds before the due day and escalates after it, and the term shows in the
overviews under its own name (docs/termijnen.md)."""

from datetime import timedelta

from meldingen.constants import HerinneringSoort
from meldingen.models import Herinnering
from meldingen.selectors.termijnen import termijnen_van_melding, termijnen_verlopen
from meldingen.services.termijnen.bewaking import termijnen_bewaken


def herinnerd_geescaleerd_en_zichtbaar(termijn, *, wie, artikel: str) -> Herinnering:
    """Run the sweep the day before and the day after the due; `wie` is reminded,
    then escalated to, and sees the term in the overviews. Returns the reminder."""
    termijnen_bewaken(nu=termijn.due - timedelta(days=1))
    herinnering = Herinnering.objects.get(termijn=termijn, soort=HerinneringSoort.HERINNERING, ontvanger=wie)
    na = termijn.due + timedelta(days=1)
    termijnen_bewaken(nu=na)
    assert Herinnering.objects.filter(termijn=termijn, soort=HerinneringSoort.ESCALATIE, ontvanger=wie).exists()
    assert termijn in termijnen_van_melding(user=wie, melding=termijn.melding)
    assert termijn in termijnen_verlopen(user=wie, nu=na)
    assert artikel in termijn.get_soort_display()
    return herinnering
