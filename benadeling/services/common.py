"""Helpers shared by the services of this app: the letter PDFs of the
retaliation file, content-free mail, and the locked step of an Art. 13 request.
Access questions are kern.toegang's, signing kern.ondertekening's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from benadeling.models import Onderzoeksverzoek
from benadeling.workflow import VERZOEK, VerzoekStatus
from kern.ondertekening import document_hash
from kern.pdf import template_naar_pdf
from kern.post import Bericht, berichten_in_wachtrij, eenmalig
from meldingen.services.brieven import briefcontext


def pdf_maken(*, template: str, context: dict) -> tuple[bytes, str]:
    """An unsigned record (put to the melder for approval) and its SHA-256."""
    pdf = template_naar_pdf(template, briefcontext(**context))
    return pdf, document_hash(pdf)


def taak_melden(*, gebruikers) -> None:
    """A content-free e-mail: no case number, no names, no content
    (docs/vertrouwelijkheid.md). The task itself is on the user's dashboard.
    Into the outbox in the caller's transaction (kern/post.py); sent after commit."""
    adressen = sorted({g.email for g in gebruikers if g.email and g.is_active})
    onderwerp = _("Meldpunt: er staat een taak voor u klaar")
    tekst = _("Er staat een nieuwe taak voor u klaar in Meldpunt. Log in om deze te bekijken.")
    berichten_in_wachtrij(
        soort="taak",
        berichten=[Bericht(sleutel=eenmalig(), adres=adres, onderwerp=onderwerp, tekst=tekst) for adres in adressen],
    )


def verzoek_voor_stap(verzoek: Onderzoeksverzoek, naar: VerzoekStatus, *, door) -> Onderzoeksverzoek:
    """Lock the request and check the row of benadeling.workflow.VERZOEK (Art. 13):
    the one guard every service of the request passes before it acts."""
    verzoek = Onderzoeksverzoek.objects.select_for_update().get(pk=verzoek.pk)
    VERZOEK.controleren(verzoek, naar, door=door)
    return verzoek
