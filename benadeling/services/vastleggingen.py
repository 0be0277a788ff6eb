"""Written records the melder approves: the risk conversation (Art. 6.1) and the
retaliation claim (Art. 6.2). Approval comes from the mailbox (callbacks below)
or as a signed paper copy uploaded by the contactpersoon."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.constants import VASTLEGGING_GOEDKEUREN, BenadelingType
from benadeling.models import Benadelingsmelding, MelderVastlegging, Risicoanalyse
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import pdf_maken, taak_melden
from benadeling.termijnen import claim_termijn_starten, risicogesprek_vastgelegd
from benadeling.workflow import CLAIM, ClaimStatus
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from kern.vastleggingen import (
    Goedkeuringswijze,
    VastleggingStatus,
    vastlegging_correctie_vragen,
    vastlegging_goedkeuren,
    vastlegging_vergrendelen,
)
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding
from meldingen.selectors import open_verzoeken_voor
from meldingen.services.meldingsbox import verzoek_intrekken, verzoek_openen

MAX_TEKST = 20_000


def _tekst(waarde: str, veld: str, fout: str) -> str:
    waarde = (waarde or "").replace("\x00", "").strip()
    if not waarde:
        raise ValidationError({veld: fout})
    if len(waarde) > MAX_TEKST:
        raise ValidationError({veld: _("Deze tekst is te lang.")})
    return waarde


def _types(types) -> list[str]:
    geldig = {t.value for t in BenadelingType}
    types = list(dict.fromkeys(str(t) for t in (types or [])))
    if not types:
        raise ValidationError({"types": _("Kies ten minste één soort benadeling (Art. 5.2, 5.3, 5.5).")})
    if any(t not in geldig for t in types):
        raise ValidationError({"types": _("Onbekende soort benadeling.")})
    return types


def _opslaan(vastlegging: MelderVastlegging, *, pdf: bytes, door: Gebruiker | None, toelichting: str) -> None:
    """Store a new record with its PDF (encrypted) and write its audit row; without
    `door` the melder wrote it in the mailbox."""
    vastlegging.document.save(f"{vastlegging.uuid}.pdf", ContentFile(pdf), save=False)
    vastlegging.save()
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=vastlegging,
        actor_soort=None if door else "melder",
        toelichting=toelichting,
    )


def _stap(vastlegging: MelderVastlegging, naar: ClaimStatus, *, door: Gebruiker | None) -> None:
    """A claim's steps are rows of benadeling.workflow.CLAIM (Art. 6.2); the risk
    record follows kern.vastleggingen's lifecycle alone."""
    if isinstance(vastlegging, Benadelingsmelding):
        CLAIM.controleren(vastlegging, naar, door=door)


def goedkeuring_aan_melder_vragen(*, vastlegging: MelderVastlegging, door: Gebruiker | None) -> None:
    """Put the record to the melder for approval in the mailbox (Art. 6.1–6.2, as
    Art. 8.1). The request has its own kind: meldingen's and onderzoek's handlers
    of VASTLEGGING_GOEDKEUREN look up their own records. The melder reads the text
    through benadeling.selectors.vastlegging_weergave; the answer comes back in
    `verzoek_afhandelen` (registered in BenadelingConfig.ready)."""
    verzoek_openen(
        melding=vastlegging.melding,
        soort=VASTLEGGING_GOEDKEUREN,
        vraag=_("Wilt u het verslag lezen en goedkeuren, of aangeven wat er anders moet?"),
        onderwerp=vastlegging,
        door=door,
    )


@transaction.atomic
def risicoanalyse_vastleggen(
    *, melding: Melding, gesprek_op: date, risicos: str, beperking: str, wat_melder_kan_doen: str, door: Gebruiker
) -> Risicoanalyse:
    """Art. 6.1: the contactpersoon discusses with the melder, without delay, the
    risks of retaliation, how to reduce them and what the melder can do; the
    dated record goes to the melder for approval."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.CONTACTPERSOON],
        tekst=_("Het risicogesprek is aan de contactpersoon van deze melding (Art. 6.1)."),
    )
    risicos = _tekst(risicos, "risicos", _("Noem de risico's op benadeling (Art. 6.1)."))
    beperking = _tekst(beperking, "beperking", _("Beschrijf hoe de risico's worden verminderd (Art. 6.1)."))
    wat_melder_kan_doen = _tekst(
        wat_melder_kan_doen, "wat_melder_kan_doen", _("Beschrijf wat de melder kan doen bij benadeling (Art. 6.1).")
    )
    if gesprek_op is None or gesprek_op > timezone.localdate():
        raise ValidationError({"gesprek_op": _("Vul de datum van het gesprek in (niet in de toekomst).")})
    pdf, hash_ = pdf_maken(
        template="benadeling/risicoanalyse.html",
        context={
            "melding": melding,
            "onderwerp": _("Verslag van het risicogesprek (Art. 6.1)"),
            "gesprek_op": gesprek_op,
            "risicos": risicos,
            "beperking": beperking,
            "wat_melder_kan_doen": wat_melder_kan_doen,
            "opgesteld_door": door,
        },
    )
    analyse = Risicoanalyse(
        melding=melding,
        gesprek_op=gesprek_op,
        risicos=risicos,
        beperking=beperking,
        wat_melder_kan_doen=wat_melder_kan_doen,
        document_hash=hash_,
        opgesteld_door=door,
    )
    _opslaan(analyse, pdf=pdf, door=door, toelichting="Art. 6.1")
    # The conversation took place: its "onverwijld" term in the deadline engine closes.
    risicogesprek_vastgelegd(melding=melding, door=door)
    goedkeuring_aan_melder_vragen(vastlegging=analyse, door=door)
    return analyse


def _claim_pdf(*, melding: Melding, omschrijving: str, types: list[str], opgesteld_door: Gebruiker | None):
    return pdf_maken(
        template="benadeling/benadelingsmelding.html",
        context={
            "melding": melding,
            "onderwerp": _("Melding van benadeling (Art. 6.2)"),
            "omschrijving": omschrijving,
            "types": [BenadelingType(t).label for t in types],
            "opgesteld_door": opgesteld_door,
        },
    )


@transaction.atomic
def benadeling_vastleggen(*, melding: Melding, omschrijving: str, types, door: Gebruiker) -> Benadelingsmelding:
    """Art. 6.2: the melder discussed retaliation with the contactpersoon, who
    records it in writing and puts the record to the melder for approval."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.CONTACTPERSOON],
        tekst=_("De contactpersoon legt de benadeling vast (Art. 6.2)."),
    )
    omschrijving = _tekst(omschrijving, "omschrijving", _("Beschrijf de benadeling."))
    types = _types(types)
    pdf, hash_ = _claim_pdf(melding=melding, omschrijving=omschrijving, types=types, opgesteld_door=door)
    claim = Benadelingsmelding(
        melding=melding,
        omschrijving=omschrijving,
        types=types,
        document_hash=hash_,
        opgesteld_door=door,
    )
    _opslaan(claim, pdf=pdf, door=door, toelichting="Art. 6.2 vastgelegd")
    goedkeuring_aan_melder_vragen(vastlegging=claim, door=door)
    return claim


@transaction.atomic
def benadeling_melden_door_melder(*, melding: Melding, omschrijving: str, types) -> Benadelingsmelding:
    """Art. 6.2, called by the mailbox: the melder reports retaliation in their
    own words. Their own text needs no approval; it goes to the HL at once and
    the melder receives a copy."""
    omschrijving = _tekst(omschrijving, "omschrijving", _("Beschrijf de benadeling."))
    types = _types(types)
    pdf, hash_ = _claim_pdf(melding=melding, omschrijving=omschrijving, types=types, opgesteld_door=None)
    claim = Benadelingsmelding(
        melding=melding,
        omschrijving=omschrijving,
        types=types,
        document_hash=hash_,
        status=VastleggingStatus.GOEDGEKEURD,
        goedkeuringswijze=Goedkeuringswijze.ZELF_GESCHREVEN,
        goedgekeurd_op=timezone.now(),
    )
    _opslaan(claim, pdf=pdf, door=None, toelichting="Art. 6.2 melder")
    _doorsturen(claim=claim, door=None)
    return claim


def _doorsturen(*, claim: Benadelingsmelding, door: Gebruiker | None) -> None:
    """Art. 6.2: forward the approved claim to the HL (or the hoogste
    verantwoordelijke on a routed case, Art. 8.4) without delay, and send the
    melder a copy. Without a leader assigned yet, the receiving officer is told."""
    melding = claim.melding
    claim.doorgestuurd_op = timezone.now()
    claim.doorgestuurd_aan = melding.leiding_rol
    claim.save(update_fields=["doorgestuurd_op", "doorgestuurd_aan", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=claim, toelichting="doorgestuurd Art. 6.2")
    # Art. 6.3: from now the HL sees to the measures; a term per claim.
    claim_termijn_starten(claim=claim)
    taak_melden(
        gebruikers=toegang.leiding_van(melding=melding)
        or toegang.toegewezenen(melding=melding, rollen=[ToewijzingRol.ONTVANGER])
    )
    afschrift_aan_melder_bezorgen(
        melding=melding,
        onderwerp=_("Afschrift van uw melding van benadeling"),
        tekst=_(
            "Uw melding van benadeling is doorgestuurd naar wie over maatregelen tegen benadeling beslist "
            "(Art. 6.2, 6.3). Hierbij ontvangt u een afschrift; u vindt het als PDF bij deze brief."
        ),
        soort="benadelingsmelding",
        pdf=claim.document.open("rb").read(),
        object=claim,
        door=door,
    )


def _goedgekeurd(vastlegging: MelderVastlegging, *, door: Gebruiker | None) -> MelderVastlegging:
    """An approved claim goes to the HL with a copy to the melder (Art. 6.2); an
    approved risk record is copied to the melder like every record (as Art. 8.1)."""
    if isinstance(vastlegging, Benadelingsmelding):
        _doorsturen(claim=vastlegging, door=door)
    else:
        afschrift_aan_melder_bezorgen(
            melding=vastlegging.melding,
            onderwerp=_("Afschrift van het goedgekeurde verslag van het risicogesprek"),
            tekst=_(
                "Hierbij ontvangt u een afschrift van het verslag van het gesprek over risico’s op benadeling, "
                "zoals u het heeft goedgekeurd (Art. 6.1). U vindt het verslag als PDF bij deze brief."
            ),
            soort="risicoanalyse",
            pdf=vastlegging.document.open("rb").read(),
            object=vastlegging,
            door=door,
        )
    return vastlegging


@transaction.atomic
def vastlegging_goedgekeurd_door_melder(
    *, vastlegging: MelderVastlegging, goedgekeurd_op: datetime | None = None
) -> MelderVastlegging:
    """Mailbox callback: the melder approved the record (Art. 6.1–6.2). An
    approved claim goes to the HL and the melder receives a copy."""
    _stap(vastlegging, ClaimStatus.DOORGESTUURD, door=None)
    vastlegging = vastlegging_goedkeuren(
        vastlegging=vastlegging_vergrendelen(vastlegging), wijze=Goedkeuringswijze.MAILBOX, door=None, op=goedgekeurd_op
    )
    return _goedgekeurd(vastlegging, door=None)


@transaction.atomic
def vastlegging_correctie_gevraagd_door_melder(*, vastlegging: MelderVastlegging, correctie: str) -> MelderVastlegging:
    """Mailbox callback: the melder asks for a correction. The contactpersoon then
    records a corrected version, which goes to the melder again."""
    _stap(vastlegging, ClaimStatus.CORRECTIE_GEVRAAGD, door=None)
    vastlegging = vastlegging_correctie_vragen(
        vastlegging=vastlegging_vergrendelen(vastlegging),
        correctie=_tekst(correctie, "correctie", _("Schrijf wat er anders moet.")),
    )
    taak_melden(gebruikers=[vastlegging.opgesteld_door] if vastlegging.opgesteld_door else [])
    return vastlegging


@transaction.atomic
def vastlegging_papier_goedgekeurd(
    *, vastlegging: MelderVastlegging, ondertekend_exemplaar: bytes, door: Gebruiker
) -> MelderVastlegging:
    """The melder approved and signed a paper copy; the contactpersoon uploads the scan."""
    toegang.vereis_toewijzing(melding=vastlegging.melding, door=door, rollen=[ToewijzingRol.CONTACTPERSOON])
    _stap(vastlegging, ClaimStatus.DOORGESTUURD, door=door)
    if not ondertekend_exemplaar:
        raise ValidationError({"ondertekend_exemplaar": _("Voeg het ondertekende exemplaar toe.")})
    vastlegging = vastlegging_vergrendelen(vastlegging)
    vastlegging.ondertekend_exemplaar.save(
        f"{vastlegging.uuid}-getekend", ContentFile(ondertekend_exemplaar), save=False
    )
    vastlegging_goedkeuren(
        vastlegging=vastlegging, wijze=Goedkeuringswijze.PAPIER, door=door, extra_velden=("ondertekend_exemplaar",)
    )
    # Approved on paper: the melder is no longer asked in the mailbox (as meldingen
    # does for its own records), so a late answer cannot collide with this approval.
    for verzoek in open_verzoeken_voor(melding=vastlegging.melding).filter(object_uuid=str(vastlegging.uuid)):
        verzoek_intrekken(verzoek=verzoek, door=door)
    return _goedgekeurd(vastlegging, door=door)


def verzoek_afhandelen(*, verzoek) -> None:
    """Handler for the mailbox's answer to BENADELING_VASTLEGGING_GOEDKEUREN
    (registered in BenadelingConfig.ready; runs in the transaction that stores the
    answer). Reads only the answer fields object_type, object_uuid, melding_id,
    akkoord, antwoord and beantwoord_op; ignores requests about other records."""
    modellen = {"benadeling.risicoanalyse": Risicoanalyse, "benadeling.benadelingsmelding": Benadelingsmelding}
    model = modellen.get(getattr(verzoek, "object_type", ""))
    if model is None:
        return
    vastlegging = model.objects.get(uuid=verzoek.object_uuid, melding_id=verzoek.melding_id)
    if verzoek.akkoord:
        vastlegging_goedgekeurd_door_melder(vastlegging=vastlegging, goedgekeurd_op=verzoek.beantwoord_op)
    else:
        vastlegging_correctie_gevraagd_door_melder(vastlegging=vastlegging, correctie=verzoek.antwoord)
