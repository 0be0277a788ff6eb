"""Copies for the melder (Art. 6.2: "De melder ontvangt hiervan een afschrift"; 6.3, 13).

`afschrift_aan_melder_bezorgen` is the ONE place where a copy leaves this app
for the melder. It keeps the copy as an Afschrift row with the PDF and its hash
(for the dossier) and delivers it as a letter in the mailbox, the one channel to
the melder (docs/melderzijde.md), through meldingen.services.meldingsbox.brief_bezorgen,
which also holds it at the vertrouwenspersoon when Art. 7.3 applies.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import models, transaction

from benadeling.models import Afschrift
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import document_hash
from kern.services import auditregel_schrijven
from meldingen.models import Melding
from meldingen.services.meldingsbox import brief_bezorgen


@transaction.atomic
def afschrift_aan_melder_bezorgen(
    *,
    melding: Melding,
    onderwerp: str,
    tekst: str,
    soort: str,
    pdf: bytes,
    object: models.Model,
    door: Gebruiker | None,
    sluit_termijnen: tuple[str, ...] = (),
) -> Afschrift:
    """Record the copy and deliver it to the mailbox as a letter with the PDF.

    `tekst` is what the melder reads in the mailbox; the PDF is the copy itself.
    `bezorgd_op` is when the letter was handed to the mailbox; under Art. 7.3 the
    melder sees it only once the vertrouwenspersoon forwards it (`brief.bij_melder_op`).
    `sluit_termijnen` (meldingen.services.termijnen.termijnsleutel) close when the
    letter reaches the melder, as for every letter."""
    afschrift = Afschrift(
        melding=melding,
        onderwerp=onderwerp[:200],
        soort=soort,
        document_hash=document_hash(pdf),
        object_uuid=str(getattr(object, "uuid", object.pk)),
    )
    afschrift.document.save(f"{afschrift.uuid}.pdf", ContentFile(pdf), save=False)
    brief = brief_bezorgen(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        pdf=pdf,
        soort=f"benadeling_{soort}"[:50],
        door=door,
        sluit_termijnen=sluit_termijnen,
    )
    afschrift.brief = brief
    afschrift.bezorgd_op = brief.verzonden_op
    afschrift.save()
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=afschrift, toelichting=f"afschrift {soort}")
    return afschrift
