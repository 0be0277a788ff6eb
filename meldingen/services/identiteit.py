"""The melder's right to erasure before the retention period ends (AVG art. 17;
docs/retention.md, "The melder's right to erasure").

The melder asks in the mailbox (`wissing_aanvragen`), after reading what it means
(`gevolgen_identiteit_wissen`); or the receiving officer records a request that came
by post, e-mail, phone or in a meeting (`wissingsverzoek_vastleggen`). Either starts
the term `identiteit_wissen`: one month (AVG art. 12(3)). The receiving officer then
erases the identity (`identiteit_wissen`) or refuses, as a whole or in part, with
the ground and the reason (`wissingsverzoek_weigeren`). Both are rows of
meldingen.workflow.WISSING_OVERGANGEN, guarded by meldingen.overgangen.WISSING, and
both end in a letter in the mailbox that closes the term when it reaches the melder.

Erasing removes the MelderIdentiteit row (its encrypted fields and blind indexes),
the mailbox's address for notices with the notices to it still in the outbox, the
consents that name people (with the access they gave and the requests for them still
open) and the signed scans of every consent, and what the higher apps derived from
the identity (they are told through meldingen.uitbreidingen.identiteitswissing_registreren). A partial refusal
removes the contact details only. The timeline, the audit log, the letters and the
logs say that it happened and which answer was given, never what was erased.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import remove_perm

from kern import post, toegang
from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen import deadlines, uitbreidingen
from meldingen.constants import (
    GebeurtenisSoort,
    Status,
    TermijnSoort,
    ToestemmingSoort,
    ToewijzingRol,
    VerzoekStatus,
    WeigeringsGrond,
    WissingBron,
    WissingStatus,
)
from meldingen.models import (
    Bijlage,
    Brief,
    Gebeurtenis,
    MelderIdentiteit,
    Melding,
    Meldingsbox,
    TeVerwijderenBestand,
    Toestemming,
    Wissingsverzoek,
)
from meldingen.overgangen import WISSING
from meldingen.selectors.identiteit import wissingstermijn_onderwerp
from meldingen.services.adviseur import ADVISEUR
from meldingen.services.bewaring import bestanden_opruimen, rijen_verwijderen
from meldingen.services.brieven import briefcontext
from meldingen.services.datums import als_moment
from meldingen.services.meldingsbox import brief_bezorgen, verzoek_intrekken
from meldingen.services.notificaties import SOORT_MELDER, ontvangers_notificeren
from meldingen.services.termijnen import termijn_starten, termijnsleutel
from meldingen.services.toestemming import IDENTITEIT

SOORT_BRIEF = "identiteit_wissen"

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

# What the melder reads before asking (meldingen's own part; the higher apps add
# theirs through meldingen.uitbreidingen). Lazy: read in the melder's language.
GEVOLGEN_WISSEN = (
    gettext_lazy(
        "Wij halen uw naam, e-mailadres, telefoonnummer, postadres, personeelsnummer en afdeling uit Meldpunt, "
        "ook in de vorm waarin wij ze konden vergelijken. Het e-mailadres waarop u een seintje krijgt als er "
        "nieuws is, gaat ook weg."
    ),
    gettext_lazy(
        "Daarna bent u voor deze melding anoniem. Uw melding wordt gewoon verder behandeld, en uw meldingsbox en "
        "ontvangstcode blijven werken. Bewaar de code goed: zonder naam en adres kunnen wij u op geen andere "
        "manier bereiken."
    ),
    gettext_lazy(
        "U krijgt geen e-mail meer als er nieuws is. Kijk zelf regelmatig in uw meldingsbox. Geeft u later zelf "
        "weer een e-mailadres op, dan kennen wij dat adres weer."
    ),
    gettext_lazy(
        "Gaf u toestemming om uw identiteit of die van uw adviseur aan bepaalde personen bekend te maken (Art. "
        "7.2, 7.4), dan vervalt die toestemming, en ondertekende toestemmingen op papier gaan weg. Wie uw "
        "identiteit al kende, blijft die natuurlijk kennen: wissen verandert wat Meldpunt bewaart, niet wat "
        "mensen weten."
    ),
    gettext_lazy(
        "Wat u zelf schreef of ondertekende, blijft zoals het is: uw melding, uw berichten, uw bestanden en een "
        "verslag dat u op papier goedkeurde. Staat uw naam daarin en wilt u dat die verdwijnt, stuur dan een "
        "bericht."
    ),
    gettext_lazy(
        "Soms mogen wij (een deel van) uw gegevens niet wissen, bijvoorbeeld als de melding nodig is in een "
        "rechtszaak of een ander geschil, of als de wet ons verplicht ze te bewaren (AVG art. 17 lid 3). Dan "
        "krijgt u een brief met de reden en leest u wat wel is gewist. Uw contactgegevens wissen wij in elk "
        "geval."
    ),
    gettext_lazy("Wissen kan niet ongedaan worden gemaakt."),
)


def gevolgen_identiteit_wissen(*, melding: Melding) -> list[str]:
    """Everything the melder reads before asking: meldingen's part and what the higher
    apps registered (what erasing costs or leaves in place there)."""
    return [str(zin) for zin in GEVOLGEN_WISSEN] + uitbreidingen.gevolgen_identiteit_wissen(melding=melding)


def _termijn_starten(verzoek: Wissingsverzoek) -> None:
    # AVG art. 12(3): one month from the day the request was received (Amsterdam).
    berekening = deadlines.identiteit_wissen_termijn(
        lokale_datum(verzoek.ontvangen_op), settings.MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN
    )
    termijn_starten(melding=verzoek.melding, berekening=berekening, onderwerp=wissingstermijn_onderwerp(verzoek))


def _nieuw_verzoek_controleren(melding: Melding) -> None:
    if melding.status == Status.VERNIETIGD:
        raise ValidationError(_("Deze melding is vernietigd: er is niets meer te wissen."))
    if not MelderIdentiteit.objects.filter(melding=melding).exists():
        raise ValidationError(_("Er is geen identiteit van de melder vastgelegd: er is niets te wissen."))
    if Wissingsverzoek.objects.filter(melding=melding, status=WissingStatus.GEVRAAGD).exists():
        raise ValidationError(_("Er loopt al een verzoek om de identiteit te wissen."))


def _verzoek_aanmaken(*, melding: Melding, bron: WissingBron, ontvangen_op, door: Gebruiker | None):
    verzoek = Wissingsverzoek.objects.create(
        melding=melding, bron=bron, ontvangen_op=ontvangen_op, vastgelegd_door=door
    )
    _termijn_starten(verzoek)
    Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.WISSING_GEVRAAGD, artikel="AVG art. 17", door=door
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=verzoek,
        toelichting=f"AVG art. 17; {bron}",
        actor_soort=None if door else "melder",
    )
    # The receiving officers hear that something arrived, content-free as all mail.
    ontvangers_notificeren(melding=melding, nieuw=False, behalve=door)
    return verzoek


@transaction.atomic
def wissing_aanvragen(*, meldingsbox: Meldingsbox) -> Wissingsverzoek:
    """The melder asks in the mailbox to erase their identity (AVG art. 17), after
    reading what it means. Any state of the case: the right does not end with the
    procedure (the term outlives closing, meldingen.services.termijnen.BLIJFT_NA_EINDE)."""
    melding = Melding.objects.select_for_update().get(pk=meldingsbox.melding_id)
    _nieuw_verzoek_controleren(melding)
    return _verzoek_aanmaken(melding=melding, bron=WissingBron.MELDINGSBOX, ontvangen_op=timezone.now(), door=None)


@transaction.atomic
def wissingsverzoek_vastleggen(
    *,
    melding: Melding,
    ontvangen_op: date | None,
    bron: WissingBron | str,
    herkomst_vastgesteld: bool,
    door: Gebruiker,
) -> Wissingsverzoek:
    """The receiving officer records a request that came by post, e-mail, phone or
    in a meeting, with the day it was received: the month runs from that day (AVG
    art. 12(3)). The officer has checked that it comes from the melder (AVG art.
    12(6)); the form asks for that."""
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvangende functionaris legt een verzoek om wissing vast."),
    )
    try:
        bron = WissingBron(bron)
    except ValueError:
        bron = None
    if bron is None or bron == WissingBron.MELDINGSBOX:
        raise ValidationError({"bron": _("Kies hoe het verzoek binnenkwam.")})
    if not herkomst_vastgesteld:
        # AVG art. 12(6): erasing on a stranger's word would be a breach itself.
        raise ValidationError(
            {"herkomst_vastgesteld": _("Stel eerst vast dat het verzoek van de melder zelf komt (AVG art. 12 lid 6).")}
        )
    if ontvangen_op is None:
        raise ValidationError({"ontvangen_op": _("Vul de datum in waarop het verzoek is ontvangen.")})
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("De datum van ontvangst kan niet in de toekomst liggen.")})
    if ontvangen_op < lokale_datum(melding.ontvangen_op):
        raise ValidationError(
            {
                "ontvangen_op": _("Het verzoek kan niet vóór de melding zelf (%(datum)s) zijn ontvangen.")
                % {"datum": lokale_datum(melding.ontvangen_op).strftime("%d-%m-%Y")}
            }
        )
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _nieuw_verzoek_controleren(melding)
    return _verzoek_aanmaken(melding=melding, bron=bron, ontvangen_op=als_moment(ontvangen_op), door=door)


# --- The answer ----------------------------------------------------------------------


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
                toelichting="toestemming vervallen; AVG art. 17",
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
        auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=box, toelichting="notificatie; AVG art. 17")
    if identiteit is not None:
        if velden >= ALLE_VELDEN:
            auditregel_schrijven(door=door, actie=AuditActie.VERWIJDERD, object=identiteit, toelichting="AVG art. 17")
            identiteit.delete()
        else:
            gewist = sorted(velden & ALLE_VELDEN)
            for veld in gewist:
                setattr(identiteit, veld, "")
            identiteit.save(update_fields=[*gewist, "updated_at"])
            auditregel_schrijven(
                door=door, actie=AuditActie.GEWIJZIGD, object=identiteit, toelichting="contactgegevens; AVG art. 17"
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


def _klachtrecht() -> str:
    # AVG art. 12(4): who does not act on a request says why and where to complain.
    return _(
        "Bent u het hier niet mee eens, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl) of naar de rechter gaan (AVG art. 12 lid 4, 77 en 79). U kunt ook "
        "opnieuw om wissing vragen als de reden vervalt, bijvoorbeeld als de bewaarblokkade is opgeheven."
    )


def _alineas(verzoek: Wissingsverzoek, behouden: list[str]) -> list[str]:
    """The letter's paragraphs. Nothing of the identity: the fields are named, never
    their values."""
    gevraagd = _("Op %(datum)s vroeg u ons uw identiteit te wissen (AVG art. 17).") % {
        "datum": date_format(lokale_datum(verzoek.ontvangen_op), "j F Y")
    }
    reden = _("De reden: %(grond)s. %(reden)s") % {
        "grond": verzoek.get_weigeringsgrond_display(),
        "reden": verzoek.weigeringsreden,
    }
    if verzoek.status == WissingStatus.UITGEVOERD:
        alineas = [
            f"{gevraagd} {_('Dat hebben wij gedaan.')}",
            _(
                "Gewist zijn uw naam, e-mailadres, telefoonnummer, postadres, personeelsnummer en afdeling, ook in de "
                "vorm waarin wij ze konden vergelijken, en het e-mailadres voor een seintje bij nieuws. Toestemming "
                "om uw identiteit of die van uw adviseur aan bepaalde personen bekend te maken, is vervallen; "
                "ondertekende toestemmingen op papier zijn verwijderd."
            ),
            _(
                "U bent voor melding %(nummer)s nu anoniem. Uw melding wordt verder behandeld zoals die er ligt. U "
                "krijgt geen e-mail meer als er nieuws is: kijk zelf in deze meldingsbox, met uw ontvangstcode."
            )
            % {"nummer": verzoek.melding.registernummer},
            *behouden,
            _("Wat u zelf schreef of ondertekende (uw melding, berichten, bestanden en verslagen) is niet veranderd."),
        ]
    elif verzoek.status == WissingStatus.DEELS_GEWEIGERD:
        alineas = [
            f"{gevraagd} {_('Wij wissen uw identiteit niet helemaal.')}",
            _(
                "Gewist zijn uw contactgegevens: uw e-mailadres, telefoonnummer en postadres, en het e-mailadres "
                "voor een seintje bij nieuws. U krijgt dus geen e-mail meer: kijk zelf in deze meldingsbox."
            ),
            _("Bewaard blijven uw naam, personeelsnummer en afdeling. Ze blijven vertrouwelijk (Art. 7.2)."),
            reden,
            *behouden,
            _klachtrecht(),
        ]
    else:
        alineas = [
            f"{gevraagd} {_('Wij wissen uw identiteit niet.')}",
            reden,
            _(
                "Uw gegevens blijven dus bewaard zoals ze waren. Ze blijven vertrouwelijk (Art. 7.2) en worden "
                "vernietigd met de melding, na de bewaartermijn."
            ),
            _klachtrecht(),
        ]
    return [str(alinea).strip() for alinea in alineas if str(alinea).strip()]


def _brief_sturen(*, verzoek: Wissingsverzoek, behouden: list[str], door: Gebruiker) -> Brief:
    """The answer in the mailbox (AVG art. 12(3)-(4)); it closes the request's term
    when it reaches the melder (at once, or via the vertrouwenspersoon, Art. 7.3)."""
    onderwerp = _("Uw verzoek om uw identiteit te wissen")
    alineas = _alineas(verzoek, behouden)
    pdf = template_naar_pdf(
        "brieven/identiteit_wissen.html",
        briefcontext(melding=verzoek.melding, onderwerp=onderwerp, alineas=alineas, ondertekenaar=door),
    )
    return brief_bezorgen(
        melding=verzoek.melding,
        onderwerp=onderwerp,
        tekst="\n\n".join(alineas),
        pdf=pdf,
        soort=SOORT_BRIEF,
        door=door,
        sluit_termijnen=[termijnsleutel(TermijnSoort.IDENTITEIT_WISSEN, wissingstermijn_onderwerp(verzoek))],
        artikel="AVG art. 12(3)",
    )


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
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting=f"AVG art. 17: {naar}")
    verzoek.brief = _brief_sturen(verzoek=verzoek, behouden=behouden, door=door)
    verzoek.save(update_fields=["brief", "updated_at"])
    return verzoek


def _vergrendeld(verzoek: Wissingsverzoek) -> Wissingsverzoek:
    # Of two officers answering at once, the second finds the request answered.
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
