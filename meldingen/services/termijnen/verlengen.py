"""Art. 11.2: the standpunt's term is extended by a signed letter; past twelve
weeks only with a reason, never past the feedback cap (docs/termijnen.md)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import deadlines
from meldingen.constants import GebeurtenisSoort, TermijnSoort, ToewijzingRol
from meldingen.models import Gebeurtenis, Melding, Termijn, Toewijzing, Verlenging
from meldingen.services.termijnen.sluiten import termijnen_sluiten_door_gebeurtenis

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
    # docs/toestanden.md: no extension without the HL's (or RvC's) sign-off.
    if not Toewijzing.objects.filter(
        melding=melding,
        gebruiker=door,
        beeindigd_op=None,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
    ).exists():
        raise ValidationError(_("Alleen de hoogste leidinggevende (of verantwoordelijke) kan het standpunt verlengen."))
    # One term per kind *and subject*: the letter extends the report's own standpunt
    # (subject ""), never by accident an Art. 12.2 or 13.2 investigation's, which a
    # dict keyed by kind alone would pick when its due date is later.
    termijnen = {t.soort: t for t in Termijn.objects.select_for_update().filter(melding=melding, onderwerp="")}
    standpunt = termijnen.get(TermijnSoort.STANDPUNT)
    if standpunt is None or standpunt.gesloten_op or standpunt.vervallen_op:
        # The report's own standpunt was given: an additional investigation's own
        # term (Art. 12.2 with 11.2) is the one still open; the most urgent first.
        standpunt = (
            Termijn.objects.open().select_for_update().filter(melding=melding, soort=TermijnSoort.STANDPUNT).first()
            or standpunt
        )
    if standpunt is None or standpunt.gesloten_op or standpunt.vervallen_op:
        weigeringen = [deadlines.Weigering.TERMIJN_NIET_OPEN]
    else:
        kap = termijnen.get(TermijnSoort.TERUGKOPPELING)
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
    # The reason lives only in the event's own, deletable toelichting row, never on
    # the append-only Verlenging: destruction must be able to remove it (docs/retention.md).
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.TERMIJN_VERLENGD, artikel="Art. 11.2", door=door, toelichting=reden
    )
    nieuwe_due = deadlines.uiterlijk_na_dagen(nieuwe_datum, 0)
    verlenging = Verlenging.objects.create(
        termijn=standpunt,
        oude_due=standpunt.due,
        nieuwe_due=nieuwe_due,
        met_terugkoppeling=met_terugkoppeling,
        gebeurtenis=gebeurtenis,
        door=door,
    )
    standpunt.due = nieuwe_due
    standpunt.herinneren_vanaf = deadlines.herinneren_vanaf(TermijnSoort.STANDPUNT, nieuwe_due)
    standpunt.save(update_fields=["due", "herinneren_vanaf", "updated_at"])
    if met_terugkoppeling:
        # The extension letter says how the report was assessed and which steps
        # were taken: it is the feedback of Wbk art. 2 (docs/termijnen.md).
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(TermijnSoort.TERUGKOPPELING,), nu=nu)
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=standpunt, toelichting="standpunt verlengd")
    return verlenging
