"""The task lists on the dashboard: only the user's own tasks on cases they are
assigned to."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import QuerySet

from benadeling import workflow
from benadeling.constants import RISICOGESPREK, VoornemenBron, VoornemenStatus
from benadeling.models import (
    Benadelingsmelding,
    Onderzoeksverzoek,
    VoorgenomenMaatregel,
)
from kern.models import Gebruiker
from meldingen.constants import ToewijzingRol
from meldingen.models import Termijn, Toewijzing


def _met_stap(procedure, kandidaten: QuerySet, naar, user) -> QuerySet:
    """The user's tasks are the steps the tables allow them now (benadeling.workflow)."""
    return kandidaten.filter(pk__in=[obj.pk for obj in workflow.met_stap(procedure, kandidaten, naar, user)])


def risicogesprekken_te_voeren(*, user: Gebruiker) -> list[SimpleNamespace]:
    """Art. 6.1: the open risk-conversation terms (deadline engine) of the cases
    where this user is contactpersoon, earliest first."""
    mijn = Toewijzing.objects.filter(
        gebruiker=user, rol=ToewijzingRol.CONTACTPERSOON, beeindigd_op__isnull=True
    ).values("melding_id")
    termijnen = (
        Termijn.objects.open()
        .filter(soort=RISICOGESPREK, melding_id__in=mijn)
        .select_related("melding__organisatie")
        .order_by("due")
    )
    return [SimpleNamespace(melding=t.melding, uiterlijk=t.due) for t in termijnen]


def motiveringstaken_voor_ontvanger(*, user: Gebruiker) -> QuerySet[VoorgenomenMaatregel]:
    """Art. 5.4 tasks of the receiving officer: an HR check matched a protected
    person of their case within the period, and the HL's motivation is needed.
    (A measure recorded on the case goes to the HL directly.)"""
    meldingen = Toewijzing.objects.filter(
        gebruiker=user, rol=ToewijzingRol.ONTVANGER, beeindigd_op__isnull=True
    ).values("melding_id")
    kandidaten = VoorgenomenMaatregel.objects.filter(
        melding_id__in=meldingen, bron=VoornemenBron.PERSONEELSZAKEN
    ).select_related("melding")
    return _met_stap(workflow.VOORNEMEN, kandidaten, [VoornemenStatus.MOTIVERING_GEVRAAGD], user)


def motiveringen_te_ondertekenen(*, user: Gebruiker) -> QuerySet[VoorgenomenMaatregel]:
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    return VoorgenomenMaatregel.objects.filter(
        melding_id__in=meldingen,
        status__in=[VoornemenStatus.MOTIVERING_VEREIST, VoornemenStatus.MOTIVERING_GEVRAAGD],
    ).select_related("melding")


def benadelingsmeldingen_te_behandelen(*, user: Gebruiker) -> QuerySet[Benadelingsmelding]:
    """Forwarded claims without an outcome, for the HL (or RvC) of the case (Art. 6.2–6.3)."""
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    kandidaten = Benadelingsmelding.objects.filter(melding_id__in=meldingen).select_related("melding")
    return _met_stap(workflow.CLAIM, kandidaten, [workflow.ClaimStatus.AFGEHANDELD], user)


def _verzoeken_van_leiding(*, user: Gebruiker) -> QuerySet[Onderzoeksverzoek]:
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    return Onderzoeksverzoek.objects.filter(melding_id__in=meldingen).select_related("melding")


def onderzoeksverzoeken_open(*, user: Gebruiker) -> QuerySet[Onderzoeksverzoek]:
    """Art. 13.1: requests the HL (or RvC) of the case is to decide on."""
    return _met_stap(
        workflow.VERZOEK,
        _verzoeken_van_leiding(user=user),
        [workflow.VerzoekStatus.INGEWILLIGD, workflow.VerzoekStatus.AFGEWEZEN],
        user,
    )


def reacties_te_beantwoorden(*, user: Gebruiker) -> QuerySet[Onderzoeksverzoek]:
    """Art. 12.2 via 13.2: the melder's reasoned reactions to the standpunt after an
    investigation into the treatment, which the HL (or RvC) of the case answers."""
    return _met_stap(workflow.VERZOEK, _verzoeken_van_leiding(user=user), [workflow.VerzoekStatus.BEANTWOORD], user)
