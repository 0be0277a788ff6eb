"""Helpers shared by the services of this app: role checks, PDFs, content-free mail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.selectors import heeft_rol, leiding_rol, toegewezenen
from kern.models import Gebruiker, Ondertekening
from kern.ondertekening import document_hash, document_ondertekenen
from kern.pdf import template_naar_pdf
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding
from onderzoek.services import vereis_leiding

__all__ = ["ondertekend_pdf", "pdf_maken", "taak_melden", "vereis_leiding", "vereis_rol"]


def vereis_rol(*, melding: Melding, door: Gebruiker, rollen, melding_tekst: str = "") -> None:
    if door is None or not heeft_rol(melding=melding, user=door, rollen=rollen):
        raise PermissionDenied(melding_tekst or _("U mag deze stap op deze melding niet zetten."))


def pdf_maken(*, template: str, context: dict) -> tuple[bytes, str]:
    melding = context["melding"]
    pdf = template_naar_pdf(
        template,
        {
            "organisatie": melding.organisatie,
            "registernummer": melding.registernummer,
            "datum": timezone.now(),
            **context,
        },
    )
    return pdf, document_hash(pdf)


def ondertekend_pdf(
    *, template: str, context: dict, omschrijving: str, door: Gebruiker, totp_code: str
) -> tuple[bytes, ContentFile, Ondertekening]:
    """A PDF signed by `door` with a fresh second-factor code (kern.ondertekening)."""
    pdf, _hash = pdf_maken(template=template, context={**context, "ondertekenaar": door})
    ondertekening = document_ondertekenen(inhoud=pdf, omschrijving=omschrijving, door=door, totp_code=totp_code)
    return pdf, ContentFile(pdf, name=f"{ondertekening.uuid}.pdf"), ondertekening


def taak_melden(*, gebruikers) -> None:
    """A content-free e-mail after commit: no case number, no names, no content
    (DESIGN.md §4). The task itself is on the user's dashboard."""
    adressen = sorted({g.email for g in gebruikers if g.email})
    if not adressen:
        return
    onderwerp = _("Meldpunt: er staat een taak voor u klaar")
    tekst = _("Er staat een nieuwe taak voor u klaar in Meldpunt. Log in om deze te bekijken.")

    def verzenden():
        for adres in adressen:
            send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [adres])

    transaction.on_commit(verzenden)


def leiding_van(melding: Melding) -> list[Gebruiker]:
    return toegewezenen(melding=melding, rollen=[leiding_rol(melding)])


def ontvangers_van(melding: Melding) -> list[Gebruiker]:
    return toegewezenen(melding=melding, rollen=[ToewijzingRol.ONTVANGER])
