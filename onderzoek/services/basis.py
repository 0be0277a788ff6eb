"""Shared by the onderzoek services: who investigates, and letters to the
melder (signing is kern.ondertekening, access kern.toegang). Every letter is a
PDF from a template (templates/onderzoek/*.html on templates/brieven/basis.html)
delivered through the mailbox of meldingen."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from pypdf import PdfWriter

from kern import toegang
from kern.models import Gebruiker
from meldingen.models import Brief, Melding
from meldingen.services.meldingsbox import brief_bezorgen
from onderzoek.models import Onderzoek


def vereis_onderzoeker(*, onderzoek: Onderzoek, door: Gebruiker) -> None:
    """Art. 10: only the investigators assigned to this investigation do its work."""
    toegang.vereis_permissie(
        user=door,
        perm="onderzoek.onderzoek_uitvoeren",
        obj=onderzoek,
        tekst=_("Alleen de onderzoekers van dit onderzoek kunnen dit doen."),
    )


def pdf_samenvoegen(*delen: bytes) -> bytes:
    """A letter with a copy attached (Art. 9.5: the signed mandate), as one PDF."""

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
