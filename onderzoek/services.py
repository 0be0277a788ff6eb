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
from onderzoek.constants import GEEN_ONDERZOEK, BesluitSoort, OnderzoekSoort, OnderzoekStatus, RapportStatus
from onderzoek.models import Besluit, ExterneKennisgeving, Onderzoek, Onderzoeker, Rapport, Standpunt, Wederhoor

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
    # Art. 13.1-13.2: an investigation into the melder's treatment follows a request
    # of the melder, at any stage of the case; every other kind follows a decision.
    if OnderzoekSoort(soort) != OnderzoekSoort.BENADELING and melding.status != Status.IN_ONDERZOEK:
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


def _vereis_onderzoeker(*, onderzoek: Onderzoek, door: Gebruiker) -> None:
    from onderzoek.selectors import onderzoek_list_visible_for

    if not onderzoek_list_visible_for(user=door, perm="onderzoek.onderzoek_uitvoeren").filter(pk=onderzoek.pk).exists():
        raise PermissionDenied(_("Alleen de onderzoekers van dit onderzoek kunnen dit doen."))


@transaction.atomic
def rapport_concept_opslaan(*, onderzoek: Onderzoek, tekst: str, door: Gebruiker) -> Rapport:
    """The investigators write the concept report (Art. 10.5). One open concept
    per investigation; saving again replaces its text."""
    _vereis_onderzoeker(onderzoek=onderzoek, door=door)
    if not tekst.strip():
        raise ValidationError({"tekst": _("Het rapport is leeg.")})
    rapport = onderzoek.rapporten.select_for_update().filter(status=RapportStatus.CONCEPT).first()
    if rapport is None:
        rapport = Rapport.objects.create(onderzoek=onderzoek, tekst=tekst, opgesteld_door=door)
    else:
        rapport.tekst = tekst
        rapport.save(update_fields=["tekst", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="conceptrapport")
    return rapport


@transaction.atomic
def rapport_commentaar_melder_verwerken(*, rapport: Rapport, commentaar: str) -> Rapport:
    """Art. 10.5: the melder's comments on the concept, given in the mailbox."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.status != RapportStatus.CONCEPT:
        raise ValidationError(_("Het rapport is al vastgesteld."))
    rapport.commentaar_melder = commentaar
    rapport.save(update_fields=["commentaar_melder", "updated_at"])
    auditregel_schrijven(
        door=None,
        actie=AuditActie.GEWIJZIGD,
        object=rapport.onderzoek,
        actor_soort="melder",
        toelichting="commentaar op concept",
    )
    return rapport


@transaction.atomic
def rapport_vaststellen(*, rapport: Rapport, door: Gebruiker, ernstige_bezwaren: str = "") -> Rapport:
    """Art. 10.6: the investigators fix the report; the melder gets a copy unless
    serious objections are recorded with a reason (the reason is the record)."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _vereis_onderzoeker(onderzoek=rapport.onderzoek, door=door)
    if rapport.status != RapportStatus.CONCEPT:
        raise ValidationError(_("Dit rapport is al vastgesteld."))
    melding = rapport.onderzoek.melding
    pdf = template_naar_pdf(
        "onderzoek/rapport.html",
        {
            "melding": melding,
            "organisatie": melding.organisatie,
            "registernummer": melding.registernummer,
            "onderwerp": _("Onderzoeksrapport"),
            "tekst": rapport.tekst,
            "datum": timezone.now(),
        },
    )
    rapport.document.save(f"{rapport.uuid}.pdf", ContentFile(pdf), save=False)
    rapport.status, rapport.vastgesteld_op = RapportStatus.VASTGESTELD, timezone.now()
    rapport.ernstige_bezwaren = ernstige_bezwaren.strip()
    rapport.save(update_fields=["document", "status", "vastgesteld_op", "ernstige_bezwaren", "updated_at"])
    rapport.onderzoek.status = OnderzoekStatus.AFGEROND
    rapport.onderzoek.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=rapport.onderzoek, toelichting="rapport vastgesteld"
    )
    return rapport


@transaction.atomic
def externe_kennisgeving_doen(
    *,
    melding: Melding,
    instantie: str,
    inhoud: str,
    door: Gebruiker,
    totp_code: str,
    ernstige_bezwaren_afschrift: str = "",
) -> ExterneKennisgeving:
    """Art. 9.3 / 11.3: the HL notifies an external authority, signed; the melder
    receives a copy unless serious objections are recorded with a reason."""
    vereis_leiding(melding=melding, door=door)
    if not instantie.strip() or not inhoud.strip():
        raise ValidationError(_("Noem de instantie en de inhoud van de kennisgeving."))
    document, ondertekening = _ondertekend_pdf(
        template="onderzoek/kennisgeving.html",
        context={
            "melding": melding,
            "organisatie": melding.organisatie,
            "instantie": instantie,
            "inhoud": inhoud,
            "registernummer": melding.registernummer,
            "onderwerp": _("Kennisgeving aan %(instantie)s") % {"instantie": instantie},
        },
        omschrijving=f"Externe kennisgeving {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    kennisgeving = ExterneKennisgeving.objects.create(
        melding=melding,
        instantie=instantie.strip(),
        inhoud=inhoud,
        document=document,
        ondertekening=ondertekening,
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift.strip(),
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting="externe kennisgeving")
    return kennisgeving


@transaction.atomic
def wederhoor_registreren(*, melding: Melding, reactie: str, onderbouwd_bezwaar: bool) -> Wederhoor:
    """Art. 12.1: the melder reacts to report and standpunt (from the mailbox)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not reactie.strip():
        raise ValidationError({"reactie": _("Schrijf uw reactie.")})
    wederhoor = Wederhoor.objects.create(melding=melding, reactie=reactie, onderbouwd_bezwaar=onderbouwd_bezwaar)
    if melding.status == Status.STANDPUNT_VERZONDEN:
        melding_status_wijzigen(melding=melding, naar=Status.WEDERHOOR, door=None)
    auditregel_schrijven(
        door=None, actie=AuditActie.AANGEMAAKT, object=melding, actor_soort="melder", toelichting="wederhoor"
    )
    return wederhoor


@transaction.atomic
def wederhoor_beantwoorden(
    *,
    wederhoor: Wederhoor,
    antwoord: str,
    door: Gebruiker,
    aanvullend_onderzoek: bool = False,
    totp_code: str = "",
    opdracht: str = "",
) -> Wederhoor:
    """Art. 12.2: a reasoned objection obliges a substantive answer and, where
    needed, a new or additional investigation to which Art. 9–12 apply again."""
    wederhoor = Wederhoor.objects.select_for_update().get(pk=wederhoor.pk)
    melding = wederhoor.melding
    vereis_leiding(melding=melding, door=door)
    if wederhoor.beantwoord_op is not None:
        raise ValidationError(_("Deze reactie is al beantwoord."))
    if wederhoor.onderbouwd_bezwaar and not antwoord.strip():
        raise ValidationError({"antwoord": _("Een onderbouwde reactie vraagt een inhoudelijk antwoord (Art. 12.2).")})
    wederhoor.antwoord, wederhoor.beantwoord_door, wederhoor.beantwoord_op = antwoord, door, timezone.now()
    if aanvullend_onderzoek:
        melding_status_wijzigen(melding=melding, naar=Status.IN_ONDERZOEK, door=door, reden=antwoord)
        wederhoor.aanvullend_onderzoek = onderzoek_instellen(
            melding=melding, soort=OnderzoekSoort.AANVULLEND, opdracht=opdracht, door=door, totp_code=totp_code
        )
    wederhoor.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op", "aanvullend_onderzoek", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting="wederhoor beantwoord")
    return wederhoor
