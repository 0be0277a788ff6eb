"""Audit notes in the reader's language.

`AuditRegel.toelichting` is a short technical note ("goedgekeurd: rol_toekennen
vertrouwenspersoon voor <uuid>"). It was Dutch text, so an English reader of the audit
views (the admin's audit log, a case's access log) read Dutch. Each kind of note
is now an `Auditnotitie`: its stored form is a fixed pattern of a key text and
parameters (codes, UUIDs, numbers: never case content, never a name; only the
reason an operator gives on the command line is kept as typed), written by
calling the note, and read back by matching that pattern. The reader sees the
note's translated text with every code shown as its label in the reader's
language.

The stored form is the one the services wrote before, so rows written before
this change are translated too, the column stays a plain string the database
can search, and the append-only table needs no new column. A row that matches no
note (a note not yet converted, or one cut off at 255 characters) is shown as
stored.

Each app declares its notes in `<app>/auditnotities.py` (found by
kern.ontdekking) and writes them from its services:

    GOEDGEKEURD = Auditnotitie("goedgekeurd: %(soort)s", weergave=gettext_noop("..."), soort=Keuze(Soort))
    auditregel_schrijven(..., toelichting=GOEDGEKEURD(soort=wijziging.soort))

The texts are marked with gettext_noop and translated in locale/en (by hand).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, cached_property

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kern.ontdekking import app_modules

_PARAMETER = re.compile(r"%\((\w+)\)s")


class Parameter:
    """What a parameter may hold (a regular expression) and how it is shown."""

    def __init__(self, patroon: str, voorbeeld: str):
        self._patroon, self._voorbeeld = patroon, voorbeeld

    def patroon(self) -> str:
        return self._patroon

    def voorbeeld(self) -> str:
        return self._voorbeeld

    def weergave(self, waarde: str) -> str:
        return waarde


UUID = Parameter(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", "00000000-0000-0000-0000-000000000000")
GETAL = Parameter(r"\d+", "3")
DATUM = Parameter(r"\d{4}-\d{2}-\d{2}", "2026-01-31")
# A technical token shown as it is (an error code of an identity provider).
CODE = Parameter(r"[a-z_]+", "login_required")
# What an operator typed on the command line as the reason: shown as typed.
VRIJ = Parameter(r".+", "vrije tekst")


class Keuze(Parameter):
    """A code of a choices class (or of a mapping code -> label, or the dotted path
    of either: for a class whose module imports the notes), shown as its label in
    the reader's language."""

    def __init__(self, bron: type[models.Choices] | Mapping[str, str] | str):
        self._bron = bron

    @cached_property
    def _labels(self) -> dict[str, str]:
        # Resolved on first use, so a dotted path may name a module that imports the notes.
        bron = import_string(self._bron) if isinstance(self._bron, str) else self._bron
        return dict(bron) if isinstance(bron, Mapping) else dict(bron.choices)

    def patroon(self) -> str:
        return "|".join(re.escape(code) for code in sorted(self._labels, key=len, reverse=True))

    def voorbeeld(self) -> str:
        return next(iter(self._labels))

    def weergave(self, waarde: str) -> str:
        return str(self._labels.get(waarde, waarde))


def samengevoegd(*bronnen: type[models.Choices] | list[tuple[str, str]]) -> dict[str, str]:
    """The codes of several choices classes (or choices lists) as one mapping; the
    first label of a code wins."""
    samen: dict[str, str] = {}
    for bron in bronnen:
        for code, label in getattr(bron, "choices", bron):
            samen.setdefault(code, label)
    return samen


_NOTITIES: list[Auditnotitie] = []


class Auditnotitie:
    """One kind of audit note. `opslag` is the stored form: a Dutch text with
    `%(name)s` for each parameter; `weergave` the text the reader sees (default:
    the stored form), both msgids of the catalogue."""

    def __init__(self, opslag: str, *, weergave: str | None = None, **parameters: Parameter):
        namen = _PARAMETER.findall(opslag)
        if set(namen) != set(parameters) or len(namen) != len(set(namen)):
            raise ValueError(f"parameters of {opslag!r} do not match {sorted(parameters)}")
        self.opslag = opslag
        self.weergave = weergave or opslag
        self.parameters = parameters
        _NOTITIES.append(self)

    def __call__(self, **waarden) -> str:
        """The stored form, to pass as `toelichting`."""
        return self.opslag % {naam: str(waarden[naam]) for naam in self.parameters}

    @cached_property
    def patroon(self) -> re.Pattern:
        # Built on first use: a choices parameter may resolve its class lazily.
        delen, vorige = [], 0
        for m in _PARAMETER.finditer(self.opslag):
            delen += [re.escape(self.opslag[vorige : m.start()]), f"(?P<{m[1]}>{self.parameters[m[1]].patroon()})"]
            vorige = m.end()
        delen.append(re.escape(self.opslag[vorige:]))
        return re.compile("".join(delen))

    def lezen(self, opgeslagen: str) -> str | None:
        """The note in the active language, or None when `opgeslagen` is not of this kind."""
        m = self.patroon.fullmatch(opgeslagen)
        if m is None:
            return None
        tekst = gettext(self.weergave)
        if not self.parameters:
            return tekst
        return tekst % {naam: self.parameters[naam].weergave(waarde) for naam, waarde in m.groupdict().items()}

    def voorbeeld(self) -> str:
        """The stored form with an example value for each parameter (tests)."""
        return self(**{naam: p.voorbeeld() for naam, p in self.parameters.items()})

    def __repr__(self) -> str:
        return f"Auditnotitie({self.opslag!r})"


@cache
def alle_notities() -> tuple[Auditnotitie, ...]:
    """Every note of every app: importing each app's auditnotities module registers them."""
    for _config, _module in app_modules("auditnotities"):
        pass
    return tuple(_NOTITIES)


def toelichting_weergeven(opgeslagen: str) -> str:
    """The stored note in the reader's language; as stored when no note reads it."""
    if not opgeslagen:
        return ""
    for notitie in alle_notities():
        tekst = notitie.lezen(opgeslagen)
        if tekst is not None:
            return tekst
    return opgeslagen


# Who acted, when not a staff user (AuditRegel.actor_soort).
ACTOR_SOORTEN = {
    "gebruiker": _("medewerker"),
    "melder": _("melder"),
    "systeem": _("systeem"),
    "beheer": _("beheer (opdrachtregel)"),
}


def actor_soort_weergeven(actor_soort: str) -> str:
    label = ACTOR_SOORTEN.get(actor_soort)
    return str(label) if label is not None else actor_soort


# --- kern's own notes ----------------------------------------------------------------
# Logging in and the second factor (AuditCategorie.INLOGGEN), accounts (BEHEER).

PASSKEY_TOEGEVOEGD = Auditnotitie(gettext_noop("passkey toegevoegd"))
TWEEDE_FACTOR_INGESTELD = Auditnotitie(gettext_noop("tweede factor ingesteld"))
TWEEDE_FACTOR_HERSTELD = Auditnotitie(gettext_noop("tweede factor hersteld: %(reden)s"), reden=VRIJ)
INSCHRIJFLINK_VERSTUURD = Auditnotitie(gettext_noop("inschrijflink verstuurd"))
OIDC_GEKOPPELD = Auditnotitie(gettext_noop("oidc gekoppeld: %(reden)s"), reden=VRIJ)
OIDC_ONTKOPPELD = Auditnotitie(gettext_noop("oidc ontkoppeld: %(reden)s"), reden=VRIJ)
OIDC_ONBEKEND_SUBJECT = Auditnotitie(gettext_noop("oidc: onbekend subject"))
OIDC_NIET_ACTIEF = Auditnotitie(gettext_noop("oidc: account niet actief in Meldpunt"))
OIDC_ACCOUNT_AANGEMAAKT = Auditnotitie(gettext_noop("oidc: account aangemaakt zonder rol"))
OIDC_SUBJECT_HERKEND = Auditnotitie(gettext_noop("oidc: subject herkend"))
OIDC_INGELOGD_FACTOR_PROVIDER = Auditnotitie(gettext_noop("oidc: ingelogd, tweede factor door identiteitsprovider"))
OIDC_INGELOGD_FACTOR_MELDPUNT = Auditnotitie(gettext_noop("oidc: ingelogd, tweede factor in Meldpunt gevraagd"))
OIDC_PROVIDER_WEIGERT = Auditnotitie(gettext_noop("oidc: provider weigert (%(code)s)"), code=CODE)
