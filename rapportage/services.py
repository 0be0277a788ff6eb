"""Every write of the annual report and the regulation. Keyword-only, atomic,
audited (docs/stijl.md). The stage of a report changes only in rapportage_overgang."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kern.models import AuditActie, AuditCategorie, Gebruiker
from kern.ondertekening import document_ondertekenen
from kern.overgangen import OvergangNietToegestaan
from kern.services import auditregel_schrijven
from rapportage import auditnotities, selectors, tasks, termijnen
from rapportage import pdf as rapportage_pdf
from rapportage.cijfers import jaarcijfers
from rapportage.constants import PdfStatus, RapportageStatus, VersieAanleiding
from rapportage.models import (
    Jaarrapportage,
    OrLidmaatschap,
    OrStandpunt,
    RapportageOvergang,
    RapportageVersie,
    RegelingVersie,
)
from rapportage.onderdrukking import verschil_onthult
from rapportage.workflow import PROCEDURE, VERSIES, is_bewerkbaar

TEKSTVELDEN = ("beleid_afgelopen_jaar", "beleid_komend_jaar", "ervaringen_benadeling", "verwerking_standpunt")
# Figures cannot be used to watch reports arrive (docs/hostile-input.md, "Annual
# figures"): a year's figures are computed only from this many months after the
# year ended, and the HL's previews of one report are limited in number.
CIJFERS_MAANDEN_NA_JAAREINDE = 1
MAX_VOORBEELDEN = 5


def cijfers_beschikbaar_vanaf(jaar: int) -> date:
    """The first day on which figures of `jaar` may be computed (Europe/Amsterdam)."""
    return date(jaar + 1, 1 + CIJFERS_MAANDEN_NA_JAAREINDE, 1)


def _eis_hl(*, door: Gebruiker, organisatie) -> None:
    # Art. 14.2-14.4 give these steps to the hoogste leidinggevende.
    if not selectors.is_hl(user=door, organisatie=organisatie):
        raise PermissionDenied(_("Alleen de hoogste leidinggevende van deze organisatie mag dit doen."))


@transaction.atomic
def or_lid_toevoegen(*, organisatie, gebruiker: Gebruiker, door: Gebruiker | None) -> OrLidmaatschap:
    lid, _nieuw = OrLidmaatschap.objects.get_or_create(organisatie=organisatie, gebruiker=gebruiker)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.TOEGANG_VERLEEND,
        object=lid,
        toelichting=auditnotities.LID_OR(),
        categorie=AuditCategorie.BEHEER,
    )
    return lid


@transaction.atomic
def jaarrapportage_aanmaken(*, organisatie, jaar: int, door: Gebruiker) -> Jaarrapportage:
    """Art. 14.2: the HL draws up the report every year."""
    _eis_hl(door=door, organisatie=organisatie)
    if Jaarrapportage.objects.filter(organisatie=organisatie, jaar=jaar).exists():
        raise ValidationError(_("Voor dit jaar bestaat al een jaarrapportage."))
    rapportage = Jaarrapportage.objects.create(organisatie=organisatie, jaar=jaar)
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=rapportage)
    return rapportage


@transaction.atomic
def jaarrapportage_teksten_wijzigen(*, rapportage: Jaarrapportage, door: Gebruiker, **teksten: str) -> Jaarrapportage:
    """Texts of Art. 14.2 a and c, and the processing of Art. 14.4, while editable."""
    rapportage = Jaarrapportage.objects.select_for_update().get(pk=rapportage.pk)
    _eis_hl(door=door, organisatie=rapportage.organisatie)
    if not is_bewerkbaar(rapportage):
        raise ValidationError(_("In deze fase kan de tekst niet meer worden gewijzigd."))
    onbekend = set(teksten) - set(TEKSTVELDEN)
    if onbekend:
        raise ValueError(f"Unknown text fields: {sorted(onbekend)}")
    for veld, waarde in teksten.items():
        setattr(rapportage, veld, waarde.strip())
    rapportage.save(update_fields=[*teksten, "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=rapportage, toelichting="teksten")
    return rapportage


def _bevroren_teksten(rapportage: Jaarrapportage) -> dict:
    return {
        "organisatie": {"naam": rapportage.organisatie.naam, "briefhoofd": rapportage.organisatie.briefhoofd},
        "jaar": rapportage.jaar,
        "teksten": {veld: getattr(rapportage, veld) for veld in TEKSTVELDEN},
        "standpunten": [
            {
                "tekst": s.tekst,
                "datum": timezone.localtime(s.created_at).date().isoformat(),
                "besproken_op": s.besproken_op.isoformat() if s.besproken_op else None,
                "versie": s.versie.nummer,
            }
            for s in selectors.standpunten_voor(rapportage=rapportage)
        ],
        "cijfers": None,
    }


@transaction.atomic
def versie_aanmaken(*, rapportage: Jaarrapportage, aanleiding: VersieAanleiding, door: Gebruiker) -> RapportageVersie:
    """Freeze the texts now and queue the figures and the PDF (never in the request)."""

    rapportage = Jaarrapportage.objects.select_for_update().select_related("organisatie").get(pk=rapportage.pk)
    vanaf = cijfers_beschikbaar_vanaf(rapportage.jaar)
    if timezone.localdate() < vanaf:
        # A version of a year still running (or just ended) would let its
        # maker watch reports arrive: refused for previews and the OR alike.
        raise ValidationError(
            _(
                "De cijfers over %(jaar)s kunnen pas vanaf %(datum)s worden berekend, een maand na het einde van "
                "het jaar. Zo kan niemand uit de cijfers afleiden wanneer er meldingen binnenkomen."
            )
            % {"jaar": rapportage.jaar, "datum": formats.date_format(vanaf, "j F Y")}
        )
    toelichting = ""
    if aanleiding == VersieAanleiding.VOORBEELD:
        _eis_hl(door=door, organisatie=rapportage.organisatie)
        # A preview is the HL's draft: only while the HL holds the text, so it
        # never comes between the OR and the version put before it (Art. 14.3-14.4).
        if not is_bewerkbaar(rapportage):
            raise ValidationError(_("Een voorbeeld kan alleen worden gemaakt zolang u de tekst bewerkt."))
        eerdere = rapportage.versies.filter(aanleiding=VersieAanleiding.VOORBEELD).count()
        if eerdere >= MAX_VOORBEELDEN:
            raise ValidationError(
                _("U hebt al %(max)s voorbeelden van deze rapportage gemaakt; meer kan niet.")
                % {"max": MAX_VOORBEELDEN}
            )
        toelichting = f", voorbeeld {eerdere + 1} van {MAX_VOORBEELDEN}"
    nummer = (rapportage.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    versie = RapportageVersie.objects.create(
        rapportage=rapportage,
        nummer=nummer,
        aanleiding=aanleiding,
        gemaakt_door=door,
        inhoud={**_bevroren_teksten(rapportage), "versie": nummer, "aanleiding": str(aanleiding)},
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=versie, toelichting=f"versie {nummer}{toelichting}"
    )
    transaction.on_commit(lambda: tasks.versie_genereren.delay(versie.pk))
    return versie


@transaction.atomic
def rapportage_overgang(
    *,
    rapportage: Jaarrapportage,
    naar: RapportageStatus,
    door: Gebruiker,
    toelichting: str = "",
    besproken_op: date | None = None,
    _ondertekening: bool = False,
) -> Jaarrapportage:
    """The one service that moves the report along rapportage.workflow: the
    procedure's guard decides (row, the HL or the OR of the organisation, the
    row's preconditions such as the Art. 14.2 a and c texts)."""
    rapportage = Jaarrapportage.objects.select_for_update().select_related("organisatie").get(pk=rapportage.pk)
    van = RapportageStatus(rapportage.status)
    naar = RapportageStatus(naar)
    # The guard, with the row's evidence: the state moves here (adoption: the signed version).
    regel = PROCEDURE.stap_controleren(rapportage, naar, door=door)
    if naar == RapportageStatus.VASTGESTELD and not _ondertekening:
        # Art. 14.2: adoption is the HL's signature; only versie_ondertekenen does it.
        raise OvergangNietToegestaan(_("Vaststellen gaat alleen door te ondertekenen."))
    toelichting = toelichting.strip()
    if regel.reden_verplicht and not toelichting:
        raise ValidationError(_("Vul het standpunt of de reden in."))
    if (van, naar) == (RapportageStatus.BIJ_OR, RapportageStatus.STANDPUNT_OR):
        # Art. 14.3: the concept is discussed in a consultation meeting first.
        if besproken_op is None:
            raise ValidationError(_("Vul de datum van de overlegvergadering in."))
        verstuurd = rapportage.overgangen.filter(naar_status=RapportageStatus.BIJ_OR).order_by("-tijdstip").first()
        if besproken_op > timezone.localdate() or (
            verstuurd and besproken_op < timezone.localtime(verstuurd.tijdstip).date()
        ):
            raise ValidationError(_("De overlegvergadering valt tussen het versturen van het concept en vandaag."))
    if regel.door == "or" and regel.reden_verplicht:
        # Art. 14.4: the OR's standpunt, on the version that was put before it.
        besproken = selectors.laatste_versie(rapportage=rapportage, voor_or=True)
        OrStandpunt.objects.create(
            rapportage=rapportage, versie=besproken, tekst=toelichting, besproken_op=besproken_op, door=door
        )
    RapportageOvergang.objects.create(
        rapportage=rapportage, van_status=van, naar_status=naar, artikel=regel.artikel, door=door
    )
    rapportage.status = naar
    rapportage.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.STATUS_GEWIJZIGD,
        object=rapportage,
        toelichting=f"{van} -> {naar} ({regel.artikel})",
    )
    if (van, naar) in VERSIES:
        versie_aanmaken(rapportage=rapportage, aanleiding=VERSIES[(van, naar)], door=door)
    if naar == RapportageStatus.VASTGESTELD:
        # Art. 14.2: the report is adopted; the organisation's term for it closes.
        termijnen.jaarrapportage_termijn_sluiten(rapportage=rapportage, door=door)
    return rapportage


def versie_pdf_renderen(*, versie: RapportageVersie) -> bytes:
    """The PDF from the frozen content only: the same version gives the same bytes."""

    return rapportage_pdf.jaarrapportage_pdf(inhoud=versie.inhoud)


def _voortgang(versie: RapportageVersie, status: PdfStatus, procent: int) -> None:
    # Committed at once (outside any long transaction) so the polling page sees it.
    RapportageVersie.objects.filter(pk=versie.pk).update(pdf_status=status, voortgang=procent)


def _cijfers_voor_versie(versie: RapportageVersie, nieuw: dict) -> dict:
    """New figures, unless they differ from figures already given in an earlier
    version of this report in a way that reveals a small count; then the latest
    earlier figures stay, with their date (docs/hostile-input.md, "Annual figures")."""
    eerdere = [
        v.inhoud["cijfers"]
        for v in versie.rapportage.versies.filter(nummer__lt=versie.nummer).order_by("nummer")
        if v.inhoud.get("cijfers")
    ]
    if any(verschil_onthult(oud, nieuw, nieuw["drempel"]) for oud in eerdere):
        return eerdere[-1]
    return nieuw


def versie_genereren(*, versie_id: int) -> RapportageVersie | None:
    """Compute and freeze the figures, then render and store the PDF. Idempotent:
    a version that is ready is skipped; frozen figures are never recomputed.
    Steps commit one by one so progress is visible; the final write is atomic."""

    versie = RapportageVersie.objects.select_related("rapportage__organisatie").filter(pk=versie_id).first()
    if versie is None or versie.pdf_status == PdfStatus.KLAAR:
        return versie
    _voortgang(versie, PdfStatus.BEZIG, 10)
    try:
        if versie.inhoud.get("cijfers") is None:
            rapportage = versie.rapportage
            versie.inhoud["cijfers"] = _cijfers_voor_versie(
                versie, jaarcijfers(organisatie=rapportage.organisatie, jaar=rapportage.jaar)
            )
            RapportageVersie.objects.filter(pk=versie.pk, ondertekend_op__isnull=True).update(inhoud=versie.inhoud)
        _voortgang(versie, PdfStatus.BEZIG, 40)
        pdf = versie_pdf_renderen(versie=versie)
    except Exception:
        _voortgang(versie, PdfStatus.FOUT, 0)
        raise
    with transaction.atomic():
        versie = RapportageVersie.objects.select_for_update().get(pk=versie.pk)
        if versie.is_ondertekend:
            return versie  # a signed version never changes
        versie.pdf = pdf
        versie.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        versie.pdf_status = PdfStatus.KLAAR
        versie.voortgang = 100
        versie.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "voortgang", "updated_at"])
        auditregel_schrijven(door=None, actie=AuditActie.AANGEMAAKT, object=versie, toelichting="pdf gemaakt")
    return versie


@transaction.atomic
def versie_opnieuw_genereren(*, versie: RapportageVersie, door: Gebruiker) -> RapportageVersie:
    """Render the PDF again from the frozen content (e.g. after a failure)."""

    versie = RapportageVersie.objects.select_for_update().select_related("rapportage__organisatie").get(pk=versie.pk)
    _eis_hl(door=door, organisatie=versie.rapportage.organisatie)
    if versie.is_ondertekend:
        raise ValidationError(_("Een ondertekende versie verandert niet; maak een nieuwe versie."))
    versie.pdf_status, versie.voortgang = PdfStatus.WACHTRIJ, 0
    versie.save(update_fields=["pdf_status", "voortgang", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=versie, toelichting="pdf opnieuw")
    transaction.on_commit(lambda: tasks.versie_genereren.delay(versie.pk))
    return versie


@transaction.atomic
def versie_ondertekenen(
    *, versie: RapportageVersie, totp_code: str, pdf_sha256: str, door: Gebruiker
) -> RapportageVersie:
    """Art. 14.2: the HL adopts the report the OR approved (Art. 14.4) by signing
    its exact PDF, with a fresh second-factor code at this moment."""
    versie = RapportageVersie.objects.select_for_update().select_related("rapportage__organisatie").get(pk=versie.pk)
    rapportage = versie.rapportage
    _eis_hl(door=door, organisatie=rapportage.organisatie)
    if versie.is_ondertekend:
        raise ValidationError(_("Deze versie is al ondertekend."))
    # The row GOEDGEKEURD -> VASTGESTELD, with its preconditions (Art. 14.2 a, c).
    PROCEDURE.controleren(rapportage, RapportageStatus.VASTGESTELD, door=door)
    laatste = selectors.laatste_versie(rapportage=rapportage, voor_or=True)
    if versie.aanleiding != VersieAanleiding.VASTSTELLING or laatste is None or laatste.pk != versie.pk:
        raise OvergangNietToegestaan(
            _("Alleen de door de ondernemingsraad goedgekeurde versie kan worden ondertekend.")
        )
    if versie.pdf_status != PdfStatus.KLAAR or not versie.pdf:
        raise ValidationError(_("De PDF is nog niet klaar."))
    werkelijk = hashlib.sha256(bytes(versie.pdf)).hexdigest()
    if werkelijk != versie.pdf_sha256 or pdf_sha256 != werkelijk:
        raise ValidationError(_("De PDF is gewijzigd sinds u hem opende. Bekijk hem opnieuw."))
    # The one signing path (docs/adr/0005-ondertekening.md): a fresh code, and a
    # kern.Ondertekening over the exact bytes of the PDF the OR approved.
    ondertekening = document_ondertekenen(
        inhoud=bytes(versie.pdf),
        omschrijving=f"Jaarrapportage {rapportage.jaar} {rapportage.organisatie}",
        door=door,
        totp_code=totp_code,
    )
    versie.ondertekend_door = door
    versie.ondertekend_op = ondertekening.created_at
    versie.ondertekend_sha256 = ondertekening.document_hash
    versie.save(update_fields=["ondertekend_door", "ondertekend_op", "ondertekend_sha256", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=versie, toelichting=f"ondertekend {werkelijk}")
    rapportage_overgang(rapportage=rapportage, naar=RapportageStatus.VASTGESTELD, door=door, _ondertekening=True)
    return versie


@transaction.atomic
def regelingversie_publiceren(
    *,
    organisatie,
    titel: str,
    tekst: str,
    in_werking_op: date,
    or_instemming_op: date,
    door: Gebruiker,
    toelichting_wijziging: str = "",
) -> RegelingVersie:
    """Art. 14.1: publish a new version of the regulation. Versions are never
    edited, so the public history shows what applied when."""
    if or_instemming_op > in_werking_op:
        raise ValidationError(_("De regeling kan niet in werking treden vóór de instemming van de ondernemingsraad."))
    # Two concurrent publications collide on the unique (organisatie, nummer).
    laatste = RegelingVersie.objects.filter(organisatie=organisatie).aggregate(m=Max("nummer"))["m"]
    versie = RegelingVersie.objects.create(
        organisatie=organisatie,
        nummer=(laatste or 0) + 1,
        titel=titel.strip(),
        tekst=tekst.strip(),
        in_werking_op=in_werking_op,
        or_instemming_op=or_instemming_op,
        toelichting_wijziging=toelichting_wijziging.strip(),
        vastgesteld_door=door,
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=versie, toelichting=f"regeling v{versie.nummer}"
    )
    return versie
