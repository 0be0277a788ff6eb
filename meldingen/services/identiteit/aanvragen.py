"""The melder's request to erase their identity: asked in the mailbox, or recorded
by the receiving officer; either starts the month of AVG art. 12(3)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, deadlines
from meldingen.constants import (
    GebeurtenisSoort,
    Status,
    ToewijzingRol,
    WissingBron,
    WissingStatus,
)
from meldingen.models import (
    Gebeurtenis,
    MelderIdentiteit,
    Melding,
    Meldingsbox,
    Wissingsverzoek,
)
from meldingen.selectors.identiteit import wissingstermijn_onderwerp
from meldingen.services.datums import als_moment
from meldingen.services.notificaties import ontvangers_notificeren
from meldingen.services.termijnen import termijn_starten


def _termijn_starten(verzoek: Wissingsverzoek) -> None:
    # AVG art. 12(3): one month from the day the request was received (Amsterdam).
    berekening = deadlines.identiteit_wissen_termijn(
        lokale_datum(verzoek.ontvangen_op), settings.MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN
    )
    termijn_starten(melding=verzoek.melding, berekening=berekening, onderwerp=wissingstermijn_onderwerp(verzoek))


def _nieuw_verzoek_controleren(melding: Melding) -> None:
    if melding.status == Status.VERNIETIGD:
        raise ValidationError(_("Deze melding is vernietigd: er is niets meer te wissen."))
    if not MelderIdentiteit.objects.filter(melding=melding).exists():
        raise ValidationError(_("Er is geen identiteit van de melder vastgelegd: er is niets te wissen."))
    if Wissingsverzoek.objects.filter(melding=melding, status=WissingStatus.GEVRAAGD).exists():
        raise ValidationError(_("Er loopt al een verzoek om de identiteit te wissen."))


def _verzoek_aanmaken(*, melding: Melding, bron: WissingBron, ontvangen_op, door: Gebruiker | None):
    verzoek = Wissingsverzoek.objects.create(
        melding=melding, bron=bron, ontvangen_op=ontvangen_op, vastgelegd_door=door
    )
    _termijn_starten(verzoek)
    Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.WISSING_GEVRAAGD, artikel="AVG art. 17", door=door
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=verzoek,
        toelichting=auditnotities.WISSING_GEVRAAGD(bron=bron),
        actor_soort=None if door else "melder",
    )
    # The receiving officers hear that something arrived, content-free as all mail.
    ontvangers_notificeren(melding=melding, nieuw=False, behalve=door)
    return verzoek


@transaction.atomic
def wissing_aanvragen(*, meldingsbox: Meldingsbox) -> Wissingsverzoek:
    """The melder asks in the mailbox to erase their identity (AVG art. 17), after
    reading what it means. Any state of the case: the right does not end with the
    procedure (the term outlives closing, meldingen.services.termijnen.BLIJFT_NA_EINDE)."""
    melding = Melding.objects.select_for_update().get(pk=meldingsbox.melding_id)
    _nieuw_verzoek_controleren(melding)
    return _verzoek_aanmaken(melding=melding, bron=WissingBron.MELDINGSBOX, ontvangen_op=timezone.now(), door=None)


@transaction.atomic
def wissingsverzoek_vastleggen(
    *,
    melding: Melding,
    ontvangen_op: date | None,
    bron: WissingBron | str,
    herkomst_vastgesteld: bool,
    door: Gebruiker,
) -> Wissingsverzoek:
    """The receiving officer records a request that came by post, e-mail, phone or
    in a meeting, with the day it was received: the month runs from that day (AVG
    art. 12(3)). The officer has checked that it comes from the melder (AVG art.
    12(6)); the form asks for that."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvangende functionaris legt een verzoek om wissing vast."),
    )
    try:
        bron = WissingBron(bron)
    except ValueError:
        bron = None
    if bron is None or bron == WissingBron.MELDINGSBOX:
        raise ValidationError({"bron": _("Kies hoe het verzoek binnenkwam.")})
    if not herkomst_vastgesteld:
        # AVG art. 12(6): erasing on a stranger's word would be a breach itself.
        raise ValidationError(
            {"herkomst_vastgesteld": _("Stel eerst vast dat het verzoek van de melder zelf komt (AVG art. 12 lid 6).")}
        )
    if ontvangen_op is None:
        raise ValidationError({"ontvangen_op": _("Vul de datum in waarop het verzoek is ontvangen.")})
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("De datum van ontvangst kan niet in de toekomst liggen.")})
    if ontvangen_op < lokale_datum(melding.ontvangen_op):
        raise ValidationError(
            {
                "ontvangen_op": _("Het verzoek kan niet vóór de melding zelf (%(datum)s) zijn ontvangen.")
                % {"datum": lokale_datum(melding.ontvangen_op).strftime("%d-%m-%Y")}
            }
        )
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _nieuw_verzoek_controleren(melding)
    return _verzoek_aanmaken(melding=melding, bron=bron, ontvangen_op=als_moment(ontvangen_op), door=door)


# --- The answer ----------------------------------------------------------------------
