"""Reads of investigations, permission-filtered: an investigator sees only the
investigations assigned to them; missing and forbidden both answer 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kern import toegang
from kern.models import Gebruiker
from kern.services import object_type_van
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import TermijnSoort, VerzoekSoort, VerzoekStatus
from meldingen.models import Termijn, Vastlegging, Verzoek
from onderzoek.constants import CONCEPTRAPPORT_OPMERKINGEN, Gehoorde, RapportStatus
from onderzoek.models import Onderzoek, Rapport, Verhoor
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


def open_melderverzoeken_van(*, onderzoeken) -> QuerySet[Verzoek]:
    """The open mailbox requests these investigations put to the melder: comments
    on a concept report (Art. 10.5) and approval of the record of the melder's
    hearing (Art. 10.1). No access check: for services that decide what happens to
    the requests (e.g. what withdrawing the report leaves open)."""

    rapporten = Rapport.objects.filter(onderzoek__in=onderzoeken).values_list("uuid", flat=True)
    verslagen = Verhoor.objects.filter(onderzoek__in=onderzoeken, gehoorde=Gehoorde.MELDER).values_list(
        "vastlegging__uuid", flat=True
    )
    return Verzoek.objects.filter(status=VerzoekStatus.OPEN).filter(
        Q(
            soort=CONCEPTRAPPORT_OPMERKINGEN,
            object_type=object_type_van(Rapport),
            object_uuid__in=[str(u) for u in rapporten],
        )
        | Q(
            soort=VerzoekSoort.VASTLEGGING_GOEDKEUREN,
            object_type=object_type_van(Vastlegging),
            object_uuid__in=[str(u) for u in verslagen],
        )
    )


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
