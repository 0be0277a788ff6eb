"""The receiving officer's answer to a request to erase the identity: erase (AVG
art. 17(1)) or refuse, as a whole or the contact details only (AVG art. 17(3));
the rows of meldingen.workflow.WISSING_OVERGANGEN, each ending in the letter."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from kern import post
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, uitbreidingen
from meldingen.constants import (
    GebeurtenisSoort,
    ToestemmingSoort,
    ToewijzingRol,
    VerzoekStatus,
    WeigeringsGrond,
    WissingStatus,
)
from meldingen.models import (
    Bijlage,
    Gebeurtenis,
    MelderIdentiteit,
    Melding,
    Meldingsbox,
    TeVerwijderenBestand,
    Toestemming,
    Wissingsverzoek,
)
from meldingen.overgangen import WISSING
from meldingen.services.adviseur import ADVISEUR
from meldingen.services.bewaring import bestanden_opruimen, rijen_verwijderen
from meldingen.services.identiteit.teksten import brief_sturen
from meldingen.services.inzage import MELDINGTEKSTEN, naampatroon
from meldingen.services.meldingsbox import verzoek_intrekken
from meldingen.services.notificaties import SOORT_MELDER
from meldingen.services.toestemming import IDENTITEIT

# The fields of MelderIdentiteit, and what each answer erases of them. The blind
# indexes are keyed HMACs of the employee number and e-mail address: with the key
# they recognise the melder, so they go with the identity.
IDENTITEITSVELDEN = ("naam", "email", "telefoon", "postadres", "personeelsnummer", "afdeling")
INDEXVELDEN = ("personeelsnummer_index", "email_index")
ALLE_VELDEN = frozenset({*IDENTITEITSVELDEN, *INDEXVELDEN})
# A partial refusal (AVG art. 17(3) "to the extent that"): how to reach the melder
# goes, who the melder is stays. No ground of art. 17(3) needs the contact details:
# the mailbox stays the channel to the melder (docs/retention.md).
CONTACTVELDEN = frozenset({"email", "telefoon", "postadres"})
# The consents that name people to whom something may be disclosed (Art. 7.2, 7.4).
NOEMT_PERSONEN = (ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ToestemmingSoort.ADVISEUR_BEKENDMAKEN)
# The report's own texts (inzage.MELDINGTEKSTEN) go to a person concerned on an access
# request (AVG art. 15): with the identity gone nothing could black the melder's name
# out of them any more, so erasing replaces it there.
NAAMVELDEN = ("naam", "email", "telefoon", "postadres", "personeelsnummer")
IN_PLAATS_VAN_DE_MELDER = "[melder]"


def _uit_de_meldingtekst(*, melding: Melding, identiteit: MelderIdentiteit) -> None:
    """AVG art. 17, 15; Art. 7.1: the melder's name, contact details and staff number
    (whole, and each longer part of the name, as the access request blacks them out)
    become "[melder]" in the report's texts. The department stays: it is often what
    the report is about, and alone it names nobody."""
    patronen = [
        naampatroon(waarde.strip()) for veld in NAAMVELDEN if (waarde := getattr(identiteit, veld) or "").strip()
    ]
    gewijzigd = []
    for veld, _kop in MELDINGTEKSTEN:
        tekst = getattr(melding, veld) or ""
        nieuw = tekst
        for patroon in patronen:
            nieuw = patroon.sub(IN_PLAATS_VAN_DE_MELDER, nieuw)
        if nieuw != tekst:
            setattr(melding, veld, nieuw)
            gewijzigd.append(veld)
    if gewijzigd:
        melding.save(update_fields=[*gewijzigd, "updated_at"])


def _toestemmingen_laten_vervallen(*, melding: Melding, door: Gebruiker) -> list[str]:
    """Art. 7.2, 7.4: a consent that names people to whom the identity, or the
    adviser's, may be disclosed lapses: there is nothing left to disclose, and knowing
    the adviser can point to the melder. The access it gave goes (the receiving
    officer keeps theirs by assignment) and a request for such consent still open is
    withdrawn. The signed scans of every consent go too, that of formal treatment
    included (which stays in force): the melder's signature is their identity. The
    rows stay, with their dates: the record that consent was given and when it
    lapsed. Returns the stored files to remove after commit."""
    ontvanger_ids = set(
        melding.toewijzingen.filter(rol=ToewijzingRol.ONTVANGER, beeindigd_op__isnull=True).values_list(
            "gebruiker_id", flat=True
        )
    )
    nu = timezone.now()
    bestanden: list[str] = []
    for toestemming in Toestemming.objects.select_for_update().filter(melding=melding):
        if toestemming.soort in NOEMT_PERSONEN and toestemming.ingetrokken_op is None:
            if toestemming.verzoek_id and toestemming.verzoek.status == VerzoekStatus.OPEN:
                verzoek_intrekken(verzoek=toestemming.verzoek, door=door)
            toestemming.ingetrokken_op = nu
            toestemming.save(update_fields=["ingetrokken_op", "updated_at"])
            if toestemming.soort == ToestemmingSoort.IDENTITEIT_BEKENDMAKEN:
                for ontvanger in toestemming.ontvangers.exclude(pk__in=ontvanger_ids):
                    remove_perm(IDENTITEIT, ontvanger, melding)
            else:
                for ontvanger in toestemming.ontvangers.all():
                    remove_perm(ADVISEUR, ontvanger, melding)
            auditregel_schrijven(
                door=door,
                actie=AuditActie.TOEGANG_INGETROKKEN,
                object=melding,
                toelichting=auditnotities.TOESTEMMING_VERVALLEN(),
            )
        documenten = [pk for pk in (toestemming.getekend_document_id, toestemming.adviseur_document_id) if pk]
        if documenten:
            toestemming.getekend_document = None
            toestemming.adviseur_document = None
            toestemming.save(update_fields=["getekend_document", "adviseur_document", "updated_at"])
            bestanden += rijen_verwijderen(Bijlage.objects.filter(pk__in=documenten))
    return bestanden


def _wissen(*, melding: Melding, velden: frozenset[str], door: Gebruiker) -> list[str]:
    """Erase `velden` of the identity, and always the mailbox's address for notices
    (with the notices to it, or to the identity's address, still in the outbox).
    All fields: the row goes and the consents lapse. Returns what the higher apps
    keep and why, for the letter."""
    box = Meldingsbox.objects.select_for_update().filter(melding=melding).first()
    identiteit = MelderIdentiteit.objects.select_for_update().filter(melding=melding).first()
    adressen = {box.notificatie_email if box else ""}
    if identiteit is not None and "email" in velden:
        adressen.add(identiteit.email)
    for adres in adressen - {""}:
        post.wachtende_berichten_intrekken(soort=SOORT_MELDER, adres=adres)
    if box is not None and box.notificatie_email:
        box.notificatie_email = ""
        box.save(update_fields=["notificatie_email", "updated_at"])
        auditregel_schrijven(
            door=door, actie=AuditActie.GEWIJZIGD, object=box, toelichting=auditnotities.NOTIFICATIEADRES_GEWIST()
        )
    if identiteit is not None:
        if velden >= ALLE_VELDEN:
            _uit_de_meldingtekst(melding=melding, identiteit=identiteit)
            auditregel_schrijven(
                door=door, actie=AuditActie.VERWIJDERD, object=identiteit, toelichting=auditnotities.IDENTITEIT_GEWIST()
            )
            identiteit.delete()
        else:
            gewist = sorted(velden & ALLE_VELDEN)
            for veld in gewist:
                setattr(identiteit, veld, "")
            identiteit.save(update_fields=[*gewist, "updated_at"])
            auditregel_schrijven(
                door=door,
                actie=AuditActie.GEWIJZIGD,
                object=identiteit,
                toelichting=auditnotities.CONTACTGEGEVENS_GEWIST(),
            )
    if velden >= ALLE_VELDEN:
        bestanden = _toestemmingen_laten_vervallen(melding=melding, door=door)
        if bestanden:
            # Files cannot be rolled back: removed after commit, through the retry
            # list of the retention job (docs/retention.md, "Crash safety").
            TeVerwijderenBestand.objects.bulk_create(
                [TeVerwijderenBestand(naam=naam) for naam in bestanden], ignore_conflicts=True
            )
            transaction.on_commit(bestanden_opruimen)
    return uitbreidingen.na_identiteit_wissen(melding=melding, velden=velden, door=door)


_GEBEURTENIS = {
    WissingStatus.UITGEVOERD: GebeurtenisSoort.IDENTITEIT_GEWIST,
    WissingStatus.DEELS_GEWEIGERD: GebeurtenisSoort.WISSING_DEELS_GEWEIGERD,
    WissingStatus.GEWEIGERD: GebeurtenisSoort.WISSING_GEWEIGERD,
}


def _besluiten(
    *, verzoek: Wissingsverzoek, naar: WissingStatus, artikel: str, behouden: list[str], door: Gebruiker
) -> Wissingsverzoek:
    verzoek.status = naar
    verzoek.besloten_op = timezone.now()
    verzoek.besloten_door = door
    verzoek.save(
        update_fields=["status", "besloten_op", "besloten_door", "weigeringsgrond", "weigeringsreden", "updated_at"]
    )
    Gebeurtenis.objects.create(melding=verzoek.melding, soort=_GEBEURTENIS[naar], artikel=artikel, door=door)
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting=auditnotities.WISSING_BEANTWOORD(status=naar)
    )
    verzoek.brief = brief_sturen(verzoek=verzoek, behouden=behouden, door=door)
    verzoek.save(update_fields=["brief", "updated_at"])
    return verzoek


def _vergrendeld(verzoek: Wissingsverzoek) -> Wissingsverzoek:
    # The case row first, as bewaarblokkade_plaatsen and wissing_aanvragen lock it: a
    # legal hold placed at the same moment is then either seen by the precondition or
    # placed after the answer, never missed in between. Of two officers answering at
    # once, the second finds the request answered.
    Melding.objects.select_for_update().only("pk").get(pk=verzoek.melding_id)
    return Wissingsverzoek.objects.select_for_update().select_related("melding").get(pk=verzoek.pk)


@transaction.atomic
def identiteit_wissen(*, verzoek: Wissingsverzoek, door: Gebruiker) -> Wissingsverzoek:
    """AVG art. 17(1): the receiving officer erases the melder's identity. Refused
    while a legal hold is on the case (the row's precondition)."""
    verzoek = _vergrendeld(verzoek)
    overgang = WISSING.stap_controleren(verzoek, WissingStatus.UITGEVOERD, door=door)
    behouden = _wissen(melding=verzoek.melding, velden=ALLE_VELDEN, door=door)
    return _besluiten(
        verzoek=verzoek, naar=WissingStatus.UITGEVOERD, artikel=overgang.artikel, behouden=behouden, door=door
    )


@transaction.atomic
def wissingsverzoek_weigeren(
    *,
    verzoek: Wissingsverzoek,
    grond: WeigeringsGrond | str,
    reden: str,
    contactgegevens_wissen: bool,
    door: Gebruiker,
) -> Wissingsverzoek:
    """AVG art. 17(3), 12(4): the receiving officer refuses, with the ground and a
    reason the melder reads in the letter. `contactgegevens_wissen`: in part only,
    the contact details still go (the one partial answer, docs/retention.md)."""
    verzoek = _vergrendeld(verzoek)
    naar = WissingStatus.DEELS_GEWEIGERD if contactgegevens_wissen else WissingStatus.GEWEIGERD
    overgang = WISSING.stap_controleren(verzoek, naar, door=door)
    fouten = {}
    try:
        grond = WeigeringsGrond(grond)
    except ValueError:
        fouten["grond"] = _("Kies de grond van de weigering.")
    reden = (reden or "").strip()
    if not reden:
        fouten["reden"] = _("Schrijf de reden van de weigering; de melder leest die in de brief (AVG art. 12 lid 4).")
    if (
        grond == WeigeringsGrond.BEWAARBLOKKADE
        and not verzoek.melding.bewaarblokkades.filter(opgeheven_op__isnull=True).exists()
    ):
        fouten["grond"] = _("Er ligt geen bewaarblokkade op deze melding.")
    if fouten:
        raise ValidationError(fouten)
    verzoek.weigeringsgrond = grond
    verzoek.weigeringsreden = reden
    behouden = _wissen(melding=verzoek.melding, velden=CONTACTVELDEN, door=door) if contactgegevens_wissen else []
    return _besluiten(verzoek=verzoek, naar=naar, artikel=overgang.artikel, behouden=behouden, door=door)
