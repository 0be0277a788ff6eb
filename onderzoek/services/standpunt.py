"""The employer's standpunt (Art. 11.1) and its extension (Art. 11.2), both
signed by the HL with a fresh second factor and sent to the mailbox."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from kern.toegang import vereis_leiding
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Melding
from meldingen.overgangen import overgang_controleren, vereis_lopende_procedure
from meldingen.services import meldingsbox
from meldingen.services.brieven import briefcontext
from meldingen.services.register import melding_status_wijzigen
from meldingen.services.termijnen import standpunt_verlengen, termijnsleutel
from onderzoek import auditnotities
from onderzoek.constants import STANDPUNT_REACTIE, OnderzoekSoort, StandpuntUitkomst, termijnonderwerp
from onderzoek.models import Standpunt, Verlengingsbrief
from onderzoek.services.afronding import betrokkenen_standpunttermijn_starten
from onderzoek.services.basis import brief_aan_melder


def _standpuntbrief_sluit(melding: Melding) -> list[str]:
    """The case's own standpunt term and the cap, and the own standpunt term of
    each additional or new investigation (Art. 12.2); never that of an Art. 13.2
    investigation, which its own standpunt closes (docs/termijnen.md)."""
    sleutels = [termijnsleutel(TermijnSoort.STANDPUNT, ""), termijnsleutel(TermijnSoort.TERUGKOPPELING, "")]
    for onderzoek in melding.onderzoeken.exclude(soort=OnderzoekSoort.BENADELING):
        sleutels.append(termijnsleutel(TermijnSoort.STANDPUNT, termijnonderwerp(onderzoek)))
    return sleutels


@transaction.atomic
def standpunt_vaststellen(
    *,
    melding: Melding,
    uitkomst: StandpuntUitkomst,
    inhoud: str,
    vervolgstappen: str,
    door: Gebruiker,
    totp_code: str,
) -> Standpunt:
    """Art. 11.1: the substantive standpunt and the steps it leads to, signed by
    the HL and sent to the mailbox; the melder may react to report and standpunt
    (Art. 12.1)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    # The report's row in_onderzoek -> standpunt_verzonden, asked before signing:
    # the HL, every investigation ended (Art. 9.5-10.6), Art. 11.3 assessed.
    overgang_controleren(melding=melding, naar=Status.STANDPUNT_VERZONDEN, door=door)
    if uitkomst not in StandpuntUitkomst.values:
        raise ValidationError({"uitkomst": _("Kies de uitkomst van het standpunt.")})
    if not inhoud.strip() or not vervolgstappen.strip():
        raise ValidationError(_("Het standpunt noemt de inhoud én de stappen waartoe de melding leidt (Art. 11.1)."))
    onderwerp = _("Standpunt over uw melding")
    pdf, document, ondertekening = ondertekend_pdf(
        template="onderzoek/standpunt.html",
        context=briefcontext(melding=melding, onderwerp=onderwerp, inhoud=inhoud, vervolgstappen=vervolgstappen),
        omschrijving=f"Standpunt {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    standpunt = Standpunt.objects.create(
        melding=melding,
        uitkomst=uitkomst,
        inhoud=inhoud,
        vervolgstappen=vervolgstappen,
        document=document,
        ondertekening=ondertekening,
        versie=melding.standpunten.count() + 1,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=auditnotities.STANDPUNT())
    # The letter, not the transition, closes the standpunt term and the cap when
    # it reaches the melder: at once, or when the vertrouwenspersoon forwards it
    # (Art. 7.3). It is also the feedback of Wbk art. 2 (docs/termijnen.md).
    melding_status_wijzigen(melding=melding, naar=Status.STANDPUNT_VERZONDEN, door=door)
    brief_aan_melder(
        melding=melding,
        onderwerp=onderwerp,
        tekst=_("Standpunt:") + f"\n{inhoud.strip()}\n\n" + _("Vervolgstappen:") + f"\n{vervolgstappen.strip()}",
        pdf=pdf,
        soort="standpunt",
        artikel="Art. 11.1",
        door=door,
        sluit_termijnen=_standpuntbrief_sluit(melding),
    )
    # Art. 11.4: the persons concerned are owed the standpunt too, or the reason why not yet.
    betrokkenen_standpunttermijn_starten(standpunt=standpunt)
    meldingsbox.verzoek_openen(
        melding=melding,
        soort=STANDPUNT_REACTIE,
        vraag=_(
            "U kunt reageren op het onderzoeksrapport en het standpunt (Art. 12.1). Vindt u dat uw melding niet "
            "(goed) is onderzocht, of staan er wezenlijke onjuistheden in? Kies dan ‘niet akkoord’ en licht dat toe: "
            "u krijgt een inhoudelijke reactie en zo nodig volgt nader onderzoek (Art. 12.2)."
        ),
        onderwerp=standpunt,
        door=door,
    )
    return standpunt


@transaction.atomic
def standpunt_verlenging_ondertekenen(
    *,
    melding: Melding,
    nieuwe_datum: date,
    reden: str,
    door: Gebruiker,
    totp_code: str,
    met_terugkoppeling: bool = False,
    beoordeling: str = "",
    nu: datetime | None = None,
) -> Verlengingsbrief:
    """Art. 11.2: the signed extension letter gives the new term and, when the
    total exceeds twelve weeks, why it is needed (the rules are enforced by
    meldingen.services.termijnen.standpunt_verlengen, ADR 0003 §6–8). It is the
    feedback of Wbk art. 2 only when it says how the report was assessed and which
    steps were taken (docs/termijnen.md); it then closes the cap."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    # Art. 11.2: the report's standpunt ends with the report (closed or withdrawn).
    vereis_lopende_procedure(melding)
    if met_terugkoppeling and not beoordeling.strip():
        raise ValidationError(
            {
                "beoordeling": _(
                    "Als deze brief de terugkoppeling is, vermeldt hij de beoordeling en de gezette stappen."
                )
            }
        )
    verlenging = standpunt_verlengen(
        melding=melding,
        nieuwe_datum=nieuwe_datum,
        reden=reden.strip(),
        door=door,
        met_terugkoppeling=met_terugkoppeling,
        nu=nu,
    )
    onderwerp = _("Het standpunt over uw melding komt later")
    pdf, document, ondertekening = ondertekend_pdf(
        template="onderzoek/verlenging.html",
        context=briefcontext(
            melding=melding,
            onderwerp=onderwerp,
            nieuwe_datum=nieuwe_datum,
            reden=reden.strip(),
            beoordeling=beoordeling.strip() if met_terugkoppeling else "",
        ),
        omschrijving=f"Verlenging standpunt {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    brief = Verlengingsbrief.objects.create(
        melding=melding,
        verlenging=verlenging,
        beoordeling=beoordeling.strip() if met_terugkoppeling else "",
        document=document,
        ondertekening=ondertekening,
    )
    tekst = _("U ontvangt het standpunt over uw melding uiterlijk op %(datum)s.") % {
        "datum": nieuwe_datum.strftime("%d-%m-%Y")
    }
    if reden.strip():
        tekst += "\n\n" + _("Waarom het langer duurt:") + "\n" + reden.strip()
    if brief.beoordeling:
        tekst += "\n\n" + _("Hoe uw melding is beoordeeld en welke stappen zijn gezet:") + "\n" + brief.beoordeling
    # With met_terugkoppeling the cap was closed by the extension itself
    # (standpunt_verlengen); the letter closes nothing further.
    brief_aan_melder(
        melding=melding, onderwerp=onderwerp, tekst=tekst, pdf=pdf, soort="verlenging", artikel="Art. 11.2", door=door
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=melding, toelichting=auditnotities.VERLENGINGSBRIEF()
    )
    return brief
