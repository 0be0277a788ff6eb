"""Verifying the audit log against its seals, and telling when it does not match."""

from __future__ import annotations

import contextlib
import hmac
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.auditzegels.anker import anker_afwijking
from kern.auditzegels.formaat import VERSIE, regels_mac, sleutels, zegel_mac
from kern.models import AuditRegel, AuditZegel, Gebruiker
from kern.post import Bericht, berichten_in_wachtrij
from kern.rollen import Rol, groepsnaam

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Afwijking:
    """One finding, by seal number and id range: never an audit row's content."""

    tekst: str
    zegel: int | None = None

    def __str__(self) -> str:
        return f"zegel {self.zegel}: {self.tekst}" if self.zegel is not None else self.tekst


@dataclass
class Controle:
    zegels: int = 0
    regels: int = 0
    onverzegeld: int = 0
    afwijkingen: list[Afwijking] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.afwijkingen


def _bereik(van_id: int, tot_id: int) -> str:
    return f"auditregels {van_id + 1}-{tot_id}" if tot_id > van_id else "geen auditregels"


def _zegel_controleren(zegel: AuditZegel, vorige: AuditZegel | None, afgeleid: dict[str, bytes], controle: Controle):
    fout = controle.afwijkingen.append
    verwacht = vorige.nummer + 1 if vorige else 1
    if zegel.nummer > verwacht:
        weg = (
            f"zegel {verwacht} ontbreekt"
            if zegel.nummer == verwacht + 1
            else f"zegels {verwacht}-{zegel.nummer - 1} ontbreken"
        )
        fout(Afwijking(weg, zegel.nummer))
    elif zegel.nummer < verwacht:
        fout(Afwijking(f"het zegelnummer komt twee keer voor (verwacht: {verwacht})", zegel.nummer))
    grens = vorige.tot_id if vorige else 0
    if zegel.van_id > grens:
        los = AuditRegel.objects.filter(id__gt=grens, id__lte=zegel.van_id).count()
        fout(Afwijking(f"{_bereik(grens, zegel.van_id)} vallen onder geen zegel ({los} aanwezig)", zegel.nummer))
    elif zegel.van_id < grens:
        fout(Afwijking(f"het bereik overlapt dat van de vorige zegel (tot auditregel {grens})", zegel.nummer))
    if zegel.vorige_mac != (vorige.mac if vorige else ""):
        fout(Afwijking("de keten is verbroken: de vorige zegel is niet die waarop deze verder bouwt", zegel.nummer))
    sleutel = afgeleid.get(zegel.sleutel_id)
    if sleutel is None:
        fout(Afwijking("gemaakt met een sleutel die niet is ingesteld (AUDIT_SEAL_KEYS)", zegel.nummer))
        return
    if zegel.versie != VERSIE or not hmac.compare_digest(zegel_mac(sleutel, zegel), zegel.mac):
        fout(Afwijking(f"de zegel zelf is gewijzigd ({_bereik(zegel.van_id, zegel.tot_id)})", zegel.nummer))
    aantal, mac_van_regels = regels_mac(sleutel, van_id=zegel.van_id, tot_id=zegel.tot_id)
    controle.regels += aantal
    if aantal < zegel.aantal:
        n = zegel.aantal - aantal
        wat = f"er {'ontbreekt' if n == 1 else 'ontbreken'} {n} van de {zegel.aantal} verzegelde auditregels"
    elif aantal > zegel.aantal:
        n = aantal - zegel.aantal
        regels = "auditregel" if n == 1 else "auditregels"
        wat = f"er {'is' if n == 1 else 'zijn'} {n} {regels} bijgekomen bij de {zegel.aantal} verzegelde"
    elif not hmac.compare_digest(mac_van_regels, zegel.regels_mac):
        wat = "auditregels zijn gewijzigd of verwisseld"
    else:
        return
    fout(Afwijking(f"{_bereik(zegel.van_id, zegel.tot_id)}: {wat}", zegel.nummer))


def auditlog_controleren(*, nu: datetime | None = None) -> Controle:
    """Recompute every seal and the rows of every range; report what does not
    match, and rows that stay unsealed too long.

    On PostgreSQL in one snapshot (REPEATABLE READ, read-only: writers go on). On
    SQLite without a transaction: there every transaction of the application takes
    the write lock up front (docs/adr/0008-intake-onder-last.md), and the intake
    must not wait for the check. Sealed ranges are final and seals are only
    appended, so statements that see different moments find nothing that is not there."""
    nu = nu or timezone.now()
    controle = Controle()
    afgeleid = sleutels()
    postgresql = connection.vendor == "postgresql"
    eigen_transactie = not connection.in_atomic_block
    with transaction.atomic() if postgresql else contextlib.nullcontext():
        if postgresql and eigen_transactie:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        vorige = None
        for zegel in AuditZegel.objects.order_by("nummer").iterator(chunk_size=500):
            _zegel_controleren(zegel, vorige, afgeleid, controle)
            controle.zegels += 1
            vorige = zegel
        grens = vorige.tot_id if vorige else 0
        na = AuditRegel.objects.filter(id__gt=grens)
        controle.onverzegeld = na.count()
        grenstijd = nu - timedelta(minutes=settings.MELDPUNT_AUDITZEGEL_MAX_ACHTERSTAND_MINUTEN)
        oud = na.filter(tijdstip__lt=grenstijd).aggregate(n=Count("id"), eerste=Min("id"), laatste=Max("id"))
        if oud["n"]:
            controle.afwijkingen.append(
                Afwijking(
                    f"{oud['n']} auditregels (ids {oud['eerste']}-{oud['laatste']}) zijn ouder dan "
                    f"{settings.MELDPUNT_AUDITZEGEL_MAX_ACHTERSTAND_MINUTEN} minuten en niet verzegeld: het "
                    "verzegelen loopt niet, wacht op een transactie die zo lang openstaat, of de nieuwste "
                    "zegels zijn verwijderd"
                )
            )
        anker = anker_afwijking()
        if anker:
            controle.afwijkingen.append(Afwijking(anker))
    return controle


def afwijkingen_melden(*, controle: Controle) -> int:
    """Log every finding (seal numbers and id ranges only) and tell the functioneel
    beheerders by a content-free e-mail through the outbox, once a day each.
    Returns the number of messages offered."""
    for afwijking in controle.afwijkingen:
        logger.error("auditlog: %s", afwijking)
    if controle.in_orde:
        return 0
    beheerders = Gebruiker.objects.filter(groups__name=groepsnaam(Rol.FUNCTIONEEL_BEHEERDER), is_active=True).exclude(
        email=""
    )
    onderwerp = _("Meldpunt: het auditlog wijkt af van zijn zegels")
    tekst = _(
        "De controle van het auditlog van Meldpunt heeft een afwijking gevonden: auditregels of hun "
        "zegels zijn buiten de applicatie om verwijderd, gewijzigd of toegevoegd, of het verzegelen "
        "loopt al te lang niet.\n\n"
        "Vraag de beheerder van de servers om de controle (manage.py auditlog_controleren) te bekijken "
        "en de uitkomst met u te bespreken.\n\n"
        "Deze e-mail bevat bewust geen inhoud."
    )
    dag = timezone.localdate().isoformat()
    with transaction.atomic():
        return berichten_in_wachtrij(
            soort="auditlog",
            berichten=[
                Bericht(sleutel=f"auditlog:{dag}:{g.pk}", adres=g.email, onderwerp=onderwerp, tekst=tekst)
                for g in beheerders.distinct().order_by("pk")
            ],
        )
