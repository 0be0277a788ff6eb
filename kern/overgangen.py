"""What every transition table shares (docs/toestanden.md): the row, the one
guard over a table, and the error a service raises for a step its table does not
allow.

Each case type keeps its table with itself (meldingen.workflow for the report;
the investigation, the retaliation claim, the Art. 13 request and the annual
report in their own apps) and wraps it in a `Procedure`. The procedure is the
only place that answers "may this step be taken now, by this person": the
services call `controleren` and refuse what it refuses, the screens call `mag`
and offer a button exactly when the service would take the step.

The actor is always checked: a row taken by a person (a role on the case) is
never taken by nobody (door=None); only rows of the melder or the system are
taken without an account, and `mag_als` answers both.

Preconditions are named on the rows and answered by checks registered with
`voorwaarde_registreren`, by the app that knows the answer (a lower app's row may
name a check a higher app registers, so the lower app never imports it).

Evidence (`bewijs`) is what the step itself produces and the state may not move
without, e.g. the signed decision of Art. 9.1-9.3 before "niet in onderzoek".
It is named on the row, answered by checks registered with `bewijs_registreren`
(the same way), and asked only where the state actually moves
(`stap_controleren`, called by each procedure's one status-moving service): not
by `mag` nor by a service's early `controleren` before it signs, because the
step creates the evidence, so asking for it earlier would refuse the step forever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


class OvergangNietToegestaan(ValidationError):
    """A status change that no row of the case type's transition table allows."""


@dataclass(frozen=True)
class Overgang:
    """One row: a step from one state to another."""

    artikel: str
    # Who takes the step: a name the procedure's `mag_als` understands (a role on
    # the case, "melder" from the mailbox, "systeem" for a scheduled job).
    door: str
    # Dotted path of the service that takes this step (the screens call it; the
    # table test walks every row through it).
    dienst: str
    voorwaarden: tuple[str, ...] = ()
    bevriest: str = ""
    # What must exist when the state moves: names of checks registered with
    # `bewijs_registreren` (e.g. the signed document the row freezes).
    bewijs: tuple[str, ...] = ()
    reden_verplicht: bool = False


# A precondition: check(object) -> None when met, else the reason a user can read.
Voorwaarde = Callable[[Any], "str | None"]
_VOORWAARDEN: dict[str, Voorwaarde] = {}


def voorwaarde_registreren(naam: str, controle: Voorwaarde) -> None:
    _VOORWAARDEN[naam] = controle


def voorwaarde(naam: str) -> Voorwaarde:
    # A row naming a check nobody registered is a defect: fail loudly, never pass.
    return _VOORWAARDEN[naam]


# Evidence: check(object, naar) -> None when present, else the reason a user can
# read. Asked at the moment the state moves (the object is still in its old state,
# so the check is told where it goes).
Bewijs = Callable[[Any, Any], "str | None"]
_BEWIJZEN: dict[str, Bewijs] = {}


def bewijs_registreren(naam: str, controle: Bewijs) -> None:
    _BEWIJZEN[naam] = controle


def bewijs(naam: str) -> Bewijs:
    # As with preconditions: a row naming evidence nobody answers is a defect.
    return _BEWIJZEN[naam]


@dataclass
class Procedure:
    """One case type's transition table with the guard over it."""

    naam: str
    rijen: dict[tuple[Any, Any], Overgang]
    # The state enum (a TextChoices): normalises values and gives labels.
    status: type
    # The object's current state.
    status_van: Callable[[Any], Any]
    # Whether this user is the row's actor on this object (None: no account,
    # the melder or the system).
    mag_als: Callable[[Any, Overgang, Any], bool]
    omschrijving: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        PROCEDURES[self.naam] = self

    def overgang_voor(self, van, naar) -> Overgang | None:
        return self.rijen.get((self.status(van), self.status(naar)))

    def bezwaren(self, obj, overgang: Overgang) -> list[str]:
        """The unmet preconditions of a row, as reasons a user can read."""
        return [reden for naam in overgang.voorwaarden if (reden := voorwaarde(naam)(obj))]

    def ontbrekend_bewijs(self, obj, overgang: Overgang, naar) -> list[str]:
        """The evidence a row requires that is not there, as reasons a user can read."""
        return [reden for naam in overgang.bewijs if (reden := bewijs(naam)(obj, self.status(naar)))]

    def controleren(self, obj, naar, *, door) -> Overgang:
        """For the services: the row, or the reason why not (raised). The actor is
        always checked (door=None is only the melder's or the system's)."""
        van = self.status_van(obj)
        overgang = self.overgang_voor(van, naar)
        if overgang is None:
            raise OvergangNietToegestaan(
                _("Van ‘%(van)s’ naar ‘%(naar)s’ is geen toegestane stap.")
                % {"van": self.status(van).label, "naar": self.status(naar).label}
            )
        if not self.mag_als(obj, overgang, door):
            raise PermissionDenied(_("U mag deze stap niet zetten."))
        fouten = self.bezwaren(obj, overgang)
        if fouten:
            raise ValidationError(fouten)
        return overgang

    def stap_controleren(self, obj, naar, *, door) -> Overgang:
        """For the one service that moves the state, at the moment it moves:
        `controleren` and the evidence the row requires (refused with the article)."""
        overgang = self.controleren(obj, naar, door=door)
        ontbrekend = self.ontbrekend_bewijs(obj, overgang, naar)
        if ontbrekend:
            raise ValidationError([f"{overgang.artikel}: {reden}" for reden in ontbrekend], code="bewijs_ontbreekt")
        return overgang

    def mag(self, obj, naar, gebruiker) -> bool:
        """For the screens: the row exists, the user is its actor, its preconditions hold."""
        overgang = self.overgang_voor(self.status_van(obj), naar)
        return overgang is not None and self.mag_als(obj, overgang, gebruiker) and not self.bezwaren(obj, overgang)

    def reden_verplicht(self) -> frozenset:
        return frozenset(paar for paar, overgang in self.rijen.items() if overgang.reden_verplicht)


# Every procedure by name, for the tests that walk every row of every table.
PROCEDURES: dict[str, Procedure] = {}
