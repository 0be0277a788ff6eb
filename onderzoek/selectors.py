"""Reads of investigations, permission-filtered: an investigator sees only the
investigations assigned to them; missing and forbidden both answer 404."""

from __future__ import annotations

from django.db.models import QuerySet

from kern import toegang
from kern.models import Gebruiker
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import TermijnSoort
from meldingen.models import Termijn
from onderzoek.constants import Gehoorde, RapportStatus
from onderzoek.models import Onderzoek, Verhoor
from onderzoek.overgangen import LOPENDE_STATUSSEN, OPEN_STATUSSEN, werkbaar_filter


def onderzoeken_zichtbaar_voor(*, user: Gebruiker, perm: str = "onderzoek.view_onderzoek") -> QuerySet[Onderzoek]:
    return toegang.zichtbaar_voor(user=user, perm=perm, klass=Onderzoek)


def onderzoek_ophalen_voor(*, user: Gebruiker, uuid, perm: str = "onderzoek.view_onderzoek") -> Onderzoek:
    return toegang.object_of_404(onderzoeken_zichtbaar_voor(user=user, perm=perm), uuid=uuid)


def onderzoeken_in_uitvoering(*, user: Gebruiker, melding) -> QuerySet[Onderzoek]:
    """The running investigations of this case that this user investigates (Art. 10)."""

    return onderzoeken_zichtbaar_voor(user=user, perm="onderzoek.onderzoek_uitvoeren").filter(
        werkbaar_filter(), melding=melding, status__in=LOPENDE_STATUSSEN
    )


def onderzoeken_niet_beeindigd(*, melding) -> QuerySet[Onderzoek]:
    """The investigations of this case from whose state a row still leads (onderzoek.workflow)."""

    return melding.onderzoeken.filter(status__in=OPEN_STATUSSEN).order_by("created_at")


def verhoren_zonder_afschrift(*, user: Gebruiker, melding):
    """Others heard in this user's running investigations without a recorded copy (Art. 10.2)."""

    return Verhoor.objects.filter(
        onderzoek__in=onderzoeken_in_uitvoering(user=user, melding=melding),
        gehoorde=Gehoorde.ANDER,
        afschrift_gegeven_op__isnull=True,
    ).order_by("created_at")


def standpunttermijn_loopt(*, melding) -> bool:
    """Whether the case's own standpunt term is open (Art. 11.2: it can be extended)."""

    return Termijn.objects.open().filter(melding=melding, soort=TermijnSoort.STANDPUNT, onderwerp="").exists()


def concept_van(*, onderzoek: Onderzoek):
    """The open concept report of an investigation the caller may work on, or None."""

    return onderzoek.rapporten.filter(status=RapportStatus.CONCEPT).first()


def verhoren_te_tekenen(*, user: Gebruiker, melding):
    """Hearings of this user's running investigations whose record is not yet approved."""

    return (
        Verhoor.objects.filter(onderzoek__in=onderzoeken_in_uitvoering(user=user, melding=melding))
        .exclude(vastlegging__status=VastleggingStatus.GOEDGEKEURD)
        .filter(niet_goedgekeurd_op__isnull=True)
        .order_by("created_at")
    )
