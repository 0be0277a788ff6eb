"""The investigation: the signed mandate and its investigators, and the
letter telling the melder by whom (Art. 9.4–9.5)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from kern.toegang import vereis_leiding
from meldingen import deadlines
from meldingen.constants import TermijnSoort, ToewijzingRol
from meldingen.models import Melding
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.selectors import toewijzingen_voor
from meldingen.services.brieven import briefcontext
from meldingen.services.register import toewijzing_beeindigen, toewijzing_verlenen
from meldingen.services.termijnen import termijn_starten, termijnlengtes
from onderzoek.constants import OnderzoekSoort, OnderzoekStatus, termijnonderwerp
from onderzoek.models import Onderzoek, Onderzoeker
from onderzoek.overgangen import in_onderzoeksfase, melding_beeindigd_bezwaar, toewijsbaar
from onderzoek.services.basis import brief_aan_melder, onderzoek_status_wijzigen, pdf_samenvoegen

# Art. 12.2 and 13.2: Art. 9-12 apply again to an additional, new or retaliation
# investigation, so it has a standpunt term of its own (docs/termijnen.md).
EIGEN_TERMIJNEN = frozenset({OnderzoekSoort.AANVULLEND, OnderzoekSoort.BENADELING})


def _eigen_standpunttermijn_starten(*, onderzoek: Onderzoek, vanaf) -> None:
    start = lokale_datum(vanaf or timezone.now())
    lengte = termijnlengtes(organisatie=onderzoek.melding.organisatie).standpunt_dagen
    termijn_starten(
        melding=onderzoek.melding,
        berekening=deadlines.Termijnberekening(
            TermijnSoort.STANDPUNT, start, deadlines.uiterlijk_na_dagen(start, lengte)
        ),
        onderwerp=termijnonderwerp(onderzoek),
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
    termijn_vanaf=None,
) -> Onderzoek:
    """Art. 9.4–9.5: the HL gives the signed mandate (onderzoeksopdracht). An
    additional or new investigation (Art. 12.2) and an Art. 13.2 investigation
    get their own standpunt term, from `termijn_vanaf` (the melder's reaction or
    request) or today."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    # Art. 13.1-13.2: an investigation into the melder's treatment follows a request
    # of the melder, at any stage of the case; every other kind follows a decision.
    if OnderzoekSoort(soort) != OnderzoekSoort.BENADELING:
        # A closed or withdrawn report is not investigated (any more).
        vereis_lopende_procedure(melding)
    if OnderzoekSoort(soort) != OnderzoekSoort.BENADELING and not in_onderzoeksfase(melding):
        raise ValidationError(_("Stel eerst vast dat er onderzoek komt (besluit) voordat u de opdracht geeft."))
    if not opdracht.strip():
        raise ValidationError({"opdracht": _("Beschrijf de onderzoeksopdracht.")})
    _pdf, document, ondertekening = ondertekend_pdf(
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
    if OnderzoekSoort(soort) in EIGEN_TERMIJNEN:
        _eigen_standpunttermijn_starten(onderzoek=onderzoek, vanaf=termijn_vanaf)
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
    if (reden := melding_beeindigd_bezwaar(onderzoek)) is not None:
        # A new investigator of a closed or withdrawn report would gain access to it.
        raise ValidationError(reden)
    if not toewijsbaar(onderzoek):
        raise ValidationError(_("Dit onderzoek is beëindigd."))
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
def onderzoeker_beeindigen(*, onderzoeker: Onderzoeker, door: Gebruiker | None) -> None:
    """An investigator's part in this investigation ends (Art. 7.1: the case is
    open only to those who handle it). The object permissions on the investigation
    are revoked; when the user investigates nothing else of the case, their
    assignment to the case ends too (toewijzing_beeindigen: the case's permissions,
    the timeline entry and its audit row), and with it their access: 404. Audited."""
    onderzoeker = Onderzoeker.objects.select_for_update().select_related("onderzoek").get(pk=onderzoeker.pk)
    if onderzoeker.beeindigd_op is not None:
        return
    onderzoeker.beeindigd_op = timezone.now()
    onderzoeker.save(update_fields=["beeindigd_op", "updated_at"])
    onderzoek, gebruiker = onderzoeker.onderzoek, onderzoeker.gebruiker
    if gebruiker is not None:
        remove_perm("onderzoek.view_onderzoek", gebruiker, onderzoek)
        remove_perm("onderzoek.onderzoek_uitvoeren", gebruiker, onderzoek)
        # Still an investigator of another investigation of this case (e.g. an
        # Art. 13.2 one that goes on after withdrawal): the case stays open to them.
        elders = Onderzoeker.objects.filter(
            onderzoek__melding_id=onderzoek.melding_id, gebruiker=gebruiker, beeindigd_op__isnull=True
        )
        if not elders.exists():
            for toewijzing in toewijzingen_voor(melding=onderzoek.melding).filter(
                gebruiker=gebruiker, rol=ToewijzingRol.ONDERZOEKER
            ):
                toewijzing_beeindigen(toewijzing=toewijzing, door=door)
    auditregel_schrijven(door=door, actie=AuditActie.TOEGANG_INGETROKKEN, object=onderzoek, toelichting="onderzoeker")


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
    # The row ingesteld -> loopt: the HL, an investigator assigned (Art. 9.4-9.5).
    onderzoek_status_wijzigen(onderzoek=onderzoek, naar=OnderzoekStatus.LOOPT, door=door)
    namen = _onderzoekersnamen(onderzoek)
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
