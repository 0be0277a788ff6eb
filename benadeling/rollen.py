"""Model permissions per role for this app. They open admin screens and the HR
check form; content needs an assignment on the case as well (kern.rollen)."""

from kern.rollen import Rol

_ZAAK = [
    "benadeling.view_beschermdpersoon",
    "benadeling.view_risicoanalyse",
    "benadeling.view_benadelingsmelding",
    "benadeling.view_maatregel",
    "benadeling.view_voorgenomenmaatregel",
    "benadeling.view_motivering",
    "benadeling.view_onderzoeksverzoek",
    "benadeling.view_verwijzing",
    "benadeling.view_afschrift",
]

PERMISSIES = {
    Rol.VERTROUWENSPERSOON: _ZAAK,
    Rol.EXTERNE_VERTROUWENSPERSOON: _ZAAK,
    Rol.LEIDINGGEVENDE: _ZAAK,
    Rol.CONTACTPERSOON: _ZAAK,
    Rol.HOOGSTE_LEIDINGGEVENDE: [*_ZAAK, "benadeling.view_dossierexport"],
    Rol.HOOGSTE_VERANTWOORDELIJKE: [*_ZAAK, "benadeling.view_dossierexport"],
    # HR sees no case, ever: only the check form of Art. 5.4.
    Rol.PERSONEELSZAKEN: ["benadeling.add_personeelstoets"],
    Rol.FUNCTIONEEL_BEHEERDER: [
        "benadeling.view_benadelinginstelling",
        "benadeling.add_benadelinginstelling",
        "benadeling.change_benadelinginstelling",
    ],
}
