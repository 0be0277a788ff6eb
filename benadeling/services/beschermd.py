"""Protected persons per case (Art. 5.1), with blind indexes for the HR check (Art. 5.4)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from benadeling.constants import BeschermdeRol
from benadeling.models import BeschermdPersoon
from benadeling.selectors import BENADELING_ROLLEN
from benadeling.services.toetsen import toetsen_voor_beschermde_matchen
from kern import toegang
from kern.crypto import blinde_index, normaliseer
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.models import Melding


@transaction.atomic
def beschermd_persoon_toevoegen(
    *,
    melding: Melding,
    rol: BeschermdeRol | str,
    naam: str = "",
    personeelsnummer: str = "",
    email: str = "",
    beschermd_vanaf: date,
    door: Gebruiker | None,
) -> BeschermdPersoon:
    """Link a protected person to the case from a date (Art. 5.1).

    Only keyed blind indexes of the employee number and e-mail are stored
    (kern.crypto.blinde_index, doel "personeelsnummer" / "email" as in
    MelderIdentiteit), so HR's check can match without decrypting anyone.
    For the melder no name is stored: the identity stays in MelderIdentiteit,
    for the receiving officer only (Art. 7.2); `naam` is ignored for that role.
    `door=None` is the system (e.g. filling the melder's row from the identity).
    """
    rol = BeschermdeRol(rol)
    if door is not None:
        toegang.vereis_toewijzing(melding=melding, door=door, rollen=BENADELING_ROLLEN)
    if rol == BeschermdeRol.MELDER:
        naam = ""
        # One melder per case (a database constraint): the row is usually added from
        # the identity when the report is submitted (benadeling.melder).
        if BeschermdPersoon.objects.filter(melding=melding, rol=BeschermdeRol.MELDER).exists():
            raise ValidationError({"rol": _("De melder staat al als beschermd persoon op deze melding.")})
    elif not naam.strip():
        raise ValidationError({"naam": _("Vul de naam van de beschermde persoon in.")})
    if beschermd_vanaf is None:
        raise ValidationError({"beschermd_vanaf": _("Vul in vanaf wanneer de bescherming geldt.")})
    persoon = BeschermdPersoon.objects.create(
        melding=melding,
        rol=rol,
        naam=naam.strip(),
        personeelsnummer_index=blinde_index(personeelsnummer, doel="personeelsnummer")
        if normaliseer(personeelsnummer)
        else "",
        email_index=blinde_index(email, doel="email") if normaliseer(email) else "",
        beschermd_vanaf=beschermd_vanaf,
        toegevoegd_door=door,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=persoon, toelichting=f"beschermd {rol}")
    # Art. 5.4: HR may have checked a measure against this person before they were
    # protected; the open checks are matched now, in this transaction.
    toetsen_voor_beschermde_matchen(persoon=persoon)
    return persoon
