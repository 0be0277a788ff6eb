"""Shared by the onderzoek services: who may act, signing, and letters to the
melder. Every letter is a PDF from a template (templates/onderzoek/*.html on
templates/brieven/basis.html) delivered through the mailbox of meldingen."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from kern.ondertekening import document_ondertekenen
from kern.pdf import template_naar_pdf
from meldingen.models import Brief, Melding
from meldingen.selectors import heeft_toewijzing, leiding_rol
from meldingen.services.meldingsbox import brief_bezorgen
from onderzoek.models import Onderzoek


def vereis_leiding(*, melding: Melding, door: Gebruiker) -> None:
    """Decisions are the HL's, or the hoogste verantwoordelijke's when the HL is
    involved (Art. 8.4, 9): the one whose assignment on this case says so."""
    rol = leiding_rol(melding=melding)
    if not heeft_toewijzing(melding=melding, user=door, rollen=[rol]):
        raise PermissionDenied(_("Alleen de %(rol)s van deze melding kan dit besluiten.") % {"rol": rol.label.lower()})


def vereis_onderzoeker(*, onderzoek: Onderzoek, door: Gebruiker) -> None:
    """Art. 10: only the investigators assigned to this investigation do its work."""
    from onderzoek.selectors import onderzoek_list_visible_for

    if not onderzoek_list_visible_for(user=door, perm="onderzoek.onderzoek_uitvoeren").filter(pk=onderzoek.pk).exists():
        raise PermissionDenied(_("Alleen de onderzoekers van dit onderzoek kunnen dit doen."))


def briefcontext(*, melding: Melding, onderwerp: str, **extra) -> dict:
    return {
        "melding": melding,
        "organisatie": melding.organisatie,
        "registernummer": melding.registernummer,
        "onderwerp": onderwerp,
        "datum": timezone.now(),
        **extra,
    }


def ondertekend_pdf(
    *, template: str, context: dict, omschrijving: str, door: Gebruiker, totp_code: str
) -> tuple[ContentFile, object, bytes]:
    """Render and sign (ADR 0005): the file to store, the signature and the exact bytes signed."""
    pdf = template_naar_pdf(template, {**context, "datum": timezone.now(), "ondertekenaar": door})
    ondertekening = document_ondertekenen(inhoud=pdf, omschrijving=omschrijving, door=door, totp_code=totp_code)
    return ContentFile(pdf, name=f"{ondertekening.uuid}.pdf"), ondertekening, pdf


def pdf_samenvoegen(*delen: bytes) -> bytes:
    """A letter with a copy attached (Art. 9.5: the signed mandate), as one PDF."""
    from pypdf import PdfWriter

    schrijver = PdfWriter()
    for deel in delen:
        schrijver.append(BytesIO(deel))
    uit = BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def brief_aan_melder(
    *,
    melding: Melding,
    onderwerp: str,
    tekst: str,
    pdf: bytes,
    soort: str,
    artikel: str,
    door: Gebruiker | None,
    sluit_termijnen: tuple = (),
) -> Brief:
    """Deliver a letter to the mailbox; it closes `sluit_termijnen` when it reaches
    the melder (at once, or via the vertrouwenspersoon under Art. 7.3)."""
    return brief_bezorgen(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        pdf=pdf,
        soort=soort,
        door=door,
        sluit_termijnen=list(sluit_termijnen),
        artikel=artikel,
    )
