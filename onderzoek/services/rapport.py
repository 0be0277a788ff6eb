"""The report: concept, the melder's comments, fixed with a copy (Art. 10.5–10.6)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import VerzoekStatus
from meldingen.models import Verzoek
from meldingen.services import meldingsbox
from meldingen.services.brieven import briefcontext
from onderzoek.constants import CONCEPTRAPPORT_OPMERKINGEN, OnderzoekStatus, RapportStatus
from onderzoek.models import Onderzoek, Rapport
from onderzoek.overgangen import PROCEDURE
from onderzoek.services.basis import brief_aan_melder, onderzoek_status_wijzigen, vereis_lopend, vereis_onderzoeker


@transaction.atomic
def rapport_concept_opslaan(*, onderzoek: Onderzoek, tekst: str, door: Gebruiker) -> Rapport:
    """The investigators write the concept report (Art. 10.5). One open concept
    per investigation; saving again replaces its text."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
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
        soort=CONCEPTRAPPORT_OPMERKINGEN,
        object_uuid=str(rapport.uuid),
        status=VerzoekStatus.OPEN,
    ).first()


@transaction.atomic
def rapport_concept_voorleggen(*, onderzoek: Onderzoek, door: Gebruiker, ernstige_bezwaren: str = "") -> Rapport:
    """Art. 10.5: the melder may comment on the concept report, in the mailbox,
    unless serious objections are recorded with a reason (then the reason is the
    record and nothing goes to the melder)."""
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    vereis_lopend(onderzoek)
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
        soort=CONCEPTRAPPORT_OPMERKINGEN,
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
    onderzoek = Onderzoek.objects.select_for_update().get(pk=rapport.onderzoek_id)
    vereis_onderzoeker(onderzoek=onderzoek, door=door)
    if rapport.status != RapportStatus.CONCEPT:
        raise ValidationError(_("Dit rapport is al vastgesteld."))
    # The row loopt -> afgerond (Art. 10.6) with its preconditions, asked before
    # fixing: the melder offered a hearing (Art. 10.1), records dealt with and
    # copies given (Art. 10.2), the concept put to the melder (Art. 10.5). The
    # state moves once the report is fixed (the row's evidence).
    PROCEDURE.controleren(onderzoek, OnderzoekStatus.AFGEROND, door=door)
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
    onderzoek_status_wijzigen(onderzoek=onderzoek, naar=OnderzoekStatus.AFGEROND, door=door)
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
