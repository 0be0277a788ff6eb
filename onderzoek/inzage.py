"""Identities onderzoek protects in a person concerned's access file
(meldingen.services.inzage): everyone heard as a witness (EU 2019/1937 art. 16, 22)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from meldingen.models import Melding
from onderzoek.models import Verhoor


def beschermde_identiteiten(*, melding: Melding) -> list[tuple[str, str]]:
    return [
        (str(_("naam van een getuige of gehoorde")), naam)
        for naam in Verhoor.objects.filter(onderzoek__melding=melding).values_list("naam_gehoorde", flat=True)
        if naam
    ]
