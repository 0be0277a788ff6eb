from kern.rollen import Rol

PERMISSIES = {
    Rol.ONDERZOEKER: ["onderzoek.view_onderzoek"],
    Rol.HOOGSTE_LEIDINGGEVENDE: ["onderzoek.view_onderzoek"],
    Rol.HOOGSTE_VERANTWOORDELIJKE: ["onderzoek.view_onderzoek"],
}
