"""Suppression of small counts in the annual report (docs/vertrouwelijkheid.md).

Primary: a count of 1 up to `drempel - 1` could identify a person; it is shown
as "< N". Zero identifies nobody and is shown.

Secondary: a published total turns the hidden cells of its table into an
equation. While any primary cell can be solved exactly from the total and the
cells still shown, the next-smallest non-zero cell is hidden too; when no cell
is left to hide, the total is hidden instead. A hidden secondary cell is
assumed known to be >= N (it would otherwise show "< N"), which is the
reader's best knowledge, so the check is conservative. Tables that share a
total (`totaal_sleutel`) publish it once: hiding it in one hides it in all.
Between versions: two versions of one report whose figures differ by a small
count would reveal a small cell (which reports arrived or changed state in
between) even when each version on its own is suppressed. `verschil_onthult`
says whether new figures may replace published ones; when not, the new version
keeps the earlier figures (rapportage.services.versie_genereren,
docs/hostile-input.md, "Annual figures").
Pure functions: no database, no settings. Not audited: linear combinations
across tables beyond the shared total (e.g. differences between hidden cells of
two tables); with one-dimensional tables over the same reports that is the
remaining, small, risk.
"""

from __future__ import annotations

TOON, PRIMAIR, SECUNDAIR = "toon", "primair", "secundair"
SECUNDAIR_TEKEN = "×"


def _primair_herleidbaar(waarden, staten, totaal, drempel) -> bool:
    """Whether some primary cell's value follows exactly from the total."""
    primair = [i for i, s in enumerate(staten) if s == PRIMAIR]
    if not primair:
        return False
    secundair = [i for i, s in enumerate(staten) if s == SECUNDAIR]
    bekend = sum(w for w, s in zip(waarden, staten, strict=True) if s == TOON)
    rest = totaal - bekend  # sum of all hidden cells
    anderen = len(primair) - 1
    hoogste = min(drempel - 1, rest - anderen * 1 - len(secundair) * drempel)
    # Hidden cells known only to be >= N can absorb any remainder.
    laagste = 1 if secundair else max(1, rest - anderen * (drempel - 1))
    return laagste >= hoogste


def onderdruk(waarden: list[int], totaal: int | None, drempel: int, *, totaal_verborgen: bool = False):
    """States for each cell and for the total: (list[str], str | None)."""
    staten = [PRIMAIR if 0 < w < drempel else TOON for w in waarden]
    if totaal is None:
        return staten, None
    if 0 < totaal < drempel:
        return staten, PRIMAIR
    if totaal_verborgen:
        # The shared total is hidden elsewhere; it must not be the sum of the
        # cells shown here either, so at least one non-zero cell is hidden.
        if all(s == TOON for s in staten):
            kandidaten = sorted((w, i) for i, w in enumerate(waarden) if w > 0)
            if kandidaten:
                staten[kandidaten[0][1]] = SECUNDAIR
        return staten, SECUNDAIR
    while _primair_herleidbaar(waarden, staten, totaal, drempel):
        kandidaten = sorted((w, i) for i, (w, s) in enumerate(zip(waarden, staten, strict=True)) if s == TOON and w > 0)
        if not kandidaten:
            return staten, SECUNDAIR
        staten[kandidaten[0][1]] = SECUNDAIR
    return staten, TOON


def weergave(waarde: int, staat: str, drempel: int) -> str:
    if staat == PRIMAIR:
        return f"< {drempel}"
    if staat == SECUNDAIR:
        return SECUNDAIR_TEKEN
    return str(waarde)


def _tabel_onderdrukken(tabel: dict, drempel: int, totaal_verborgen: bool) -> tuple[dict, str | None]:
    if tabel.get("soort") == "kengetallen":
        # Rows [label, value, n]: a median over fewer than N cases is not shown.
        rijen = [
            [label, waarde if n >= drempel else None, str(waarde) if n >= drempel else "—"]
            for label, waarde, n in tabel["rijen"]
        ]
        return {**tabel, "rijen": rijen}, None
    waarden = [aantal for _label, aantal in tabel["rijen"]]
    totaal = tabel.get("totaal")
    staten, totaal_staat = onderdruk(waarden, totaal, drempel, totaal_verborgen=totaal_verborgen)
    rijen = [
        # [label, value for charts (None when hidden), text shown]
        [label, waarde if staat == TOON else None, weergave(waarde, staat, drempel)]
        for (label, waarde), staat in zip(tabel["rijen"], staten, strict=True)
    ]
    uit = {**tabel, "rijen": rijen}
    if totaal is not None:
        uit["totaal"] = weergave(totaal, totaal_staat, drempel)
    return uit, totaal_staat


def onderdelen_onderdrukken(onderdelen: dict[str, list[dict]], drempel: int) -> dict[str, list[dict]]:
    """Suppress every table; a shared total hidden anywhere is hidden everywhere."""
    verborgen: set[str] = set()
    while True:
        uit: dict[str, list[dict]] = {}
        nieuw = set()
        for sleutel, tabellen in onderdelen.items():
            uit[sleutel] = []
            for tabel in tabellen:
                gedeeld = tabel.get("totaal_sleutel")
                resultaat, staat = _tabel_onderdrukken(tabel, drempel, gedeeld in verborgen)
                if gedeeld and staat in (PRIMAIR, SECUNDAIR):
                    nieuw.add(gedeeld)
                uit[sleutel].append(resultaat)
        if nieuw <= verborgen:
            return uit
        verborgen |= nieuw


def _cellen(cijfers: dict) -> dict[tuple, str]:
    """Every published text of a figures document, keyed by where it stands."""
    cellen: dict[tuple, str] = {}
    for onderdeel in cijfers.get("onderdelen", []):
        for t, tabel in enumerate(onderdeel.get("tabellen", [])):
            plaats = (onderdeel["sleutel"], t, tabel.get("soort", ""))
            for rij in tabel.get("rijen", []):
                cellen[(*plaats, str(rij[0]))] = str(rij[-1])
            if "totaal" in tabel:
                cellen[(*plaats, "__totaal__")] = str(tabel["totaal"])
    return cellen


def verschil_onthult(eerder: dict, nieuw: dict, drempel: int) -> bool:
    """Whether publishing `nieuw` after `eerder` could reveal a small count.

    Safe only if every cell that changed shows a number in both and changed by
    at least `drempel` (a group that large identifies nobody). A cell that
    appears, disappears, changes its suppression ("< N", "×", "—") or changes
    a median (kengetallen: one case moves it) counts as revealing, and so does
    a different threshold."""
    if eerder.get("drempel") != nieuw.get("drempel"):
        return True
    oud, nu = _cellen(eerder), _cellen(nieuw)
    if oud.keys() != nu.keys():
        return True
    for plaats, tekst in nu.items():
        vorige = oud[plaats]
        if tekst == vorige:
            continue
        if plaats[2] == "kengetallen" or not (tekst.isdigit() and vorige.isdigit()):
            return True
        if abs(int(tekst) - int(vorige)) < drempel:
            return True
    return False
