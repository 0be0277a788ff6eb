"""The HL's decision on a forwarded report (Art. 9.1–9.3) and the notification
of an external authority (Art. 9.3, 11.3). Signed with a fresh second factor
(ADR 0005); the melder receives the letter in the mailbox."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from kern.toegang import vereis_leiding
from meldingen.constants import TermijnSoort
from meldingen.models import Melding
from meldingen.overgangen import overgang_controleren
from meldingen.services.brieven import briefcontext
from meldingen.services.register import melding_status_wijzigen
from onderzoek import auditnotities
from onderzoek.constants import GEEN_ONDERZOEK, BesluitSoort, RapportStatus
from onderzoek.models import Besluit, ExterneKennisgeving, Rapport
from onderzoek.overgangen import BESLUIT_NAAR_STATUS
from onderzoek.services.basis import brief_aan_melder

T = TermijnSoort

# The terms each decision letter satisfies when it reaches the melder. The
# transition itself closes none of these (meldingen.services.termijnen
# SLUIT_BIJ_STATUS); it voids what no longer applies (VERVALT_BIJ_STATUS).
BRIEF_SLUIT: dict[BesluitSoort, tuple[TermijnSoort, ...]] = {
    # Art. 9.1: the investigation is announced; the melder hears by whom (Art. 9.5).
    BesluitSoort.ONDERZOEK: (),
    # Art. 9.2: the refusal letter with reasons; it is also the feedback (Wbk art. 2).
    BesluitSoort.GEEN_REDELIJKE_GRONDEN: (T.MEDEDELING_GEEN_ONDERZOEK, T.TERUGKOPPELING),
    BesluitSoort.GEEN_MISSTAND: (T.MEDEDELING_GEEN_ONDERZOEK, T.TERUGKOPPELING),
    # The referral letter is the feedback (docs/termijnen.md); the refusal term is void.
    BesluitSoort.DOORVERWIJZEN: (T.TERUGKOPPELING,),
}
BRIEF_ARTIKEL = {
    BesluitSoort.ONDERZOEK: "Art. 9.1",
    BesluitSoort.GEEN_REDELIJKE_GRONDEN: "Art. 9.2",
    BesluitSoort.GEEN_MISSTAND: "Art. 9.2",
    BesluitSoort.DOORVERWIJZEN: "Art. 9.3",
}


def _brieftekst(soort: BesluitSoort, motivering: str) -> str:
    if soort == BesluitSoort.ONDERZOEK:
        kern = _(
            "Er komt een onderzoek naar uw melding. U hoort zo snel mogelijk wie het onderzoek uitvoert (Art. 9.5)."
        )
    elif soort == BesluitSoort.DOORVERWIJZEN:
        kern = _("Uw melding is doorverwezen.")
    else:
        kern = _("Er komt geen onderzoek naar uw melding (Art. 9.2).")
    delen = [kern, str(soort.label)]
    if motivering.strip():
        delen.append(_("Motivering:") + "\n" + motivering.strip())
    return "\n\n".join(delen)


def _besluit_ondertekenen(*, melding, soort, motivering, onderwerp, versie, door, totp_code):
    return ondertekend_pdf(
        template="onderzoek/besluit.html",
        context=briefcontext(melding=melding, onderwerp=onderwerp, soort=soort, motivering=motivering),
        omschrijving=f"Besluit {melding.registernummer}" + (f" v{versie}" if versie > 1 else ""),
        door=door,
        totp_code=totp_code,
    )


def _besluitbrief_sturen(*, melding, soort, motivering, onderwerp, pdf, door) -> None:
    """The signed decision goes to the melder as a letter; it closes the terms the
    decision satisfies (Art. 9.2, 9.3)."""
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=_brieftekst(soort, motivering),
        pdf=pdf,
        soort=f"besluit_{soort}",
        artikel=BRIEF_ARTIKEL[soort],
        door=door,
        sluit_termijnen=BRIEF_SLUIT[soort],
    )


@transaction.atomic
def besluit_nemen(
    *, melding: Melding, soort: BesluitSoort, motivering: str, door: Gebruiker, totp_code: str
) -> Besluit:
    """The HL decides on a forwarded report (Art. 9.1–9.3), signs it, and the
    melder receives the signed letter in the mailbox."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    soort = BesluitSoort(soort)
    # The report's row from in_behandeling, asked before signing (Art. 9.1-9.3); the
    # signed Besluit is the row's evidence, asked when the state moves below.
    overgang_controleren(melding=melding, naar=BESLUIT_NAAR_STATUS[soort], door=door)
    if soort in GEEN_ONDERZOEK and not motivering.strip():
        # Art. 9.2: the melder is told on what grounds no investigation follows.
        raise ValidationError({"motivering": _("Geef aan waarom er geen onderzoek komt (Art. 9.2).")})
    if soort == BesluitSoort.DOORVERWIJZEN and not motivering.strip():
        raise ValidationError({"motivering": _("Geef aan waarheen en waarom de melding wordt doorverwezen.")})
    onderwerp = _("Besluit over uw melding")
    pdf, document, ondertekening = _besluit_ondertekenen(
        melding=melding,
        soort=soort,
        motivering=motivering,
        onderwerp=onderwerp,
        versie=1,
        door=door,
        totp_code=totp_code,
    )
    besluit = Besluit.objects.create(
        melding=melding, soort=soort, motivering=motivering, document=document, ondertekening=ondertekening
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=auditnotities.BESLUIT(soort=soort)
    )
    melding_status_wijzigen(melding=melding, naar=BESLUIT_NAAR_STATUS[soort], door=door, reden=motivering)
    _besluitbrief_sturen(melding=melding, soort=soort, motivering=motivering, onderwerp=onderwerp, pdf=pdf, door=door)
    return besluit


@transaction.atomic
def besluit_corrigeren(*, besluit: Besluit, motivering: str, door: Gebruiker, totp_code: str) -> Besluit:
    """A signed decision never changes: a correction is a new signed version,
    sent to the melder like the first."""
    vereis_leiding(melding=besluit.melding, door=door)
    if hasattr(besluit, "vervangen_door"):
        raise ValidationError(_("Dit besluit is al vervangen; corrigeer de nieuwste versie."))
    soort = BesluitSoort(besluit.soort)
    if soort in GEEN_ONDERZOEK and not motivering.strip():
        raise ValidationError({"motivering": _("Geef aan waarom er geen onderzoek komt (Art. 9.2).")})
    melding = besluit.melding
    onderwerp = _("Besluit over uw melding (gecorrigeerd)")
    pdf, document, ondertekening = _besluit_ondertekenen(
        melding=melding,
        soort=soort,
        motivering=motivering,
        onderwerp=onderwerp,
        versie=besluit.versie + 1,
        door=door,
        totp_code=totp_code,
    )
    nieuw = Besluit.objects.create(
        melding=melding,
        soort=soort,
        motivering=motivering,
        document=document,
        ondertekening=ondertekening,
        versie=besluit.versie + 1,
        vervangt=besluit,
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=melding,
        toelichting=auditnotities.BESLUIT_VERSIE(versie=nieuw.versie),
    )
    _besluitbrief_sturen(melding=melding, soort=soort, motivering=motivering, onderwerp=onderwerp, pdf=pdf, door=door)
    return nieuw


def _na_onderzoek(melding: Melding) -> bool:
    """Art. 11.3 (after the investigation) rather than Art. 9.3 (at the decision)."""

    return (
        melding.standpunten.exists()
        or Rapport.objects.filter(onderzoek__melding=melding, status=RapportStatus.VASTGESTELD).exists()
    )


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
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    if not instantie.strip() or not inhoud.strip():
        raise ValidationError(_("Noem de instantie en de inhoud van de kennisgeving."))
    onderwerp = _("Kennisgeving aan %(instantie)s") % {"instantie": instantie.strip()}
    pdf, document, ondertekening = ondertekend_pdf(
        template="onderzoek/kennisgeving.html",
        context=briefcontext(melding=melding, onderwerp=onderwerp, instantie=instantie.strip(), inhoud=inhoud),
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
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=auditnotities.EXTERNE_KENNISGEVING()
    )
    if not kennisgeving.ernstige_bezwaren_afschrift:
        brief_aan_melder(
            melding=melding,
            onderwerp=_("Afschrift: %(onderwerp)s") % {"onderwerp": onderwerp},
            tekst=_(
                "Wij hebben %(instantie)s op de hoogte gebracht van uw melding. U ontvangt hierbij een afschrift "
                "van de kennisgeving."
            )
            % {"instantie": kennisgeving.instantie},
            pdf=pdf,
            soort="externe_kennisgeving",
            artikel="Art. 11.3" if _na_onderzoek(melding) else "Art. 9.3",
            door=door,
        )
    return kennisgeving
