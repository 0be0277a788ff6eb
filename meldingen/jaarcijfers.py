"""Figures of the register for the annual report (Art. 14.2 b).

Collected with every app's `jaarcijfers` by the app that writes the annual
report (kern.ontdekking): `cijfers(*, organisatie, jaar)` returns raw counts per
report section key; the collector suppresses small cells and renders them. Aggregates only: no case, no number, no text.

A table is {"titel", "kolom", "rijen": [[label, count], ...], "totaal": int,
"totaal_sleutel": str | None, "grafiek": bool}. Tables with the same
`totaal_sleutel` share one total, so suppression treats it as published once.
Counted by register year (the year of receipt, Art. 3.5), every soort and state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from statistics import median

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import uitbreidingen
from meldingen.constants import (
    Categorie,
    Discriminatiegrond,
    Identiteitskeuze,
    Kanaal,
    Soort,
    Status,
    TermijnSoort,
    Wijze,
)
from meldingen.models import Melding, Organisatie, Termijn, Vernietigingsverslag


def vernietigde_feiten(*, organisatie: Organisatie, app: str, registerjaar: int | None = None) -> Iterator[dict]:
    """The facts an app kept of each destroyed case (meldingen.services.bewaring):
    the figures of a past year stay the same after destruction (docs/retention.md)."""
    verslagen = Vernietigingsverslag.objects.filter(organisatie=organisatie)
    if registerjaar is not None:
        verslagen = verslagen.filter(registerjaar=registerjaar)
    for feiten in verslagen.values_list("feiten", flat=True):
        yield feiten.get(app) or {}


def tabel_uit_rijen(titel, kolom, rijen, totaal_sleutel: str, grafiek: bool = True) -> dict:
    """A table whose rows partition their total (the format of this module's
    docstring); the providers of the higher apps use it as well."""
    return {
        "titel": str(titel),
        "kolom": str(kolom),
        "rijen": [[str(label), n] for label, n in rijen],
        "totaal": sum(n for _label, n in rijen),
        "totaal_sleutel": totaal_sleutel,
        "grafiek": grafiek,
    }


def _tabel(titel, kolom, keuzes, teller: Counter, totaal: int) -> dict:
    return {
        "titel": str(titel),
        "kolom": str(kolom),
        "rijen": [[str(label), teller.get(waarde, 0)] for waarde, label in keuzes],
        "totaal": totaal,
        "totaal_sleutel": "meldingen",
        "grafiek": True,
    }


def cijfers(*, organisatie: Organisatie, jaar: int) -> dict[str, list[dict]]:
    # One grouped query; the breakdowns are summed in Python (five dimensions).
    # A destroyed case keeps its register row; its state is the one it had
    # when it was destroyed (kept in its Vernietigingsverslag).
    groepen = (
        Melding.objects.filter(organisatie=organisatie, registerjaar=jaar)
        .annotate(status_in_verslag=Coalesce("vernietigingsverslag__status_voor", "status"))
        .values_list("soort", "categorie", "kanaal", "wijze", "status_in_verslag", "identiteitskeuze")
        .annotate(n=Count("id"))
        .order_by()
    )
    namen = ("soort", "categorie", "kanaal", "wijze", "status", "identiteitskeuze")
    per: dict[str, Counter] = {naam: Counter() for naam in namen}
    totaal = 0
    for *waarden, n in groepen:
        for naam, waarde in zip(per, waarden, strict=True):
            per[naam][waarde] += n
        totaal += n
    return {
        "aantal": [
            {**_tabel(_("Meldingen naar soort"), _("Soort"), Soort.choices, per["soort"], totaal), "grafiek": False}
        ],
        "aard": [
            _tabel(_("Meldingen naar aard (Art. 1 o, s, t)"), _("Aard"), Categorie.choices, per["categorie"], totaal)
        ],
        "kanalen": [
            _tabel(_("Meldingen naar ontvanger"), _("Gemeld bij"), Kanaal.choices, per["kanaal"], totaal),
            _tabel(_("Meldingen naar wijze van melden"), _("Wijze"), Wijze.choices, per["wijze"], totaal),
        ],
        "anoniem": [
            _tabel(
                _("Meldingen naar identiteitskeuze (Art. 7.2)"),
                _("De melder meldde"),
                Identiteitskeuze.choices,
                per["identiteitskeuze"],
                totaal,
            )
        ],
        "discriminatiegronden": [_discriminatiegronden(organisatie=organisatie, jaar=jaar)],
        "termijnen": _termijnen(organisatie=organisatie, jaar=jaar),
        "afhandeling": [
            {
                **_tabel(_("Meldingen naar huidige status"), _("Status"), Status.choices, per["status"], totaal),
                "grafiek": False,
            }
        ],
    }


def _discriminatiegronden(*, organisatie: Organisatie, jaar: int) -> dict:
    """Reports by discrimination ground (AWGB art. 1; kamerbrief 2021), of every
    category: grounds are kept for every report (issue 14). A report may name
    several grounds, so the rows do not add up to a total and none is published
    (suppression then works cell by cell)."""
    teller: Counter = Counter()
    for gronden in Melding.objects.filter(organisatie=organisatie, registerjaar=jaar).values_list(
        "discriminatiegronden", flat=True
    ):
        teller.update(set(gronden or ()))
    return {
        "titel": str(_("Discriminatie naar grond (een melding kan meer gronden noemen)")),
        "kolom": str(_("Grond")),
        "rijen": [[str(label), teller.get(waarde, 0)] for waarde, label in Discriminatiegrond.choices],
        "totaal": None,
        "totaal_sleutel": None,
        "grafiek": True,
    }


# The statutory terms the annual report accounts for (docs/termijnen.md: closed terms
# count as met or missed, an open term past its due date as missed; voided terms and
# open terms not yet due are left out).
# Every kind of a case's term counts, also those higher apps registered
# (meldingen.uitbreidingen); a term of an organisation (the annual report) does not.
def termijnsoorten_in_verslag() -> list[tuple[str, str]]:
    per_organisatie = set(uitbreidingen.termijnsoorten_per_organisatie())
    return [
        (waarde, str(label)) for waarde, label in uitbreidingen.termijnsoort_keuzes() if waarde not in per_organisatie
    ]


def _termijnen(*, organisatie: Organisatie, jaar: int) -> list[dict]:

    soorten = termijnsoorten_in_verslag()
    nu = timezone.now()
    termijnen = Termijn.objects.filter(
        melding__organisatie=organisatie,
        melding__registerjaar=jaar,
        soort__in=[waarde for waarde, _label in soorten],
    ).exclude(melding__status=Status.VERNIETIGD)
    gesloten = termijnen.filter(gesloten_op__isnull=False).values_list(
        "soort", "gesloten_op", "due", "melding__ontvangen_op"
    )
    rijen_per_termijn = [
        (soort, gesloten_op <= due, (gesloten_op - ontvangen_op) / timedelta(days=1))
        for soort, gesloten_op, due, ontvangen_op in gesloten
    ]
    # An open term past its due date was missed, whether or not it is ever closed
    # (docs/termijnen.md); it has no number of days until it closed.
    rijen_per_termijn += [(soort, False, None) for soort in termijnen.verlopen(nu=nu).values_list("soort", flat=True)]
    # Destroyed cases: met/missed and the days, as kept when destroyed.
    for feiten in vernietigde_feiten(organisatie=organisatie, app="meldingen", registerjaar=jaar):
        rijen_per_termijn += [tuple(t) for t in feiten.get("termijnen", [])]
    teller: Counter = Counter()
    dagen: dict[str, list[float]] = {TermijnSoort.ONTVANGSTBEVESTIGING: [], TermijnSoort.STANDPUNT: []}
    for soort, op_tijd, aantal_dagen in rijen_per_termijn:
        teller[(soort, op_tijd)] += 1
        if soort in dagen and aantal_dagen is not None:
            dagen[soort].append(aantal_dagen)
    rijen = []
    for soort, label in soorten:
        rijen.append([f"{label}: {_('op tijd')}", teller.get((soort, True), 0)])
        rijen.append([f"{label}: {_('te laat')}", teller.get((soort, False), 0)])
    tabel = {
        "titel": str(_("Wettelijke termijnen: op tijd of te laat afgehandeld")),
        "kolom": str(_("Termijn")),
        "rijen": rijen,
        "totaal": sum(n for _label, n in rijen),
        "totaal_sleutel": "termijnen",
        "grafiek": False,
    }
    kengetallen = {
        "soort": "kengetallen",
        "titel": str(_("Mediaan aantal dagen na ontvangst")),
        "kolom": str(_("Tot")),
        "rijen": [
            [str(TermijnSoort(soort).label), round(median(waarden), 1) if waarden else 0, len(waarden)]
            for soort, waarden in dagen.items()
        ],
        "totaal": None,
        "totaal_sleutel": None,
        "grafiek": False,
    }
    return [tabel, kengetallen]
