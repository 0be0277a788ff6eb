"""Written consent of the melder (Art. 7.2, 7.4; docs/vertrouwelijkheid.md): disclosing the
identity to named recipients, or treating an advice request as a formal report.

Asked by the receiving officer — the only one who knows the identity — in the
mailbox, or recorded from a signed paper document. Every step is audited.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import Soort, ToestemmingSoort, ToewijzingRol, VerzoekSoort
from meldingen.models import MelderAdviseur, Melding, Toestemming, Verzoek
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.services.adviseur import ADVISEUR, adviseur_toegang_verlenen
from meldingen.services.bijlagen import bestand_voorbereiden, bijlage_opslaan
from meldingen.services.datums import ondertekendatum_controleren
from meldingen.services.meldingsbox import verzoek_openen
from meldingen.services.termijnen import adviesvraag_formeel_maken

IDENTITEIT = "meldingen.identiteit_inzien"


def _vereis_ontvanger(melding: Melding, door: Gebruiker) -> None:
    # The receiving officer, by assignment: holding the identity through consent
    # does not make someone the one who asks for (more) consent.
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvangende functionaris vraagt de melder om toestemming."),
    )


def _controleren(*, melding: Melding, soort: ToestemmingSoort, ontvangers) -> list:
    ontvangers = list(ontvangers or [])
    if soort == ToestemmingSoort.ADVISEUR_BEKENDMAKEN and not MelderAdviseur.objects.filter(melding=melding).exists():
        raise ValidationError(_("Leg eerst vast wie de adviseur van de melder is (Art. 7.4)."))
    if soort in (ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ToestemmingSoort.ADVISEUR_BEKENDMAKEN):
        if not ontvangers:
            raise ValidationError({"ontvangers": _("Noem aan wie de identiteit bekend mag worden (Art. 7.2).")})
        niet_toegewezen = [o for o in ontvangers if not toegang.mag(user=o, perm="meldingen.view_melding", obj=melding)]
        if niet_toegewezen:
            raise ValidationError({"ontvangers": _("Alleen wie aan deze melding werkt, kan de identiteit krijgen.")})
    elif melding.soort != Soort.ADVIESVRAAG:
        raise ValidationError(_("Deze melding wordt al formeel behandeld."))
    else:
        # Formal treatment starts the report's procedure: not for a closed or
        # withdrawn advice request (identity consent stays possible: Art. 7.2, 13).
        vereis_lopende_procedure(melding)
    return ontvangers


def _ontvangers_tekst(ontvangers) -> str:
    return ", ".join(f"{o.get_full_name() or o.username}" for o in ontvangers)


@transaction.atomic
def toestemming_vragen(*, melding: Melding, soort: ToestemmingSoort, door: Gebruiker, ontvangers=()) -> Toestemming:
    """Ask the melder in the mailbox. Nothing changes until the melder agrees."""

    _vereis_ontvanger(melding, door)
    soort = ToestemmingSoort(soort)
    ontvangers = _controleren(melding=melding, soort=soort, ontvangers=ontvangers)
    toestemming = Toestemming.objects.create(melding=melding, soort=soort, vastgelegd_door=door)
    toestemming.ontvangers.set(ontvangers)
    if soort == ToestemmingSoort.ADVISEUR_BEKENDMAKEN:
        vraag = _(
            "Mag de identiteit van uw adviseur bekend worden gemaakt aan: %(namen)s? Daarvoor is ook de schriftelijke "
            "toestemming van uw adviseur nodig (Art. 7.4). U kunt ook weigeren."
        ) % {"namen": _ontvangers_tekst(ontvangers)}
    elif soort == ToestemmingSoort.IDENTITEIT_BEKENDMAKEN:
        vraag = _(
            "Mag uw identiteit bekend worden gemaakt aan: %(namen)s? Zonder uw toestemming blijft uw naam alleen "
            "bekend bij de ontvanger van uw melding (Art. 7.2). U kunt ook weigeren."
        ) % {"namen": _ontvangers_tekst(ontvangers)}
    else:
        vraag = _(
            "Wilt u dat uw vraag als formele melding wordt behandeld? Dan gaat de procedure met haar termijnen "
            "van start en wordt de melding doorgestuurd naar de hoogste leidinggevende."
        )
    toestemming.verzoek = verzoek_openen(
        melding=melding, soort=VerzoekSoort.TOESTEMMING, vraag=vraag, onderwerp=toestemming, door=door
    )
    toestemming.save(update_fields=["verzoek", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=melding,
        toelichting=auditnotities.TOESTEMMING_GEVRAAGD(soort=soort),
    )
    return toestemming


@transaction.atomic
def toestemming_op_papier(
    *,
    melding: Melding,
    soort: ToestemmingSoort,
    getekend_pdf: bytes,
    getekend_op: date | None,
    door: Gebruiker,
    ontvangers=(),
) -> Toestemming:
    """The melder consented in a signed document; the officer uploads it as it is,
    with the date of signature: consent counts from that day (Art. 7.2), and so do
    the terms that start with it (an advice request made formal)."""

    _vereis_ontvanger(melding, door)
    soort = ToestemmingSoort(soort)
    ontvangers = _controleren(melding=melding, soort=soort, ontvangers=ontvangers)
    # Art. 7.2: the written consent dates from its signature, not from the upload.
    gegeven_op = ondertekendatum_controleren(dag=getekend_op, ontvangen_op=melding.ontvangen_op)
    if not getekend_pdf.startswith(b"%PDF-"):
        raise ValidationError({"document": _("Upload het getekende document als PDF.")})
    scan = bestand_voorbereiden(naam="toestemming.pdf", inhoud=getekend_pdf, metadata_behouden=True)
    toestemming = Toestemming.objects.create(
        melding=melding,
        soort=soort,
        vastgelegd_door=door,
        getekend_document=bijlage_opslaan(melding=melding, bestand=scan, door=door),
    )
    toestemming.ontvangers.set(ontvangers)
    return _toestemming_geven(toestemming=toestemming, door=door, gegeven_op=gegeven_op)


def _toestemming_geven(
    *, toestemming: Toestemming, door: Gebruiker | None, gegeven_op: datetime | None = None
) -> Toestemming:
    toestemming.gegeven_op = gegeven_op or timezone.now()
    toestemming.save(update_fields=["gegeven_op", "updated_at"])
    melding = toestemming.melding
    if toestemming.soort == ToestemmingSoort.IDENTITEIT_BEKENDMAKEN:
        for ontvanger in toestemming.ontvangers.all():
            assign_perm(IDENTITEIT, ontvanger, melding)
            auditregel_schrijven(
                door=door,
                actie=AuditActie.TOEGANG_VERLEEND,
                object=melding,
                toelichting=auditnotities.IDENTITEIT_MET_TOESTEMMING(gebruiker=ontvanger.uuid),
                actor_soort=None if door else "melder",
            )
    elif toestemming.soort == ToestemmingSoort.ADVISEUR_BEKENDMAKEN:
        # Art. 7.4: access follows only once the adviser consented too.
        adviseur_toegang_verlenen(toestemming=toestemming, door=door)
    else:
        adviesvraag_formeel_maken(
            melding=melding, door=door or toestemming.vastgelegd_door, toestemming_op=toestemming.gegeven_op
        )
    return toestemming


@transaction.atomic
def toestemming_intrekken(*, toestemming: Toestemming, door: Gebruiker) -> Toestemming:
    """The melder withdraws consent: the identity is hidden again for the future."""
    _vereis_ontvanger(toestemming.melding, door)
    toestemming.ingetrokken_op = timezone.now()
    toestemming.save(update_fields=["ingetrokken_op", "updated_at"])
    if toestemming.soort == ToestemmingSoort.ADVISEUR_BEKENDMAKEN:
        for ontvanger in toestemming.ontvangers.all():
            remove_perm(ADVISEUR, ontvanger, toestemming.melding)
    if toestemming.soort == ToestemmingSoort.IDENTITEIT_BEKENDMAKEN:
        ontvanger_ids = set(
            toestemming.melding.toewijzingen.filter(rol="ontvanger", beeindigd_op__isnull=True).values_list(
                "gebruiker_id", flat=True
            )
        )
        for ontvanger in toestemming.ontvangers.exclude(pk__in=ontvanger_ids):
            remove_perm(IDENTITEIT, ontvanger, toestemming.melding)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.TOEGANG_INGETROKKEN,
        object=toestemming.melding,
        toelichting=auditnotities.TOESTEMMING_INGETROKKEN(),
    )
    return toestemming


def toestemming_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for the melder's answer in the mailbox."""
    toestemming = Toestemming.objects.select_for_update().get(verzoek=verzoek)
    if verzoek.akkoord:
        _toestemming_geven(toestemming=toestemming, door=None)
    else:
        auditregel_schrijven(
            door=None,
            actie=AuditActie.GEWIJZIGD,
            object=toestemming.melding,
            toelichting=auditnotities.TOESTEMMING_GEWEIGERD(),
            actor_soort="melder",
        )
