"""Shared by the onderzoek services: who investigates, and letters to the
melder (signing is kern.ondertekening, access kern.toegang). Every letter is a
PDF from a template (templates/onderzoek/*.html on templates/brieven/basis.html)
delivered through the mailbox of meldingen."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfWriter

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.models import Brief, Melding
from meldingen.services.meldingsbox import brief_bezorgen
from onderzoek.constants import OnderzoekStatus
from onderzoek.models import Onderzoek
from onderzoek.overgangen import PROCEDURE, is_lopend


def onderzoek_status_wijzigen(*, onderzoek: Onderzoek, naar: OnderzoekStatus, door: Gebruiker, reden: str = ""):
    """The one place an investigation changes state: the table's guard decides
    (onderzoek.workflow), with the evidence the row requires (the fixed report, the
    signed reason); the step is audited with its article. Called inside the
    transaction of the service that takes the step, on a locked row, after the
    service made what the step freezes (it asks `PROCEDURE.controleren` first)."""
    overgang = PROCEDURE.stap_controleren(onderzoek, naar, door=door)
    if overgang.reden_verplicht and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    van = onderzoek.status
    onderzoek.status = OnderzoekStatus(naar)
    onderzoek.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.STATUS_GEWIJZIGD,
        object=onderzoek,
        toelichting=f"{van} -> {onderzoek.status} ({overgang.artikel})",
    )
    return overgang


def vereis_lopend(onderzoek: Onderzoek) -> None:
    """Art. 10: the investigators work once the melder knows who they are (Art. 9.5)
    and until the investigation has ended."""
    # Read from the database: a caller may hold an object from before the last step.
    onderzoek.refresh_from_db(fields=["status"])
    if not is_lopend(onderzoek):
        raise ValidationError(_("Dit onderzoek loopt niet (meer)."))


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
