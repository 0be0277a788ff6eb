"""Before and after the standpunt: an investigation ended without a report for a
signed reason (Art. 11.1), the HL's signed assessment whether an external
authority is told (Art. 9.3, 11.3), and the persons concerned told of the
standpunt (Art. 11.4)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import einde_van_dag, lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from kern.toegang import vereis_leiding
from meldingen import deadlines
from meldingen.constants import ARTIKEL_INTREKKEN
from meldingen.models import Betrokkene, Gebeurtenis, Melding, Termijn
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.services import betrokkenen as betrokkenen_services
from meldingen.services.brieven import briefcontext
from meldingen.services.meldingsbox import verzoek_intrekken
from meldingen.services.termijnen import termijn_starten, termijnen_sluiten_door_gebeurtenis
from onderzoek import auditnotities
from onderzoek.constants import (
    BEEINDIGD,
    BETROKKENE_GEINFORMEERD,
    BETROKKENEN_STANDPUNT_AFGEHANDELD,
    CONCEPTRAPPORT_OPMERKINGEN,
    ONDERZOEK_BEEINDIGD_INTREKKING,
    TERMIJN_BETROKKENE_HERZIEN,
    TERMIJN_BETROKKENEN_STANDPUNT,
    KennisgevingFase,
    OnderzoekSoort,
    OnderzoekStatus,
)
from onderzoek.models import AfzienVanRapport, KennisgevingBeoordeling, Onderzoek, Standpunt, StandpuntMededeling
from onderzoek.overgangen import PROCEDURE, betrokkenen_standpunt_bezwaar, is_open
from onderzoek.selectors import open_melderverzoeken_van
from onderzoek.services.basis import onderzoek_status_wijzigen
from onderzoek.services.besluiten import externe_kennisgeving_doen
from onderzoek.services.uitvoering import onderzoeker_beeindigen


@transaction.atomic
def onderzoek_zonder_rapport_beeindigen(
    *, onderzoek: Onderzoek, reden: str, door: Gebruiker, totp_code: str
) -> AfzienVanRapport:
    """Art. 11.1: the HL ends an investigation without a report, with a signed
    reason why none is needed; the standpunt may then follow (onderzoek_afgerond)."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    melding = onderzoek.melding
    # The row to zonder_rapport, asked before signing; the state moves once the
    # signed reason exists (the row's evidence).
    PROCEDURE.controleren(onderzoek, OnderzoekStatus.ZONDER_RAPPORT, door=door)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    onderwerp = _("Onderzoek beëindigd zonder rapport")
    _pdf, document, ondertekening = ondertekend_pdf(
        template="onderzoek/zonder_rapport.html",
        context=briefcontext(melding=melding, onderwerp=onderwerp, reden=reden.strip()),
        omschrijving=f"Zonder rapport {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    afzien = AfzienVanRapport.objects.create(
        onderzoek=onderzoek, reden=reden.strip(), document=document, ondertekening=ondertekening
    )
    onderzoek_status_wijzigen(onderzoek=onderzoek, naar=OnderzoekStatus.ZONDER_RAPPORT, door=door, reden=reden)
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=onderzoek, toelichting="zonder rapport")
    # Art. 10.5: no report follows, so the melder's comments on its concept are no
    # longer asked for; the mailbox shows the request as withdrawn, not as waiting.
    for verzoek in open_melderverzoeken_van(onderzoeken=[onderzoek]).filter(soort=CONCEPTRAPPORT_OPMERKINGEN):
        verzoek_intrekken(verzoek=verzoek, door=door)
    return afzien


@transaction.atomic
def onderzoeken_beeindigen_na_intrekking(*, melding: Melding) -> list[Onderzoek]:
    """The melder withdrew the report (docs/toestanden.md). Called inside the
    transaction of meldingen.services.afsluiten.melding_intrekken, through the hook
    registered in OnderzoekConfig.ready (meldingen.uitbreidingen.bij_intrekking_registreren).

    Every investigation of the report itself that has not ended ends: the melder's
    row to `beeindigd_intrekking` (onderzoek.workflow, audited by
    onderzoek_status_wijzigen) with a timeline entry on the case. The investigators
    of the report's investigations, also of one that ended before, have nothing left
    to do and lose access to the case (onderzoeker_beeindigen, Art. 7.1). The melder's
    requests of those investigations were withdrawn with the report, and their own
    terms voided. An Art. 13 investigation of the melder's treatment, its
    investigators and its requests go on (Art. 5, 13.2), as its standpunt term does
    (benadeling registers it with blijvende_termijnen_registreren). Returns the
    investigations this ended."""
    beeindigd = []
    van_de_melding = (
        Onderzoek.objects.select_for_update().filter(melding=melding).exclude(soort=OnderzoekSoort.BENADELING)
    )
    for onderzoek in van_de_melding.order_by("pk"):
        if is_open(onderzoek):
            onderzoek_status_wijzigen(onderzoek=onderzoek, naar=OnderzoekStatus.BEEINDIGD_DOOR_INTREKKING, door=None)
            Gebeurtenis.objects.create(
                melding=melding, soort=ONDERZOEK_BEEINDIGD_INTREKKING, artikel=ARTIKEL_INTREKKEN, door=None
            )
            beeindigd.append(onderzoek)
        for onderzoeker in onderzoek.onderzoekers.filter(beeindigd_op__isnull=True).order_by("pk"):
            onderzoeker_beeindigen(onderzoeker=onderzoeker, door=None)
    return beeindigd


def _fase(melding: Melding) -> KennisgevingFase:
    # Art. 11.3 once an investigation has ended; Art. 9.3 at the decision.
    if melding.onderzoeken.filter(status__in=BEEINDIGD).exists():
        return KennisgevingFase.NA_ONDERZOEK
    return KennisgevingFase.BIJ_BESLUIT


@transaction.atomic
def kennisgeving_beoordelen(
    *,
    melding: Melding,
    melden: bool,
    motivering: str,
    door: Gebruiker,
    totp_code: str,
    instantie: str = "",
    inhoud: str = "",
    ernstige_bezwaren_afschrift: str = "",
) -> KennisgevingBeoordeling:
    """Art. 9.3 / 11.3: the HL assesses whether an external authority is to be
    notified, and signs that assessment, also when the answer is no. A yes also
    notifies the authority (externe_kennisgeving_doen, with the copy to the melder)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    vereis_leiding(melding=melding, door=door)
    # Art. 9.3, 11.3: a decision in the report's procedure, not after it ended.
    vereis_lopende_procedure(melding)
    if not motivering.strip():
        raise ValidationError({"motivering": _("Motiveer de beoordeling (Art. 9.3, 11.3).")})
    fase = _fase(melding)
    if melden:
        # A yes is signed with the notification itself (one code, one signature).
        kennisgeving = externe_kennisgeving_doen(
            melding=melding,
            instantie=instantie,
            inhoud=inhoud,
            door=door,
            totp_code=totp_code,
            ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift,
        )
        document, ondertekening = kennisgeving.document.name, kennisgeving.ondertekening
    else:
        kennisgeving = None
        _pdf, document, ondertekening = ondertekend_pdf(
            template="onderzoek/kennisgeving_beoordeling.html",
            context=briefcontext(
                melding=melding,
                onderwerp=_("Beoordeling externe kennisgeving"),
                fase=fase.label,
                melden=melden,
                motivering=motivering.strip(),
            ),
            omschrijving=f"Beoordeling kennisgeving {melding.registernummer}",
            door=door,
            totp_code=totp_code,
        )
    beoordeling = KennisgevingBeoordeling.objects.create(
        melding=melding,
        fase=fase,
        melden=melden,
        motivering=motivering.strip(),
        kennisgeving=kennisgeving,
        document=document,
        ondertekening=ondertekening,
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=melding,
        toelichting=auditnotities.KENNISGEVING_BEOORDEELD(fase=fase),
    )
    return beoordeling


def _herzieningsonderwerp(betrokkene: Betrokkene, *, standpunt: bool = True) -> str:
    # Art. 11.4 (of the standpunt) and Art. 9.6 (of the report) each have their own revisit term.
    return f"betrokkene:{betrokkene.pk}" if standpunt else f"betrokkene-melding:{betrokkene.pk}"


def _herziening_plannen(*, melding: Melding, onderwerp: str, herzien_op: date) -> None:
    """A term due on the revisit date: the sweep reminds the HL that day (docs/termijnen.md)."""
    uiterlijk = einde_van_dag(herzien_op)
    open_termijn = Termijn.objects.open().filter(melding=melding, soort=TERMIJN_BETROKKENE_HERZIEN, onderwerp=onderwerp)
    if open_termijn.exists():
        # Revisited and deferred again: the reminder moves to the new date.
        open_termijn.update(
            due=uiterlijk, herinneren_vanaf=deadlines.herinneren_vanaf(TERMIJN_BETROKKENE_HERZIEN, uiterlijk)
        )
        return
    termijn_starten(
        melding=melding,
        berekening=deadlines.Termijnberekening(TERMIJN_BETROKKENE_HERZIEN, timezone.localdate(), uiterlijk),
        onderwerp=onderwerp,
    )


def _herziening_sluiten(*, melding: Melding, onderwerp: str, door: Gebruiker, artikel: str) -> None:
    gebeurtenis = Gebeurtenis.objects.create(melding=melding, soort=BETROKKENE_GEINFORMEERD, artikel=artikel, door=door)
    termijnen_sluiten_door_gebeurtenis(
        gebeurtenis=gebeurtenis, soorten=(TERMIJN_BETROKKENE_HERZIEN,), onderwerp=onderwerp
    )


def _laatste_standpunt(melding: Melding) -> Standpunt | None:
    # The standpunt the persons concerned are owed (Art. 11.4), as the closing precondition reads it.
    return melding.standpunten.filter(vervangen_door__isnull=True).order_by("-versie").first()


def _betrokkenen_standpunttermijn(*, melding: Melding, onderwerp: str) -> None:
    """The regulation names no length; the installation's
    (MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN, docs/termijnen.md) runs from today."""
    start = lokale_datum(timezone.now())
    termijn_starten(
        melding=melding,
        berekening=deadlines.Termijnberekening(
            TERMIJN_BETROKKENEN_STANDPUNT,
            start,
            deadlines.uiterlijk_na_dagen(start, settings.MELDPUNT_TERMIJN_BETROKKENEN_STANDPUNT_DAGEN),
        ),
        onderwerp=onderwerp,
    )


def betrokkenen_standpunttermijn_starten(*, standpunt: Standpunt) -> None:
    """Art. 11.4: once the standpunt is sent, the persons concerned are owed it "in
    overeenkomstige zin", or the recorded interest why not yet. One term per
    standpunt, from the standpunt, so the sweep reminds and escalates it. Only when
    the case has persons concerned; one recorded later starts a term of its own
    (betrokkene_na_standpunt_termijn_starten)."""
    melding = standpunt.melding
    if not melding.betrokkenen.exists():
        return
    _betrokkenen_standpunttermijn(melding=melding, onderwerp=f"standpunt:{standpunt.pk}")


def betrokkene_na_standpunt_termijn_starten(*, betrokkene: Betrokkene) -> None:
    """Art. 11.4 for a person concerned recorded after the standpunt was sent (the
    hook meldingen.uitbreidingen.bij_betrokkene_registreren, inside the transaction
    of betrokkene_toevoegen): they are owed the standpunt as the others were, and the
    closing precondition asks for them, so a reminder must too. When no term of this
    kind is open, one starts with the full length from the day they were recorded
    (subject "standpunt:<id>:betrokkene:<id>": the standpunt's own term may have
    closed already, and a case holds one term per subject). An open term covers them
    already: it closes only once every person concerned, this one included, was told
    or the interest recorded. Before the standpunt nothing starts: its own term will
    count them."""
    melding = betrokkene.melding
    standpunt = _laatste_standpunt(melding)
    if standpunt is None:
        return
    if Termijn.objects.open().filter(melding=melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).exists():
        return
    _betrokkenen_standpunttermijn(melding=melding, onderwerp=f"standpunt:{standpunt.pk}:betrokkene:{betrokkene.pk}")


def _betrokkenen_standpunttermijn_sluiten(*, melding: Melding, door: Gebruiker) -> None:
    """Art. 11.4: every person concerned was told of the latest standpunt or the
    interest against it recorded (the same test as the closing precondition): the
    terms of this kind close, also one of an earlier standpunt still open (the
    latest supersedes it; the figures count it late)."""
    if betrokkenen_standpunt_bezwaar(melding) is not None:
        return
    if not Termijn.objects.open().filter(melding=melding, soort=TERMIJN_BETROKKENEN_STANDPUNT).exists():
        return
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=BETROKKENEN_STANDPUNT_AFGEHANDELD, artikel="Art. 11.4", door=door
    )
    termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(TERMIJN_BETROKKENEN_STANDPUNT,))


@transaction.atomic
def betrokkene_melding_meedelen(*, betrokkene: Betrokkene, door: Gebruiker, reden: str = "", herzien_op=None):
    """Art. 9.6: a person concerned is told of the report (meldingen' record), or
    not yet, with the interest against it and a revisit date; a term of its own
    reminds the HL on that date and closes when the person is told."""
    vereis_leiding(melding=betrokkene.melding, door=door)
    onderwerp = _herzieningsonderwerp(betrokkene, standpunt=False)
    if not reden.strip():
        betrokkene = betrokkenen_services.betrokkene_geinformeerd(betrokkene=betrokkene, door=door)
        _herziening_sluiten(melding=betrokkene.melding, onderwerp=onderwerp, door=door, artikel="Art. 9.6")
        return betrokkene
    if herzien_op is None:
        raise ValidationError({"herzien_op": _("Kies een datum in de toekomst om de reden opnieuw te bekijken.")})
    betrokkene = betrokkenen_services.betrokkene_informeren_uitstellen(
        betrokkene=betrokkene, reden=reden, herzien_op=herzien_op, door=door
    )
    _herziening_plannen(melding=betrokkene.melding, onderwerp=onderwerp, herzien_op=herzien_op)
    return betrokkene


@transaction.atomic
def betrokkene_standpunt_meedelen(
    *, betrokkene: Betrokkene, door: Gebruiker, reden: str = "", herzien_op: date | None = None
) -> StandpuntMededeling:
    """Art. 11.4: a person concerned is told of the standpunt, like the melder;
    or, with the investigation or enforcement interest as reason, not yet, with
    a date to revisit it: a term of its own reminds the HL on that date."""
    melding = betrokkene.melding
    vereis_leiding(melding=melding, door=door)
    standpunt = _laatste_standpunt(melding)
    if standpunt is None:
        raise ValidationError(_("Er is nog geen standpunt (Art. 11.1)."))
    mededeling = StandpuntMededeling.objects.select_for_update().filter(standpunt=standpunt, betrokkene=betrokkene)
    mededeling = mededeling.first() or StandpuntMededeling(standpunt=standpunt, betrokkene=betrokkene, door=door)
    if mededeling.geinformeerd_op is not None:
        raise ValidationError(_("Deze betrokkene is al over het standpunt geïnformeerd."))
    onderwerp = _herzieningsonderwerp(betrokkene)
    mededeling.door = door
    if not reden.strip():
        mededeling.geinformeerd_op = timezone.now()
        mededeling.save()
        _herziening_sluiten(melding=melding, onderwerp=onderwerp, door=door, artikel="Art. 11.4")
        _betrokkenen_standpunttermijn_sluiten(melding=melding, door=door)
        auditregel_schrijven(
            door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.BETROKKENEN_INFORMEREN()
        )
        return mededeling
    if herzien_op is None or herzien_op <= timezone.localdate():
        raise ValidationError({"herzien_op": _("Kies een datum in de toekomst om de reden opnieuw te bekijken.")})
    mededeling.reden_niet_informeren, mededeling.herzien_op = reden.strip(), herzien_op
    mededeling.save()
    _herziening_plannen(melding=melding, onderwerp=onderwerp, herzien_op=herzien_op)
    # The interest recorded with a revisit date is what Art. 11.4 asks now; the
    # revisit term takes over for this person.
    _betrokkenen_standpunttermijn_sluiten(melding=melding, door=door)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.BETROKKENEN_UITGESTELD()
    )
    return mededeling
