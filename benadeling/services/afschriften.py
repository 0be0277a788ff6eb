"""Copies for the melder (Art. 6.2: "De melder ontvangt hiervan een afschrift"; 6.3, 13).

`afschrift_aan_melder_bezorgen` is the ONE place where a copy leaves this app
for the melder. Today it records the copy as an Afschrift row with the PDF. At
merge with the mailbox (issue 3) it also calls
meldingen.services.meldingsbox.brief_bezorgen(melding=..., onderwerp=...,
tekst=..., pdf=..., soort=..., door=...) and sets `bezorgd_op`.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import models, transaction

from benadeling.models import Afschrift
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import document_hash
from kern.services import auditregel_schrijven
from meldingen.models import Melding


@transaction.atomic
def afschrift_aan_melder_bezorgen(
    *, melding: Melding, onderwerp: str, soort: str, pdf: bytes, object: models.Model, door: Gebruiker | None
) -> Afschrift:
    afschrift = Afschrift(
        melding=melding,
        onderwerp=onderwerp[:200],
        soort=soort,
        document_hash=document_hash(pdf),
        object_uuid=str(getattr(object, "uuid", object.pk)),
    )
    afschrift.document.save(f"{afschrift.uuid}.pdf", ContentFile(pdf), save=False)
    afschrift.save()
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=afschrift, toelichting=f"afschrift {soort}")
    return afschrift
