"""Model permissions per role for the annual report and the regulation. Which
organisation's reports a user reaches is decided per organisation in
rapportage.selectors (Functionaris HL, OrLidmaatschap); no role here reaches a case."""

from kern.rollen import Rol

PERMISSIES = {
    # Art. 14.2-14.4: the HL draws up, sends, processes and adopts the report.
    Rol.HOOGSTE_LEIDINGGEVENDE: [
        "rapportage.view_jaarrapportage",
        "rapportage.add_jaarrapportage",
        "rapportage.change_jaarrapportage",
        "rapportage.vaststellen_jaarrapportage",
        "rapportage.view_rapportageversie",
        "rapportage.view_orstandpunt",
    ],
    # Art. 14.3-14.4: the OR discusses, gives its standpunt and approves the processing.
    Rol.ONDERNEMINGSRAAD: [
        "rapportage.view_jaarrapportage",
        "rapportage.goedkeuren_jaarrapportage",
        "rapportage.view_rapportageversie",
        "rapportage.view_orstandpunt",
        "rapportage.add_orstandpunt",
    ],
    # Art. 14.1: the regulation's published text; OR membership is configuration.
    Rol.FUNCTIONEEL_BEHEERDER: [
        "rapportage.view_regelingversie",
        "rapportage.add_regelingversie",
        "rapportage.view_orlidmaatschap",
        "rapportage.add_orlidmaatschap",
        "rapportage.delete_orlidmaatschap",
    ],
}
