"""Reads of organisations and who holds which function there."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from kern.models import Gebruiker
from meldingen.constants import Kanaal
from meldingen.models import Functionaris, Organisatie, Registerteller, Rolwijziging


def organisaties_voor_voordeur() -> list[Organisatie]:
    """The organisations the front door may list: only when the installation
    allows it (MELDPUNT_ORGANISATIES_OP_VOORPAGINA; the demo does), and only
    those with someone to receive a web report. Otherwise none: a shared
    installation does not tell who its clients are."""
    if not settings.MELDPUNT_ORGANISATIES_OP_VOORPAGINA:
        return []
    return list(Organisatie.objects.filter(functionarissen__functie__in=Kanaal.values).distinct().order_by("naam"))


def organisatie_ophalen_op_slug(*, slug: str) -> Organisatie:
    try:
        # With its shorter terms: a submission starts its terms without another query.
        return Organisatie.objects.select_related("termijninstelling").get(slug=slug)
    except Organisatie.DoesNotExist as exc:
        raise Http404 from exc


def kanalen_met_ontvangers(*, organisatie: Organisatie) -> list[Kanaal]:
    """The recipients a melder can choose: only channels with at least one officer,
    or a report would reach nobody (docs/rollen.md)."""
    bezet = set(organisatie.functionarissen.filter(functie__in=Kanaal.values).values_list("functie", flat=True))
    return [kanaal for kanaal in Kanaal if kanaal.value in bezet]


def organisaties_met_functie(*, user: Gebruiker, functie: str) -> QuerySet:
    """Organisations where this user holds `functie` (a Functionaris.Functie)."""

    if not user.is_authenticated or not user.is_active:
        return Organisatie.objects.none()
    return Organisatie.objects.filter(functionarissen__gebruiker=user, functionarissen__functie=functie).distinct()


def organisaties_als_ontvanger(*, user: Gebruiker) -> QuerySet:
    """Organisations where the user receives reports on some channel (docs/rollen.md)."""
    return (
        Organisatie.objects.filter(functionarissen__gebruiker=user, functionarissen__functie__in=list(Kanaal))
        .distinct()
        .order_by("naam")
    )


def rolwijzigingen_zichtbaar_voor(*, user: Gebruiker) -> QuerySet[Rolwijziging]:
    """The role changes this user may read (docs/rollen.md, docs/threat-model.md §3).

    Whoever may propose them, the functioneel beheerder, configures every
    organisation of the installation and reads them all. The hoogste leidinggevende
    and the hoogste verantwoordelijke approve them for their own organisations and
    read only those: a proposal of another organisation says who is to receive its
    reports, which is none of their business. Anyone else reads none. The admin
    answers 404 for one outside this set (kern.admin.NietGevondenMixin)."""
    if not user.is_authenticated or not user.is_active:
        return Rolwijziging.objects.none()
    if user.has_perm("meldingen.add_rolwijziging"):
        return Rolwijziging.objects.all()
    leiding = (Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE, Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE)
    organisaties = Functionaris.objects.filter(gebruiker=user, functie__in=leiding).values("organisatie_id")
    return Rolwijziging.objects.filter(organisatie_id__in=organisaties)


def registerjaren_voor(*, user: Gebruiker) -> list[int]:
    """The register years, newest first, of the organisations where this user
    holds a function: the choices of the triage list's year filter. Read from the
    register counters (one row per organisation and year), not from the cases:
    the filter costs nothing however many cases there are (issue 16)."""
    if not user.is_authenticated or not user.is_active:
        return []
    organisaties = Functionaris.objects.filter(gebruiker=user).values("organisatie_id")
    return list(
        Registerteller.objects.filter(organisatie_id__in=organisaties)
        .order_by("-jaar")
        .values_list("jaar", flat=True)
        .distinct()
    )
