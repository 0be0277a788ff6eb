"""Which cases and records of this app a user may see (docs/rollen.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from benadeling.models import (
    BenadelingInstelling,
    BeschermdPersoon,
)
from kern.models import Gebruiker
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding, Organisatie
from meldingen.selectors import meldingen_zichtbaar_voor

BENADELING_ROLLEN = (
    ToewijzingRol.ONTVANGER,
    ToewijzingRol.BEHANDELAAR,
    ToewijzingRol.HOOGSTE_LEIDINGGEVENDE,
    ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE,
    ToewijzingRol.CONTACTPERSOON,
)


def meldingen_met_benadeling_voor(*, user: Gebruiker) -> QuerySet[Melding]:
    """Cases this user may see and works on against retaliation."""
    zichtbaar = meldingen_zichtbaar_voor(user=user)
    return zichtbaar.filter(
        toewijzingen__gebruiker=user,
        toewijzingen__rol__in=[str(r) for r in BENADELING_ROLLEN],
        toewijzingen__beeindigd_op__isnull=True,
    ).distinct()


def melding_ophalen_voor_benadeling(*, user: Gebruiker, uuid) -> Melding:
    try:
        return meldingen_met_benadeling_voor(user=user).get(uuid=uuid)
    except (Melding.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404("Melding niet gevonden") from exc


def benadelingsrecords_zichtbaar_voor(*, model: type[Model], user: Gebruiker) -> QuerySet:
    """The rows of a case model of this app that the user may see."""
    return model.objects.filter(melding__in=meldingen_met_benadeling_voor(user=user).values("pk"))


def instelling_voor(*, organisatie: Organisatie) -> BenadelingInstelling:
    """The organisation's settings, or the defaults (an unsaved row) when none exist."""
    instelling = BenadelingInstelling.objects.filter(organisatie=organisatie).first()
    return instelling or BenadelingInstelling(organisatie=organisatie)


def organisaties_voor_personeelszaken(*, user: Gebruiker) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(benadelinginstelling__personeelszaken=user).order_by("naam")


def beschermde_personen_van(*, melding: Melding) -> QuerySet[BeschermdPersoon]:
    return melding.beschermde_personen.all()
