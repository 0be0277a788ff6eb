"""Content-free e-mail notifications (docs/vertrouwelijkheid.md): no content, no names, no
register number. Put in the outbox (kern/post.py) in the transaction of the change,
so a rolled-back change never notifies and a committed one is never lost; the
outbox sends them one by one after the commit."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from kern.post import Bericht, berichten_in_wachtrij, eenmalig
from meldingen.constants import GebeurtenisSoort, ToewijzingRol
from meldingen.models import Gebeurtenis, Melding, Meldingsbox, Toewijzing

logger = logging.getLogger(__name__)

INHALEN_PER_RUN = 500
# The outbox kind of the content-free notices to the melder's own address.
SOORT_MELDER = "melder"


def _ontvangers(*, melding_id: int, behalve_id: int | None) -> list[Gebruiker]:
    """The active receiving officers of the case with an address (each once)."""
    return sorted(
        {
            t.gebruiker_id: t.gebruiker
            for t in Toewijzing.objects.filter(
                melding_id=melding_id, rol=ToewijzingRol.ONTVANGER, beeindigd_op=None
            ).select_related("gebruiker")
            if t.gebruiker.email and t.gebruiker.is_active and t.gebruiker_id != behalve_id
        }.values(),
        key=lambda gebruiker: gebruiker.pk,
    )


def _iets_nieuws() -> str:
    return _(
        "Er staat iets nieuws voor u klaar in Meldpunt. Log in om het te bekijken.\n\n"
        "Deze e-mail bevat bewust geen inhoud."
    )


# When this process last queued the officers' e-mail run (time.monotonic()).
_laatst_ingepland = float("-inf")


def nieuwe_melding_inplannen(*, melding: Melding) -> None:
    """After the submission's commit: queue the run that sends the officers' e-mail
    about new reports. Work that need not happen before the receipt code is shown
    stays out of the request; the report itself is already stored.

    Bundled (issue 16): a process queues at most one run per
    MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN, delayed by that window, and the run sends
    for every report still waiting, so a burst of submissions costs the broker one
    message instead of one each. Every report is committed before its own
    on_commit, so before the run its window queued. A broker that cannot be
    reached loses nothing: the e-mail stays due (ontvangers_genotificeerd_op is
    empty) and `nieuwe_meldingen_inhalen` sends it (docs/adr/0008-intake-onder-last.md)."""
    # Imported here: meldingen.tasks imports this module.
    from meldingen import tasks

    def inplannen():
        global _laatst_ingepland
        venster = settings.MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN
        nu = time.monotonic()
        if venster and nu - _laatst_ingepland < venster:
            return  # the run this process queued in this window sends it too
        _laatst_ingepland = nu
        try:
            tasks.nieuwe_meldingen_notificeren.apply_async(countdown=venster or None, retry=False)
        except Exception:  # any broker failure: the catch-up task covers it
            _laatst_ingepland = float("-inf")
            logger.warning("broker niet bereikbaar: de e-mail over een nieuwe melding volgt via de inhaaltaak")

    transaction.on_commit(inplannen)


def nieuwe_melding_notificeren(*, melding_id: int) -> bool:
    """Put the content-free "new report" e-mail (docs/vertrouwelijkheid.md) to the
    receiving officers in the outbox, exactly once, also when the task is
    delivered twice (acks_late: a worker killed mid-task gets its task redelivered).

    The claim is a conditional UPDATE in the same transaction as the enqueue: a
    second delivery waits on the first one's row lock and then finds it taken; a
    worker that dies before the commit rolls the claim back, so the retry
    enqueues. The outbox key (report, officer) makes a second enqueue a no-op;
    the sending itself is the outbox's (kern/post.py), one row at a time."""
    with transaction.atomic():
        geclaimd = Melding.objects.filter(pk=melding_id, ontvangers_genotificeerd_op__isnull=True).update(
            ontvangers_genotificeerd_op=timezone.now()
        )
        if not geclaimd:
            return False
        # An officer who registered the report themselves needs no e-mail about it.
        geregistreerd = (
            Gebeurtenis.objects.filter(melding_id=melding_id, soort=GebeurtenisSoort.GEREGISTREERD)
            .values_list("door_id", flat=True)
            .first()
        )
        onderwerp = _("Nieuwe melding in Meldpunt")
        berichten_in_wachtrij(
            soort="nieuwe_melding",
            berichten=[
                Bericht(
                    sleutel=f"nieuwe_melding:{melding_id}:{ontvanger.pk}",
                    adres=ontvanger.email,
                    onderwerp=onderwerp,
                    tekst=_iets_nieuws(),
                )
                for ontvanger in _ontvangers(melding_id=melding_id, behalve_id=geregistreerd)
            ],
        )
    return True


def nieuwe_meldingen_notificeren(*, ouder_dan_seconden: int = 0) -> int:
    """The officers' e-mail for every report still waiting for it, received at
    least `ouder_dan_seconden` ago, oldest first, at most INHALEN_PER_RUN per run.
    Indexed (melding_nog_te_notificeren); each report is claimed on its own, so
    concurrent runs never send twice."""
    grens = timezone.now() - timedelta(seconds=ouder_dan_seconden)
    ids = list(
        Melding.objects.filter(ontvangers_genotificeerd_op__isnull=True, ontvangen_op__lte=grens)
        .order_by("ontvangen_op")
        .values_list("pk", flat=True)[:INHALEN_PER_RUN]
    )
    verstuurd, mislukt = 0, 0
    for melding_id in ids:
        # One report that fails (its own transaction rolled back, the claim with it)
        # must not hold up the e-mail of every report after it; it stays due.
        try:
            verstuurd += nieuwe_melding_notificeren(melding_id=melding_id)
        except Exception:
            mislukt += 1
            logger.exception("e-mail over nieuwe melding %s mislukt; blijft klaarstaan", melding_id)
    if mislukt:
        raise NotificatiesMislukt(f"{mislukt} van {len(ids)} e-mails over nieuwe meldingen mislukt")
    return verstuurd


class NotificatiesMislukt(Exception):
    """Some reports of a run were not notified; the run is retried (meldingen.tasks)."""


def nieuwe_meldingen_inhalen() -> int:
    """The catch-up run (Celery beat): every report whose "new report" e-mail is
    still unsent a while after receipt (the broker was down, or the queued run was
    lost); before that the queued run is given its chance."""
    return nieuwe_meldingen_notificeren(ouder_dan_seconden=settings.MELDPUNT_NOTIFICATIE_INHALEN_NA_SECONDEN)


def ontvangers_notificeren(*, melding: Melding, nieuw: bool, behalve: Gebruiker | None = None) -> None:
    """Tell the receiving officers that something arrived: no content, no names,
    no register number (docs/vertrouwelijkheid.md). Into the outbox, in the
    caller's transaction; one message per officer per committed change."""
    onderwerp = _("Nieuwe melding in Meldpunt") if nieuw else _("Nieuw bericht in Meldpunt")
    berichten_in_wachtrij(
        soort="ontvangers",
        berichten=[
            Bericht(sleutel=eenmalig(), adres=ontvanger.email, onderwerp=onderwerp, tekst=_iets_nieuws())
            for ontvanger in _ontvangers(melding_id=melding.pk, behalve_id=behalve.pk if behalve else None)
        ],
    )


def melder_notificeren(*, melding: Melding) -> None:
    """Content-free "there is news" e-mail, only if the melder left an address.
    The address is personal data: the outbox stores it encrypted and empties it
    once sent (kern/post.py)."""
    # Read now, not from a mailbox object the caller may hold from before the
    # melder's address was erased (AVG art. 17, meldingen.services.identiteit), and
    # locked until the notice is queued: an erasure locks the mailbox row before it
    # withdraws the queued notices, so a notice is either queued before it (and
    # withdrawn) or finds the address gone, never queued behind its back.
    with transaction.atomic():
        adres = (
            Meldingsbox.objects.select_for_update(no_key=True)
            .filter(melding_id=melding.pk)
            .values_list("notificatie_email", flat=True)
            .first()
        ) or ""
        if adres:
            _melder_bericht_in_wachtrij(adres=adres)


def _melder_bericht_in_wachtrij(*, adres: str) -> None:
    berichten_in_wachtrij(
        soort=SOORT_MELDER,
        berichten=[
            Bericht(
                sleutel=eenmalig(),
                adres=adres,
                onderwerp=_("Er is nieuws in uw meldingsbox"),
                tekst=_(
                    "Er staat iets nieuws voor u klaar in uw meldingsbox.\n\n"
                    "Open de meldingsbox met uw ontvangstcode op de website van het meldpunt.\n\n"
                    "Deze e-mail bevat bewust geen inhoud."
                ),
            )
        ],
    )
