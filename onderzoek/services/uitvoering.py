"""The investigation: the signed mandate and its investigators (Art. 9.4–9.5),
hearings, documents and the report (Art. 10)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import Status, ToewijzingRol, VerzoekSoort, VerzoekStatus
from meldingen.models import Melding, Vastlegging, Verzoek
from meldingen.services import meldingsbox
from meldingen.services.bijlagen import bestand_voorbereiden
from meldingen.services.register import toewijzing_verlenen
from onderzoek.constants import Gehoorde, OnderzoekSoort, OnderzoekStatus, RapportStatus, StukHerkomst
from onderzoek.models import Onderzoek, Onderzoeker, Onderzoeksstuk, Rapport, Verhoor
from onderzoek.services.basis import (
    brief_aan_melder,
    briefcontext,
    ondertekend_pdf,
    pdf_samenvoegen,
    vereis_leiding,
    vereis_onderzoeker,
)


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
    document, ondertekening, _pdf = ondertekend_pdf(
        template="onderzoek/opdracht.html",
        context=briefcontext(
            melding=melding, onderwerp=_("Onderzoeksopdracht"), opdracht=opdracht, soort=OnderzoekSoort(soort)
        ),
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


def _onderzoekersnamen(onderzoek: Onderzoek) -> list[str]:
    return [
        o.gebruiker.get_full_name() or o.gebruiker.get_username() if o.gebruiker_id else o.externe_naam
        for o in onderzoek.onderzoekers.filter(beeindigd_op__isnull=True).select_related("gebruiker")
    ]


@transaction.atomic
def onderzoek_melder_informeren(*, onderzoek: Onderzoek, door: Gebruiker) -> Onderzoek:
    """Art. 9.5: the HL tells the melder in writing, without delay, that an
    investigation started and by whom, with a copy of the signed mandate unless
    serious objections were recorded with a reason when it was given."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    melding = onderzoek.melding
    vereis_leiding(melding=melding, door=door)
    namen = _onderzoekersnamen(onderzoek)
    if not namen:
        raise ValidationError(_("Wijs eerst een onderzoeker toe: de melder hoort door wie het onderzoek gebeurt."))
    if onderzoek.melder_geinformeerd_op is not None:
        raise ValidationError(_("De melder is al over dit onderzoek geïnformeerd."))
    met_afschrift = not onderzoek.ernstige_bezwaren_afschrift
    onderwerp = _("Er is een onderzoek ingesteld")
    brief = template_naar_pdf(
        "onderzoek/ingesteld.html",
        briefcontext(
            melding=melding,
            onderwerp=onderwerp,
            onderzoek=onderzoek,
            onderzoekers=namen,
            met_afschrift=met_afschrift,
            ondertekenaar=door,
        ),
    )
    if met_afschrift:
        with onderzoek.opdracht_document.open("rb") as fh:
            brief = pdf_samenvoegen(brief, fh.read())
    tekst = _("Er is een onderzoek naar uw melding ingesteld. Het onderzoek wordt uitgevoerd door: %(namen)s.") % {
        "namen": ", ".join(namen)
    }
    tekst += "\n\n" + (
        _("Een afschrift van de onderzoeksopdracht zit in de PDF.")
        if met_afschrift
        else _("Er bestaan ernstige bezwaren tegen het sturen van een afschrift van de onderzoeksopdracht.")
    )
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        pdf=brief,
        soort="onderzoek_ingesteld",
        artikel="Art. 9.5",
        door=door,
    )
    onderzoek.melder_geinformeerd_op = timezone.now()
    onderzoek.save(update_fields=["melder_geinformeerd_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="melder geinformeerd")
    return onderzoek


def _vereis_lopend(onderzoek: Onderzoek) -> None:
    if onderzoek.status != OnderzoekStatus.LOOPT:
        raise ValidationError(_("Dit onderzoek is afgerond."))


@transaction.atomic
def verhoor_melder_vastleggen(*, onderzoek: Onderzoek, titel: str, tekst: str, door: Gebruiker) -> Verhoor:
    """Art. 10.1: the written record of the melder's hearing is put to the melder
    for approval in the mailbox; it is not final until approved."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    _vereis_lopend(onderzoek)
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
    _vereis_lopend(onderzoek)
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
    _vereis_lopend(onderzoek)
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


@transaction.atomic
def rapport_concept_opslaan(*, onderzoek: Onderzoek, tekst: str, door: Gebruiker) -> Rapport:
    """The investigators write the concept report (Art. 10.5). One open concept
    per investigation; saving again replaces its text."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    if not tekst.strip():
        raise ValidationError({"tekst": _("Het rapport is leeg.")})
    rapport = onderzoek.rapporten.select_for_update().filter(status=RapportStatus.CONCEPT).first()
    if rapport is None:
        rapport = Rapport.objects.create(onderzoek=onderzoek, tekst=tekst, opgesteld_door=door)
    else:
        if _open_conceptverzoek(rapport) is not None:
            raise ValidationError(_("Het concept ligt bij de melder; wacht op de opmerkingen voordat u het wijzigt."))
        rapport.tekst = tekst
        rapport.save(update_fields=["tekst", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="conceptrapport")
    return rapport


def _open_conceptverzoek(rapport: Rapport) -> Verzoek | None:
    return Verzoek.objects.filter(
        melding_id=rapport.onderzoek.melding_id,
        soort=VerzoekSoort.CONCEPTRAPPORT_OPMERKINGEN,
        object_uuid=str(rapport.uuid),
        status=VerzoekStatus.OPEN,
    ).first()


@transaction.atomic
def rapport_concept_voorleggen(*, onderzoek: Onderzoek, door: Gebruiker, ernstige_bezwaren: str = "") -> Rapport:
    """Art. 10.5: the melder may comment on the concept report, in the mailbox,
    unless serious objections are recorded with a reason (then the reason is the
    record and nothing goes to the melder)."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    rapport = onderzoek.rapporten.select_for_update().filter(status=RapportStatus.CONCEPT).first()
    if rapport is None:
        raise ValidationError(_("Schrijf eerst een conceptrapport."))
    if _open_conceptverzoek(rapport) is not None:
        raise ValidationError(_("Het concept ligt al bij de melder."))
    melding = onderzoek.melding
    if ernstige_bezwaren.strip():
        rapport.ernstige_bezwaren_concept = ernstige_bezwaren.strip()
        rapport.save(update_fields=["ernstige_bezwaren_concept", "updated_at"])
        auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="concept: bezwaren")
        return rapport
    onderwerp = _("Conceptrapport: uw opmerkingen")
    pdf = template_naar_pdf(
        "onderzoek/rapport.html", briefcontext(melding=melding, onderwerp=onderwerp, tekst=rapport.tekst, concept=True)
    )
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=_(
            "Het conceptrapport van het onderzoek naar uw melding staat in de PDF. U kunt er opmerkingen bij maken."
        ),
        pdf=pdf,
        soort="conceptrapport",
        artikel="Art. 10.5",
        door=door,
    )
    meldingsbox.verzoek_openen(
        melding=melding,
        soort=VerzoekSoort.CONCEPTRAPPORT_OPMERKINGEN,
        vraag=_(
            "Lees het conceptrapport (bij uw brieven) en laat weten of u opmerkingen hebt. "
            "De onderzoekers betrekken uw opmerkingen bij het definitieve rapport (Art. 10.5)."
        ),
        onderwerp=rapport,
        door=door,
    )
    rapport.concept_voorgelegd_op = timezone.now()
    rapport.save(update_fields=["concept_voorgelegd_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="concept voorgelegd")
    return rapport


@transaction.atomic
def rapport_commentaar_melder_verwerken(*, rapport: Rapport, commentaar: str) -> Rapport:
    """Art. 10.5: the melder's comments on the concept, given in the mailbox. A
    second round adds to the first."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.status != RapportStatus.CONCEPT:
        raise ValidationError(_("Het rapport is al vastgesteld."))
    commentaar = commentaar.strip()
    rapport.commentaar_melder = (
        f"{rapport.commentaar_melder}\n\n{commentaar}" if rapport.commentaar_melder else commentaar
    )
    rapport.save(update_fields=["commentaar_melder", "updated_at"])
    auditregel_schrijven(
        door=None,
        actie=AuditActie.GEWIJZIGD,
        object=rapport.onderzoek,
        actor_soort="melder",
        toelichting="commentaar op concept",
    )
    return rapport


def conceptrapport_opmerkingen_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for CONCEPTRAPPORT_OPMERKINGEN (registered in OnderzoekConfig.ready)."""
    rapport = Rapport.objects.get(uuid=verzoek.object_uuid, onderzoek__melding_id=verzoek.melding_id)
    commentaar = verzoek.antwoord or (_("Geen opmerkingen.") if verzoek.akkoord else "")
    rapport_commentaar_melder_verwerken(rapport=rapport, commentaar=commentaar or _("Geen opmerkingen."))


@transaction.atomic
def rapport_vaststellen(
    *, rapport: Rapport, door: Gebruiker, ernstige_bezwaren: str = "", zonder_opmerkingen_reden: str = ""
) -> Rapport:
    """Art. 10.6: the investigators fix the report and send the melder a copy
    unless serious objections are recorded with a reason (the reason is the
    record). Art. 10.5 comes first: the concept went to the melder, or serious
    objections against that were recorded. While the melder's comments are
    awaited the report is fixed only with a recorded reason (the request is then
    withdrawn), so a silent melder cannot stall the investigation."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    onderzoek = rapport.onderzoek
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    if rapport.status != RapportStatus.CONCEPT:
        raise ValidationError(_("Dit rapport is al vastgesteld."))
    if rapport.concept_voorgelegd_op is None and not rapport.ernstige_bezwaren_concept:
        raise ValidationError(
            _("Leg het concept eerst aan de melder voor, of leg de ernstige bezwaren daartegen vast (Art. 10.5).")
        )
    open_verzoek = _open_conceptverzoek(rapport)
    if open_verzoek is not None:
        if not zonder_opmerkingen_reden.strip():
            raise ValidationError(
                {
                    "zonder_opmerkingen_reden": _(
                        "De melder heeft nog niet gereageerd op het concept. Wacht, of leg vast waarom u niet langer "
                        "wacht (Art. 10.5)."
                    )
                }
            )
        meldingsbox.verzoek_intrekken(verzoek=open_verzoek, door=door)
        auditregel_schrijven(
            door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="vastgesteld zonder opmerkingen"
        )
    melding = onderzoek.melding
    onderwerp = _("Onderzoeksrapport")
    pdf = template_naar_pdf(
        "onderzoek/rapport.html", briefcontext(melding=melding, onderwerp=onderwerp, tekst=rapport.tekst)
    )
    rapport.document.save(f"{rapport.uuid}.pdf", ContentFile(pdf), save=False)
    rapport.status, rapport.vastgesteld_op = RapportStatus.VASTGESTELD, timezone.now()
    rapport.ernstige_bezwaren = ernstige_bezwaren.strip()
    rapport.save(update_fields=["document", "status", "vastgesteld_op", "ernstige_bezwaren", "updated_at"])
    onderzoek.status = OnderzoekStatus.AFGEROND
    onderzoek.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=onderzoek, toelichting="rapport vastgesteld")
    if not rapport.ernstige_bezwaren:
        brief_aan_melder(
            melding=melding,
            onderwerp=_("Afschrift van het onderzoeksrapport"),
            tekst=_("Het onderzoek naar uw melding is afgerond. Hierbij ontvangt u een afschrift van het rapport."),
            pdf=pdf,
            soort="rapport",
            artikel="Art. 10.6",
            door=door,
        )
    return rapport
