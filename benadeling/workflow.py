"""The transition tables of the retaliation app (docs/toestanden.md), one per
case type, each wrapped in the one guard of kern.overgangen:

- the retaliation claim (Art. 6.2-6.3, `Benadelingsmelding`),
- the request to investigate the treatment (Art. 13, `Onderzoeksverzoek`),
- the intended adverse measure and its motivation (Art. 5.4, `VoorgenomenMaatregel`).

The services call `<PROCEDURE>.controleren(...)` and refuse what it refuses; the
case screen (benadeling.handelingen) offers a button exactly when `mag` says so.
A claim and a request keep no status column of their own: their state is read
from the fields their services set (`claim_status`, `verzoek_status`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from benadeling.constants import VERZOEK_REACTIE_ANTWOORD, VerzoekUitkomst, VoornemenStatus
from benadeling.selectors.standpunt import reactieonderwerp, standpunt_reactietermijn_einde
from benadeling.selectors.zaken import BENADELING_ROLLEN
from kern import toegang
from kern.overgangen import Overgang, Procedure, voorwaarde_registreren
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import ToewijzingRol
from meldingen.overgangen import reactietermijn_bezwaar
from meldingen.selectors.termijnen import termijn_loopt
from onderzoek.constants import BEEINDIGD, OnderzoekStatus

# Who takes a step: the roles on the case (the melder acts from the mailbox, no account).
MELDER = "melder"
CONTACTPERSOON = "contactpersoon"
# Art. 6.2: the melder approves in the mailbox, or the contactpersoon uploads the signed paper copy.
MELDER_OF_CONTACTPERSOON = "melder_of_contactpersoon"
LEIDING = "leiding"
ONTVANGER_OF_CONTACTPERSOON = "ontvanger_of_contactpersoon"
LEIDING_OF_ONTVANGER = "leiding_of_ontvanger"
LEIDING_OF_CONTACTPERSOON = "leiding_of_contactpersoon"
BEHANDELAARS = "behandelaars"
# Everyone who works on the case against retaliation (benadeling.selectors.BENADELING_ROLLEN).
BENADELING = "benadeling"

CP, ONTVANGER = ToewijzingRol.CONTACTPERSOON, ToewijzingRol.ONTVANGER

ACTOREN = {
    CONTACTPERSOON: lambda m: [CP],
    LEIDING: lambda m: [m.leiding_rol],
    ONTVANGER_OF_CONTACTPERSOON: lambda m: [ONTVANGER, CP],
    LEIDING_OF_ONTVANGER: lambda m: [m.leiding_rol, ONTVANGER],
    LEIDING_OF_CONTACTPERSOON: lambda m: [m.leiding_rol, CP],
    BEHANDELAARS: lambda m: [m.leiding_rol, CP, ONTVANGER],
    BENADELING: lambda m: list(BENADELING_ROLLEN),
}


def is_actor(*, melding, door: str, gebruiker) -> bool:
    """Whether this user acts as `door` on this case: the one actor check of the
    tables, also used by the screen for the side steps (docs/rollen.md)."""
    if door == MELDER:
        return gebruiker is None
    if door == MELDER_OF_CONTACTPERSOON:
        # The melder from the mailbox (no account), or the contactpersoon on the case.
        return gebruiker is None or is_actor(melding=melding, door=CONTACTPERSOON, gebruiker=gebruiker)
    return toegang.heeft_toewijzing(melding=melding, user=gebruiker, rollen=ACTOREN[door](melding))


def _mag_als(obj, overgang: Overgang, gebruiker) -> bool:
    return is_actor(melding=obj.melding, door=overgang.door, gebruiker=gebruiker)


_V = "benadeling.services.vastleggingen."
_M = "benadeling.services.maatregelen."
_Z = "benadeling.services.verzoeken."
_R = "benadeling.services.reactie."
_MO = "benadeling.services.motivering."


# --- The retaliation claim (Art. 6.2-6.3) ------------------------------------------------


class ClaimStatus(models.TextChoices):
    TER_GOEDKEURING = "ter_goedkeuring", _("Verslag ter goedkeuring bij de melder")
    CORRECTIE_GEVRAAGD = "correctie_gevraagd", _("Correctie gevraagd (de contactpersoon legt opnieuw vast)")
    DOORGESTUURD = "doorgestuurd", _("Goedgekeurd en doorgestuurd naar de hoogste leidinggevende")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


def claim_status(claim) -> ClaimStatus:
    if claim.uitkomst:
        return ClaimStatus.AFGEHANDELD
    if claim.doorgestuurd_op or claim.status == VastleggingStatus.GOEDGEKEURD:
        return ClaimStatus.DOORGESTUURD
    return ClaimStatus(claim.status)


C = ClaimStatus
CLAIM_OVERGANGEN: dict[tuple[ClaimStatus, ClaimStatus], Overgang] = {
    # Art. 6.2: the melder approves the contactpersoon's record (in the mailbox, or
    # on paper uploaded by the contactpersoon); it goes to the HL, a copy to the melder.
    (C.TER_GOEDKEURING, C.DOORGESTUURD): Overgang(
        "Art. 6.2", MELDER_OF_CONTACTPERSOON, _V + "vastlegging_papier_goedgekeurd"
    ),
    # Art. 6.2: the melder asks for a correction; the contactpersoon records anew.
    (C.TER_GOEDKEURING, C.CORRECTIE_GEVRAAGD): Overgang(
        "Art. 6.2", MELDER, _V + "vastlegging_correctie_gevraagd_door_melder", reden_verplicht=True
    ),
    # Art. 6.3: the HL acts on the claim and records its outcome (Art. 14.2 c).
    (C.DOORGESTUURD, C.AFGEHANDELD): Overgang("Art. 6.3", LEIDING, _M + "benadelingsmelding_afhandelen"),
}

CLAIM = Procedure(
    naam="benadelingsmelding",
    rijen=CLAIM_OVERGANGEN,
    status=ClaimStatus,
    status_van=claim_status,
    mag_als=_mag_als,
    omschrijving="benadeling.workflow.CLAIM_OVERGANGEN",
)


# --- The request to investigate the treatment (Art. 13) --------------------------------


class VerzoekStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    INGEWILLIGD = "ingewilligd", _("Ingewilligd: onderzoek ingesteld")
    AFGEWEZEN = "afgewezen", _("Afgewezen (met reden)")
    STANDPUNT_GEGEVEN = "standpunt_gegeven", _("Standpunt gegeven")
    WEDERHOOR = "wederhoor", _("Onderbouwde reactie van de melder: inhoudelijk antwoord nodig")
    BEANTWOORD = "beantwoord", _("Reactie van de melder beantwoord")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


def verzoek_status(verzoek) -> VerzoekStatus:
    if verzoek.afgesloten_op is not None:
        return VerzoekStatus.AFGESLOTEN
    if verzoek.beantwoord_op is not None:
        return VerzoekStatus.BEANTWOORD
    if verzoek.onderbouwd_bezwaar:
        return VerzoekStatus.WEDERHOOR
    if verzoek.standpunt_op is not None:
        return VerzoekStatus.STANDPUNT_GEGEVEN
    return {
        VerzoekUitkomst.OPEN: VerzoekStatus.INGEDIEND,
        VerzoekUitkomst.INGESTELD: VerzoekStatus.INGEWILLIGD,
        VerzoekUitkomst.AFGEWEZEN: VerzoekStatus.AFGEWEZEN,
    }[VerzoekUitkomst(verzoek.uitkomst)]


V = VerzoekStatus
VERZOEK_OVERGANGEN: dict[tuple[VerzoekStatus, VerzoekStatus], Overgang] = {
    # Art. 13.1-13.2: the HL grants the request; an investigation under onderzoek's rules.
    (V.INGEDIEND, V.INGEWILLIGD): Overgang("Art. 13.1-13.2", LEIDING, _Z + "onderzoeksverzoek_inwilligen"),
    # Art. 13.1, 13.3: the HL declines, signed with reasons; the route to the Huis.
    (V.INGEDIEND, V.AFGEWEZEN): Overgang("Art. 13.1", LEIDING, _Z + "onderzoeksverzoek_afwijzen", reden_verplicht=True),
    # Art. 13.2 with 10.6, 11.1: the standpunt follows the fixed report, or the HL's
    # signed reason why no report was needed (as on the report itself).
    (V.INGEWILLIGD, V.STANDPUNT_GEGEVEN): Overgang(
        "Art. 13.2, 11.1",
        LEIDING,
        _Z + "onderzoeksverzoek_standpunt_vaststellen",
        voorwaarden=("benadelingsonderzoek_afgerond",),
    ),
    # Art. 12.1-12.2 via 13.2: the melder objects to the investigation or the standpunt,
    # reasoned, in the mailbox (the answer to the reaction request, "niet akkoord").
    (V.STANDPUNT_GEGEVEN, V.WEDERHOOR): Overgang(
        "Art. 13.2, 12.2", MELDER, _R + "onderzoeksverzoek_reactie_registreren"
    ),
    # Art. 12.2 via 13.2: the HL answers the reasoned reaction substantively, as a letter.
    (V.WEDERHOOR, V.BEANTWOORD): Overgang("Art. 13.2, 12.2", LEIDING, _R + "onderzoeksverzoek_reactie_beantwoorden"),
    # Art. 12.1 via 13.2: the melder need not react; closed once they reacted or the
    # reaction period after the standpunt's letter passed (as the report's
    # `reactietermijn_verstreken`).
    (V.STANDPUNT_GEGEVEN, V.AFGESLOTEN): Overgang(
        "Art. 13.2, 12.1",
        LEIDING,
        _R + "onderzoeksverzoek_afsluiten",
        voorwaarden=("benadeling_reactietermijn_verstreken",),
        reden_verplicht=True,
    ),
    # Art. 12.2 via 13.2: after a reasoned reaction, once the answer reached the melder
    # (its term closed; under Art. 7.3 when the vertrouwenspersoon forwarded it), as the
    # report's `reactie_beantwoord`.
    (V.BEANTWOORD, V.AFGESLOTEN): Overgang(
        "Art. 13.2, 12.2",
        LEIDING,
        _R + "onderzoeksverzoek_afsluiten",
        voorwaarden=("benadeling_antwoord_bij_melder",),
        reden_verplicht=True,
    ),
}

VERZOEK = Procedure(
    naam="onderzoeksverzoek",
    rijen=VERZOEK_OVERGANGEN,
    status=VerzoekStatus,
    status_van=verzoek_status,
    mag_als=_mag_als,
    omschrijving="benadeling.workflow.VERZOEK_OVERGANGEN",
)


def _onderzoek_afgerond(verzoek) -> str | None:
    """Art. 13.2 ("artikelen 10 t/m 13 van overeenkomstige toepassing") with
    Art. 10.6 and 11.1: the standpunt follows the investigation's end, as the
    report's own standpunt does (onderzoek.overgangen.onderzoek_afgerond_bezwaar):
    a fixed report (`afgerond`), or the HL's signed reason why none was needed
    (`zonder_rapport`). Either way the melder is still owed the employer's position
    on how they were treated, and the investigation's standpunt term runs until it
    is given."""
    if verzoek.onderzoek_id is None or OnderzoekStatus(verzoek.onderzoek.status) not in BEEINDIGD:
        return _gettext(
            "Het standpunt volgt op het vastgestelde onderzoeksrapport (Art. 10.6), of op de ondertekende reden "
            "waarom geen rapport nodig is (Art. 11.1)."
        )
    return None


voorwaarde_registreren("benadelingsonderzoek_afgerond", _onderzoek_afgerond)


def _standpunt_reactietermijn_verstreken(verzoek) -> str | None:
    """Art. 12.1 via 13.2: the melder may react to the investigation and the
    standpunt; the request is not finished while they still may, unless they already
    reacted. The period is the report's (MELDPUNT_REACTIETERMIJN_DAGEN) and runs from
    the standpunt's letter (meldingen.overgangen.reactietermijn_bezwaar)."""
    if verzoek.reactie_op is not None:
        return None
    return reactietermijn_bezwaar(standpunt_reactietermijn_einde(verzoek=verzoek))


def _antwoord_bij_melder(verzoek) -> str | None:
    """Art. 12.2 via 13.2: the answer to the reasoned reaction reached the melder: its
    term is closed (under Art. 7.3 once the vertrouwenspersoon forwarded it). Closing
    would void it, and the owed answer would vanish from the term overview."""
    if termijn_loopt(melding=verzoek.melding, soort=VERZOEK_REACTIE_ANTWOORD, onderwerp=reactieonderwerp(verzoek)):
        return _gettext(
            "Het antwoord op de reactie van de melder is nog niet bij de melder: de vertrouwenspersoon stuurt "
            "het eerst door (Art. 7.3, 12.2)."
        )
    return None


voorwaarde_registreren("benadeling_reactietermijn_verstreken", _standpunt_reactietermijn_verstreken)
voorwaarde_registreren("benadeling_antwoord_bij_melder", _antwoord_bij_melder)


# --- The intended adverse measure (Art. 5.4) -------------------------------------------

N = VoornemenStatus
_AFZIEN = Overgang("Art. 5.4", LEIDING_OF_ONTVANGER, _MO + "maatregel_afzien")
_MOTIVEREN = Overgang("Art. 5.4", LEIDING, _MO + "motivering_vastleggen")
VOORNEMEN_OVERGANGEN: dict[tuple[VoornemenStatus, VoornemenStatus], Overgang] = {
    # The receiving officer or contactpersoon asks the HL for the motivation.
    (N.MOTIVERING_VEREIST, N.MOTIVERING_GEVRAAGD): Overgang(
        "Art. 5.4", ONTVANGER_OF_CONTACTPERSOON, _MO + "motivering_vragen"
    ),
    # Art. 5.4: the HL motivates and signs (asked or of their own accord; a new
    # version replaces an earlier one).
    (N.MOTIVERING_VEREIST, N.GEMOTIVEERD): _MOTIVEREN,
    (N.MOTIVERING_GEVRAAGD, N.GEMOTIVEERD): _MOTIVEREN,
    (N.GEMOTIVEERD, N.GEMOTIVEERD): _MOTIVEREN,
    # Outside the period (or not an Art. 5.2 measure) no motivation is needed.
    (N.VOORGENOMEN, N.GENOMEN): Overgang("Art. 5.2", BEHANDELAARS, _MO + "maatregel_als_genomen_vastleggen"),
    # Art. 5.4: within the period, only after the signed motivation was given to
    # the person concerned.
    (N.GEMOTIVEERD, N.GENOMEN): Overgang(
        "Art. 5.4", BEHANDELAARS, _MO + "maatregel_als_genomen_vastleggen", voorwaarden=("motivering_verstrekt",)
    ),
    # The employer drops the measure, at any stage before it is taken.
    (N.VOORGENOMEN, N.AFGEZIEN): _AFZIEN,
    (N.MOTIVERING_VEREIST, N.AFGEZIEN): _AFZIEN,
    (N.MOTIVERING_GEVRAAGD, N.AFGEZIEN): _AFZIEN,
    (N.GEMOTIVEERD, N.AFGEZIEN): _AFZIEN,
}

VOORNEMEN = Procedure(
    naam="voorgenomen_maatregel",
    rijen=VOORNEMEN_OVERGANGEN,
    status=VoornemenStatus,
    status_van=lambda voornemen: voornemen.status,
    mag_als=_mag_als,
    omschrijving="benadeling.workflow.VOORNEMEN_OVERGANGEN",
)


def _motivering_verstrekt(voornemen) -> str | None:
    # Art. 5.4: the employer motivates to the person concerned: the latest signed
    # motivation reached them before the measure is taken.
    laatste = voornemen.motiveringen.order_by("-versie").first()
    if laatste is None or laatste.verstrekt_op is None:
        return _gettext("Geef de ondertekende motivering eerst aan de betrokkene (Art. 5.4).")
    return None


voorwaarde_registreren("motivering_verstrekt", _motivering_verstrekt)

PROCEDURES = (CLAIM, VERZOEK, VOORNEMEN)


def met_stap(procedure: Procedure, objecten, naar, gebruiker) -> list:
    """The objects on which this user may take a step of `procedure` to one of
    `naar` now (the screens' choice lists and buttons; the services check again)."""
    return [obj for obj in objecten if any(procedure.mag(obj, doel, gebruiker) for doel in naar)]


# The steps each action of benadeling.handelingen takes, per table: (procedure,
# objects of the case, target states). The screen shows an action exactly when one
# of its objects allows one of its steps for this user.
def claims(melding):
    return melding.benadelingsmeldingen.all()


def verzoeken(melding):
    return melding.benadeling_verzoeken.select_related("onderzoek")


def voornemens(melding):
    return melding.voorgenomen_maatregelen.all()
