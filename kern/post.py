"""Outgoing mail through an outbox (docs/adr/0010-uitgaande-post.md).

Every e-mail of Meldpunt is a row in `kern.UitgaandBericht`, written by
`bericht_in_wachtrij` / `berichten_in_wachtrij` in the transaction of the change
it announces: a rollback sends nothing, a commit never loses the message. After
the commit the sender task is kicked (and Celery beat runs it every minute, so
it catches up after a broker or mail-server outage).

The sender takes one due row at a time in its own short transaction, locked
with SELECT ... FOR UPDATE SKIP LOCKED, so two senders never take the same row
and one bad address or refused message marks only that row for a later attempt
(exponential back-off; after MELDPUNT_POST_MAX_POGINGEN attempts the row is
`mislukt` and counted on /gezondheid/). A mail server that cannot be reached at
all ends the run and charges no attempt: the address is not at fault, and every
message stays `te verzenden` until the server is back.

A failure of the session (`is_storing`: a connection refused, reset or dropped)
does not say by itself which of the two it is: a server that is down, or a
message on which the server hangs up (a size limit or content filter that
disconnects). Such a row is charged nothing yet; it leaves the head of the queue
for the first back-off step, and the next due row decides. Sent, or refused by a
reply of the server: the server works, so the message was at fault and its row
is charged an attempt as a refused one is. A session failure as well: the server
is down; the run stops after these two rows, charges nothing and puts both
behind the rest of the due mail, still due (everything goes out in the first run
after the outage, and two such messages in a row cannot head every run). No row
after it: the row waits its back-off step, uncharged, and the run reports
`storing`, as nothing showed that the server works.

Each row is sent at most once: a second enqueue with the same idempotency key is
skipped by the unique `sleutel`, and a sent row is never taken again. Only a
failed commit after a successful send could send twice (the usual outbox
trade-off). Logs carry the row id and a technical class name, never an address,
a subject or a body.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from kern.crypto import SleutelOntbreekt, blinde_index
from kern.models import UitgaandBericht, UitgaandBerichtStatus

logger = logging.getLogger(__name__)

TE_VERZENDEN = UitgaandBerichtStatus.TE_VERZENDEN
# How many rows one run of the sender takes at most; the next run takes the rest.
PER_RUN = 500
# The mail server cannot be reached or refuses the session itself, or hangs up
# on a message: charged to the message only once the next row shows that the
# server works (module docstring). Every OSError that is not an SMTP reply
# (refused or reset connections, timeouts, DNS, TLS) and the SMTP replies about
# the session rather than the message.
SESSIEFOUTEN = (
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
)


def is_storing(exc: BaseException) -> bool:
    return isinstance(exc, SESSIEFOUTEN) or (isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException))


def server_antwoordde(exc: BaseException) -> bool:
    """The send failed on a reply of the server about the message (a refused
    recipient, sender or content): the session worked."""
    return isinstance(exc, smtplib.SMTPException) and not is_storing(exc)


@dataclass(frozen=True)
class Bericht:
    """One e-mail to one address. `sleutel` is the idempotency key: the same key
    is enqueued once, ever (kind, object, recipient; see `eenmalig`)."""

    sleutel: str
    adres: str
    onderwerp: str
    tekst: str


def eenmalig() -> str:
    """A key for a message that announces one committed change and nothing else
    (a new message in the mailbox, a new task): the enqueuing transaction is the
    event, so it is enqueued once by construction."""
    return f"eenmalig:{uuid.uuid4().hex}"


def _sleutel(sleutel: str) -> str:
    # Keyed hash: the key may name a recipient or an object; the column shows neither.
    return blinde_index(sleutel, doel="uitgaand_bericht")


def berichten_in_wachtrij(*, soort: str, berichten: Iterable[Bericht]) -> int:
    """Put messages in the outbox, in the caller's transaction; kick the sender
    after its commit. Messages without an address are left out; a key already
    in the outbox is skipped (nobody gets a message twice). Returns how many
    rows were offered."""
    nu = timezone.now()
    rijen = [
        UitgaandBericht(
            sleutel=_sleutel(bericht.sleutel),
            soort=soort,
            adres=bericht.adres,
            onderwerp=bericht.onderwerp,
            tekst=bericht.tekst,
            volgende_poging_op=nu,
            aangemaakt_op=nu,
        )
        for bericht in berichten
        if bericht.adres
    ]
    if not rijen:
        return 0
    UitgaandBericht.objects.bulk_create(rijen, ignore_conflicts=True)
    transaction.on_commit(verzender_aanstoten)
    return len(rijen)


def bericht_in_wachtrij(*, soort: str, sleutel: str, adres: str, onderwerp: str, tekst: str) -> int:
    """One message to one address (see `berichten_in_wachtrij`)."""
    return berichten_in_wachtrij(
        soort=soort, berichten=[Bericht(sleutel=sleutel, adres=adres, onderwerp=onderwerp, tekst=tekst)]
    )


def verzender_aanstoten() -> None:
    """After commit: queue the sender. A broker that cannot be reached loses
    nothing: the rows wait, and the beat run sends them."""
    # Imported here: kern.tasks imports this module (its task wraps post_verzenden).
    from kern import tasks

    try:
        tasks.post_verzenden.apply_async(retry=False)
    except Exception as exc:  # any broker failure: the beat run covers it
        logger.warning("verzender niet aangestoten (%s): de post volgt via de beat-taak", type(exc).__name__)


@dataclass(frozen=True)
class Verzendresultaat:
    """`uitgesteld` and `mislukt` count charged attempts; `storing` says the run
    ended on a session failure that nothing after it contradicted (the server
    seems down)."""

    verzonden: int
    uitgesteld: int
    mislukt: int
    storing: bool


def wachttijd(pogingen: int) -> timedelta:
    """Exponential back-off after the n-th failed attempt, capped."""
    basis = settings.MELDPUNT_POST_WACHTTIJD_SECONDEN
    return timedelta(seconds=min(basis * 2 ** max(pogingen - 1, 0), settings.MELDPUNT_POST_MAX_WACHTTIJD_SECONDEN))


def _verzenden(bericht: UitgaandBericht) -> None:
    EmailMultiAlternatives(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht.adres],
        connection=get_connection(fail_silently=False),
    ).send()


def _poging_mislukt(bericht: UitgaandBericht, *, nu: datetime, uitgesteld: int, mislukt: int) -> tuple[int, int]:
    """Charge an attempt: back off exponentially, or give up after the last one."""
    bericht.pogingen += 1
    if bericht.pogingen >= settings.MELDPUNT_POST_MAX_POGINGEN:
        bericht.status = UitgaandBerichtStatus.MISLUKT
        mislukt += 1
    else:
        bericht.volgende_poging_op = nu + wachttijd(bericht.pogingen)
        uitgesteld += 1
    bericht.save(update_fields=["pogingen", "laatste_fout", "status", "volgende_poging_op"])
    logger.warning(
        "uitgaand bericht %s niet verzonden (%s), poging %s van %s",
        bericht.pk,
        bericht.laatste_fout,
        bericht.pogingen,
        settings.MELDPUNT_POST_MAX_POGINGEN,
    )
    return uitgesteld, mislukt


@dataclass(frozen=True)
class _Verdacht:
    """A row whose send broke the session, deferred to `tot` without an attempt
    charged until the next row shows whether the server or the message is at
    fault."""

    pk: int
    tot: datetime

    def vergrendeld(self) -> UitgaandBericht | None:
        """The row, locked, if it is still as this run left it (another sender may
        have taken it since). Without its content: that stays encrypted."""
        return (
            UitgaandBericht.objects.select_for_update(skip_locked=True)
            .filter(pk=self.pk, status=TE_VERZENDEN, volgende_poging_op=self.tot)
            .only("pk", "pogingen", "laatste_fout", "status", "volgende_poging_op")
            .first()
        )


def _verdachte_aanrekenen(verdacht: _Verdacht, *, nu: datetime, uitgesteld: int, mislukt: int) -> tuple[int, int]:
    """The server works: the message was at fault, and is charged an attempt as a
    refused one is, keeping its `laatste_fout`. In the caller's transaction."""
    bericht = verdacht.vergrendeld()
    if bericht is None:
        return uitgesteld, mislukt
    return _poging_mislukt(bericht, nu=nu, uitgesteld=uitgesteld, mislukt=mislukt)


def post_verzenden(*, nu: datetime | None = None, maximum: int = PER_RUN) -> Verzendresultaat:
    """Send the due rows one by one, each in its own transaction. A session
    failure is judged by the row after it (module docstring)."""
    nu = nu or timezone.now()
    verzonden = uitgesteld = mislukt = 0
    storing = False
    behandeld: list[int] = []
    verdacht: _Verdacht | None = None
    for _ronde in range(maximum):
        with transaction.atomic():
            pk = (
                UitgaandBericht.objects.select_for_update(skip_locked=True)
                .filter(status=TE_VERZENDEN, volgende_poging_op__lte=nu)
                .exclude(pk__in=behandeld)
                .order_by("volgende_poging_op", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                break
            behandeld.append(pk)
            try:
                bericht = UitgaandBericht.objects.get(pk=pk)
            except SleutelOntbreekt:
                # Encrypted with a key that is gone (docs/sleutelbeheer.md): this row
                # can never be sent; it must not stop the others.
                UitgaandBericht.objects.filter(pk=pk).update(
                    status=UitgaandBerichtStatus.MISLUKT, laatste_fout=SleutelOntbreekt.__name__
                )
                mislukt += 1
                continue
            try:
                _verzenden(bericht)
            except Exception as exc:  # any failure of this one send is recorded, never raised
                bericht.laatste_fout = type(exc).__name__[:100]
                if is_storing(exc) and verdacht is None:
                    # The server or this message? Nothing charged yet: the row leaves
                    # the head of the queue for the first back-off step, and the next
                    # row decides.
                    bericht.volgende_poging_op = nu + wachttijd(1)
                    bericht.save(update_fields=["laatste_fout", "volgende_poging_op"])
                    verdacht = _Verdacht(pk=bericht.pk, tot=bericht.volgende_poging_op)
                    logger.warning(
                        "uitgaand bericht %s: sessie verbroken (%s), uitgesteld zonder poging",
                        bericht.pk,
                        bericht.laatste_fout,
                    )
                elif is_storing(exc):
                    # Twice in a row: the server is down. Nothing is charged; both rows
                    # go behind the rest of the due mail and stay due, so the first run
                    # after the outage sends everything.
                    storing = True
                    bericht.volgende_poging_op = nu
                    bericht.save(update_fields=["laatste_fout", "volgende_poging_op"])
                    if (eerste := verdacht.vergrendeld()) is not None:
                        eerste.volgende_poging_op = nu
                        eerste.save(update_fields=["volgende_poging_op"])
                    verdacht = None
                    logger.warning("mailserver niet bereikbaar (%s): de post wacht", bericht.laatste_fout)
                else:
                    # About this one message (a refused address): only this row waits.
                    uitgesteld, mislukt = _poging_mislukt(bericht, nu=nu, uitgesteld=uitgesteld, mislukt=mislukt)
                    if verdacht is not None and server_antwoordde(exc):
                        uitgesteld, mislukt = _verdachte_aanrekenen(
                            verdacht, nu=nu, uitgesteld=uitgesteld, mislukt=mislukt
                        )
                        verdacht = None
            else:
                # Sent: the content has done its work and is not kept (an
                # enrolment link is a secret; the melder's address personal data).
                bericht.status = UitgaandBerichtStatus.VERZONDEN
                bericht.verzonden_op = timezone.now()
                bericht.adres = bericht.onderwerp = bericht.tekst = ""
                bericht.laatste_fout = ""
                bericht.save(update_fields=["status", "verzonden_op", "adres", "onderwerp", "tekst", "laatste_fout"])
                verzonden += 1
                if verdacht is not None:
                    uitgesteld, mislukt = _verdachte_aanrekenen(verdacht, nu=nu, uitgesteld=uitgesteld, mislukt=mislukt)
                    verdacht = None
        if storing:
            break
    if verdacht is not None:
        # Nothing after it showed that the server works: it waits, uncharged.
        storing = True
        logger.warning("mailserver mogelijk niet bereikbaar: uitgaand bericht %s wacht zonder poging", verdacht.pk)
    return Verzendresultaat(verzonden=verzonden, uitgesteld=uitgesteld, mislukt=mislukt, storing=storing)


def wachtende_berichten_intrekken(*, soort: str, adres: str) -> int:
    """Delete the rows of `soort` to `adres` that were not sent (waiting, or
    given up on): the address is personal data and what they announce is gone
    (a destroyed case, docs/retention.md). The address is encrypted, so the
    unsent rows of that kind are read and compared; a row being sent right now
    is emptied by its sender. Returns how many went."""
    adres = (adres or "").strip().lower()
    if not adres:
        return 0
    rijen = UitgaandBericht.objects.filter(soort=soort).exclude(status=UitgaandBerichtStatus.VERZONDEN)
    ids = [pk for pk, waarde in rijen.values_list("pk", "adres") if (waarde or "").strip().lower() == adres]
    aantal, _per_model = rijen.filter(pk__in=ids).delete()
    return aantal


def verzonden_opruimen(*, nu: datetime | None = None) -> int:
    """Sent rows older than MELDPUNT_POST_BEWAREN_DAGEN go (their content is
    already empty). Every idempotency key is spent by then: the events they
    stand for happen once (a reminder row, a link, an approval)."""
    grens = (nu or timezone.now()) - timedelta(days=settings.MELDPUNT_POST_BEWAREN_DAGEN)
    aantal, _per_model = UitgaandBericht.objects.filter(
        status=UitgaandBerichtStatus.VERZONDEN, verzonden_op__lt=grens
    ).delete()
    return aantal
