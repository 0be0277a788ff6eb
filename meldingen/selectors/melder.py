"""The melder's reads. The melder has no account: the mailbox is found by the
UUID the session holds after the receipt code was checked
(meldingen.services.meldingsbox); every read is bound to that mailbox's case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kern import toegang
from kern.kalender import lokale_datum
from meldingen.constants import BerichtRichting, Soort, Status, TermijnSoort, VerzoekStatus
from meldingen.models import Bijlage, Brief, Melding, Meldingsbox, Termijn, Verzoek
from meldingen.uitbreidingen import onderwerp_weergave

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


def meldingsbox_ophalen(*, uuid: UUID | str | None) -> Meldingsbox | None:
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
    melding = meldingsbox.melding
    # Art. 7.3: a request held at the vertrouwenspersoon is not yet the melder's.
    bij_melder = melding.verzoeken.filter(bij_melder_op__isnull=False)
    verzoeken_open = list(bij_melder.filter(status=VerzoekStatus.OPEN))
    return {
        "berichten": list(melding.berichten.prefetch_related("bijlagen").order_by("created_at", "id")),
        # Art. 7.3: a letter held at the vertrouwenspersoon is not yet the melder's.
        "brieven": list(melding.brieven.filter(bij_melder_op__isnull=False).order_by("-verzonden_op", "-id")),
        "verzoeken_open": verzoeken_open,
        # What another app's request is about, as the melder reads it (meldingen.uitbreidingen).
        "onderwerpen": {
            str(v.uuid): weergave for v in verzoeken_open if (weergave := onderwerp_weergave(verzoek=v)) is not None
        },
        "verzoeken_beantwoord": list(bij_melder.exclude(status=VerzoekStatus.OPEN)),
        "vastleggingen": {str(v.uuid): v for v in melding.vastleggingen.all()},
        # Only the melder's own files: staff uploads (a signed record of someone
        # else's hearing, Art. 10.2) are not the melder's to see.
        "bijlagen_melding": list(melding.bijlagen.filter(bericht__isnull=True, van_melder=True)),
    }


def bijlage_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Bijlage:
    """The melder's own files and those sent to them; never staff documents such
    as a witness's signed record (Art. 10.2)."""

    return toegang.object_of_404(
        Bijlage.objects.filter(Q(van_melder=True) | Q(bericht__richting=BerichtRichting.AAN_MELDER)),
        uuid=uuid,
        melding_id=meldingsbox.melding_id,
    )


def brief_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Brief:
    return toegang.object_of_404(
        Brief.objects.all(), uuid=uuid, melding_id=meldingsbox.melding_id, bij_melder_op__isnull=False
    )


def verzoek_voor_melder(*, meldingsbox: Meldingsbox, uuid: UUID | str) -> Verzoek:
    return toegang.object_of_404(
        Verzoek.objects.all(), uuid=uuid, melding_id=meldingsbox.melding_id, bij_melder_op__isnull=False
    )
