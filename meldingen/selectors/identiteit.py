"""Reads of the melder's requests to erase their identity (AVG art. 17): for the
mailbox, bound to its case, and for the receiving officer's case screen, on a case
the caller has already opened through its selector."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat

from kern.kalender import lokale_datum
from kern.models import Gebruiker
from meldingen.constants import Status, TermijnSoort, ToewijzingRol, WissingStatus
from meldingen.models import MelderIdentiteit, Melding, Termijn, Wissingsverzoek
from meldingen.selectors.zaken import meldingen_zichtbaar_voor


@dataclass(frozen=True)
class Wissingsstand:
    """Where the melder's erasure stands: whether there is an identity to erase, the
    request waiting (for the answer, or for its letter to reach the melder through
    the vertrouwenspersoon, Art. 7.3) and the day it is due, and the last answer
    the melder has."""

    heeft_identiteit: bool
    wachtend: Wissingsverzoek | None
    uiterlijk: date | None
    laatste_besluit: Wissingsverzoek | None

    @property
    def mag_vragen(self) -> bool:
        return self.heeft_identiteit and self.wachtend is None


def wissingsverzoek_open(*, melding: Melding) -> Wissingsverzoek | None:
    return Wissingsverzoek.objects.filter(melding=melding, status=WissingStatus.GEVRAAGD).first()


def wissingstermijn_onderwerp(verzoek: Wissingsverzoek) -> str:
    """The subject of the request's term (Termijn.onderwerp): one term per request."""
    return f"wissingsverzoek:{verzoek.pk}"


def wissing_uiterlijk(*, verzoek: Wissingsverzoek) -> date | None:
    """The last day of the request's term (AVG art. 12(3)), in Amsterdam."""
    due = (
        Termijn.objects.filter(
            melding_id=verzoek.melding_id,
            soort=TermijnSoort.IDENTITEIT_WISSEN,
            onderwerp=wissingstermijn_onderwerp(verzoek),
        )
        .values_list("due", flat=True)
        .first()
    )
    return lokale_datum(due) if due else None


def wissingsverzoeken_te_beantwoorden(*, user: Gebruiker) -> QuerySet[Wissingsverzoek]:
    """The requests waiting for this user's answer: on cases they received (the
    receiving officer answers, AVG art. 17), oldest due first, with `uiterlijk`."""
    due = Termijn.objects.filter(
        melding_id=OuterRef("melding_id"),
        soort=TermijnSoort.IDENTITEIT_WISSEN,
        onderwerp=Concat(Value("wissingsverzoek:"), Cast(OuterRef("pk"), CharField())),
    ).values("due")[:1]
    return (
        Wissingsverzoek.objects.filter(
            status=WissingStatus.GEVRAAGD,
            melding__in=meldingen_zichtbaar_voor(user=user),
            melding__toewijzingen__gebruiker=user,
            melding__toewijzingen__rol=ToewijzingRol.ONTVANGER,
            melding__toewijzingen__beeindigd_op__isnull=True,
        )
        .annotate(uiterlijk=Subquery(due))
        .select_related("melding")
        .order_by("uiterlijk", "id")
    )


def wissingsstand(*, melding: Melding) -> Wissingsstand:
    verzoeken = list(Wissingsverzoek.objects.filter(melding=melding).select_related("brief").order_by("-id"))
    wachtend = next(
        (v for v in verzoeken if v.status == WissingStatus.GEVRAAGD or (v.brief and not v.brief.bij_melder_op)),
        None,
    )
    return Wissingsstand(
        heeft_identiteit=melding.status != Status.VERNIETIGD
        and MelderIdentiteit.objects.filter(melding=melding).exists(),
        wachtend=wachtend,
        uiterlijk=wissing_uiterlijk(verzoek=wachtend) if wachtend else None,
        laatste_besluit=next((v for v in verzoeken if v.brief and v.brief.bij_melder_op), None),
    )


def identiteit_gewist_op(*, melding: Melding):
    """When the identity was erased on the melder's request, or None."""
    return (
        Wissingsverzoek.objects.filter(melding=melding, status=WissingStatus.UITGEVOERD)
        .order_by("-besloten_op")
        .values_list("besloten_op", flat=True)
        .first()
    )
