"""The melder's report: registration from the public form, or by an officer for an
oral, phone, post or in-person report (docs/melderzijde.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from kern import toegang
from kern.crypto import blinde_index
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import uitbreidingen
from meldingen.constants import (
    Categorie,
    Discriminatiegrond,
    Identiteitskeuze,
    Kanaal,
    Relatie,
    Wijze,
)
from meldingen.models import MelderIdentiteit, Melding, Organisatie
from meldingen.services.bijlagen import MAX_AANTAL, VoorbereidBestand, bijlage_opslaan
from meldingen.services.datums import ontvangstdatum_controleren
from meldingen.services.meldingsbox import NieuweCode, meldingsbox_aanmaken
from meldingen.services.notificaties import nieuwe_melding_inplannen
from meldingen.services.register import melding_registreren_in_transactie, registernummer_vastleggen

MAX_OMSCHRIJVING = 20_000
MAX_KORT = 2_000


@dataclass(frozen=True)
class IdentiteitGegevens:
    naam: str = ""
    email: str = ""
    telefoon: str = ""
    postadres: str = ""
    personeelsnummer: str = ""
    afdeling: str = ""

    def is_leeg(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class Ontvangstbewijs:
    melding: Melding
    code: str  # the receipt code, shown once and never stored


@dataclass(frozen=True)
class Meldinginhoud:
    omschrijving: str
    wanneer: str = ""
    waar: str = ""
    betrokkenen: str = ""
    eerdere_meldingen: str = ""
    categorie: Categorie = Categorie.ONBEKEND
    discriminatiegronden: tuple[str, ...] = ()
    relatie: Relatie | str = ""
    relatie_toelichting: str = ""
    hl_betrokken: bool = False
    gesprek_gewenst: bool = False
    bijlagen: tuple[VoorbereidBestand, ...] = field(default_factory=tuple)


def _schoon(tekst: str) -> str:
    return (tekst or "").replace("\x00", "").strip()


def _controleren(inhoud: Meldinginhoud, identiteitskeuze: Identiteitskeuze, identiteit: IdentiteitGegevens) -> dict:
    fouten: dict[str, str] = {}
    if not _schoon(inhoud.omschrijving):
        fouten["omschrijving"] = _("Beschrijf wat er is gebeurd.")
    elif len(inhoud.omschrijving) > MAX_OMSCHRIJVING:
        fouten["omschrijving"] = _("De beschrijving is te lang (hoogstens %(max)s tekens).") % {"max": MAX_OMSCHRIJVING}
    for veld in ("wanneer", "waar", "betrokkenen", "eerdere_meldingen", "relatie_toelichting"):
        if len(getattr(inhoud, veld)) > MAX_KORT:
            fouten[veld] = _("Dit antwoord is te lang (hoogstens %(max)s tekens).") % {"max": MAX_KORT}
    if inhoud.relatie and inhoud.relatie not in Relatie.values:
        fouten["relatie"] = _("Kies uw relatie tot de organisatie uit de lijst.")
    if any(g not in Discriminatiegrond.values for g in inhoud.discriminatiegronden):
        fouten["discriminatiegronden"] = _("Kies de gronden uit de lijst.")
    if len(inhoud.bijlagen) > MAX_AANTAL:
        fouten["bijlagen"] = _("U kunt hoogstens %(max)s bestanden meesturen.") % {"max": MAX_AANTAL}
    if identiteitskeuze == Identiteitskeuze.ANONIEM and not identiteit.is_leeg():
        # Never store an identity the melder believes they withheld.
        fouten["identiteitskeuze"] = _(
            "U koos voor anoniem melden, maar vulde ook gegevens over uzelf in. "
            "Maak de gegevens leeg of kies vertrouwelijk of open melden."
        )
    if identiteitskeuze != Identiteitskeuze.ANONIEM and not _schoon(identiteit.naam):
        fouten["naam"] = _("Vul uw naam in, of kies voor anoniem melden.")
    if identiteit.email:
        try:
            validate_email(identiteit.email)
        except ValidationError:
            fouten["email"] = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
    for veld in ("naam", "email", "telefoon", "postadres", "personeelsnummer", "afdeling"):
        if len(getattr(identiteit, veld)) > MAX_KORT:
            fouten[veld] = _("Dit antwoord is te lang (hoogstens %(max)s tekens).") % {"max": MAX_KORT}
    return fouten


# No savepoint of its own: it only runs inside the submission, which it must
# roll back as a whole when it fails.
@transaction.atomic(savepoint=False)
def melder_identiteit_vastleggen(
    *, melding: Melding, gegevens: IdentiteitGegevens, door: Gebruiker | None
) -> MelderIdentiteit:
    """Store the identity apart from the case, encrypted, with keyed blind indexes
    for matching (Art. 7.2, docs/vertrouwelijkheid.md)."""
    identiteit = MelderIdentiteit.objects.create(
        melding=melding,
        naam=_schoon(gegevens.naam),
        email=_schoon(gegevens.email),
        telefoon=_schoon(gegevens.telefoon),
        postadres=_schoon(gegevens.postadres),
        personeelsnummer=_schoon(gegevens.personeelsnummer),
        afdeling=_schoon(gegevens.afdeling),
        personeelsnummer_index=blinde_index(gegevens.personeelsnummer, doel="personeelsnummer")
        if _schoon(gegevens.personeelsnummer)
        else "",
        email_index=blinde_index(gegevens.email, doel="email") if _schoon(gegevens.email) else "",
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=identiteit, actor_soort=None if door else "melder"
    )
    return identiteit


@transaction.atomic
def melder_identiteit_inzien(*, melding: Melding, door: Gebruiker) -> MelderIdentiteit | None:
    """The melder's identity for the receiving officer only (Art. 7.2); anyone else
    gets 404, as if there were nothing. Every look is audited (docs/vertrouwelijkheid.md)."""

    if not toegang.mag(user=door, perm="meldingen.identiteit_inzien", obj=melding):
        raise Http404
    identiteit = MelderIdentiteit.objects.filter(melding=melding).first()
    if identiteit is not None:
        auditregel_schrijven(door=door, actie=AuditActie.IDENTITEIT_BEKEKEN, object=identiteit)
    return identiteit


@transaction.atomic
def melding_indienen(
    *,
    organisatie: Organisatie,
    inhoud: Meldinginhoud,
    kanaal: Kanaal,
    formeel: bool,
    identiteitskeuze: Identiteitskeuze = Identiteitskeuze.ANONIEM,
    identiteit: IdentiteitGegevens | None = None,
    notificatie_email: str = "",
    wijze: Wijze = Wijze.WEBFORMULIER,
    door: Gebruiker | None = None,
    ontvangen_op: datetime | None = None,
) -> Ontvangstbewijs:
    """Register a report in one transaction: register number (Art. 3.5), encrypted
    content, identity apart (Art. 7.2), attachments, mailbox and receipt code, and
    a content-free notice to the receiving officers.

    `formeel=False` (no consent to formal treatment) registers an advice request
    (Soort.ADVIESVRAAG, docs/toestanden.md; kamervragen 2021 answer 6).
    """
    identiteit = identiteit or IdentiteitGegevens()
    identiteitskeuze = Identiteitskeuze(identiteitskeuze)
    fouten = _controleren(inhoud, identiteitskeuze, identiteit)
    if notificatie_email:
        try:
            validate_email(notificatie_email)
        except ValidationError:
            fouten["notificatie_email"] = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
    if fouten:
        raise ValidationError(fouten)
    # Discrimination grounds are kept whatever the category: discrimination can be part of
    # any misstand, and staff may correct the category later (issue 14).
    gronden = inhoud.discriminatiegronden
    melding = melding_registreren_in_transactie(
        organisatie=organisatie,
        omschrijving=_schoon(inhoud.omschrijving),
        kanaal=kanaal,
        wijze=wijze,
        categorie=inhoud.categorie,
        hl_betrokken=inhoud.hl_betrokken,
        formeel=formeel,
        door=door,
        ontvangen_op=ontvangen_op,
        wanneer=_schoon(inhoud.wanneer),
        waar=_schoon(inhoud.waar),
        betrokkenen_omschrijving=_schoon(inhoud.betrokkenen),
        eerdere_meldingen=_schoon(inhoud.eerdere_meldingen),
        relatie=inhoud.relatie,
        relatie_toelichting=_schoon(inhoud.relatie_toelichting),
        discriminatiegronden=sorted(set(gronden)),
        identiteitskeuze=identiteitskeuze,
        gesprek_gewenst=inhoud.gesprek_gewenst,
        ontvanger_vereist=door is None,
        nummeren=False,
    )
    opgeslagen_identiteit = None
    if identiteitskeuze != Identiteitskeuze.ANONIEM:
        opgeslagen_identiteit = melder_identiteit_vastleggen(melding=melding, gegevens=identiteit, door=door)
    for bestand in inhoud.bijlagen:
        bijlage_opslaan(melding=melding, bestand=bestand, door=door)
    nieuwe_code: NieuweCode = meldingsbox_aanmaken(
        melding=melding, notificatie_email=_schoon(notificatie_email), door=door
    )
    # The officers' e-mail after commit, by a Celery task: it need not delay the
    # receipt code, and the report is stored whatever happens to it.
    nieuwe_melding_inplannen(melding=melding)
    # Art. 5.1: what higher apps attach to a new report (the melder becomes a protected
    # person) is written in this transaction: the report and the protection
    # commit together or not at all (meldingen.uitbreidingen).
    uitbreidingen.na_indiening(melding=melding, identiteit=opgeslagen_identiteit)
    # Last: the register number, which holds the organisation's counter until the
    # commit (Art. 3.5; registernummer_vastleggen).
    registernummer_vastleggen(melding=melding)
    return Ontvangstbewijs(melding=melding, code=nieuwe_code.code)


def melding_registreren_door_functionaris(
    *,
    organisatie: Organisatie,
    inhoud: Meldinginhoud,
    kanaal: Kanaal,
    wijze: Wijze,
    formeel: bool,
    door: Gebruiker,
    ontvangen_op: date | None,
    identiteitskeuze: Identiteitskeuze = Identiteitskeuze.ANONIEM,
    identiteit: IdentiteitGegevens | None = None,
) -> Ontvangstbewijs:
    """An officer registers an oral, phone, post or in-person report (Art. 3.4,
    8.1–8.2) and can hand the melder the receipt code on paper. `ontvangen_op` is
    the real date of receipt (Art. 8.5): the letter's postmark day, the day of the
    call or meeting; every term runs from it (termijnen_starten)."""
    if wijze == Wijze.WEBFORMULIER:
        raise ValidationError({"wijze": _("Kies hoe de melding is gedaan.")})
    # Art. 8.5: the terms run from the real receipt, not from the day it was typed in.
    ontvangen_moment = ontvangstdatum_controleren(dag=ontvangen_op)
    ontvangende_functies = [k.value for k in Kanaal]
    if (
        door is None
        or not door.is_authenticated
        or not organisatie.functionarissen.filter(gebruiker=door, functie__in=ontvangende_functies).exists()
    ):
        # Only a receiving officer of this organisation records reports (Art. 8.1–8.2, docs/rollen.md).
        raise ValidationError(
            _("Alleen een ontvangende functionaris van deze organisatie kan een melding registreren.")
        )
    return melding_indienen(
        organisatie=organisatie,
        inhoud=inhoud,
        kanaal=kanaal,
        formeel=formeel,
        identiteitskeuze=identiteitskeuze,
        identiteit=identiteit,
        wijze=wijze,
        door=door,
        ontvangen_op=ontvangen_moment,
    )
