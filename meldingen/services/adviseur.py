"""The melder's adviser (Art. 7.4; docs/vertrouwelijkheid.md). Everyone involved in
handling the report keeps the adviser's identity to themselves unless both the
melder and the adviser consented in writing. The receiving officer records the
adviser and sees them; anyone else only when a consent of kind
ADVISEUR_BEKENDMAKEN naming them was given by the melder (mailbox or paper) and by
the adviser (a signed document the officer uploads). Every step is audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import ToestemmingSoort, ToewijzingRol
from meldingen.models import MelderAdviseur, Melding, Toestemming
from meldingen.services.bijlagen import bestand_voorbereiden, bijlage_opslaan
from meldingen.services.datums import ondertekendatum_controleren

ADVISEUR = "meldingen.adviseur_inzien"


def _vereis_ontvanger(melding: Melding, door: Gebruiker) -> None:
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvangende functionaris legt de adviseur van de melder vast."),
    )


@transaction.atomic
def adviseur_vastleggen(
    *, melding: Melding, naam: str, door: Gebruiker, organisatie: str = "", email: str = "", telefoon: str = ""
) -> MelderAdviseur:
    """The receiving officer records who advises the melder (encrypted, apart from
    the case). Replaces an earlier record."""
    _vereis_ontvanger(melding, door)
    if not naam.strip():
        raise ValidationError({"naam": _("Vul de naam van de adviseur in.")})
    adviseur, _nieuw = MelderAdviseur.objects.update_or_create(
        melding=melding,
        defaults={
            "naam": naam.strip(),
            "organisatie": organisatie.strip(),
            "email": email.strip(),
            "telefoon": telefoon.strip(),
        },
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=adviseur, toelichting=auditnotities.ADVISEUR_VASTGELEGD()
    )
    return adviseur


def mag_adviseur_inzien(*, melding: Melding, gebruiker: Gebruiker) -> bool:
    """The receiving officer, or someone both melder and adviser consented to (Art. 7.4)."""
    return toegang.heeft_toewijzing(melding=melding, user=gebruiker, rollen=[ToewijzingRol.ONTVANGER]) or toegang.mag(
        user=gebruiker, perm=ADVISEUR, obj=melding
    )


def adviseur_inzien(*, melding: Melding, door: Gebruiker) -> MelderAdviseur | None:
    """The adviser for the receiving officer, or for someone both melder and adviser
    consented to (Art. 7.4); anyone else gets 404, as if there were nothing.
    Every look is audited."""
    if not mag_adviseur_inzien(melding=melding, gebruiker=door):
        raise Http404
    adviseur = MelderAdviseur.objects.filter(melding=melding).first()
    if adviseur is not None:
        auditregel_schrijven(door=door, actie=AuditActie.IDENTITEIT_BEKEKEN, object=adviseur)
    return adviseur


def adviseur_toegang_verlenen(*, toestemming: Toestemming, door: Gebruiker | None) -> None:
    """Art. 7.4: grant the named recipients only once both consents are there; called
    when the melder consents and when the adviser's consent is recorded."""
    if not toestemming.geldig:
        return
    for ontvanger in toestemming.ontvangers.all():
        assign_perm(ADVISEUR, ontvanger, toestemming.melding)
        auditregel_schrijven(
            door=door,
            actie=AuditActie.TOEGANG_VERLEEND,
            object=toestemming.melding,
            toelichting=auditnotities.ADVISEUR_MET_TOESTEMMING(gebruiker=ontvanger.uuid),
            actor_soort=None if door else "melder",
        )


@transaction.atomic
def adviseur_toestemming_vastleggen(
    *, toestemming: Toestemming, getekend_pdf: bytes, getekend_op: date | None, door: Gebruiker
) -> Toestemming:
    """Art. 7.4: the adviser consented in writing to disclosing their identity to the
    persons the melder named; the officer uploads the signed document as it is."""
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    melding = toestemming.melding
    _vereis_ontvanger(melding, door)
    if toestemming.soort != ToestemmingSoort.ADVISEUR_BEKENDMAKEN or toestemming.ingetrokken_op is not None:
        raise ValidationError(_("Dit is geen lopende toestemming om de adviseur bekend te maken."))
    if toestemming.adviseur_akkoord_op is not None:
        raise ValidationError(_("De toestemming van de adviseur is al vastgelegd."))
    if not getekend_pdf.startswith(b"%PDF-"):
        raise ValidationError({"document": _("Upload het getekende document als PDF.")})
    toestemming.adviseur_akkoord_op = ondertekendatum_controleren(dag=getekend_op, ontvangen_op=melding.ontvangen_op)
    scan = bestand_voorbereiden(naam="toestemming-adviseur.pdf", inhoud=getekend_pdf, metadata_behouden=True)
    toestemming.adviseur_document = bijlage_opslaan(melding=melding, bestand=scan, door=door)
    toestemming.save(update_fields=["adviseur_akkoord_op", "adviseur_document", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.ADVISEUR_AKKOORD()
    )
    adviseur_toegang_verlenen(toestemming=toestemming, door=door)
    return toestemming
