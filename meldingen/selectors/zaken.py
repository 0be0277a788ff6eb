"""Staff reads of a case, permission-filtered through kern.toegang: missing and
forbidden both answer 404 (docs/vertrouwelijkheid.md)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from kern import toegang
from kern.models import Gebruiker
from kern.models import Gebruiker as GebruikerModel
from kern.rollen import groepsnaam
from meldingen.constants import ToestemmingSoort, VerzoekStatus
from meldingen.models import Bijlage, Melding, MeldingKoppeling, Toestemming, Vastlegging


def meldingen_zichtbaar_voor(*, user: Gebruiker, perm: str = "meldingen.view_melding") -> QuerySet[Melding]:
    """The cases this user is assigned to (kern.toegang.zichtbaar_voor)."""
    return toegang.zichtbaar_voor(user=user, perm=perm, klass=Melding)


def melding_ophalen_voor(*, user: Gebruiker, uuid: UUID | str, perm: str = "meldingen.view_melding") -> Melding:
    return toegang.object_of_404(meldingen_zichtbaar_voor(user=user, perm=perm), uuid=uuid)


def tijdlijn_voor(*, melding: Melding):
    """The case timeline; the caller has checked access to `melding`."""
    return melding.gebeurtenissen.select_related("door", "toelichting_rij").order_by("tijdstip", "id")


def toewijzingen_voor(*, melding: Melding, actief: bool = True):
    qs = melding.toewijzingen.select_related("gebruiker")
    return qs.filter(beeindigd_op__isnull=True) if actief else qs


def koppelingen_voor(*, melding: Melding, user: Gebruiker):
    """Linked reports, only those the user may see as well."""

    zichtbaar = meldingen_zichtbaar_voor(user=user).values("pk")
    return (
        MeldingKoppeling.objects.filter(Q(van=melding, naar__in=zichtbaar) | Q(naar=melding, van__in=zichtbaar))
        .select_related("van", "naar")
        .order_by("created_at")
    )


def gebruikers_met_rol(*, rol) -> QuerySet:

    return GebruikerModel.objects.filter(is_active=True, groups__name=groepsnaam(rol)).order_by("last_name")


def _met_identiteit() -> Q:
    """Attachments that carry the melder's identity: the signed paper copy of a
    written record, and a signed consent (meldingen.services.toestemming)."""

    # The adviser's signed consent names the adviser (and the melder): the same rule (Art. 7.4).
    return (
        Q(Exists(Vastlegging.objects.filter(getekend_exemplaar=OuterRef("pk"))))
        | Q(Exists(Toestemming.objects.filter(getekend_document=OuterRef("pk"))))
        | Q(Exists(Toestemming.objects.filter(adviseur_document=OuterRef("pk"))))
    )


def bijlage_ophalen_voor(*, user: Gebruiker, uuid: UUID | str) -> Bijlage:
    """An attachment for staff: only while assigned to its case; else 404 (docs/vertrouwelijkheid.md).
    A document that carries the identity needs the identity permission (Art. 7.2)."""
    bijlage = toegang.object_of_404(
        Bijlage.objects.select_related("melding"), uuid=uuid, melding__in=meldingen_zichtbaar_voor(user=user)
    )
    if Bijlage.objects.filter(pk=bijlage.pk).filter(_met_identiteit()).exists() and not toegang.mag(
        user=user, perm="meldingen.identiteit_inzien", obj=bijlage.melding
    ):
        raise Http404
    return bijlage


def toegewezen_gebruikers(*, melding: Melding) -> QuerySet:
    """Staff currently assigned to the case, for choosing recipients."""

    return (
        GebruikerModel.objects.filter(toewijzingen__melding=melding, toewijzingen__beeindigd_op__isnull=True)
        .distinct()
        .order_by("last_name", "first_name")
    )


def brieven_bij_vertrouwenspersoon(*, melding: Melding) -> QuerySet:
    """Letters held for forwarding by the vertrouwenspersoon (Art. 7.3)."""
    return melding.brieven.filter(via_vertrouwenspersoon=True, bij_melder_op__isnull=True).order_by("verzonden_op")


def brieven_voor_personeel(*, melding: Melding) -> QuerySet:
    return melding.brieven.order_by("verzonden_op", "id")


def vastleggingen_voor(*, melding: Melding) -> QuerySet:
    return melding.vastleggingen.order_by("created_at")


def berichten_voor(*, melding: Melding) -> QuerySet:
    return melding.berichten.order_by("created_at")


def bijlagen_voor(*, melding: Melding, user: Gebruiker) -> QuerySet:
    qs = melding.bijlagen.order_by("created_at")
    if not toegang.mag(user=user, perm="meldingen.identiteit_inzien", obj=melding):
        qs = qs.exclude(_met_identiteit())
    return qs


def open_verzoeken_voor(*, melding: Melding) -> QuerySet:
    return melding.verzoeken.filter(status=VerzoekStatus.OPEN).order_by("created_at")


def adviseurtoestemmingen_open(*, melding: Melding) -> QuerySet:
    """Consents to disclose the adviser (Art. 7.4) still waiting for the adviser's own."""
    return Toestemming.objects.filter(
        melding=melding,
        soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN,
        adviseur_akkoord_op__isnull=True,
        ingetrokken_op__isnull=True,
    ).order_by("created_at")


def verzoeken_bij_vertrouwenspersoon(*, melding: Melding) -> QuerySet:
    """Requests held for the vertrouwenspersoon to forward (Art. 7.3)."""
    return melding.verzoeken.filter(status=VerzoekStatus.OPEN, bij_melder_op__isnull=True).order_by("created_at")
