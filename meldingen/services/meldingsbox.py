"""The melder's mailbox: messages, letters, records and requests (receipt codes:
meldingen.services.ontvangstcode)
(docs/melderzijde.md, docs/rollen.md). Melders are never users: their actions are audited with
actor_soort="melder" and no actor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven, object_type_van
from kern.vastleggingen import (
    Goedkeuringswijze,
    vastlegging_correctie_vragen,
    vastlegging_goedkeuren,
    vastlegging_vergrendelen,
)
from meldingen import auditnotities, uitbreidingen
from meldingen.constants import (
    BerichtRichting,
    GebeurtenisSoort,
    Identiteitskeuze,
    Kanaal,
    ToestemmingSoort,
    ToewijzingRol,
    VerzoekSoort,
    VerzoekStatus,
)
from meldingen.models import Bericht, Brief, Gebeurtenis, Melding, Meldingsbox, Vastlegging, Verzoek
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.services.bijlagen import VoorbereidBestand, bestand_voorbereiden, bijlage_opslaan
from meldingen.services.notificaties import melder_notificeren, ontvangers_notificeren

# Receipt codes live in their own module; re-exported because callers name the
# mailbox's services together.
from meldingen.services.ontvangstcode import (  # noqa: F401
    NieuweCode,
    Openpoging,
    Uitkomst,
    code_normaliseren,
    code_opmaken,
    meldingsbox_aanmaken,
    meldingsbox_openen,
    ontvangstcode_vernieuwen,
)
from meldingen.services.termijnen import termijnen_sluiten_door_brief

MAX_TEKST = 20_000


def _tekst_controleren(tekst: str, veld: str = "tekst") -> str:
    tekst = (tekst or "").replace("\x00", "").strip()
    if not tekst:
        raise ValidationError({veld: _("Schrijf eerst uw bericht.")})
    if len(tekst) > MAX_TEKST:
        raise ValidationError({veld: _("Uw bericht is te lang (hoogstens %(max)s tekens).") % {"max": MAX_TEKST}})
    return tekst


@transaction.atomic
def notificatie_email_instellen(*, meldingsbox: Meldingsbox, email: str) -> Meldingsbox:
    email = (email or "").strip()
    if email:
        validate_email(email)
    meldingsbox.notificatie_email = email
    meldingsbox.save(update_fields=["notificatie_email", "updated_at"])
    auditregel_schrijven(
        door=None, actie=AuditActie.GEWIJZIGD, object=meldingsbox, toelichting="notificatie", actor_soort="melder"
    )
    return meldingsbox


@transaction.atomic
def bericht_van_melder(
    *, meldingsbox: Meldingsbox, tekst: str, bijlagen: list[VoorbereidBestand] | tuple = ()
) -> Bericht:
    """The melder sends a message or adds information and files."""
    if not tekst.strip() and bijlagen:
        tekst = _("(bijlagen toegevoegd)")
    bericht = Bericht.objects.create(
        melding=meldingsbox.melding, richting=BerichtRichting.VAN_MELDER, tekst=_tekst_controleren(tekst)
    )
    for bestand in bijlagen:
        bijlage_opslaan(melding=meldingsbox.melding, bestand=bestand, bericht=bericht)
    auditregel_schrijven(door=None, actie=AuditActie.AANGEMAAKT, object=bericht, actor_soort="melder")
    ontvangers_notificeren(melding=meldingsbox.melding, nieuw=False)
    return bericht


@transaction.atomic
def bericht_aan_melder(*, melding: Melding, tekst: str, door: Gebruiker) -> Bericht:
    # Messages to the melder come from the receiving officer, who knows the melder
    # and passes on what others want to ask (Art. 7.2, and Art. 7.3 via the vertrouwenspersoon).
    toegang.vereis_toewijzing(melding=melding, door=door, rollen=[ToewijzingRol.ONTVANGER])
    bericht = Bericht.objects.create(
        melding=melding, richting=BerichtRichting.AAN_MELDER, tekst=_tekst_controleren(tekst), door=door
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=bericht)
    melder_notificeren(melding=melding)
    return bericht


def art_7_3_van_toepassing(*, melding: Melding) -> bool:
    """Art. 7.3: reported via the vertrouwenspersoon and no consent to disclose the
    identity -> all correspondence goes to the vertrouwenspersoon, who forwards it.
    An open report (the melder chose to be known) is consent."""

    if melding.kanaal != Kanaal.VERTROUWENSPERSOON or melding.identiteitskeuze == Identiteitskeuze.OPEN:
        return False
    return not melding.toestemmingen.filter(
        soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, gegeven_op__isnull=False, ingetrokken_op__isnull=True
    ).exists()


@transaction.atomic
def brief_bezorgen(
    *,
    melding: Melding,
    onderwerp: str,
    tekst: str,
    pdf: bytes | None = None,
    soort: str = "",
    door: Gebruiker | None,
    sluit_termijnen: tuple[str, ...] | list[str] = (),
    artikel: str = "",
) -> Brief:
    """Deliver a formal letter (text and, when given, its PDF) to the mailbox.
    Other apps (acknowledgement, decisions, standpunt) send their letters here.

    `sluit_termijnen` names the statutory terms this letter satisfies; they close
    when the letter reaches the melder — at once, or when the vertrouwenspersoon
    forwards it (Art. 7.3)."""
    if not onderwerp.strip() or not tekst.strip():
        raise ValidationError(_("Een brief heeft een onderwerp en een tekst."))
    if pdf is not None and not pdf.startswith(b"%PDF-"):
        raise ValidationError(_("De bijlage van een brief moet een PDF zijn."))
    brief = Brief(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        soort=soort,
        verzonden_op=timezone.now(),
        door=door,
        via_vertrouwenspersoon=art_7_3_van_toepassing(melding=melding),
        sluit_termijnen=[str(s) for s in sluit_termijnen],
    )
    if pdf is not None:
        brief.pdf.save("brief.pdf", ContentFile(pdf), save=False)
    brief.save()
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=brief, toelichting=f"brief {soort}"[:255])
    if brief.via_vertrouwenspersoon:
        ontvangers_notificeren(melding=melding, nieuw=False)
    else:
        _brief_bij_melder(brief=brief, artikel=artikel)
    return brief


def _brief_bij_melder(*, brief: Brief, artikel: str = "") -> None:

    brief.bij_melder_op = timezone.now()
    brief.save(update_fields=["bij_melder_op", "updated_at"])
    gebeurtenis = Gebeurtenis.objects.create(
        melding=brief.melding, soort=GebeurtenisSoort.BRIEF_VERZONDEN, artikel=artikel, door=brief.door
    )
    if brief.sluit_termijnen:
        termijnen_sluiten_door_brief(gebeurtenis=gebeurtenis, sleutels=list(brief.sluit_termijnen))
    melder_notificeren(melding=brief.melding)


@transaction.atomic
def brief_doorsturen_door_vertrouwenspersoon(*, brief: Brief, door: Gebruiker) -> Brief:
    """Art. 7.3: the vertrouwenspersoon forwards a letter to the melder without delay."""

    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if not brief.melding.toewijzingen.filter(
        gebruiker=door, rol=ToewijzingRol.ONTVANGER, beeindigd_op__isnull=True
    ).exists():
        raise PermissionDenied(_("Alleen de vertrouwenspersoon van deze melding stuurt brieven door."))
    if not brief.via_vertrouwenspersoon or brief.bij_melder_op is not None:
        raise ValidationError(_("Deze brief is al bij de melder."))
    _brief_bij_melder(brief=brief, artikel="Art. 7.3")
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=brief, toelichting="doorgestuurd Art. 7.3")
    return brief


@transaction.atomic
def verzoek_openen(
    *,
    melding: Melding,
    soort: VerzoekSoort | str,
    vraag: str,
    onderwerp: object | None = None,
    door: Gebruiker | None,
) -> Verzoek:
    """Open a request to the melder (approve a record, comment on a draft report,
    react to a standpunt, give consent). The answer calls the handlers registered
    for `soort` in meldingen.uitbreidingen."""
    if soort not in dict(uitbreidingen.verzoeksoort_keuzes()):
        raise ValueError(f"Unknown request kind: {soort}")  # a programming error, not input
    if not vraag.strip():
        raise ValidationError(_("Een verzoek heeft een vraag."))
    # Art. 7.3: "alle correspondentie" goes to the vertrouwenspersoon, who forwards it.
    # A request the vertrouwenspersoon (the case's receiving officer) opens is theirs
    # already; one from anyone else (investigators, the HL, the contactpersoon) waits.
    via_vp = art_7_3_van_toepassing(melding=melding) and not toegang.heeft_toewijzing(
        melding=melding, user=door, rollen=[ToewijzingRol.ONTVANGER]
    )
    verzoek = Verzoek.objects.create(
        melding=melding,
        soort=soort,
        vraag=vraag,
        object_type=object_type_van(onderwerp) if onderwerp is not None else "",
        object_uuid=str(getattr(onderwerp, "uuid", "")) if onderwerp is not None else "",
        door=door,
        via_vertrouwenspersoon=via_vp,
        bij_melder_op=None if via_vp else timezone.now(),
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=verzoek, toelichting=f"verzoek {soort}")
    if via_vp:
        ontvangers_notificeren(melding=melding, nieuw=False)
    else:
        melder_notificeren(melding=melding)
    return verzoek


@transaction.atomic
def verzoek_doorsturen_door_vertrouwenspersoon(*, verzoek: Verzoek, door: Gebruiker) -> Verzoek:
    """Art. 7.3: the vertrouwenspersoon forwards a request to the melder without
    delay, as with letters (brief_doorsturen_door_vertrouwenspersoon)."""
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not toegang.heeft_toewijzing(melding=verzoek.melding, user=door, rollen=[ToewijzingRol.ONTVANGER]):
        raise PermissionDenied(_("Alleen de vertrouwenspersoon van deze melding stuurt verzoeken door."))
    if verzoek.bij_melder_op is not None:
        raise ValidationError(_("Dit verzoek is al bij de melder."))
    if verzoek.status != VerzoekStatus.OPEN:
        raise ValidationError(_("Dit verzoek is niet meer open."))
    verzoek.bij_melder_op = timezone.now()
    verzoek.save(update_fields=["bij_melder_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="doorgestuurd Art. 7.3")
    melder_notificeren(melding=verzoek.melding)
    return verzoek


@transaction.atomic
def verzoek_beantwoorden(
    *, meldingsbox: Meldingsbox, verzoek: Verzoek, akkoord: bool | None, antwoord: str = ""
) -> Verzoek:
    """The melder answers an open request; the registered handlers run in the
    same transaction (docs/rollen.md)."""
    verzoek = Verzoek.objects.select_for_update().get(
        pk=verzoek.pk, melding_id=meldingsbox.melding_id, bij_melder_op__isnull=False
    )
    if verzoek.status != VerzoekStatus.OPEN:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    antwoord = (antwoord or "").replace("\x00", "").strip()
    if len(antwoord) > MAX_TEKST:
        raise ValidationError(
            {"antwoord": _("Uw antwoord is te lang (hoogstens %(max)s tekens).") % {"max": MAX_TEKST}}
        )
    if akkoord is False and not antwoord:
        # A correction or objection needs words: what should change?
        raise ValidationError({"antwoord": _("Schrijf wat er anders moet.")})
    if akkoord is None and not antwoord:
        raise ValidationError({"antwoord": _("Schrijf uw reactie.")})
    verzoek.akkoord = akkoord
    verzoek.antwoord = antwoord
    verzoek.status = VerzoekStatus.BEANTWOORD
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["akkoord", "antwoord", "status", "beantwoord_op", "updated_at"])
    auditregel_schrijven(
        door=None, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="beantwoord", actor_soort="melder"
    )
    uitbreidingen.afhandelen(verzoek=verzoek)
    ontvangers_notificeren(melding=meldingsbox.melding, nieuw=False)
    return verzoek


@transaction.atomic
def verzoek_intrekken(*, verzoek: Verzoek, door: Gebruiker) -> Verzoek:
    """Withdraw an open request (the opening app no longer waits for the answer);
    the melder then sees it as withdrawn, not as still waiting."""
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != VerzoekStatus.OPEN:
        raise ValidationError(_("Dit verzoek staat niet meer open."))
    verzoek.status = VerzoekStatus.INGETROKKEN
    verzoek.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting=auditnotities.INGETROKKEN())
    return verzoek


@transaction.atomic
def vastlegging_aanmaken(*, melding: Melding, titel: str, tekst: str, artikel: str, door: Gebruiker) -> Vastlegging:
    """A written record not put to the melder: the hearing of someone else
    (Art. 10.2), approved by the signed paper copy (vastlegging_op_papier_goedgekeurd)."""
    if not titel.strip() or not tekst.strip():
        raise ValidationError(_("Een vastlegging heeft een titel en een tekst."))
    vastlegging = Vastlegging.objects.create(melding=melding, titel=titel, tekst=tekst, artikel=artikel, door=door)
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=vastlegging)
    return vastlegging


@transaction.atomic
def vastlegging_voorleggen(
    *, melding: Melding, titel: str, tekst: str, artikel: str = "Art. 8.1", door: Gebruiker
) -> Vastlegging:
    """Put a written record to the melder for approval (Art. 8.1–8.2, 10.1): it is
    not final until approved, and the melder receives a copy in the mailbox."""
    # Art. 8.1–8.2 by the receiving officer; Art. 10.1 by the case's investigators.
    toegang.vereis_toewijzing(melding=melding, door=door, rollen=[ToewijzingRol.ONTVANGER, ToewijzingRol.ONDERZOEKER])
    if artikel.startswith("Art. 8"):
        # Art. 8.1-8.2: the record of the oral report belongs to the report's own
        # procedure: no request about it to the melder of a closed or withdrawn case.
        # (Art. 10.1 records follow their investigation: onderzoek's vereis_lopend,
        # which lets an Art. 13 investigation of retaliation go on.)
        vereis_lopende_procedure(melding)
    vastlegging = vastlegging_aanmaken(melding=melding, titel=titel, tekst=tekst, artikel=artikel, door=door)
    verzoek_openen(
        melding=melding,
        soort=VerzoekSoort.VASTLEGGING_GOEDKEUREN,
        vraag=_("Wilt u het verslag lezen en goedkeuren, of aangeven wat er anders moet?"),
        onderwerp=vastlegging,
        door=door,
    )
    return vastlegging


@transaction.atomic
def vastlegging_op_papier_goedgekeurd(*, vastlegging: Vastlegging, getekend_pdf: bytes, door: Gebruiker) -> Vastlegging:
    """The person heard signed the record on paper; the officer uploads the signed
    copy, which makes the record final (Art. 8.1–8.2, 10.1). The open mailbox
    request for it is withdrawn, so the melder is not asked twice."""
    # The one who put the record to the person heard, or the receiving officer.
    if vastlegging.door_id != getattr(door, "pk", None):
        toegang.vereis_toewijzing(melding=vastlegging.melding, door=door, rollen=[ToewijzingRol.ONTVANGER])

    vastlegging = vastlegging_vergrendelen(vastlegging)
    # Kept as it is: the signed scan is evidence (docs/melderzijde.md).
    scan = bestand_voorbereiden(naam="getekende-vastlegging.pdf", inhoud=getekend_pdf, metadata_behouden=True)
    vastlegging.getekend_exemplaar = bijlage_opslaan(melding=vastlegging.melding, bestand=scan, door=door)
    vastlegging_goedkeuren(
        vastlegging=vastlegging, wijze=Goedkeuringswijze.PAPIER, door=door, extra_velden=("getekend_exemplaar",)
    )
    Verzoek.objects.filter(
        melding=vastlegging.melding, object_uuid=str(vastlegging.uuid), status=VerzoekStatus.OPEN
    ).update(status=VerzoekStatus.INGETROKKEN, updated_at=timezone.now())
    return vastlegging


def vastlegging_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for VASTLEGGING_GOEDKEUREN: approval makes the record final (Art. 8.1)."""
    vastlegging = vastlegging_vergrendelen(
        Vastlegging.objects.get(uuid=verzoek.object_uuid, melding_id=verzoek.melding_id)
    )
    if verzoek.akkoord:
        vastlegging_goedkeuren(
            vastlegging=vastlegging, wijze=Goedkeuringswijze.MAILBOX, door=None, op=verzoek.beantwoord_op
        )
    else:
        vastlegging_correctie_vragen(vastlegging=vastlegging, correctie=verzoek.antwoord)


def brief_pdf_lezen(*, brief: Brief, door: Gebruiker | None) -> bytes:
    """Decrypt a letter's PDF for download; audited (docs/vertrouwelijkheid.md)."""
    with transaction.atomic():
        auditregel_schrijven(
            door=door, actie=AuditActie.GEDOWNLOAD, object=brief, actor_soort=None if door else "melder"
        )
    with brief.pdf.open("rb") as fh:
        return fh.read()
