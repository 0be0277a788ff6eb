"""Every document the code and the docs point to exists in this repository
(docs/stijl.md): a newcomer who clones it can read each rule a comment cites."""

from __future__ import annotations

import contextlib
import importlib
import re
import subprocess
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
SOORTEN = (".py", ".md", ".html")
# `docs/termijnen.md`, `docs/adr/0003-termijnen.md`, and bare names in capitals such as README.md.
DOCS_VERWIJZING = re.compile(r"\bdocs/[\w./-]+?\.md\b")
HOOFDLETTER_VERWIJZING = re.compile(r"(?<![\w/.-])[A-Z][A-Z_]*\.md\b")


def _bestanden() -> list[Path]:
    uitvoer = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / p for p in uitvoer.split() if p.endswith(SOORTEN) and (ROOT / p).is_file()]


def verwijzingen(tekst: str) -> set[str]:
    return set(DOCS_VERWIJZING.findall(tekst)) | set(HOOFDLETTER_VERWIJZING.findall(tekst))


def bestaat(verwijzing: str) -> bool:
    if verwijzing.startswith("docs/"):
        return (ROOT / verwijzing).is_file()
    # A bare name in capitals (README.md) is a file at the top or in docs/.
    return (ROOT / verwijzing).is_file() or (ROOT / "docs" / verwijzing).is_file()


def test_elke_verwijzing_naar_een_document_bestaat():
    ontbrekend = sorted(
        f"{pad.relative_to(ROOT)}: {verwijzing}"
        for pad in _bestanden()
        for verwijzing in verwijzingen(pad.read_text(errors="replace"))
        if not bestaat(verwijzing)
    )
    assert ontbrekend == []


def test_de_controle_ziet_een_ontbrekend_document():
    # Built from parts, so this file does not itself cite a missing document.
    ontwerp, weg = "ONTWERP" + ".md", "docs/bestaat-niet" + ".md"
    tekst = f"see {ontwerp} §4 and docs/termijnen.md, {weg} and README.md"
    assert verwijzingen(tekst) == {ontwerp, "docs/termijnen.md", weg, "README.md"}
    assert [v for v in sorted(verwijzingen(tekst)) if not bestaat(v)] == [ontwerp, weg]


def test_de_bestanden_zijn_gelezen():
    namen = {p.relative_to(ROOT).as_posix() for p in _bestanden()}
    assert {"kern/toegang.py", "docs/architecture.md", "templates/base.html"} <= namen


# A name in backticks such as `kern.toegang.vereis_leiding` or `meldingen.Melding`.
CODE_NAAM = re.compile(r"`((?:kern|meldingen|onderzoek|benadeling|rapportage)(?:\.[A-Za-z_]\w*)+)")


def _bestaat_in_code(naam: str) -> bool:
    delen = naam.split(".")
    for i in range(len(delen), 0, -1):
        try:
            obj = importlib.import_module(".".join(delen[:i]))
        except ImportError:
            continue
        rest = delen[i:]
        if i == 1 and rest:
            # `app.Model...`: a model by its app label
            with contextlib.suppress(LookupError):
                obj, rest = apps.get_model(delen[0], rest[0]), rest[1:]
        try:
            for deel in rest:
                obj = getattr(obj, deel)
        except AttributeError:
            return False
        return True
    return False


def test_elke_naam_in_de_documentatie_bestaat_in_de_code():
    """An ADR or the architecture page that names a function that was renamed or
    removed misleads the next reader."""
    documenten = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    ontbrekend = sorted(
        f"{pad.relative_to(ROOT)}: {naam}"
        for pad in documenten
        for naam in set(CODE_NAAM.findall(pad.read_text()))
        if not _bestaat_in_code(naam)
    )
    assert ontbrekend == []


def test_de_naamcontrole_ziet_een_verdwenen_functie():
    assert _bestaat_in_code("kern.toegang.vereis_leiding")
    assert _bestaat_in_code("meldingen.Melding.leiding_rol")
    assert not _bestaat_in_code("onderzoek.services.vereis_leiding")
