"""Every read of meldingen's objects, already filtered by permission (docs/stijl.md).

Missing and forbidden both answer 404: a user without an assignment cannot even
learn that a case exists (docs/vertrouwelijkheid.md). Staff reads are in
`zaken`, the melder's (mailbox) reads in `melder`, organisations in
`organisaties`, statutory terms in `termijnen`, the melder's requests to erase
their identity in `identiteit`.
"""

from meldingen.selectors.identiteit import (
    Wissingsstand,
    identiteit_gewist_op,
    wissing_uiterlijk,
    wissingsstand,
    wissingstermijn_onderwerp,
    wissingsverzoek_open,
    wissingsverzoeken_te_beantwoorden,
)
from meldingen.selectors.melder import (
    TERMIJNEN_VOOR_MELDER,
    UITLEG_ADVIESVRAAG,
    UITLEG_PER_STATUS,
    Meldingsoverzicht,
    bijlage_voor_melder,
    brief_voor_melder,
    meldingsbox_ophalen,
    meldingsbox_overzicht,
    meldingsbox_tijdlijn,
    meldingsbox_van,
    verzoek_voor_melder,
    volgende_termijn_voor_melder,
)
from meldingen.selectors.organisaties import (
    kanalen_met_ontvangers,
    organisatie_ophalen_op_slug,
    organisaties_als_ontvanger,
    organisaties_met_functie,
    organisaties_voor_voordeur,
    registerjaren_voor,
    rolwijzigingen_zichtbaar_voor,
)
from meldingen.selectors.termijnen import lopende_eigen_termijnsoorten, termijn_loopt
from meldingen.selectors.zaken import (
    adviseurtoestemmingen_open,
    berichten_voor,
    bijlage_ophalen_voor,
    bijlagen_voor,
    brieven_bij_vertrouwenspersoon,
    brieven_voor_personeel,
    gebruikers_met_rol,
    koppelingen_voor,
    melding_ophalen_voor,
    meldingen_zichtbaar_voor,
    open_verzoeken_voor,
    tijdlijn_voor,
    toegewezen_gebruikers,
    toewijzingen_voor,
    vastleggingen_voor,
    verzoeken_bij_vertrouwenspersoon,
)

__all__ = [
    "TERMIJNEN_VOOR_MELDER",
    "UITLEG_ADVIESVRAAG",
    "UITLEG_PER_STATUS",
    "Meldingsoverzicht",
    "Wissingsstand",
    "adviseurtoestemmingen_open",
    "berichten_voor",
    "bijlage_ophalen_voor",
    "bijlage_voor_melder",
    "bijlagen_voor",
    "brief_voor_melder",
    "brieven_bij_vertrouwenspersoon",
    "brieven_voor_personeel",
    "gebruikers_met_rol",
    "identiteit_gewist_op",
    "kanalen_met_ontvangers",
    "koppelingen_voor",
    "lopende_eigen_termijnsoorten",
    "melding_ophalen_voor",
    "meldingen_zichtbaar_voor",
    "meldingsbox_ophalen",
    "meldingsbox_overzicht",
    "meldingsbox_tijdlijn",
    "meldingsbox_van",
    "open_verzoeken_voor",
    "organisatie_ophalen_op_slug",
    "organisaties_als_ontvanger",
    "organisaties_met_functie",
    "organisaties_voor_voordeur",
    "registerjaren_voor",
    "rolwijzigingen_zichtbaar_voor",
    "termijn_loopt",
    "tijdlijn_voor",
    "toegewezen_gebruikers",
    "toewijzingen_voor",
    "vastleggingen_voor",
    "verzoek_voor_melder",
    "verzoeken_bij_vertrouwenspersoon",
    "volgende_termijn_voor_melder",
    "wissing_uiterlijk",
    "wissingsstand",
    "wissingstermijn_onderwerp",
    "wissingsverzoek_open",
    "wissingsverzoeken_te_beantwoorden",
]
