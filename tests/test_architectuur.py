"""The shape of the code (docs/stijl.md): layers, no circles of imports, no import
hidden inside a function without a reason, and a base layer that does not know
the words of the apps above it. Read from the source with `ast` and `tokenize`,
so a change that breaks a rule fails here before anyone has to notice it."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: an app may import only from apps before it (docs/architecture.md).
LAGEN = ["kern", "meldingen", "onderzoek", "benadeling", "rapportage"]
PAKKETTEN = [*LAGEN, "config"]


def _bronbestanden(*, met_tests: bool = False) -> list[Path]:
    bestanden = []
    for pakket in PAKKETTEN:
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            delen = pad.relative_to(ROOT).parts
            if "migrations" in delen or (not met_tests and "tests" in delen):
                continue
            bestanden.append(pad)
    return bestanden


def _modulenaam(pad: Path) -> str:
    delen = list(pad.relative_to(ROOT).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


MODULES = {_modulenaam(p): p for p in _bronbestanden()}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _doelen(node: ast.Import | ast.ImportFrom, module: str, is_pakket: bool) -> list[str]:
    """The first-party modules an import statement loads."""
    if isinstance(node, ast.Import):
        namen = [alias.name for alias in node.names]
    else:
        basis = node.module or ""
        if node.level:
            delen = module.split(".")
            if not is_pakket:
                delen = delen[:-1]
            delen = delen[: len(delen) - (node.level - 1)] if node.level > 1 else delen
            basis = ".".join([*delen, basis] if basis else delen)
        namen = []
        for alias in node.names:
            kandidaat = f"{basis}.{alias.name}"
            namen.append(kandidaat if kandidaat in MODULES else basis)
    doelen = []
    for naam in namen:
        # `import a.b.c` loads a, a.b and a.b.c; the deepest first-party one is the edge.
        while naam and naam not in MODULES:
            naam = naam.rpartition(".")[0]
        if naam:
            doelen.append(naam)
    return doelen


def _imports(pad: Path) -> tuple[list[tuple[str, int]], list[tuple[str, ast.AST]]]:
    """(module-level imports, imports inside a function) of one file."""
    module = _modulenaam(pad)
    is_pakket = pad.name == "__init__.py"
    boom = ast.parse(pad.read_text(), filename=str(pad))
    bovenaan: list[tuple[str, int]] = []
    binnen: list[tuple[str, ast.AST]] = []

    def bezoek(node: ast.AST, in_functie: bool) -> None:
        for kind in ast.iter_child_nodes(node):
            if isinstance(kind, ast.If) and _is_type_checking(kind):
                continue  # for type checkers only; never executed
            if isinstance(kind, ast.Import | ast.ImportFrom):
                for doel in _doelen(kind, module, is_pakket):
                    if in_functie:
                        binnen.append((doel, kind))
                    else:
                        bovenaan.append((doel, kind.lineno))
                if in_functie and not _doelen(kind, module, is_pakket):
                    binnen.append(("", kind))
            bezoek(kind, in_functie or isinstance(kind, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    bezoek(boom, False)
    return bovenaan, binnen


GRAAF = {module: sorted({doel for doel, _ in _imports(pad)[0] if doel != module}) for module, pad in MODULES.items()}


def _kringen(graaf: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    kringen: list[list[str]] = []
    teller = [0]

    def sterk(v: str) -> None:
        index[v] = laag[v] = teller[0]
        teller[0] += 1
        stapel.append(v)
        op_stapel.add(v)
        for w in graaf.get(v, []):
            if w not in index:
                sterk(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            component = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                kringen.append(sorted(component))

    for v in graaf:
        if v not in index:
            sterk(v)
    return kringen


def test_de_importgraaf_is_gelezen():
    # A guard for the tests below: they prove nothing if the graph came out empty.
    assert len(MODULES) > 100
    assert "kern.toegang" in GRAAF["meldingen.selectors.zaken"]
    assert "meldingen.uitbreidingen" in GRAAF["meldingen.services.melder"]


def test_geen_kring_van_imports_tussen_bestanden():
    assert _kringen(GRAAF) == []


def test_kringdetectie_vindt_een_kring():
    assert _kringen({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]


def _laag(module: str) -> int | None:
    app = module.split(".")[0]
    return LAGEN.index(app) if app in LAGEN else None


@pytest.mark.parametrize("pad", _bronbestanden(met_tests=True), ids=lambda p: str(p.relative_to(ROOT)))
def test_een_lagere_app_importeert_geen_hogere(pad):
    eigen = _laag(_modulenaam(pad))
    if eigen is None:
        return
    bovenaan, binnen = _imports(pad)
    # An app's own tests keep to its layer too; tests across apps live in tests/.
    te_hoog = sorted({doel for doel, _ in [*bovenaan, *binnen] if doel and (_laag(doel) or 0) > eigen})
    assert te_hoog == [], f"{pad.relative_to(ROOT)} imports a higher app: {te_hoog}"


def _heeft_reden(regels: list[str], node: ast.AST) -> bool:
    """An import inside a function needs a comment saying why: on its own line(s),
    or in the comment block right above the block of imports it belongs to."""
    for nr in range(node.lineno, node.end_lineno + 1):
        if "#" in regels[nr - 1]:
            return True
    nr = node.lineno - 1
    while nr >= 1:
        regel = regels[nr - 1].strip()
        if regel.startswith("#"):
            return True
        if regel.startswith(("from ", "import ")) or regel == "" or regel.endswith((",", "(")) or regel == ")":
            nr -= 1
            continue
        # a continuation line of a parenthesised import ("    naam,")
        if regels[nr - 1].startswith(" ") and regel.replace(",", "").replace(" ", "").isidentifier():
            nr -= 1
            continue
        return False
    return False


@pytest.mark.parametrize("pad", _bronbestanden(met_tests=True), ids=lambda p: str(p.relative_to(ROOT)))
def test_geen_import_in_een_functie_zonder_reden(pad):
    regels = pad.read_text().splitlines()
    zonder_reden = sorted({node.lineno for _doel, node in _imports(pad)[1] if not _heeft_reden(regels, node)})
    assert zonder_reden == [], (
        f"{pad.relative_to(ROOT)}: imports inside a function without a comment why, lines {zonder_reden}"
    )


# The words of the apps above meldingen: their names and their own domain terms.
HOGERE_WOORDEN = re.compile(
    r"benadeling|rapportage|risicogesprek|risicoanalyse|jaarrapport|onderzoeksverzoek|"
    r"beschermd_?persoon|motivering|personeelstoets",
    re.IGNORECASE,
)


def _meldingen_bestanden() -> list[Path]:
    bestanden = [p for p in (ROOT / "meldingen").rglob("*") if p.suffix in {".py", ".html", ".txt"}]
    bestanden += list((ROOT / "templates" / "meldingen").rglob("*.html"))
    return sorted(p for p in bestanden if "migrations" not in p.parts)


def _woorden_in_code(pad: Path) -> list[str]:
    """Higher apps' words in names, strings and comments of a meldingen file. UI
    text is included: the melder's form may say that a melder is protected against
    retaliation (Art. 5), so those sentences are the only ones allowed, below."""
    tekst = pad.read_text()
    gevonden = []
    if pad.suffix == ".py":
        for token in tokenize.generate_tokens(io.StringIO(tekst).readline):
            if token.type in (tokenize.NAME, tokenize.STRING, tokenize.COMMENT):
                gevonden += [f"{token.start[0]}: {m.group(0)}" for m in HOGERE_WOORDEN.finditer(token.string)]
    else:
        for nr, regel in enumerate(tekst.splitlines(), 1):
            if TOEGESTANE_UITLEG in regel:
                continue
            gevonden += [f"{nr}: {m.group(0)}" for m in HOGERE_WOORDEN.finditer(regel)]
    return gevonden


# Art. 5: every melder is told on the form that they are protected; that is meldingen's text.
TOEGESTANE_UITLEG = "U bent beschermd tegen benadeling als u te goeder trouw meldt (Art. 5)."


@pytest.mark.parametrize("pad", _meldingen_bestanden(), ids=lambda p: str(p.relative_to(ROOT)))
def test_meldingen_kent_de_woorden_van_hogere_apps_niet(pad):
    assert _woorden_in_code(pad) == [], f"{pad.relative_to(ROOT)} names a higher app's words"


def test_woordencontrole_vindt_een_woord(tmp_path):
    bestand = tmp_path / "voorbeeld.py"
    bestand.write_text('TERMIJN = "risicogesprek"  # started by benadeling\n')
    assert _woorden_in_code(bestand) == ["1: risicogesprek", "1: benadeling"]
