"""The report form validates with the choices its __init__ narrowed, and still
links help and error texts to their inputs (aria-describedby)."""

from meldingen.constants import Kanaal
from meldingen.forms import MeldFormulier

MELDING = {
    "omschrijving": "De kas wordt niet geteld.",
    "hl_betrokken": "nee",
    "categorie": "onbekend",
    "kanaal": "externe_vertrouwenspersoon",
    "identiteitskeuze": "anoniem",
    "toestemming": "ja",
}


def test_formulier_weigert_een_ontvanger_die_de_organisatie_niet_aanbiedt():
    # Before issue 16's fix the form validated inside its base __init__, before the
    # recipients were narrowed, and took any channel.
    form = MeldFormulier({**MELDING, "kanaal": Kanaal.HOOGSTE_VERANTWOORDELIJKE}, kanalen=[Kanaal.VERTROUWENSPERSOON])
    assert not form.is_valid()
    assert "kanaal" in form.errors


def test_formulier_neemt_een_aangeboden_ontvanger_aan():
    form = MeldFormulier({**MELDING, "kanaal": Kanaal.VERTROUWENSPERSOON}, kanalen=[Kanaal.VERTROUWENSPERSOON])
    assert form.is_valid(), form.errors


def test_fout_en_hulptekst_blijven_aan_het_invoerveld_gekoppeld():
    form = MeldFormulier({**MELDING, "omschrijving": ""}, kanalen=[Kanaal.EXTERNE_VERTROUWENSPERSOON])
    assert not form.is_valid()
    beschreven = form.fields["omschrijving"].widget.attrs["aria-describedby"].split()
    assert beschreven == ["id_omschrijving_helptext", "id_omschrijving_fout"]
    # An unbound form describes inputs by their help text only.
    leeg = MeldFormulier(kanalen=[Kanaal.EXTERNE_VERTROUWENSPERSOON])
    assert leeg.fields["omschrijving"].widget.attrs["aria-describedby"] == "id_omschrijving_helptext"
