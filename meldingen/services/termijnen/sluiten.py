"""Closing and voiding terms: by the event that satisfies them (a Gebeurtenis),
by hand only with a reason, or voided when the law no longer asks for them
(docs/termijnen.md)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import deadlines
from meldingen.constants import GebeurtenisSoort, TermijnSoort
from meldingen.models import Gebeurtenis, Melding, Termijn
from meldingen.services.termijnen.instellingen import termijnlengtes


def _terugkoppeling_herberekenen(*, melding: Melding, bevestigd_op: datetime) -> None:
    """Wbk art. 2: the cap runs from the acknowledgement sent, never later than
    its due date; an early acknowledgement brings the cap forward."""
    bevestiging = Termijn.objects.filter(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING).first()
    kap = Termijn.objects.open().filter(melding=melding, soort=TermijnSoort.TERUGKOPPELING).first()
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
    kap.herinneren_vanaf = deadlines.herinneren_vanaf(TermijnSoort.TERUGKOPPELING, kap.due)
    kap.save(update_fields=["start", "due", "herinneren_vanaf", "updated_at"])


@transaction.atomic
def termijnen_sluiten_door_gebeurtenis(
    *,
    gebeurtenis: Gebeurtenis,
    soorten: tuple[TermijnSoort, ...] | list[TermijnSoort],
    nu: datetime | None = None,
    onderwerp: str | None = None,
) -> int:
    """Close the open terms of these kinds on the case, satisfied by this event
    (the letter sent, the forwarding recorded, ...). `onderwerp` limits it to the
    terms of one subject within the case (Termijn.onderwerp); None closes every
    subject's. Already closed or voided terms stay as they are. Returns how many
    were closed."""
    nu = nu or timezone.now()
    open_termijnen = Termijn.objects.open().filter(melding_id=gebeurtenis.melding_id, soort__in=list(soorten))
    if onderwerp is not None:
        open_termijnen = open_termijnen.filter(onderwerp=onderwerp)
    gesloten = open_termijnen.update(gesloten_op=nu, gesloten_door_gebeurtenis=gebeurtenis, updated_at=nu)
    if gesloten and TermijnSoort.ONTVANGSTBEVESTIGING in soorten:
        _terugkoppeling_herberekenen(melding=gebeurtenis.melding, bevestigd_op=nu)
    return gesloten


def termijnsleutel(soort: str, onderwerp: str | None = None) -> str:
    """How a letter names a term it closes (`Brief.sluit_termijnen`): the kind
    alone closes that kind's terms of every subject; "kind|subject" only that
    subject's ("kind|" the case's own), e.g. the standpunt after an additional
    investigation (Art. 12.2, `Termijn.onderwerp`)."""
    return str(soort) if onderwerp is None else f"{soort}|{onderwerp}"


def _sleutel_lezen(sleutel: str) -> tuple[str, str | None]:
    """(kind, subject) of a `termijnsleutel`; subject None: every subject."""
    soort, scheiding, onderwerp = str(sleutel).partition("|")
    return soort, onderwerp if scheiding else None


def _sleutels_filter(sleutels) -> Q:
    """The terms these keys name, as one filter (an empty Q names none)."""
    filter_ = Q()
    for sleutel in sleutels:
        soort, onderwerp = _sleutel_lezen(sleutel)
        filter_ |= Q(soort=soort) if onderwerp is None else Q(soort=soort, onderwerp=onderwerp)
    return filter_


def termijnen_sluiten_door_brief(*, gebeurtenis: Gebeurtenis, sleutels: list[str]) -> int:
    """Close what a letter that reached the melder satisfies (keys of `termijnsleutel`)."""
    per_onderwerp: dict[str | None, list[str]] = {}
    for sleutel in sleutels:
        soort, onderwerp = _sleutel_lezen(sleutel)
        per_onderwerp.setdefault(onderwerp, []).append(soort)
    return sum(
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=soorten, onderwerp=onderwerp)
        for onderwerp, soorten in per_onderwerp.items()
    )


@transaction.atomic
def termijn_sluiten(
    *,
    melding: Melding,
    soort: TermijnSoort,
    door: Gebruiker,
    gebeurtenis: Gebeurtenis | None = None,
    reden: str = "",
    onderwerp: str = "",
) -> Termijn:
    """Close one open term: by the event that satisfied it, or by hand with a
    reason (audited). Never by hand without a reason."""
    termijn = (
        Termijn.objects.open().select_for_update().filter(melding=melding, soort=soort, onderwerp=onderwerp).first()
    )
    if termijn is None:
        raise ValidationError(_("Deze termijn loopt niet (meer)."))
    if gebeurtenis is None and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden om deze termijn handmatig af te handelen.")})
    if gebeurtenis is not None:
        if gebeurtenis.melding_id != melding.pk:
            raise ValidationError(_("Deze gebeurtenis hoort niet bij deze melding."))
        termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=(soort,), onderwerp=onderwerp)
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
    if soort == TermijnSoort.ONTVANGSTBEVESTIGING:
        _terugkoppeling_herberekenen(melding=melding, bevestigd_op=nu)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=termijn, toelichting=f"handmatig gesloten {soort}"
    )
    return termijn


def termijnen_laten_vervallen(
    *,
    melding: Melding,
    soorten: tuple[str, ...] | None,
    reden: str,
    nu: datetime | None = None,
    behalve: tuple[str, ...] = (),
) -> int:
    """Void the open terms of these kinds (None: of every kind, also those higher
    apps registered), except the terms `behalve` names as keys of `termijnsleutel`
    (a kind alone: all its subjects; "kind|subject": that subject's only): the law
    no longer asks for them. `reden` is technical (the state that voided them),
    never case content."""
    nu = nu or timezone.now()
    open_termijnen = Termijn.objects.open().filter(melding=melding)
    if soorten is not None:
        open_termijnen = open_termijnen.filter(soort__in=list(soorten))
    if behalve:
        open_termijnen = open_termijnen.exclude(_sleutels_filter(behalve))
    return open_termijnen.update(vervallen_op=nu, vervallen_reden=reden[:200], updated_at=nu)


@transaction.atomic
def termijnen_sluiten_door_vastlegging(
    *, melding: Melding, soort: str, soorten: tuple[str, ...], artikel: str, door: Gebruiker | None
) -> int:
    """Record on the timeline that a step was taken (a Gebeurtenis of `soort`) and
    close the open terms of `soorten` by it, e.g. the risk conversation (Art. 6.1)."""
    gebeurtenis = Gebeurtenis.objects.create(melding=melding, soort=soort, artikel=artikel, door=door)
    return termijnen_sluiten_door_gebeurtenis(gebeurtenis=gebeurtenis, soorten=soorten)
