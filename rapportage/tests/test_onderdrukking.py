"""Small counts are hidden, also where a total would give them away (docs/vertrouwelijkheid.md)."""

import itertools

import pytest

from rapportage.onderdrukking import PRIMAIR, SECUNDAIR, TOON, onderdelen_onderdrukken, onderdruk


def test_kleine_aantallen_worden_onderdrukt_nul_niet():
    staten, totaal = onderdruk([0, 3, 12, 9], None, 5)
    assert staten == [TOON, PRIMAIR, TOON, TOON]
    assert totaal is None


def test_een_onderdrukte_cel_met_totaal_onderdrukt_ook_de_volgende_kleinste():
    # 24 - 12 - 9 = 3 would give the hidden cell away: the next smallest (9) goes too.
    staten, totaal = onderdruk([0, 3, 12, 9], 24, 5)
    assert staten == [TOON, PRIMAIR, TOON, SECUNDAIR]
    assert totaal == TOON


def test_zonder_andere_cel_wordt_het_totaal_onderdrukt():
    staten, totaal = onderdruk([3, 0, 0], 3, 5)
    assert totaal == PRIMAIR  # a total under the threshold is itself small
    staten, totaal = onderdruk([1, 5, 0], 6, 5)
    # 6 - "x >= 5" leaves the hidden 1 exactly: nothing left to hide, so the total goes.
    assert staten == [PRIMAIR, SECUNDAIR, TOON]
    assert totaal == SECUNDAIR


def test_twee_kleine_cellen_die_samen_niets_verraden_blijven_zo():
    staten, totaal = onderdruk([2, 3, 10], 15, 5)
    assert staten == [PRIMAIR, PRIMAIR, TOON]
    assert totaal == TOON


def test_twee_enen_worden_uit_het_totaal_herleid_en_dus_extra_onderdrukt():
    # 12 - 10 = 2 = 1 + 1: both hidden cells would be known exactly.
    staten, _totaal = onderdruk([1, 1, 10], 12, 5)
    assert staten == [PRIMAIR, PRIMAIR, SECUNDAIR]


def _oplosbaar(waarden, staten, totaal, drempel):
    """Brute force: which values of hidden primary cells fit what is published?"""
    verborgen = [i for i, s in enumerate(staten) if s != TOON]
    bereik = {i: range(1, drempel) if staten[i] == PRIMAIR else range(drempel, totaal + 1) for i in verborgen}
    bekend = sum(w for w, s in zip(waarden, staten, strict=True) if s == TOON)
    mogelijk = {i: set() for i in verborgen}
    for combinatie in itertools.product(*(bereik[i] for i in verborgen)):
        if bekend + sum(combinatie) == totaal:
            for i, w in zip(verborgen, combinatie, strict=True):
                mogelijk[i].add(w)
    return {i: mogelijk[i] for i in verborgen if staten[i] == PRIMAIR}


@pytest.mark.parametrize("waarden", [list(c) for c in itertools.product([0, 1, 2, 4, 5, 6, 9], repeat=3)])
def test_geen_onderdrukte_cel_is_uit_het_totaal_terug_te_rekenen(waarden):
    drempel, totaal = 5, sum(waarden)
    staten, totaal_staat = onderdruk(waarden, totaal, drempel)
    assert all(staten[i] == PRIMAIR for i, w in enumerate(waarden) if 0 < w < drempel)
    if totaal_staat != TOON:
        return
    for i, mogelijk in _oplosbaar(waarden, staten, totaal, drempel).items():
        assert len(mogelijk) > 1, f"cell {i} of {waarden} recoverable as {mogelijk}"


def test_gedeeld_totaal_verborgen_in_een_tabel_is_overal_verborgen():
    onderdelen = {
        "aard": [{"titel": "a", "rijen": [["x", 1], ["y", 5]], "totaal": 6, "totaal_sleutel": "meldingen"}],
        "kanalen": [{"titel": "k", "rijen": [["p", 6], ["q", 0]], "totaal": 6, "totaal_sleutel": "meldingen"}],
    }
    uit = onderdelen_onderdrukken(onderdelen, 5)
    assert uit["aard"][0]["totaal"] == "×"
    assert uit["kanalen"][0]["totaal"] == "×"
    assert uit["aard"][0]["rijen"] == [["x", None, "< 5"], ["y", 5, "5"]]
    # Nor may the hidden total be the sum of the cells shown in another table.
    assert uit["kanalen"][0]["rijen"] == [["p", None, "×"], ["q", 0, "0"]]


def test_mediaan_over_te_weinig_gevallen_wordt_niet_getoond():
    onderdelen = {"termijnen": [{"soort": "kengetallen", "titel": "t", "rijen": [["a", 6, 3], ["b", 9, 40]]}]}
    uit = onderdelen_onderdrukken(onderdelen, 5)
    assert uit["termijnen"][0]["rijen"] == [["a", None, "—"], ["b", 9, "9"]]
