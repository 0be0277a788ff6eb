"""Every string marked for translation has an English translation, in code and in
templates, so an English user never meets Dutch that was meant to be translated.

The strings are extracted from Python with `ast` (which, unlike xgettext, also sees a
call inside an f-string) and from templates as `makemessages` would (Django's own
`templatize`, then xgettext), but the catalogue is never rewritten: translations are
added by hand (docs/stijl.md). The check caught dashboard labels and a closing
refusal that English users read in Dutch.
"""

import ast
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

BASIS = Path(settings.BASE_DIR)
APPS = ("kern", "meldingen", "onderzoek", "benadeling", "rapportage", "config", "templates")
ZONDER_CONTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
MET_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _bestanden(achtervoegsels: tuple[str, ...]):
    for app in APPS:
        for pad in sorted((BASIS / app).rglob("*")):
            delen = pad.relative_to(BASIS).parts
            if pad.suffix in achtervoegsels and "migrations" not in delen and "tests" not in delen:
                yield pad


def _uit_python() -> set[str]:
    sleutels = set()
    for pad in _bestanden((".py",)):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if not isinstance(knoop, ast.Call):
                continue
            naam = getattr(knoop.func, "id", None) or getattr(knoop.func, "attr", None)
            teksten = [a.value if isinstance(a, ast.Constant) else None for a in knoop.args]
            teksten = [t if isinstance(t, str) else None for t in teksten]
            if naam in ZONDER_CONTEXT and teksten[:1] and teksten[0]:
                sleutels.add(teksten[0])
            elif naam in MET_CONTEXT and len(teksten) > 1 and teksten[0] and teksten[1]:
                sleutels.add(f"{teksten[0]}\x04{teksten[1]}")
    return sleutels


def _uit_templates(tmp_path: Path) -> set[str]:
    bronnen = []
    for pad in _bestanden((".html", ".txt")):
        if "templates" in pad.relative_to(BASIS).parts:
            # templatize turns a template into Python-like text that xgettext reads.
            doel = tmp_path / (str(pad.relative_to(BASIS)).replace("/", "__") + ".py")
            doel.write_text(templatize(pad.read_text(encoding="utf-8"), origin=str(pad)), encoding="utf-8")
            bronnen.append(str(doel))
    pot = tmp_path / "templates.pot"
    sleutelwoorden = ["-kgettext", "-kpgettext:1c,2", "-kngettext:1,2", "-knpgettext:1c,2,3"]
    subprocess.run(
        ["xgettext", "-L", "Python", "--from-code=UTF-8", "--no-wrap", "-o", str(pot), *sleutelwoorden, *bronnen],
        check=True,
        capture_output=True,
    )
    return _te_vertalen(pot.read_text(encoding="utf-8"))


def _te_vertalen(pot: str) -> set[str]:
    """The catalogue keys (context joined with \\x04, as gettext does) of a .pot file
    written with --no-wrap, so each msgid and msgctxt is on one line."""
    sleutels, context = set(), None
    for regel in pot.splitlines():
        if regel.startswith("msgctxt "):
            context = ast.literal_eval(regel.removeprefix("msgctxt "))
        elif regel.startswith("msgid "):
            msgid = ast.literal_eval(regel.removeprefix("msgid "))
            if msgid:
                sleutels.add(f"{context}\x04{msgid}" if context else msgid)
            context = None
    return sleutels


def test_elke_vertaalbare_tekst_heeft_een_engelse_vertaling(tmp_path):
    catalogus = trans_real.translation("en")._catalog
    vertaald = {k if isinstance(k, str) else k[0] for k, v in catalogus.items() if v}
    ontbrekend = sorted((_uit_python() | _uit_templates(tmp_path)) - vertaald)
    assert ontbrekend == [], "zonder Engelse vertaling in locale/en/LC_MESSAGES/django.po:\n" + "\n".join(ontbrekend)
