"""The retaliation dossier as one PDF, for a court or the Huis voor Klokkenluiders:
since HR 7 February 2025 (ECLI:NL:HR:2025:190) the employer must prove a measure
is unrelated to the report, and this is how it shows what it did."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling import auditnotities
from benadeling.models import DossierExport
from benadeling.selectors import dossier_gebeurtenissen
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import document_hash
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.models import Melding


@transaction.atomic
def dossier_exporteren(*, melding: Melding, ontvangers: str, door: Gebruiker) -> DossierExport:
    """Export the whole retaliation history (protected persons, risk analysis,
    claims, measures, motivations, investigations, referrals, letters) in order,
    with a table of contents and the signature hashes. Audited, with recipients."""
    toegang.vereis_leiding(melding=melding, door=door)
    if not (ontvangers or "").strip():
        raise ValidationError({"ontvangers": _("Noem aan wie het dossier wordt verstrekt.")})
    gebeurtenissen = dossier_gebeurtenissen(melding=melding)
    pdf = template_naar_pdf(
        "benadeling/dossier.html",
        {
            "melding": melding,
            "organisatie": melding.organisatie,
            "registernummer": melding.registernummer,
            "onderwerp": _("Dossier benadeling"),
            "datum": timezone.now(),
            "gebeurtenissen": gebeurtenissen,
            "ondertekend": [g for g in gebeurtenissen if g.hash],
            "ontvangers": ontvangers.strip(),
            "door": door,
        },
    )
    export = DossierExport(melding=melding, ontvangers=ontvangers.strip(), document_hash=document_hash(pdf), door=door)
    export.document.save(f"{export.uuid}.pdf", ContentFile(pdf), save=False)
    export.save()
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEEXPORTEERD,
        object=melding,
        toelichting=auditnotities.DOSSIER_GEEXPORTEERD(export=export.uuid),
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=export, toelichting="dossier benadeling")
    return export


def dossier_pdf_lezen(*, export: DossierExport, door: Gebruiker) -> bytes:
    """Decrypt an exported dossier for download; audited."""
    toegang.vereis_leiding(melding=export.melding, door=door)
    with transaction.atomic():
        auditregel_schrijven(door=door, actie=AuditActie.GEDOWNLOAD, object=export, toelichting="dossier")
    with export.document.open("rb") as fh:
        return fh.read()
