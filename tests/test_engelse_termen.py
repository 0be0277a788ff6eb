"""A role has one English name throughout the UI (docs/glossary.md, "The roles in the English UI")."""

import re

import pytest
from django.utils.translation import trans_real

ROLNAMEN = {
    "vertrouwenspersoon": "confidential counsellor",
    "ontvangende functionaris": "receiving officer",
    "hoogste leidinggevende": "highest manager",
}


@pytest.mark.parametrize("term", ROLNAMEN)
def test_een_rol_heeft_een_engelse_naam(term):
    catalogus = trans_real.translation("en")._catalog
    afwijkend = [
        (msgid, msgstr)
        for msgid, msgstr in catalogus.items()
        if isinstance(msgid, str) and re.search(term, msgid, re.IGNORECASE) and ROLNAMEN[term] not in msgstr.lower()
    ]
    assert afwijkend == []


def test_geen_tweede_naam_voor_de_vertrouwenspersoon():
    catalogus = trans_real.translation("en")._catalog
    assert [msgstr for _msgid, msgstr in catalogus.items() if "confidential adviser" in str(msgstr).lower()] == []


def test_de_melder_heet_in_het_engels_reporter():
    # docs/glossary.md, "The words in the English UI": melder is "reporter". The one
    # exception is "[melder]", the literal mark an erasure leaves in the report's text.
    catalogus = trans_real.translation("en")._catalog
    woord = re.compile(r"(?<!\[)\bmelders?\b(?!\])", re.I)
    assert [msgstr for _msgid, msgstr in catalogus.items() if woord.search(str(msgstr))] == []
