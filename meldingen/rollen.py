"""Model permissions per role for this app. They open admin screens; content
needs an assignment (object permissions) as well (kern.rollen)."""

from kern.rollen import Rol

_ONTVANGERS = [
    "meldingen.view_melding",
    "meldingen.add_melding",
    "meldingen.change_melding",
    "meldingen.view_gebeurtenis",
    "meldingen.view_toewijzing",
    "meldingen.view_termijn",
]

PERMISSIES = {
    Rol.VERTROUWENSPERSOON: _ONTVANGERS,
    Rol.EXTERNE_VERTROUWENSPERSOON: _ONTVANGERS,
    Rol.LEIDINGGEVENDE: _ONTVANGERS,
    Rol.HOOGSTE_LEIDINGGEVENDE: [
        "meldingen.view_rolwijziging",
        "meldingen.goedkeuren_rolwijziging",
        "meldingen.view_melding",
        "meldingen.change_melding",
        "meldingen.view_gebeurtenis",
        "meldingen.view_termijn",
    ],
    Rol.HOOGSTE_VERANTWOORDELIJKE: [
        "meldingen.view_rolwijziging",
        "meldingen.goedkeuren_rolwijziging",
        "meldingen.view_melding",
        "meldingen.change_melding",
        "meldingen.view_gebeurtenis",
        "meldingen.view_termijn",
    ],
    Rol.ONDERZOEKER: ["meldingen.view_melding"],
    Rol.CONTACTPERSOON: ["meldingen.view_melding"],
    Rol.FUNCTIONEEL_BEHEERDER: [
        "meldingen.view_organisatie",
        "meldingen.add_organisatie",
        "meldingen.change_organisatie",
        "meldingen.view_functionaris",
        # Receiving officers and case roles change only through a proposal that a
        # second person approves (docs/threat-model.md §3): no add/change/delete here.
        "meldingen.view_rolwijziging",
        "meldingen.add_rolwijziging",
        "meldingen.view_termijninstelling",
        "meldingen.add_termijninstelling",
        "meldingen.change_termijninstelling",
        # The retention policy is configuration, not case content (docs/retention.md).
        "meldingen.view_bewaarbeleid",
        "meldingen.add_bewaarbeleid",
        "meldingen.change_bewaarbeleid",
    ],
}
