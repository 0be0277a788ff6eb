"""Writes on statutory terms (DESIGN.md §3): start, close, void, extend, configure.

Arithmetic lives in meldingen.deadlines; the beat sweep in
meldingen.services.termijnbewaking. Terms are closed by the event that satisfies
them (a Gebeurtenis) or by hand with a reason; voided terms record why and never
escalate. There is no suspension: the law has none.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import deadlines
from meldingen.constants import GebeurtenisSoort, Soort, Status, TermijnSoort, ToewijzingRol
from meldingen.models import Gebeurtenis, Melding, Organisatie, Termijn, TermijnInstelling, Toewijzing, Verlenging

T = TermijnSoort

# Which open terms a transition closes (the transition is the satisfying event)
# and which it voids, with the article. Letters that are not transitions (the
# acknowledgement, the refusal and referral letters) close their terms through
# `termijnen_sluiten_door_gebeurtenis`.
SLUIT_BIJ_STATUS: dict[Status, tuple[TermijnSoort, ...]] = {
    # Art. 8.3–8.4: forwarding to the HL (or RvC) is the step ontvangen -> in_behandeling.
    Status.IN_BEHANDELING: (T.DOORSTUREN,),
    # Art. 11.1: the standpunt letter is sent; it is also the feedback of Wbk art. 2.
    Status.STANDPUNT_VERZONDEN: (T.STANDPUNT, T.TERUGKOPPELING),
}
VERVALT_BIJ_STATUS: dict[Status, tuple[TermijnSoort, ...]] = {
    # Art. 9.2: no refusal notice once the HL decides to investigate.
    Status.IN_ONDERZOEK: (T.MEDEDELING_GEEN_ONDERZOEK,),
    # Art. 9.2, 11.1: referred elsewhere; no refusal notice and no standpunt. The
    # referral letter is the feedback and closes the cap when it is sent.
    Status.DOORVERWEZEN: (T.MEDEDELING_GEEN_ONDERZOEK, T.STANDPUNT),
    # Art. 11.1: no investigation, so no standpunt; the refusal letter (Art. 9.2) stays due.
    Status.NIET_IN_ONDERZOEK: (T.STANDPUNT,),
    # Withdrawn by the melder: every open term is void.
    Status.INGETROKKEN: tuple(TermijnSoort),
}


def termijnlengtes(*, organisatie: Organisatie) -> deadlines.Termijnlengtes:
    """The lengths in force for an organisation: its shorter terms where configured."""
    maximum = deadlines.maximale_lengtes(
        doorsturen_dagen=settings.MELDPUNT_TERMIJN_DOORSTUREN_DAGEN,
        contactpersoon_dagen=settings.MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN,
        risicogesprek_dagen=settings.MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN,
    )
    instelling = TermijnInstelling.objects.filter(organisatie=organisatie).first()
    if instelling is None:
        return maximum
    return deadlines.lengtes_met_instelling(maximum, instelling.als_dict())


def termijninstelling_valideren(*, waarden: dict[str, int | None]) -> None:
    """Refuse a configuration with any longer term as a whole (notes 25–26: "Een
    langere termijn dan drie maanden is niet toegestaan"; the same for every term)."""
    maximum = deadlines.maximale_lengtes(
        doorsturen_dagen=settings.MELDPUNT_TERMIJN_DOORSTUREN_DAGEN,
        contactpersoon_dagen=settings.MELDPUNT_TERMIJN_CONTACTPERSOON_DAGEN,
        risicogesprek_dagen=settings.MELDPUNT_TERMIJN_RISICOGESPREK_DAGEN,
    )
    fouten = deadlines.te_lange_termijnen(waarden, maximum)
    if fouten:
        raise ValidationError(
            {
                veld: _(
                    "Een organisatie mag alleen kortere termijnen instellen: ten hoogste %(max)s. "
                    "De instelling is niet opgeslagen; de wettelijke termijnen blijven gelden."
                )
                % {"max": maximum_waarde}
                for veld, maximum_waarde in fouten.items()
            }
        )


@transaction.atomic
def termijninstelling_opslaan(*, organisatie: Organisatie, door: Gebruiker, **waarden: int | None) -> TermijnInstelling:
    """Store an organisation's shorter terms; a longer one refuses the whole change."""
    onbekend = set(waarden) - set(deadlines.LENGTE_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown term fields: {sorted(onbekend)}")
    termijninstelling_valideren(waarden=waarden)
    instelling, _nieuw = TermijnInstelling.objects.update_or_create(organisatie=organisatie, defaults=waarden)
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=instelling, toelichting="termijnen")
    return instelling


def _rij(melding: Melding, berekening: deadlines.Termijnberekening) -> Termijn:
    return Termijn(
        organisatie_id=melding.organisatie_id,
        melding=melding,
        soort=berekening.soort,
        start=berekening.start,
        due=berekening.uiterlijk,
        herinneren_vanaf=deadlines.herinneren_vanaf(berekening.soort, berekening.uiterlijk),
    )


# No savepoint when nested: a failure here fails the whole submission, which
# never catches it (savepoints cost a round trip each on the intake path).
@transaction.atomic(savepoint=False)
def termijnen_starten(*, melding: Melding, door: Gebruiker | None = None, vanaf: datetime | None = None) -> None:
    """Start the terms that run from receipt (Art. 8.3–8.5, 9.2, 11.1, Wbk art. 2).

    An advice request has no statutory terms until the melder consents to formal
    treatment (DESIGN.md §7, `adviesvraag_formeel_maken`). Idempotent: a term
    that already exists is left alone (unique per case and kind).
    """
    if melding.soort != Soort.MELDING:
        return
    # A report at 00:30 local on 1 March starts on 1 March (kern.kalender).
    ontvangen = lokale_datum(vanaf or melding.ontvangen_op)
    lengtes = termijnlengtes(organisatie=melding.organisatie)
    rijen = [_rij(melding, b) for b in deadlines.termijnen_bij_ontvangst(ontvangen, lengtes)]
    Termijn.objects.bulk_create(rijen, ignore_conflicts=True)


@transaction.atomic
def adviesvraag_formeel_maken(*, melding: Melding, door: Gebruiker, toestemming_op: datetime | None = None) -> Melding:
    """The melder consents to formal treatment: the advice request becomes a
    report and its terms start at the consent (DESIGN.md §7)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.soort != Soort.ADVIESVRAAG:
        raise ValidationError(_("Deze melding wordt al formeel behandeld."))
    toestemming_op = toestemming_op or timezone.now()
    melding.soort = Soort.MELDING
    melding.save(update_fields=["soort", "updated_at"])
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.FORMEEL_GEMAAKT, artikel="Art. 3", door=door)
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting="adviesvraag -> melding")
    termijnen_starten(melding=melding, door=door, vanaf=toestemming_op)
    return melding


def _terugkoppeling_herberekenen(*, melding: Melding, bevestigd_op: datetime) -> None:
    """Wbk art. 2: the cap runs from the acknowledgement sent, never later than
    its due date; an early acknowledgement brings the cap forward."""
    bevestiging = Termijn.objects.filter(melding=melding, soort=T.ONTVANGSTBEVESTIGING).first()
    kap = Termijn.objects.open().filter(melding=melding, soort=T.TERUGKOPPELING).first()
    if bevestiging is None or kap is None:
        return
    maanden = termijnlengtes(organisatie=melding.organisatie).terugkoppeling_maanden
    bevestiging_uiterlijk = lokale_datum(bevestiging.due)
    kap.start = deadlines.terugkoppeling_startdatum(
        bevestiging_uiterlijk=bevestiging_uiterlijk, bevestigd_op=bevestigd_op
    )
    kap.due = deadlines.terugkoppeling_uiterlijk(
        bevestiging_uiterlijk=bevestiging_uiterlijk, bevestigd_op=bevestigd_op, maanden=maanden
    )
    kap.herinneren_vanaf = deadlines.herinneren_vanaf(T.TERUGKOPPELING, kap.due)
    kap.save(update_fields=["start", "due", "herinneren_vanaf", "updated_at"])


@transaction.atomic
def termijnen_sluiten_door_gebeurtenis(
    *, gebeurtenis: Gebeurtenis, soorten: tuple[TermijnSoort, ...] | list[TermijnSoort], nu: datetime | None = None
) -> int:
    """Close the open terms of these kinds on the case, satisfied by this event
    (the letter sent, the forwarding recorded, ...). Already closed or voided
    terms stay as they are. Returns how many were closed."""
    nu = nu or timezone.now()
    gesloten = (
        Termijn.objects.open()
        .filter(melding_id=gebeurtenis.melding_id, soort__in=list(soorten))
        .update(gesloten_op=nu, gesloten_door_gebeurtenis=gebeurtenis, updated_at=nu)
    )
    if gesloten and T.ONTVANGSTBEVESTIGING in soorten:
        _terugkoppeling_herberekenen(melding=gebeurtenis.melding, bevestigd_op=nu)
    return gesloten


@transaction.atomic
def termijn_sluiten(
    *,
    melding: Melding,
    soort: TermijnSoort,
    door: Gebruiker,
    gebeurtenis: Gebeurtenis | None = None,
    reden: str = "",
) -> Termijn:
    """Close one open term: by the event that satisfied it, or by hand with a
    reason (audited). Never by hand without a reason."""
    termijn = Termijn.objects.open().select_for_update().filter(melding=melding, soort=soort).first()
    if termijn is None:
        raise ValidationError(_("Deze termijn loopt niet (meer)."))
    if gebeurtenis is None and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden om deze termijn handmatig af te handelen.")})
    if gebeurtenis is not None:
        if gebeurtenis.melding_id != melding.pk:
            raise ValidationError(_("Deze gebeurtenis hoort niet bij deze melding."))
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(T(soort),))
        termijn.refresh_from_db()
        return termijn
    nu = timezone.now()
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.TERMIJN_GESLOTEN, door=door, toelichting=reden
    )
    termijn.gesloten_op = nu
    termijn.gesloten_reden = reden
    termijn.gesloten_door = door
    termijn.gesloten_door_gebeurtenis = gebeurtenis
    termijn.save(
        update_fields=["gesloten_op", "gesloten_reden", "gesloten_door", "gesloten_door_gebeurtenis", "updated_at"]
    )
    if soort == T.ONTVANGSTBEVESTIGING:
        _terugkoppeling_herberekenen(melding=melding, bevestigd_op=nu)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=termijn, toelichting=f"handmatig gesloten {soort}"
    )
    return termijn


def termijnen_laten_vervallen(
    *, melding: Melding, soorten: tuple[TermijnSoort, ...], reden: str, nu: datetime | None = None
) -> int:
    """Void the open terms of these kinds: the law no longer asks for them.
    `reden` is technical (the state that voided them), never case content."""
    nu = nu or timezone.now()
    return (
        Termijn.objects.open()
        .filter(melding=melding, soort__in=list(soorten))
        .update(vervallen_op=nu, vervallen_reden=reden[:200], updated_at=nu)
    )


def termijnen_na_statuswijziging(
    *, melding: Melding, van: Status, naar: Status, gebeurtenis: Gebeurtenis, door: Gebruiker | None
) -> None:
    """Close and void terms for a transition. Called inside the transaction of
    meldingen.services.register.melding_status_wijzigen, so it is atomic with it."""
    if naar in SLUIT_BIJ_STATUS:
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=SLUIT_BIJ_STATUS[naar])
    if naar in VERVALT_BIJ_STATUS:
        termijnen_laten_vervallen(melding=melding, soorten=VERVALT_BIJ_STATUS[naar], reden=f"status: {naar}")
    if van == Status.ONTVANGEN and naar == Status.IN_BEHANDELING and melding.soort == Soort.MELDING:
        # Art. 8.6: the contactpersoon term runs from forwarding.
        lengtes = termijnlengtes(organisatie=melding.organisatie)
        berekening = deadlines.contactpersoon_termijn(lokale_datum(timezone.now()), lengtes)
        Termijn.objects.bulk_create([_rij(melding, berekening)], ignore_conflicts=True)


def termijnen_na_toewijzing(*, melding: Melding, rol: ToewijzingRol, gebeurtenis: Gebeurtenis) -> None:
    """Art. 8.6: assigning a contactpersoon closes its term, and starts the term of
    the risk conversation (Art. 6.1), closed when benadeling records it."""
    if rol == ToewijzingRol.CONTACTPERSOON:
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(T.CONTACTPERSOON,))
        if melding.soort == Soort.MELDING:
            lengtes = termijnlengtes(organisatie=melding.organisatie)
            berekening = deadlines.risicogesprek_termijn(lokale_datum(timezone.now()), lengtes)
            Termijn.objects.bulk_create([_rij(melding, berekening)], ignore_conflicts=True)


@transaction.atomic
def risicogesprek_vastgelegd(*, melding: Melding, door: Gebruiker | None) -> int:
    """Art. 6.1: the risk conversation was recorded; its term closes by this event."""
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.RISICOGESPREK_VASTGELEGD, artikel="Art. 6.1", door=door
    )
    return termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(T.RISICOGESPREK,))


_WEIGERING_TEKST = {
    deadlines.Weigering.TERMIJN_NIET_OPEN: ("nieuwe_datum", "De termijn voor het standpunt loopt niet (meer)."),
    deadlines.Weigering.GEEN_VERLENGING: ("nieuwe_datum", "De nieuwe datum moet later zijn dan de huidige termijn."),
    deadlines.Weigering.AL_VERSTREKEN: (
        "nieuwe_datum",
        "De termijn is al verstreken: meld een verlenging vóór het einde van de termijn (Art. 11.2).",
    ),
    deadlines.Weigering.REDEN_VERPLICHT: (
        "reden",
        "Na twaalf weken is een verlenging alleen mogelijk met een reden (Art. 11.2).",
    ),
    deadlines.Weigering.VOORBIJ_WETTELIJK_MAXIMUM: (
        "nieuwe_datum",
        "Deze datum ligt na het wettelijk maximum van drie maanden na de ontvangstbevestiging (Wbk art. 2). "
        "Verleng alleen verder als de melder met deze brief over de beoordeling en de opvolging wordt geïnformeerd.",
    ),
}


@transaction.atomic
def standpunt_verlengen(
    *,
    melding: Melding,
    nieuwe_datum: date,
    reden: str,
    door: Gebruiker,
    met_terugkoppeling: bool = False,
    nu: datetime | None = None,
) -> Verlenging:
    """Record the extension letter of Art. 11.2: the new term, with a reason past
    twelve weeks; refused past the three-month cap (Wbk art. 2) unless the cap's
    feedback has been given or this letter gives it (`met_terugkoppeling`)."""
    nu = nu or timezone.now()
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    # DESIGN.md §2: no extension without the HL's (or RvC's) sign-off.
    if not Toewijzing.objects.filter(
        melding=melding,
        gebruiker=door,
        beeindigd_op=None,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
    ).exists():
        raise ValidationError(_("Alleen de hoogste leidinggevende (of verantwoordelijke) kan het standpunt verlengen."))
    termijnen = {t.soort: t for t in Termijn.objects.select_for_update().filter(melding=melding)}
    standpunt = termijnen.get(T.STANDPUNT)
    if standpunt is None or standpunt.gesloten_op or standpunt.vervallen_op:
        weigeringen = [deadlines.Weigering.TERMIJN_NIET_OPEN]
    else:
        kap = termijnen.get(T.TERUGKOPPELING)
        weigeringen = deadlines.verlenging_beoordelen(
            ontvangen=standpunt.start,
            huidige_uiterlijk=standpunt.due,
            nieuwe_datum=nieuwe_datum,
            vandaag=lokale_datum(nu),
            reden=reden,
            terugkoppeling_uiterlijk=kap.due if kap is not None and kap.vervallen_op is None else None,
            terugkoppeling_gegeven=met_terugkoppeling or (kap is not None and kap.gesloten_op is not None),
        )
    if weigeringen:
        fouten: dict[str, list[str]] = {}
        for weigering in weigeringen:
            veld, tekst = _WEIGERING_TEKST[weigering]
            fouten.setdefault(veld, []).append(_(tekst))
        raise ValidationError(fouten)
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.TERMIJN_VERLENGD, artikel="Art. 11.2", door=door, toelichting=reden
    )
    nieuwe_due = deadlines.uiterlijk_na_dagen(nieuwe_datum, 0)
    verlenging = Verlenging.objects.create(
        termijn=standpunt,
        oude_due=standpunt.due,
        nieuwe_due=nieuwe_due,
        reden=reden,
        met_terugkoppeling=met_terugkoppeling,
        gebeurtenis=gebeurtenis,
        door=door,
    )
    standpunt.due = nieuwe_due
    standpunt.herinneren_vanaf = deadlines.herinneren_vanaf(T.STANDPUNT, nieuwe_due)
    standpunt.save(update_fields=["due", "herinneren_vanaf", "updated_at"])
    if met_terugkoppeling:
        # The extension letter says how the report was assessed and which steps
        # were taken: it is the feedback of Wbk art. 2 (DESIGN.md §3).
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(T.TERUGKOPPELING,), nu=nu)
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=standpunt, toelichting="standpunt verlengd")
    return verlenging
