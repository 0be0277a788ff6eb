"""Decisions, investigations and the standpunt (Art. 9–11). Every decision of
the HL is signed with a fresh second factor (kern.ondertekening)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from kern.models import AuditActie, Gebruiker
from kern.ondertekening import document_ondertekenen
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import Status, ToewijzingRol
from meldingen.models import Melding, Toewijzing
from meldingen.services.register import melding_status_wijzigen, toewijzing_verlenen
from onderzoek.constants import GEEN_ONDERZOEK, BesluitSoort, OnderzoekSoort
from onderzoek.models import Besluit, Onderzoek, Onderzoeker, Standpunt

BESLUIT_NAAR_STATUS = {
    BesluitSoort.ONDERZOEK: Status.IN_ONDERZOEK,  # Art. 9.1
    BesluitSoort.GEEN_REDELIJKE_GRONDEN: Status.NIET_IN_ONDERZOEK,  # Art. 9.1 a, 9.2
    BesluitSoort.GEEN_MISSTAND: Status.NIET_IN_ONDERZOEK,  # Art. 9.1 b, 9.2
    BesluitSoort.DOORVERWIJZEN: Status.DOORVERWEZEN,  # Art. 9.3
}


def vereis_leiding(*, melding: Melding, door: Gebruiker) -> None:
    """Decisions are the HL's, or the hoogste verantwoordelijke's when the HL is
    involved (Art. 8.4, 9): the one whose assignment on this case says so."""
    rol = ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE if melding.hl_betrokken else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
    if not Toewijzing.objects.filter(melding=melding, gebruiker=door, rol=rol, beeindigd_op__isnull=True).exists():
        raise PermissionDenied(_("Alleen de %(rol)s van deze melding kan dit besluiten.") % {"rol": rol.label.lower()})


def _ondertekend_pdf(*, template: str, context: dict, omschrijving: str, door: Gebruiker, totp_code: str):
    pdf = template_naar_pdf(template, {**context, "datum": timezone.now(), "ondertekenaar": door})
    ondertekening = document_ondertekenen(inhoud=pdf, omschrijving=omschrijving, door=door, totp_code=totp_code)
    return ContentFile(pdf, name=f"{ondertekening.uuid}.pdf"), ondertekening


@transaction.atomic
def besluit_nemen(
    *, melding: Melding, soort: BesluitSoort, motivering: str, door: Gebruiker, totp_code: str
) -> Besluit:
    """The HL decides on a forwarded report (Art. 9.1–9.3) and signs it."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    soort = BesluitSoort(soort)
    if melding.status != Status.IN_BEHANDELING:
        raise ValidationError(_("Over deze melding is al besloten; corrigeer het besluit met een nieuwe versie."))
    if soort in GEEN_ONDERZOEK and not motivering.strip():
        # Art. 9.2: the melder is told on what grounds no investigation follows.
        raise ValidationError({"motivering": _("Geef aan waarom er geen onderzoek komt (Art. 9.2).")})
    if soort == BesluitSoort.DOORVERWIJZEN and not motivering.strip():
        raise ValidationError({"motivering": _("Geef aan waarheen en waarom de melding wordt doorverwezen.")})
    document, ondertekening = _ondertekend_pdf(
        template="onderzoek/besluit.html",
        context={
            "melding": melding,
            "organisatie": melding.organisatie,
            "soort": soort,
            "motivering": motivering,
            "registernummer": melding.registernummer,
            "onderwerp": _("Besluit over uw melding"),
        },
        omschrijving=f"Besluit {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    besluit = Besluit.objects.create(
        melding=melding, soort=soort, motivering=motivering, document=document, ondertekening=ondertekening
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=f"besluit {soort}")
    melding_status_wijzigen(melding=melding, naar=BESLUIT_NAAR_STATUS[soort], door=door, reden=motivering)
    return besluit


@transaction.atomic
def besluit_corrigeren(*, besluit: Besluit, motivering: str, door: Gebruiker, totp_code: str) -> Besluit:
    """A signed decision never changes: a correction is a new signed version."""
    vereis_leiding(melding=besluit.melding, door=door)
    if hasattr(besluit, "vervangen_door"):
        raise ValidationError(_("Dit besluit is al vervangen; corrigeer de nieuwste versie."))
    if besluit.soort in GEEN_ONDERZOEK and not motivering.strip():
        raise ValidationError({"motivering": _("Geef aan waarom er geen onderzoek komt (Art. 9.2).")})
    melding = besluit.melding
    document, ondertekening = _ondertekend_pdf(
        template="onderzoek/besluit.html",
        context={
            "melding": melding,
            "organisatie": melding.organisatie,
            "soort": BesluitSoort(besluit.soort),
            "motivering": motivering,
            "registernummer": melding.registernummer,
            "onderwerp": _("Besluit over uw melding (gecorrigeerd)"),
        },
        omschrijving=f"Besluit {melding.registernummer} v{besluit.versie + 1}",
        door=door,
        totp_code=totp_code,
    )
    nieuw = Besluit.objects.create(
        melding=melding,
        soort=besluit.soort,
        motivering=motivering,
        document=document,
        ondertekening=ondertekening,
        versie=besluit.versie + 1,
        vervangt=besluit,
    )
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=f"besluit v{nieuw.versie}")
    return nieuw


@transaction.atomic
def onderzoek_instellen(
    *,
    melding: Melding,
    soort: OnderzoekSoort,
    opdracht: str,
    door: Gebruiker,
    totp_code: str,
    ernstige_bezwaren_afschrift: str = "",
) -> Onderzoek:
    """Art. 9.4–9.5: the HL gives the signed mandate (onderzoeksopdracht)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    if melding.status != Status.IN_ONDERZOEK:
        raise ValidationError(_("Stel eerst vast dat er onderzoek komt (besluit) voordat u de opdracht geeft."))
    if not opdracht.strip():
        raise ValidationError({"opdracht": _("Beschrijf de onderzoeksopdracht.")})
    document, ondertekening = _ondertekend_pdf(
        template="onderzoek/opdracht.html",
        context={
            "melding": melding,
            "organisatie": melding.organisatie,
            "opdracht": opdracht,
            "soort": OnderzoekSoort(soort),
            "registernummer": melding.registernummer,
            "onderwerp": _("Onderzoeksopdracht"),
        },
        omschrijving=f"Onderzoeksopdracht {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    onderzoek = Onderzoek.objects.create(
        melding=melding,
        soort=soort,
        opdracht=opdracht,
        opdracht_document=document,
        opdracht_ondertekening=ondertekening,
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift.strip(),
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=onderzoek, toelichting=str(soort))
    return onderzoek


@transaction.atomic
def onderzoeker_toewijzen(
    *,
    onderzoek: Onderzoek,
    verklaring: str,
    verklaart_geen_betrokkenheid: bool,
    door: Gebruiker,
    gebruiker: Gebruiker | None = None,
    externe_naam: str = "",
) -> Onderzoeker:
    """Art. 9.4: independent and impartial investigators; never someone who is or
    may have been involved. A staff user among the persons concerned, or who does
    not declare to be uninvolved, cannot be assigned."""
    melding = onderzoek.melding
    vereis_leiding(melding=melding, door=door)
    if (gebruiker is None) == (not externe_naam.strip()):
        raise ValidationError(_("Kies een medewerker óf vul de naam van een externe onderzoeker in."))
    if not verklaart_geen_betrokkenheid:
        raise ValidationError(
            {"verklaart_geen_betrokkenheid": _("Een onderzoeker verklaart niet betrokken te zijn (Art. 9.4).")}
        )
    if not verklaring.strip():
        raise ValidationError({"verklaring": _("Leg de verklaring van onafhankelijkheid vast (Art. 9.4).")})
    if gebruiker is not None and melding.betrokkenen.filter(gebruiker=gebruiker).exists():
        raise ValidationError(_("Deze persoon is betrokkene bij de melding en kan geen onderzoeker zijn (Art. 9.4)."))
    if gebruiker is not None and gebruiker == door:
        raise ValidationError(_("De hoogste leidinggevende draagt het onderzoek op aan anderen (Art. 9.4)."))
    onderzoeker = Onderzoeker.objects.create(
        onderzoek=onderzoek,
        gebruiker=gebruiker,
        externe_naam=externe_naam.strip(),
        onafhankelijkheidsverklaring=verklaring,
    )
    if gebruiker is not None:
        # Investigators see only their assigned investigations (and the case they belong to).
        assign_perm("onderzoek.view_onderzoek", gebruiker, onderzoek)
        assign_perm("onderzoek.onderzoek_uitvoeren", gebruiker, onderzoek)
        toewijzing_verlenen(melding=melding, gebruiker=gebruiker, rol=ToewijzingRol.ONDERZOEKER, door=door)
    auditregel_schrijven(door=door, actie=AuditActie.TOEGANG_VERLEEND, object=onderzoek, toelichting="onderzoeker")
    return onderzoeker


@transaction.atomic
def standpunt_vaststellen(
    *, melding: Melding, inhoud: str, vervolgstappen: str, door: Gebruiker, totp_code: str
) -> Standpunt:
    """Art. 11.1: the substantive standpunt and the steps it leads to, signed by the HL."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    if melding.status != Status.IN_ONDERZOEK:
        raise ValidationError(_("Een standpunt volgt op een onderzoek."))
    if not inhoud.strip() or not vervolgstappen.strip():
        raise ValidationError(_("Het standpunt noemt de inhoud én de stappen waartoe de melding leidt (Art. 11.1)."))
    document, ondertekening = _ondertekend_pdf(
        template="onderzoek/standpunt.html",
        context={
            "melding": melding,
            "organisatie": melding.organisatie,
            "inhoud": inhoud,
            "vervolgstappen": vervolgstappen,
            "registernummer": melding.registernummer,
            "onderwerp": _("Standpunt over uw melding"),
        },
        omschrijving=f"Standpunt {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    versie = melding.standpunten.count() + 1
    standpunt = Standpunt.objects.create(
        melding=melding,
        inhoud=inhoud,
        vervolgstappen=vervolgstappen,
        document=document,
        ondertekening=ondertekening,
        versie=versie,
    )
    melding_status_wijzigen(melding=melding, naar=Status.STANDPUNT_VERZONDEN, door=door)
    return standpunt
