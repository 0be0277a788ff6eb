"""Every read of case objects, already filtered by permission (STYLE.md).

Missing and forbidden both answer 404: a user without an assignment cannot even
learn that a case exists (DESIGN.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user

from kern.models import Gebruiker
from meldingen.constants import Kanaal, Soort, Status, TermijnSoort, ToewijzingRol, VerzoekStatus
from meldingen.models import Bijlage, Brief, Melding, Meldingsbox, Organisatie, Verzoek


def melding_list_visible_for(*, user: Gebruiker, perm: str = "meldingen.view_melding") -> QuerySet[Melding]:
    """The cases this user is assigned to. A role or a global permission gives none:
    global perms are ignored and superusers get no bypass (DESIGN.md §7)."""
    if not user.is_authenticated or not user.is_active:
        return Melding.objects.none()
    return get_objects_for_user(
        user, perm, klass=Melding, accept_global_perms=False, with_superuser=False, use_groups=False
    )


def melding_get_for_user(*, user: Gebruiker, uuid: UUID | str, perm: str = "meldingen.view_melding") -> Melding:
    try:
        return melding_list_visible_for(user=user, perm=perm).get(uuid=uuid)
    except (Melding.DoesNotExist, ValueError, ValidationError) as exc:  # missing, forbidden or malformed
        raise Http404("Melding niet gevonden") from exc


def mag(*, user: Gebruiker, perm: str, melding: Melding) -> bool:
    """Object permission check without global or superuser shortcuts."""
    return melding_list_visible_for(user=user, perm=perm).filter(pk=melding.pk).exists()


def tijdlijn_voor(*, melding: Melding):
    """The case timeline; the caller has checked access to `melding`."""
    return melding.gebeurtenissen.select_related("door").order_by("tijdstip", "id")


def toewijzingen_voor(*, melding: Melding, actief: bool = True):
    qs = melding.toewijzingen.select_related("gebruiker")
    return qs.filter(beeindigd_op__isnull=True) if actief else qs


def koppelingen_voor(*, melding: Melding, user: Gebruiker):
    """Linked reports, only those the user may see as well."""
    from django.db.models import Q

    from meldingen.models import MeldingKoppeling

    zichtbaar = melding_list_visible_for(user=user).values("pk")
    return (
        MeldingKoppeling.objects.filter(Q(van=melding, naar__in=zichtbaar) | Q(naar=melding, van__in=zichtbaar))
        .select_related("van", "naar")
        .order_by("created_at")
    )


def gebruikers_met_rol(*, rol) -> QuerySet:
    from kern.models import Gebruiker as GebruikerModel
    from kern.rollen import groepsnaam

    return GebruikerModel.objects.filter(is_active=True, groups__name=groepsnaam(rol)).order_by("last_name")


# --- The melder's side -------------------------------------------------------------
# The melder has no account: the mailbox is found by the UUID the session holds
# after the receipt code was checked (meldingen.services.meldingsbox).


# The status in plain language and the statutory next step, for the melder.
UITLEG_PER_STATUS = {
    Status.ONTVANGEN: (
        _("Uw melding is ontvangen en geregistreerd."),
        _(
            "U krijgt binnen 7 dagen een ontvangstbevestiging (Art. 8.5). Wordt er geen onderzoek gedaan, "
            "dan hoort u dat binnen 2 weken, met de reden (Art. 9.2)."
        ),
    ),
    Status.IN_BEHANDELING: (
        _("Uw melding wordt beoordeeld."),
        _(
            "Binnen 2 weken na uw melding hoort u of er géén onderzoek komt (Art. 9.2). Het standpunt krijgt u "
            "binnen 8 weken (Art. 11.1); uiterlijk 3 maanden na de ontvangstbevestiging hoort u hoe uw melding "
            "is beoordeeld en opgevolgd."
        ),
    ),
    Status.IN_ONDERZOEK: (
        _("Er is een onderzoek ingesteld."),
        _(
            "U krijgt de gelegenheid gehoord te worden en op het conceptrapport te reageren (Art. 10). Het standpunt "
            "krijgt u binnen 8 weken na uw melding, tenzij u bericht krijgt dat het langer duurt (Art. 11.1–11.2)."
        ),
    ),
    Status.NIET_IN_ONDERZOEK: (
        _("Er komt geen onderzoek naar uw melding."),
        _("U hebt een brief met de reden ontvangen (Art. 9.2). U kunt daarover een bericht sturen."),
    ),
    Status.DOORVERWEZEN: (
        _("Uw melding is doorverwezen."),
        _("In de brief in uw meldingsbox staat waarheen en waarom."),
    ),
    Status.STANDPUNT_VERZONDEN: (
        _("U hebt het standpunt ontvangen."),
        _("U kunt op het onderzoeksrapport en het standpunt reageren (Art. 12.1)."),
    ),
    Status.WEDERHOOR: (
        _("Uw reactie op het standpunt wordt bekeken."),
        _("U krijgt een inhoudelijke reactie; zo nodig volgt nader onderzoek (Art. 12.2)."),
    ),
    Status.AFGESLOTEN: (_("De behandeling van uw melding is afgerond."), _("Er volgen geen stappen meer.")),
    Status.INGETROKKEN: (_("Uw melding is ingetrokken."), _("Er volgen geen stappen meer.")),
    Status.VERNIETIGD: (_("De gegevens van uw melding zijn vernietigd."), _("Er volgen geen stappen meer.")),
}
UITLEG_ADVIESVRAAG = (
    _("Uw vraag om advies is ontvangen."),
    _(
        "De ontvanger behandelt uw vraag vertrouwelijk en neemt contact met u op via deze meldingsbox. Er start geen "
        "formele procedure zonder uw uitdrukkelijke toestemming."
    ),
)


@dataclass(frozen=True)
class Meldingsoverzicht:
    status: str
    volgende_stap: str
    volgende_termijn: date | None


def organisatie_get_by_slug(*, slug: str) -> Organisatie:
    try:
        return Organisatie.objects.get(slug=slug)
    except Organisatie.DoesNotExist as exc:
        raise Http404 from exc


def kanalen_met_ontvangers(*, organisatie: Organisatie) -> list[Kanaal]:
    """The recipients a melder can choose: only channels with at least one officer,
    or a report would reach nobody (DESIGN.md §7)."""
    bezet = set(organisatie.functionarissen.filter(functie__in=Kanaal.values).values_list("functie", flat=True))
    return [kanaal for kanaal in Kanaal if kanaal.value in bezet]


def meldingsbox_get(*, uuid: UUID | str | None) -> Meldingsbox | None:
    """The mailbox the session opened, or None (expired, closed, destroyed)."""
    if not uuid:
        return None
    try:
        # A session opened before the case was destroyed sees nothing of it either.
        return (
            Meldingsbox.objects.select_related("melding", "melding__organisatie")
            .exclude(melding__status=Status.VERNIETIGD)
            .get(uuid=uuid)
        )
    except (Meldingsbox.DoesNotExist, ValueError, ValidationError):
        return None


def meldingsbox_van(*, melding: Melding) -> Meldingsbox:
    """The mailbox of a case the caller may already see (checked by its selector)."""
    try:
        return Meldingsbox.objects.get(melding=melding)
    except Meldingsbox.DoesNotExist as exc:
        raise Http404 from exc


# The terms the melder waits for; forwarding and the contactpersoon are internal.
TERMIJNEN_VOOR_MELDER = (
    TermijnSoort.ONTVANGSTBEVESTIGING,
    TermijnSoort.MEDEDELING_GEEN_ONDERZOEK,
    TermijnSoort.STANDPUNT,
    TermijnSoort.TERUGKOPPELING,
)


def volgende_termijn_voor_melder(*, melding: Melding) -> date | None:
    """The date (Amsterdam) by which the melder may expect the next statutory step."""
    from kern.kalender import lokale_datum
    from meldingen.models import Termijn

    eerste = (
        Termijn.objects.open()
        .filter(melding=melding, soort__in=TERMIJNEN_VOOR_MELDER)
        .order_by("due")
        .values_list("due", flat=True)
        .first()
    )
    return lokale_datum(eerste) if eerste else None


def meldingsbox_overzicht(*, meldingsbox: Meldingsbox) -> Meldingsoverzicht:
    melding = meldingsbox.melding
    if melding.soort == Soort.ADVIESVRAAG:
        status, stap = UITLEG_ADVIESVRAAG
    else:
        status, stap = UITLEG_PER_STATUS[Status(melding.status)]
    return Meldingsoverzicht(
        status=str(status), volgende_stap=str(stap), volgende_termijn=volgende_termijn_voor_melder(melding=melding)
    )


def meldingsbox_tijdlijn(*, meldingsbox: Meldingsbox) -> dict:
    from meldingen.verzoeken import onderwerp_weergave

    melding = meldingsbox.melding
    verzoeken_open = list(melding.verzoeken.filter(status=VerzoekStatus.OPEN))
    return {
        "berichten": list(melding.berichten.prefetch_related("bijlagen").order_by("created_at", "id")),
        # Art. 7.3: a letter held at the vertrouwenspersoon is not yet the melder's.
        "brieven": list(melding.brieven.filter(bij_melder_op__isnull=False).order_by("-verzonden_op", "-id")),
        "verzoeken_open": verzoeken_open,
        # What another app's request is about, as the melder reads it (meldingen.verzoeken).
        "onderwerpen": {
            str(v.uuid): weergave for v in verzoeken_open if (weergave := onderwerp_weergave(verzoek=v)) is not None
        },
        "verzoeken_beantwoord": list(melding.verzoeken.exclude(status=VerzoekStatus.OPEN)),
        "vastleggingen": {str(v.uuid): v for v in melding.vastleggingen.all()},
        # Only the melder's own files: staff uploads (a signed record of someone
        # else's hearing, Art. 10.2) are not the melder's to see.
        "bijlagen_melding": list(melding.bijlagen.filter(bericht__isnull=True, van_melder=True)),
    }


def _met_identiteit() -> Q:
    """Attachments that carry the melder's identity: the signed paper copy of a
    written record, and a signed consent (meldingen.services.toestemming)."""
    from meldingen.models import Toestemming, Vastlegging

    return Q(Exists(Vastlegging.objects.filter(getekend_exemplaar=OuterRef("pk")))) | Q(
        Exists(Toestemming.objects.filter(getekend_document=OuterRef("pk")))
    )


def bijlage_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Bijlage:
    """The melder's own files and those sent to them; never staff documents such
    as a witness's signed record (Art. 10.2)."""
    from meldingen.constants import BerichtRichting

    try:
        return Bijlage.objects.filter(Q(van_melder=True) | Q(bericht__richting=BerichtRichting.AAN_MELDER)).get(
            uuid=uuid, melding_id=meldingsbox.melding_id
        )
    except (Bijlage.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def brief_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Brief:
    try:
        return Brief.objects.get(uuid=uuid, melding_id=meldingsbox.melding_id, bij_melder_op__isnull=False)
    except (Brief.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def verzoek_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Verzoek:
    try:
        return Verzoek.objects.get(uuid=uuid, melding_id=meldingsbox.melding_id)
    except (Verzoek.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def bijlage_get_for_user(*, user: Gebruiker, uuid: UUID | str) -> Bijlage:
    """An attachment for staff: only while assigned to its case; else 404 (DESIGN.md §4).
    A document that carries the identity needs the identity permission (Art. 7.2)."""
    try:
        bijlage = Bijlage.objects.select_related("melding").get(
            uuid=uuid, melding__in=melding_list_visible_for(user=user)
        )
    except (Bijlage.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if Bijlage.objects.filter(pk=bijlage.pk).filter(_met_identiteit()).exists() and not mag(
        user=user, perm="meldingen.identiteit_inzien", melding=bijlage.melding
    ):
        raise Http404
    return bijlage


def toegewezen_gebruikers(*, melding: Melding) -> QuerySet:
    """Staff currently assigned to the case, for choosing recipients."""
    from kern.models import Gebruiker as GebruikerModel

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
    if not mag(user=user, perm="meldingen.identiteit_inzien", melding=melding):
        qs = qs.exclude(_met_identiteit())
    return qs


def open_verzoeken_voor(*, melding: Melding) -> QuerySet:
    return melding.verzoeken.filter(status=VerzoekStatus.OPEN).order_by("created_at")


def organisaties_met_functie(*, user: Gebruiker, functie: str) -> QuerySet:
    """Organisations where this user holds `functie` (a Functionaris.Functie)."""
    from meldingen.models import Organisatie

    if not user.is_authenticated or not user.is_active:
        return Organisatie.objects.none()
    return Organisatie.objects.filter(functionarissen__gebruiker=user, functionarissen__functie=functie).distinct()


def organisaties_als_ontvanger(*, user: Gebruiker) -> QuerySet:
    """Organisations where the user receives reports on some channel (DESIGN.md §7)."""
    return (
        Organisatie.objects.filter(functionarissen__gebruiker=user, functionarissen__functie__in=list(Kanaal))
        .distinct()
        .order_by("naam")
    )


def leiding_rol(*, melding: Melding) -> ToewijzingRol:
    """Who leads this case: the HL, or the hoogste verantwoordelijke when the HL is
    involved (Art. 8.4: "lees dan de Raad van Commissarissen")."""
    return ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE if melding.hl_betrokken else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE


def heeft_toewijzing(*, melding: Melding, user: Gebruiker, rollen) -> bool:
    """Whether the user holds an active assignment on the case in one of `rollen`."""
    if user is None or not user.is_authenticated:
        return False
    return melding.toewijzingen.filter(gebruiker=user, rol__in=list(rollen), beeindigd_op__isnull=True).exists()
