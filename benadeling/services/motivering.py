"""The motivation duty (Art. 5.4): an adverse measure of the Art. 5.2 list against a
protected person within the organisation's period after the report cannot be
recorded as taken without a written motivation signed by the HL.

Two routes in: the HL or contactpersoon records an intended measure on the case,
or HR submits one through the check form, which answers everyone alike and
matches protected persons by blind index only (docs/architecture.md)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
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
from benadeling.models import BeschermdPersoon, Motivering, Personeelstoets, VoorgenomenMaatregel
from benadeling.selectors import instelling_voor, organisaties_voor_personeelszaken
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import taak_melden
from benadeling.workflow import LEIDING_OF_CONTACTPERSOON, VOORNEMEN, is_actor
from kern import toegang
from kern.crypto import blinde_index, normaliseer
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding, Organisatie
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


def _soort(soort: str) -> str:
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
    soort = _soort(soort)
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


@transaction.atomic
def maatregel_toetsen(
    *,
    organisatie: Organisatie,
    soort: str,
    beoogd_op: date,
    door: Gebruiker,
    personeelsnummer: str = "",
    email: str = "",
    omschrijving: str = "",
) -> None:
    """Route 2: HR submits an intended measure against an employee (Art. 5.4).

    Returns nothing, on purpose: HR gets the same answer for every employee,
    protected or not. The check is stored with the blind indexes of what HR
    typed (never the values) and audited; `toets_matchen` does the matching
    after commit, in a task."""
    # HR checks only for the organisations it serves (BenadelingInstelling.personeelszaken).
    if not door.has_perm("benadeling.add_personeelstoets") or not (
        organisaties_voor_personeelszaken(user=door).filter(pk=organisatie.pk).exists()
    ):
        raise PermissionDenied
    soort = _soort(soort)
    if beoogd_op is None:
        raise ValidationError({"beoogd_op": _("Vul de beoogde datum in.")})
    if not normaliseer(personeelsnummer) and not normaliseer(email):
        raise ValidationError(_("Vul het personeelsnummer of het e-mailadres van de medewerker in."))
    pn_index = blinde_index(personeelsnummer, doel="personeelsnummer") if normaliseer(personeelsnummer) else ""
    email_index = blinde_index(email, doel="email") if normaliseer(email) else ""
    toets = Personeelstoets.objects.create(
        organisatie=organisatie,
        ingediend_door=door,
        soort=soort,
        omschrijving=omschrijving.strip(),
        beoogd_op=beoogd_op,
        personeelsnummer_index=pn_index,
        email_index=email_index,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=toets, toelichting="Art. 5.4 toets")
    # Matching runs after commit in a task: HR's response neither waits for it nor
    # depends on it (same content, and no timing difference for a match).
    # Imported here: benadeling.tasks imports this module.
    from benadeling import tasks

    def inplannen():
        # Publish without retry: a broker that is down costs HR nothing (the check is
        # stored and HR gets the same answer); the check stays unmatched (gematcht_op
        # empty) and `toetsen_inhalen` matches it (docs/adr/0008-intake-onder-last.md).
        try:
            tasks.toets_matchen.apply_async((toets.pk,), retry=False)
        except Exception:  # any broker failure: the catch-up task covers it
            logger.warning("broker niet bereikbaar: de toets wordt gematcht door de inhaaltaak")

    transaction.on_commit(inplannen)


def _toets_voorwaarde(toets: Personeelstoets) -> Q:
    voorwaarde = Q()
    if toets.personeelsnummer_index:
        voorwaarde |= Q(personeelsnummer_index=toets.personeelsnummer_index)
    if toets.email_index:
        voorwaarde |= Q(email_index=toets.email_index)
    return voorwaarde


@transaction.atomic
def toets_matchen(*, toets: Personeelstoets) -> int:
    """Match one HR check against the protected persons of its organisation by
    blind index. A match within the period opens a task for the receiving officer
    (a VoorgenomenMaatregel with bron personeelszaken) and tells them without
    content. Every match is audited, as "systeem". Returns the tasks opened.

    Records that the check was matched (`gematcht_op`) in the same transaction as
    the result. Idempotent: the check's row is locked and a check matched before is
    left alone (a task delivered twice, or the catch-up run beside the queued task),
    so nothing is opened or audited twice; the unique constraint backs this up.
    Someone protected later is matched against the check by
    `toetsen_voor_beschermde_matchen`."""
    toets = Personeelstoets.objects.select_for_update().filter(pk=toets.pk).first()
    if toets is None or toets.gematcht_op is not None:
        return 0
    voorwaarde = _toets_voorwaarde(toets)
    geopend = 0
    if voorwaarde:
        treffers = BeschermdPersoon.objects.filter(
            voorwaarde, melding__organisatie_id=toets.organisatie_id
        ).select_related("melding__organisatie")
        geopend = _tegen_personen_matchen(toets=toets, personen=treffers)
    toets.gematcht_op = timezone.now()
    toets.save(update_fields=["gematcht_op", "updated_at"])
    return geopend


# No savepoint: it runs inside the transaction that protects the person, also in the
# submission of a report (docs/adr/0008-intake-onder-last.md, point 3).
@transaction.atomic(savepoint=False)
def toetsen_voor_beschermde_matchen(*, persoon: BeschermdPersoon) -> int:
    """Re-matching (Art. 5.4): someone who becomes protected after HR's check but
    before its intended date is matched against the open checks of the
    organisation, by the same blind indexes, in the transaction that protects them
    (beschermd_persoon_toevoegen). Checks not matched yet are matched here against
    this person too; their own match later finds the task already open. Returns the
    tasks opened; never shown to HR."""
    voorwaarde = Q()
    if persoon.personeelsnummer_index:
        voorwaarde |= Q(personeelsnummer_index=persoon.personeelsnummer_index)
    if persoon.email_index:
        voorwaarde |= Q(email_index=persoon.email_index)
    if not voorwaarde:
        return 0
    toetsen = Personeelstoets.objects.filter(
        voorwaarde, organisatie_id=persoon.melding.organisatie_id, beoogd_op__gte=timezone.localdate()
    ).order_by("id")
    return sum(_tegen_personen_matchen(toets=toets, personen=[persoon]) for toets in toetsen)


def _tegen_personen_matchen(*, toets: Personeelstoets, personen) -> int:
    """Open a task per protected person the check reaches within the period; inside
    the caller's transaction. Returns the tasks opened."""
    geopend = 0
    for persoon in personen:
        vereist = motivering_vereist(beschermd_persoon=persoon, soort=toets.soort, beoogd_op=toets.beoogd_op)
        if not vereist:
            auditregel_schrijven(
                door=None,
                actie=AuditActie.BEKEKEN,
                object=persoon,
                toelichting="beschermd persoon, buiten de periode",
            )
            continue
        voornemen, nieuw = VoorgenomenMaatregel.objects.get_or_create(
            toets=toets,
            beschermd_persoon=persoon,
            defaults={
                "melding": persoon.melding,
                "bron": VoornemenBron.PERSONEELSZAKEN,
                "soort": toets.soort,
                "omschrijving": toets.omschrijving,
                "beoogd_op": toets.beoogd_op,
                "motivering_vereist": True,
                "status": VoornemenStatus.MOTIVERING_VEREIST,
            },
        )
        if not nieuw:
            continue
        auditregel_schrijven(
            door=None,
            actie=AuditActie.AANGEMAAKT,
            object=voornemen,
            toelichting="motivering vereist (Art. 5.4)",
        )
        taak_melden(gebruikers=toegang.toegewezenen(melding=persoon.melding, rollen=[ToewijzingRol.ONTVANGER]))
        geopend += 1
    return geopend


# At most this many checks per catch-up run; the next run (a minute later) takes the rest.
INHALEN_PER_RUN = 500


def toetsen_inhalen(*, ouder_dan_seconden: int | None = None) -> None:
    """The catch-up run (Celery beat, "personeelstoetsen-inhalen"): match every check
    still unmatched a while after it was submitted (the broker was down at the
    submission, or the queued task was lost), oldest first; before that the queued
    task is given its chance. Each check in its own transaction: one that fails
    stays unmatched and is tried again next run, without holding up the others.
    Returns nothing on purpose: the result of a match must not reach a log (Art. 7)."""
    if ouder_dan_seconden is None:
        ouder_dan_seconden = settings.MELDPUNT_PERSONEELSTOETS_INHALEN_NA_SECONDEN
    grens = timezone.now() - timedelta(seconds=ouder_dan_seconden)
    ids = list(
        Personeelstoets.objects.filter(gematcht_op__isnull=True, created_at__lte=grens)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:INHALEN_PER_RUN]
    )
    mislukt = 0
    for toets_id in ids:
        try:
            toets_matchen(toets=Personeelstoets(pk=toets_id))
        except Exception:
            mislukt += 1
            logger.exception("toets %s niet gematcht; blijft klaarstaan voor de volgende run", toets_id)
    if mislukt:
        raise ToetsenNietGematcht(f"{mislukt} van {len(ids)} toetsen niet gematcht")


class ToetsenNietGematcht(Exception):
    """Some checks of a catch-up run were not matched; they stay for the next run."""


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
