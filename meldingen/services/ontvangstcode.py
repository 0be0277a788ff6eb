"""Receipt codes of the melder's mailbox (docs/melderzijde.md): a short public
lookup id plus a high-entropy secret, the secret stored only as a keyed HMAC and
compared in constant time; guessing slows down per lookup id and globally, never
per IP address, and never locks a melder out."""

from __future__ import annotations

import enum
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.crypto import blinde_index
from kern.invoegen import rijen_toevoegen
from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.post import bericht_in_wachtrij, eenmalig
from kern.services import auditregel_schrijven
from meldingen.constants import Status, ToewijzingRol
from meldingen.models import Melding, Meldingsbox, MislukteCodepoging, VervangenOntvangstcode

# Crockford base32: no I, L, O, U, so a code copied by hand is unambiguous.
ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
KENMERK_LENGTE = 8  # public lookup id
KENMERK_POGINGEN = 10  # draws of a free lookup id before giving up (each collides with chance n / 2**40)
GEHEIM_LENGTE = 24  # 24 x 5 bits = 120 bits of secret (docs/melderzijde.md: at least 100)
# Guessing receipt codes slows down; it never locks anyone out (docs/melderzijde.md).
# Per lookup id: after VRIJE_POGINGEN failures within VENSTER, each next attempt
# waits twice as long as the previous one, at most MAX_WACHTTIJD.
VENSTER = timedelta(minutes=15)
VRIJE_POGINGEN = 5
BASIS_WACHTTIJD = 5  # seconds
MAX_WACHTTIJD = 300  # seconds: a slowdown, never a lockout
# Globally: past this many failures in the last minute every attempt must wait
# a little. The wait is *answered* ("try again in N seconds", HTTP 429), never
# slept in the request: a sleeping web worker is one an attacker has taken
# (docs/hostile-input.md, "Receipt codes").
GLOBALE_DREMPEL = 50
GLOBALE_MAX_WACHTTIJD = 5  # seconds
# A waiting client gets a signed pass ("wachtbewijs") for its own code; with it
# the same code is checked after the wait whatever the global load, so a melder
# is slowed down but never crowded out by someone else's guessing (docs/melderzijde.md).
WACHTBEWIJS_ZOUT = "meldingen.ontvangstcode.wachtbewijs"
WACHTBEWIJS_GELDIG = 600  # seconds


@dataclass(frozen=True)
class NieuweCode:
    meldingsbox: Meldingsbox
    code: str  # shown once, never stored


class Uitkomst(enum.Enum):
    GEOPEND = "geopend"
    ONJUIST = "onjuist"  # wrong and unknown codes answer alike
    WACHTEN = "wachten"
    # The right code of a case destroyed under the retention policy: the melder
    # is told so, with the date (docs/retention.md), instead of a wrong-code error.
    VERNIETIGD = "vernietigd"
    # A code that a renewal replaced: its holder is told when, and whom to contact
    # if they did not ask for it. It opens nothing (docs/melderzijde.md).
    VERVANGEN = "vervangen"


@dataclass(frozen=True)
class Openpoging:
    uitkomst: Uitkomst
    meldingsbox: Meldingsbox | None = None
    wachttijd: int = 0
    wachtbewijs: str = ""
    vernietigd_op: date | None = None
    vervangen_op: date | None = None


def _willekeurig(lengte: int) -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(lengte))


def _geheim_hmac(*, kenmerk: str, geheim: str) -> str:
    # Its own purpose per lookup id: a secret is bound to its mailbox.
    return blinde_index(geheim, doel=f"ontvangstcode:{kenmerk}")


def code_opmaken(kenmerk: str, geheim: str) -> str:
    tekens = kenmerk + geheim
    return "-".join(tekens[i : i + 4] for i in range(0, len(tekens), 4))


def code_normaliseren(code: str) -> str:
    """Forgiving input: case, spaces and dashes do not matter; O→0, I/L→1."""
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))[:64]


# No savepoint when nested: a failure here fails the whole submission, which
# never catches it (savepoints cost a round trip each on the intake path).
@transaction.atomic(savepoint=False)
def meldingsbox_aanmaken(*, melding: Melding, notificatie_email: str = "", door: Gebruiker | None = None) -> NieuweCode:
    """Create the mailbox and its receipt code. The code is returned once."""
    if notificatie_email:
        validate_email(notificatie_email)
    geheim = _willekeurig(GEHEIM_LENGTE)
    for _poging in range(KENMERK_POGINGEN):
        kenmerk = _willekeurig(KENMERK_LENGTE)
        box = Meldingsbox(
            melding=melding,
            kenmerk=kenmerk,
            geheim_hmac=_geheim_hmac(kenmerk=kenmerk, geheim=geheim),
            notificatie_email=notificatie_email,
        )
        # A lookup id already taken (40 random bits: rare) skips the row without an
        # error or a savepoint, and the next draw is tried. One statement on the
        # intake path instead of a look-up and an insert (kern.invoegen).
        if rijen_toevoegen([box], conflicten_negeren=("kenmerk",)):
            break
    else:
        raise RuntimeError("geen vrij kenmerk voor de meldingsbox gevonden")
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=box, actor_soort=None if door else "melder")
    return NieuweCode(meldingsbox=box, code=code_opmaken(kenmerk, geheim))


@transaction.atomic
def ontvangstcode_vernieuwen(*, meldingsbox: Meldingsbox, door: Gebruiker) -> NieuweCode:
    """A new code on paper for a melder who lost theirs (handed over in person).
    Only the receiving officer by assignment: a new code opens the mailbox, so
    holding the identity through the melder's consent is not enough."""

    if not toegang.heeft_toewijzing(melding=meldingsbox.melding, user=door, rollen=[ToewijzingRol.ONTVANGER]):
        raise PermissionDenied
    # Locked: of two renewals at once, the second records the first one's code as
    # replaced, not the code both read.
    meldingsbox = Meldingsbox.objects.select_for_update().get(pk=meldingsbox.pk)
    geheim = _willekeurig(GEHEIM_LENGTE)
    # The new code opens the mailbox for whoever holds it, also an officer who kept
    # it and could then act as the melder. The melder hears of it either way: the
    # old code, which stops working, says from now on when it was replaced
    # (meldingsbox_openen), and a melder who left an address is also mailed, in
    # the outbox of this transaction; content-free as all mail.
    VervangenOntvangstcode.objects.create(meldingsbox=meldingsbox, geheim_hmac=meldingsbox.geheim_hmac)
    meldingsbox.geheim_hmac = _geheim_hmac(kenmerk=meldingsbox.kenmerk, geheim=geheim)
    meldingsbox.save(update_fields=["geheim_hmac", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=meldingsbox, toelichting="code vernieuwd")
    if meldingsbox.notificatie_email:
        bericht_in_wachtrij(
            soort="melder",
            sleutel=eenmalig(),
            adres=meldingsbox.notificatie_email,
            onderwerp=_("De ontvangstcode van uw meldingsbox is vervangen"),
            tekst=_(
                "De ontvangstcode van uw meldingsbox is vervangen door een nieuwe. Uw oude code werkt niet meer.\n\n"
                "Vroeg u zelf om een nieuwe code, dan hoeft u niets te doen. Vroeg u er niet om? Neem dan contact "
                "op met het Huis voor Klokkenluiders (huisvoorklokkenluiders.nl) of met de vertrouwenspersoon van "
                "uw organisatie.\n\n"
                "Deze e-mail bevat bewust geen inhoud."
            ),
        )
    return NieuweCode(meldingsbox=meldingsbox, code=code_opmaken(meldingsbox.kenmerk, geheim))


def _wachttijd_voor(kenmerk: str, nu) -> int:
    recent = MislukteCodepoging.objects.filter(kenmerk=kenmerk, tijdstip__gte=nu - VENSTER)
    aantal = recent.count()
    if aantal < VRIJE_POGINGEN:
        return 0
    laatste = recent.order_by("-tijdstip").values_list("tijdstip", flat=True).first()
    wacht = min(BASIS_WACHTTIJD * 2 ** (aantal - VRIJE_POGINGEN), MAX_WACHTTIJD)
    resterend = wacht - (nu - laatste).total_seconds()
    return max(0, int(resterend + 0.999))


def _globale_wachttijd(nu) -> int:
    """Seconds every attempt waits while many wrong codes arrive (any lookup id)."""
    aantal = MislukteCodepoging.objects.filter(tijdstip__gte=nu - timedelta(minutes=1)).count()
    if aantal <= GLOBALE_DREMPEL:
        return 0
    return min(math.ceil(0.05 * (aantal - GLOBALE_DREMPEL)), GLOBALE_MAX_WACHTTIJD)


def _code_vingerafdruk(schoon: str) -> str:
    # Binds a pass to one code without putting the code in the page.
    return blinde_index(schoon, doel="ontvangstcode:wachtbewijs")[:32]


def _wachtbewijs_maken(schoon: str, nu, wacht: int) -> str:
    return signing.dumps(
        {"c": _code_vingerafdruk(schoon), "t": int(nu.timestamp()) + wacht}, salt=WACHTBEWIJS_ZOUT, compress=False
    )


def _wachtbewijs_geldig(wachtbewijs: str, schoon: str, nu) -> bool:
    """A pass for this very code whose wait is over (and not long ago)."""
    if not wachtbewijs:
        return False
    try:
        inhoud = signing.loads(wachtbewijs, salt=WACHTBEWIJS_ZOUT, max_age=WACHTBEWIJS_GELDIG)
    except signing.BadSignature:
        return False
    if not isinstance(inhoud, dict):
        return False
    vingerafdruk = inhoud.get("c")
    if not isinstance(vingerafdruk, str) or not hmac.compare_digest(vingerafdruk, _code_vingerafdruk(schoon)):
        return False
    return isinstance(inhoud.get("t"), int) and inhoud["t"] <= nu.timestamp()


def _vernietigd(box: Meldingsbox) -> Openpoging:
    # Nothing is left to show; the register keeps only the date.
    verslag = getattr(box.melding, "vernietigingsverslag", None)
    return Openpoging(Uitkomst.VERNIETIGD, vernietigd_op=lokale_datum(verslag.vernietigd_op) if verslag else None)


def meldingsbox_openen(*, code: str, wachtbewijs: str = "") -> Openpoging:
    """Check a receipt code. Wrong and unknown codes answer the same (same work:
    an HMAC is always computed and compared), guessing is slowed per lookup id
    and globally, and never per client address (docs/melderzijde.md). Nothing here
    sleeps: a wait is returned at once as Uitkomst.WACHTEN with the seconds to
    wait (docs/hostile-input.md)."""
    nu = timezone.now()
    schoon = code_normaliseren(code)
    kenmerk, geheim = schoon[:KENMERK_LENGTE], schoon[KENMERK_LENGTE:]
    wacht = _wachttijd_voor(kenmerk, nu)
    if wacht:
        return Openpoging(Uitkomst.WACHTEN, wachttijd=wacht)
    if not _wachtbewijs_geldig(wachtbewijs, schoon, nu):
        globaal = _globale_wachttijd(nu)
        if globaal:
            return Openpoging(Uitkomst.WACHTEN, wachttijd=globaal, wachtbewijs=_wachtbewijs_maken(schoon, nu, globaal))
    box = Meldingsbox.objects.select_related("melding").filter(kenmerk=kenmerk).first()
    verwacht = box.geheim_hmac if box else "0" * 64
    berekend = _geheim_hmac(kenmerk=kenmerk, geheim=geheim)
    if box is not None and len(geheim) == GEHEIM_LENGTE and hmac.compare_digest(verwacht, berekend):
        if box.melding.status == Status.VERNIETIGD:
            return _vernietigd(box)
        with transaction.atomic():
            Meldingsbox.objects.filter(pk=box.pk).update(laatst_geopend_op=nu)
            # The right code clears earlier typos on this lookup id.
            MislukteCodepoging.objects.filter(kenmerk=kenmerk).delete()
            auditregel_schrijven(door=None, actie=AuditActie.INGELOGD, object=box, actor_soort="melder")
        return Openpoging(Uitkomst.GEOPEND, meldingsbox=box)
    # A replaced code of this lookup id: looked up for a wrong and an unknown code
    # alike (the same work), and a match needs the whole old secret.
    for vervangen in VervangenOntvangstcode.objects.filter(meldingsbox__kenmerk=kenmerk).select_related(
        "meldingsbox__melding"
    ):
        if len(geheim) == GEHEIM_LENGTE and hmac.compare_digest(vervangen.geheim_hmac, berekend):
            if vervangen.meldingsbox.melding.status == Status.VERNIETIGD:
                return _vernietigd(vervangen.meldingsbox)
            # Not a guess: no failure is counted. The audit trail shows that the
            # replaced code was used after the renewal (docs/melderzijde.md).
            auditregel_schrijven(
                door=None,
                actie=AuditActie.INLOGGEN_GEWEIGERD,
                object=vervangen.meldingsbox,
                actor_soort="melder",
                toelichting=f"vervangen code van {lokale_datum(vervangen.vervangen_op).isoformat()}",
            )
            return Openpoging(Uitkomst.VERVANGEN, vervangen_op=lokale_datum(vervangen.vervangen_op))
    MislukteCodepoging.objects.create(kenmerk=kenmerk, tijdstip=nu)
    # Keep the table small: failures older than a day count for nothing.
    MislukteCodepoging.objects.filter(tijdstip__lt=nu - timedelta(days=1)).delete()
    return Openpoging(Uitkomst.ONJUIST)
