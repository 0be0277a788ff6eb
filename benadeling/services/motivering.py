"""The motivation duty (Art. 5.4): an adverse measure of the Art. 5.2 list against a
protected person within the organisation's period after the report cannot be
recorded as taken without a written motivation signed by the HL.

Two routes in: the HL or contactpersoon records an intended measure on the case,
or HR submits one through the check form (benadeling.services.toetsen), which
answers everyone alike and matches protected persons by blind index only
(docs/architecture.md)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling import deadlines
from benadeling.constants import (
    BENADELENDE_MAATREGELEN,
    BeschermdeRol,
    MotiveringVerstrekking,
    VoornemenBron,
    VoornemenStatus,
)
from benadeling.models import BeschermdPersoon, Motivering, VoorgenomenMaatregel
from benadeling.selectors import instelling_voor
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import taak_melden
from benadeling.workflow import LEIDING_OF_CONTACTPERSOON, VOORNEMEN, is_actor
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding
from meldingen.services.brieven import briefcontext

logger = logging.getLogger(__name__)


def motivering_vereist(*, beschermd_persoon: BeschermdPersoon, soort: str, beoogd_op: date) -> bool:
    """Art. 5.4: an adverse measure of Art. 5.2 against a protected person within
    the configured period after the protection started (the report, for the
    melder). Art. 5.4 names the melder; by default Meldpunt applies it to every
    protected person of Art. 5.1 (a setting, docs/rollen.md)."""
    if soort not in BENADELENDE_MAATREGELEN:
        return False
    instelling = instelling_voor(organisatie=beschermd_persoon.melding.organisatie)
    if beschermd_persoon.rol != BeschermdeRol.MELDER and not instelling.motivering_voor_alle_beschermden:
        return False
    return deadlines.binnen_motiveringsperiode(
        beschermd_vanaf=beschermd_persoon.beschermd_vanaf,
        maatregel_op=beoogd_op,
        maanden=instelling.motiveringsperiode_maanden,
    )


def maatregelsoort(soort: str) -> str:
    if soort not in BENADELENDE_MAATREGELEN:
        raise ValidationError({"soort": _("Kies een benadelende maatregel uit de lijst van Art. 5.2.")})
    return str(soort)


@transaction.atomic
def maatregel_voornemen(
    *,
    melding: Melding,
    beschermd_persoon: BeschermdPersoon,
    soort: str,
    beoogd_op: date,
    door: Gebruiker,
    omschrijving: str = "",
) -> VoorgenomenMaatregel:
    """Route 1: the HL or the contactpersoon records an intended measure on the case."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[melding.leiding_rol, ToewijzingRol.CONTACTPERSOON],
        tekst=_("Alleen de hoogste leidinggevende of de contactpersoon legt een maatregel vast."),
    )
    if beschermd_persoon.melding_id != melding.pk:
        raise ValidationError({"beschermd_persoon": _("Deze persoon hoort niet bij deze melding.")})
    soort = maatregelsoort(soort)
    if beoogd_op is None:
        raise ValidationError({"beoogd_op": _("Vul de beoogde datum in.")})
    vereist = motivering_vereist(beschermd_persoon=beschermd_persoon, soort=soort, beoogd_op=beoogd_op)
    voornemen = VoorgenomenMaatregel.objects.create(
        melding=melding,
        beschermd_persoon=beschermd_persoon,
        bron=VoornemenBron.ZAAK,
        soort=soort,
        omschrijving=omschrijving.strip(),
        beoogd_op=beoogd_op,
        motivering_vereist=vereist,
        status=VoornemenStatus.MOTIVERING_VEREIST if vereist else VoornemenStatus.VOORGENOMEN,
        vastgelegd_door=door,
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=voornemen,
        toelichting="Art. 5.4 motivering vereist" if vereist else "voornemen",
    )
    if vereist:
        taak_melden(gebruikers=toegang.leiding_van(melding=melding))
    return voornemen


def _stap(voornemen: VoorgenomenMaatregel, naar: VoornemenStatus, *, door: Gebruiker) -> VoorgenomenMaatregel:
    """Lock the intended measure and check the row of benadeling.workflow.VOORNEMEN."""
    voornemen = VoorgenomenMaatregel.objects.select_for_update().get(pk=voornemen.pk)
    VOORNEMEN.controleren(voornemen, naar, door=door)
    return voornemen


@transaction.atomic
def motivering_vragen(*, voornemen: VoorgenomenMaatregel, door: Gebruiker) -> VoorgenomenMaatregel:
    """The receiving officer asks the HL for the motivation of a matched measure."""
    voornemen = _stap(voornemen, VoornemenStatus.MOTIVERING_GEVRAAGD, door=door)
    voornemen.status = VoornemenStatus.MOTIVERING_GEVRAAGD
    voornemen.motivering_gevraagd_op = timezone.now()
    voornemen.save(update_fields=["status", "motivering_gevraagd_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=voornemen, toelichting="motivering gevraagd")
    taak_melden(gebruikers=toegang.leiding_van(melding=voornemen.melding))
    return voornemen


@transaction.atomic
def motivering_vastleggen(
    *, voornemen: VoorgenomenMaatregel, waarom_nodig: str, geen_verband: str, door: Gebruiker, totp_code: str
) -> Motivering:
    """Art. 5.4: the HL motivates why the measure is needed and why it is unrelated
    to the report, and signs with a fresh second factor."""
    voornemen = _stap(voornemen, VoornemenStatus.GEMOTIVEERD, door=door)
    melding = voornemen.melding
    if not (waarom_nodig or "").strip():
        raise ValidationError({"waarom_nodig": _("Motiveer waarom de maatregel nodig is (Art. 5.4).")})
    if not (geen_verband or "").strip():
        raise ValidationError(
            {"geen_verband": _("Motiveer waarom de maatregel geen verband houdt met de melding (Art. 5.4).")}
        )
    vorige = voornemen.motiveringen.order_by("-versie").first()
    _pdf, document, ondertekening = ondertekend_pdf(
        template="benadeling/motivering.html",
        context=briefcontext(
            melding=melding,
            onderwerp=_("Motivering van een benadelende maatregel (Art. 5.4)"),
            voornemen=voornemen,
            waarom_nodig=waarom_nodig.strip(),
            geen_verband=geen_verband.strip(),
        ),
        omschrijving=f"Motivering Art. 5.4 {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    motivering = Motivering.objects.create(
        voornemen=voornemen,
        waarom_nodig=waarom_nodig.strip(),
        geen_verband=geen_verband.strip(),
        document=document,
        ondertekening=ondertekening,
        versie=(vorige.versie + 1) if vorige else 1,
        vervangt=vorige,
    )
    voornemen.status = VoornemenStatus.GEMOTIVEERD
    voornemen.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=motivering, toelichting="Art. 5.4")
    return motivering


@transaction.atomic
def maatregel_als_genomen_vastleggen(*, voornemen: VoorgenomenMaatregel, door: Gebruiker) -> VoorgenomenMaatregel:
    """Record that the measure was taken. Art. 5.4: within the period, not without
    a signed motivation of the HL."""
    # The rows of benadeling.workflow.VOORNEMEN: without a required motivation
    # (VOORGENOMEN), or after it was signed and given to the person concerned
    # (GEMOTIVEERD, Art. 5.4); a measure awaiting its motivation has no such row.
    voornemen = _stap(voornemen, VoornemenStatus.GENOMEN, door=door)
    voornemen.status = VoornemenStatus.GENOMEN
    voornemen.genomen_op = timezone.now()
    voornemen.save(update_fields=["status", "genomen_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=voornemen, toelichting="genomen")
    return voornemen


@transaction.atomic
def maatregel_afzien(*, voornemen: VoorgenomenMaatregel, door: Gebruiker) -> VoorgenomenMaatregel:
    """The employer drops the intended measure."""
    voornemen = _stap(voornemen, VoornemenStatus.AFGEZIEN, door=door)
    voornemen.status = VoornemenStatus.AFGEZIEN
    voornemen.save(update_fields=["status", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=voornemen, toelichting="afgezien")
    return voornemen


@transaction.atomic
def motivering_verstrekken(
    *,
    motivering: Motivering,
    door: Gebruiker,
    wijze: MotiveringVerstrekking | str = MotiveringVerstrekking.MELDINGSBOX,
    verstrekt_op: date | None = None,
) -> Motivering:
    """Art. 5.4 "motiveert hij": the signed motivation is given to the person
    concerned, and when is recorded. The melder receives it in the mailbox (a
    copy with the signed PDF, held at the vertrouwenspersoon under Art. 7.3);
    another protected person has no mailbox: the HL or contactpersoon records
    the date it was handed over or posted. Only the latest version is given."""
    motivering = (
        Motivering.objects.select_for_update().select_related("voornemen__beschermd_persoon").get(pk=motivering.pk)
    )
    voornemen = motivering.voornemen
    melding = voornemen.melding
    if not is_actor(melding=melding, door=LEIDING_OF_CONTACTPERSOON, gebruiker=door):
        raise PermissionDenied(_("U mag deze stap niet zetten."))
    if motivering.verstrekt_op is not None:
        raise ValidationError(_("Deze motivering is al aan de betrokkene gegeven."))
    if voornemen.motiveringen.filter(versie__gt=motivering.versie).exists():
        raise ValidationError(_("Er is een nieuwere versie van deze motivering."))
    wijze = MotiveringVerstrekking(wijze)
    naar_melder = voornemen.beschermd_persoon.rol == BeschermdeRol.MELDER
    if naar_melder != (wijze == MotiveringVerstrekking.MELDINGSBOX):
        raise ValidationError(
            {"wijze": _("De melder krijgt de motivering in de meldingsbox; een ander persoonlijk of per post.")}
        )
    if naar_melder:
        afschrift = afschrift_aan_melder_bezorgen(
            melding=melding,
            onderwerp=_("Motivering van een voorgenomen maatregel (Art. 5.4)"),
            tekst=_(
                "De werkgever is van plan een maatregel jegens u te nemen. Hierbij ontvangt u de ondertekende "
                "motivering: waarom de maatregel nodig is en waarom die geen verband houdt met uw melding "
                "(Art. 5.4). U vindt de motivering als PDF bij deze brief."
            ),
            soort="motivering",
            pdf=motivering.document.open("rb").read(),
            object=motivering,
            door=door,
        )
        motivering.verstrekt_op = afschrift.bezorgd_op
    else:
        if verstrekt_op is None or verstrekt_op > timezone.localdate():
            raise ValidationError({"verstrekt_op": _("Vul de datum in (niet in de toekomst).")})
        motivering.verstrekt_op = timezone.make_aware(datetime.combine(verstrekt_op, time(12)))
    motivering.verstrekt_wijze, motivering.verstrekt_door = wijze, door
    motivering.save(update_fields=["verstrekt_op", "verstrekt_wijze", "verstrekt_door", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=motivering, toelichting=f"Art. 5.4 gegeven via {wijze}"
    )
    return motivering
