"""Reads of the retaliation app, already filtered by permission (docs/stijl.md).

Retaliation content of a case is for those who work on it against retaliation:
the receiving officer, the HL (or hoogste verantwoordelijke), a behandelaar and
the contactpersoon. An investigator of the case, a role without assignment, HR
and the works council see none of it. Missing and forbidden both answer 404.
"""

from benadeling.selectors.dossier import (
    contactpersoon_aangewezen_op,
    dossier_gebeurtenissen,
)
from benadeling.selectors.melder import (
    huis_voor_klokkenluiders_route,
    melder_overzicht,
    standpunt_weergave,
    vastlegging_weergave,
)
from benadeling.selectors.taken import (
    benadelingsmeldingen_te_behandelen,
    motiveringen_te_ondertekenen,
    motiveringstaken_voor_ontvanger,
    onderzoeksverzoeken_open,
    reacties_te_beantwoorden,
    risicogesprekken_te_voeren,
)
from benadeling.selectors.zaken import (
    BENADELING_ROLLEN,
    benadelingsrecords_zichtbaar_voor,
    beschermde_personen_van,
    instelling_voor,
    melding_ophalen_voor_benadeling,
    meldingen_met_benadeling_voor,
    organisaties_voor_personeelszaken,
)

__all__ = [
    "BENADELING_ROLLEN",
    "benadelingsmeldingen_te_behandelen",
    "benadelingsrecords_zichtbaar_voor",
    "beschermde_personen_van",
    "contactpersoon_aangewezen_op",
    "dossier_gebeurtenissen",
    "huis_voor_klokkenluiders_route",
    "instelling_voor",
    "melder_overzicht",
    "melding_ophalen_voor_benadeling",
    "meldingen_met_benadeling_voor",
    "motiveringen_te_ondertekenen",
    "motiveringstaken_voor_ontvanger",
    "onderzoeksverzoeken_open",
    "organisaties_voor_personeelszaken",
    "reacties_te_beantwoorden",
    "risicogesprekken_te_voeren",
    "standpunt_weergave",
    "vastlegging_weergave",
]
