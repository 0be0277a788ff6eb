"""Every read of the annual report and the regulation, filtered by who may see it.

The HL works on the reports of organisations where they are Functionaris
HOOGSTE_LEIDINGGEVENDE; an OR member on those of their own OR. Missing and
forbidden both answer 404. Nothing here reads a case.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from meldingen import selectors as meldingen_selectors
from rapportage.constants import VersieAanleiding
from rapportage.models import Jaarrapportage, OrLidmaatschap, OrStandpunt, RapportageVersie, RegelingVersie

HL_FUNCTIE = "hoogste_leidinggevende"  # meldingen.Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE


def hl_organisaties(*, user) -> QuerySet:
    if not user.has_perm("rapportage.vaststellen_jaarrapportage"):
        return meldingen_selectors.organisaties_met_functie(user=user, functie="-").none()
    return meldingen_selectors.organisaties_met_functie(user=user, functie=HL_FUNCTIE)


def or_organisatie_ids(*, user) -> QuerySet:
    if not user.is_authenticated or not user.is_active or not user.has_perm("rapportage.goedkeuren_jaarrapportage"):
        return OrLidmaatschap.objects.none().values("organisatie_id")
    return OrLidmaatschap.objects.filter(gebruiker=user).values("organisatie_id")


def is_hl(*, user, organisatie) -> bool:
    return hl_organisaties(user=user).filter(pk=organisatie.pk).exists()


def is_or_lid(*, user, organisatie) -> bool:
    return or_organisatie_ids(user=user).filter(organisatie_id=organisatie.pk).exists()


def rapportages_zichtbaar_voor(*, user) -> QuerySet[Jaarrapportage]:
    if not user.is_authenticated or not user.has_perm("rapportage.view_jaarrapportage"):
        return Jaarrapportage.objects.none()
    return (
        Jaarrapportage.objects.filter(
            Q(organisatie__in=hl_organisaties(user=user).values("pk"))
            | Q(organisatie__in=or_organisatie_ids(user=user))
        )
        .select_related("organisatie")
        .order_by("organisatie__naam", "-jaar")
    )


def rapportage_ophalen_voor(*, user, uuid: UUID | str) -> Jaarrapportage:
    try:
        return rapportages_zichtbaar_voor(user=user).get(uuid=uuid)
    except (Jaarrapportage.DoesNotExist, ValueError) as exc:
        raise Http404("Jaarrapportage niet gevonden") from exc


def versies_voor(*, user, rapportage: Jaarrapportage) -> QuerySet[RapportageVersie]:
    """The HL sees every version; the OR only what was put before it (Art. 14.3)."""
    qs = rapportage.versies.select_related("ondertekend_door", "gemaakt_door").defer("pdf").order_by("nummer")
    if is_hl(user=user, organisatie=rapportage.organisatie):
        return qs
    return qs.exclude(aanleiding=VersieAanleiding.VOORBEELD)


def versie_ophalen_voor(*, user, uuid: UUID | str) -> RapportageVersie:
    try:
        versie = RapportageVersie.objects.select_related("rapportage__organisatie").get(uuid=uuid)
    except (RapportageVersie.DoesNotExist, ValueError) as exc:
        raise Http404("Versie niet gevonden") from exc
    rapportage = rapportage_ophalen_voor(user=user, uuid=versie.rapportage.uuid)
    if not versies_voor(user=user, rapportage=rapportage).filter(pk=versie.pk).exists():
        raise Http404("Versie niet gevonden")
    return versie


def standpunten_voor(*, rapportage: Jaarrapportage) -> QuerySet[OrStandpunt]:
    """The OR's own standpunten on this report; the caller has checked access."""
    return rapportage.standpunten.select_related("door", "versie").order_by("created_at")


def laatste_versie(*, rapportage: Jaarrapportage, voor_or: bool = False) -> RapportageVersie | None:
    """The newest version; with `voor_or`, the newest the OR was given (no previews)."""
    qs = rapportage.versies.defer("pdf").order_by("-nummer")
    if voor_or:
        qs = qs.exclude(aanleiding=VersieAanleiding.VOORBEELD)
    return qs.first()


def regeling_versies(*, organisatie) -> QuerySet[RegelingVersie]:
    return RegelingVersie.objects.filter(organisatie=organisatie).order_by("-nummer")


def regeling_huidig(*, organisatie, op=None) -> RegelingVersie | None:
    """The version in force today (Art. 14.1): the newest that has started."""
    op = op or timezone.localdate()
    return regeling_versies(organisatie=organisatie).filter(in_werking_op__lte=op).first()


def regeling_gepubliceerd(*, organisatie) -> bool:
    """Whether the organisation's regulation is published (Art. 14.1); the
    melder's form links to it only then."""
    return regeling_huidig(organisatie=organisatie) is not None


def regeling_publieke_url(organisatie) -> str | None:
    """The public URL of the published regulation (Art. 14.1), or None while
    nothing is published; registered with meldingen.uitbreidingen.regeling_registreren."""
    if not regeling_gepubliceerd(organisatie=organisatie):
        return None
    return reverse("rapportage:regeling", kwargs={"slug": organisatie.slug})
