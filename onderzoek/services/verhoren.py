"""Hearings and documents of an investigation (Art. 10.1–10.4)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.models import Vastlegging, Verzoek
from meldingen.services import meldingsbox
from meldingen.services.bijlagen import bestand_voorbereiden
from meldingen.services.brieven import briefcontext
from onderzoek.constants import Gehoorde, StukHerkomst
from onderzoek.models import Onderzoek, Onderzoeksstuk, Verhoor
from onderzoek.services.basis import brief_aan_melder, vereis_lopend, vereis_onderzoeker


@transaction.atomic
def melder_uitnodigen_voor_verhoor(*, onderzoek: Onderzoek, toelichting: str, door: Gebruiker) -> Onderzoek:
    """Art. 10.1: the investigators give the melder the opportunity to be heard:
    an invitation by letter in the mailbox, recorded on the investigation (a
    precondition of fixing the report, onderzoek.workflow)."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf hoe en wanneer de melder gehoord kan worden.")})
    onderwerp = _("Uitnodiging om gehoord te worden")
    melding = onderzoek.melding
    pdf = template_naar_pdf(
        "onderzoek/uitnodiging_verhoor.html",
        briefcontext(melding=melding, onderwerp=onderwerp, toelichting=toelichting.strip(), ondertekenaar=door),
    )
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=_("De onderzoekers nodigen u uit om gehoord te worden (Art. 10.1).") + "\n\n" + toelichting.strip(),
        pdf=pdf,
        soort="uitnodiging_verhoor",
        artikel="Art. 10.1",
        door=door,
    )
    onderzoek.melder_uitgenodigd_op = timezone.now()
    onderzoek.save(update_fields=["melder_uitgenodigd_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="melder uitgenodigd")
    return onderzoek


@transaction.atomic
def verhoor_niet_goedgekeurd_vastleggen(*, verhoor: Verhoor, reden: str, door: Gebruiker) -> Verhoor:
    """Art. 10.1-10.2: the person heard does not approve the record. The
    investigators record that, and why, so the report can still be fixed; the
    record stays as it is, marked not approved."""
    verhoor = Verhoor.objects.select_for_update().get(pk=verhoor.pk)
    vereis_onderzoeker(onderzoek=verhoor.onderzoek, door=door)
    vereis_lopend(verhoor.onderzoek)
    if verhoor.vastlegging.is_definitief:
        raise ValidationError(_("Dit verslag is al goedgekeurd."))
    if not reden.strip():
        raise ValidationError({"reden": _("Leg vast waarom het verslag niet is goedgekeurd.")})
    verhoor.niet_goedgekeurd_op, verhoor.niet_goedgekeurd_reden = timezone.now(), reden.strip()
    verhoor.save(update_fields=["niet_goedgekeurd_op", "niet_goedgekeurd_reden", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=verhoor.onderzoek, toelichting="verslag niet goedgekeurd"
    )
    return verhoor


@transaction.atomic
def verhoor_afschrift_gegeven(*, verhoor: Verhoor, door: Gebruiker) -> Verhoor:
    """Art. 10.2: someone else heard received a copy of the record (handed over
    outside Meldpunt); recorded, a precondition of fixing the report."""
    verhoor = Verhoor.objects.select_for_update().get(pk=verhoor.pk)
    vereis_onderzoeker(onderzoek=verhoor.onderzoek, door=door)
    if verhoor.gehoorde != Gehoorde.ANDER:
        raise ValidationError(_("De melder krijgt het afschrift in de meldingsbox (Art. 10.1)."))
    if verhoor.afschrift_gegeven_op is not None:
        raise ValidationError(_("Het afschrift is al gegeven."))
    verhoor.afschrift_gegeven_op = timezone.now()
    verhoor.save(update_fields=["afschrift_gegeven_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verhoor.onderzoek, toelichting="afschrift")
    return verhoor


@transaction.atomic
def verhoor_melder_vastleggen(*, onderzoek: Onderzoek, titel: str, tekst: str, door: Gebruiker) -> Verhoor:
    """Art. 10.1: the written record of the melder's hearing is put to the melder
    for approval in the mailbox; it is not final until approved."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
    vastlegging = meldingsbox.vastlegging_voorleggen(
        melding=onderzoek.melding, titel=titel, tekst=tekst, artikel="Art. 10.1", door=door
    )
    verhoor = Verhoor.objects.create(onderzoek=onderzoek, vastlegging=vastlegging, gehoorde=Gehoorde.MELDER, door=door)
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=onderzoek, toelichting="verhoor melder")
    return verhoor


@transaction.atomic
def verhoor_ander_vastleggen(
    *, onderzoek: Onderzoek, naam_gehoorde: str, titel: str, tekst: str, door: Gebruiker
) -> Verhoor:
    """Art. 10.2: the record of someone else's hearing. It is final once the
    signed paper copy is uploaded (verhoor_op_papier_goedgekeurd); the person
    heard keeps a copy of it. It never reaches the melder's mailbox."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
    if not naam_gehoorde.strip():
        raise ValidationError({"naam_gehoorde": _("Vul in wie er is gehoord.")})
    vastlegging = meldingsbox.vastlegging_aanmaken(
        melding=onderzoek.melding, titel=titel, tekst=tekst, artikel="Art. 10.2", door=door
    )
    verhoor = Verhoor.objects.create(
        onderzoek=onderzoek,
        vastlegging=vastlegging,
        gehoorde=Gehoorde.ANDER,
        naam_gehoorde=naam_gehoorde.strip(),
        door=door,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=onderzoek, toelichting="verhoor ander")
    return verhoor


def _afschrift_verslag(*, verhoor: Verhoor, door: Gebruiker | None) -> None:
    """Art. 10.1: the melder receives a copy of the approved record of their hearing."""
    vastlegging = verhoor.vastlegging
    melding = verhoor.onderzoek.melding
    onderwerp = _("Afschrift van het verslag van uw verhoor")
    pdf = template_naar_pdf(
        "onderzoek/verslag.html",
        briefcontext(melding=melding, onderwerp=onderwerp, vastlegging=vastlegging),
    )
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=_("U hebt het verslag van uw verhoor goedgekeurd. Hierbij ontvangt u een afschrift."),
        pdf=pdf,
        soort="verslag_verhoor",
        artikel="Art. 10.1",
        door=door,
    )


@transaction.atomic
def verhoor_op_papier_goedgekeurd(*, verhoor: Verhoor, getekend_pdf: bytes, door: Gebruiker) -> Verhoor:
    """Art. 10.1–10.2: the person heard approved and signed the record on paper;
    the investigator uploads the signed copy, which makes it final."""
    vereis_onderzoeker(onderzoek=verhoor.onderzoek, door=door)
    meldingsbox.vastlegging_op_papier_goedgekeurd(vastlegging=verhoor.vastlegging, getekend_pdf=getekend_pdf, door=door)
    if verhoor.gehoorde == Gehoorde.MELDER:
        _afschrift_verslag(verhoor=verhoor, door=door)
    return verhoor


def vastlegging_goedgekeurd_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for VASTLEGGING_GOEDKEUREN: when the melder approves the record of
    their hearing in the mailbox, they receive a copy (Art. 10.1)."""
    if not verzoek.akkoord:
        return
    vastlegging = Vastlegging.objects.filter(uuid=verzoek.object_uuid, melding_id=verzoek.melding_id).first()
    verhoor = Verhoor.objects.filter(vastlegging=vastlegging).select_related("onderzoek__melding").first()
    if verhoor is not None:
        _afschrift_verslag(verhoor=verhoor, door=None)


@transaction.atomic
def onderzoeksstuk_toevoegen(
    *,
    onderzoek: Onderzoek,
    herkomst: StukHerkomst,
    omschrijving: str,
    bestandsnaam: str,
    inhoud: bytes,
    door: Gebruiker,
) -> Onderzoeksstuk:
    """Art. 10.3–10.4: a document the investigators requested or an employee
    provided. Kept as it is (evidence), encrypted, with the investigation only."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat dit stuk is en waar het vandaan komt.")})
    bestand = bestand_voorbereiden(naam=bestandsnaam, inhoud=inhoud, metadata_behouden=True)
    stuk = Onderzoeksstuk(
        onderzoek=onderzoek,
        herkomst=StukHerkomst(herkomst),
        omschrijving=omschrijving.strip(),
        bestandsnaam=bestand.naam,
        inhoudstype=bestand.inhoudstype,
        door=door,
    )
    stuk.bestand.save("stuk", ContentFile(bestand.inhoud), save=False)
    stuk.save()
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=stuk, toelichting=f"stuk {herkomst}")
    return stuk
