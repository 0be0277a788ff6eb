"""Helpers shared by the services of this app: the letter PDFs of the
retaliation file and content-free mail. Access questions are kern.toegang's,
signing kern.ondertekening's."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from kern.ondertekening import document_hash
from kern.pdf import template_naar_pdf
from meldingen.services.brieven import briefcontext


def pdf_maken(*, template: str, context: dict) -> tuple[bytes, str]:
    """An unsigned record (put to the melder for approval) and its SHA-256."""
    pdf = template_naar_pdf(template, briefcontext(**context))
    return pdf, document_hash(pdf)


def taak_melden(*, gebruikers) -> None:
    """A content-free e-mail after commit: no case number, no names, no content
    (docs/vertrouwelijkheid.md). The task itself is on the user's dashboard."""
    adressen = sorted({g.email for g in gebruikers if g.email})
    if not adressen:
        return
    onderwerp = _("Meldpunt: er staat een taak voor u klaar")
    tekst = _("Er staat een nieuwe taak voor u klaar in Meldpunt. Log in om deze te bekijken.")

    def verzenden():
        for adres in adressen:
            send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [adres])

    transaction.on_commit(verzenden)
