"""The transition table of the annual report (Art. 14.2-14.4), one row per step,
rows of `kern.overgangen.Overgang` wrapped in the procedure "rapportage"
(docs/toestanden.md).

Enforced by the services through `PROCEDURE.controleren`: every step by
rapportage.services.rapportage_overgang, adoption through the HL's signature
(rapportage.services.versie_ondertekenen). Each row names the article, who may
take the step (the HL or an OR member of the report's organisation) and its
preconditions; `VERSIES` says which version a step freezes. Adoption requires
the signed approved version when the state moves (`bewijs`, asked by
rapportage_overgang).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kern.overgangen import Overgang, Procedure, bewijs_registreren, voorwaarde_registreren
from rapportage import selectors
from rapportage.constants import RapportageStatus, VersieAanleiding

S = RapportageStatus
HL, OR = "hl", "or"
_OVERGANG = "rapportage.services.rapportage_overgang"
# Art. 14.2 a and c: the texts the report contains in any case, before the OR sees it
# and again before adoption (they may be edited while the HL holds the text).
TEKSTEN_14_2 = "teksten_14_2_a_c"

TOEGESTANE_OVERGANGEN: dict[tuple[RapportageStatus, RapportageStatus], Overgang] = {
    # The HL sends the concept to the OR for discussion in a consultation meeting.
    (S.CONCEPT, S.BIJ_OR): Overgang("Art. 14.3", HL, _OVERGANG, voorwaarden=(TEKSTEN_14_2,)),
    # After the consultation meeting (Art. 14.3) the OR makes its standpunt known
    # on policy, execution and report; the meeting's date is recorded.
    (S.BIJ_OR, S.STANDPUNT_OR): Overgang("Art. 14.3-14.4", OR, _OVERGANG, reden_verplicht=True),
    # The HL processes the standpunt into the report and submits that for approval.
    (S.STANDPUNT_OR, S.TER_GOEDKEURING): Overgang(
        "Art. 14.4", HL, _OVERGANG, voorwaarden=(TEKSTEN_14_2, "standpunt_verwerkt")
    ),
    # The OR approves the processing of its standpunt.
    (S.TER_GOEDKEURING, S.GOEDGEKEURD): Overgang("Art. 14.4", OR, _OVERGANG),
    # The OR does not approve: the HL processes again, with the OR's reasons.
    (S.TER_GOEDKEURING, S.STANDPUNT_OR): Overgang("Art. 14.4", OR, _OVERGANG, reden_verplicht=True),
    # The HL adopts and signs the approved version (fresh second factor).
    # Evidence when the state moves: the approved version carries the HL's signature.
    (S.GOEDGEKEURD, S.VASTGESTELD): Overgang(
        "Art. 14.2",
        HL,
        "rapportage.services.versie_ondertekenen",
        voorwaarden=(TEKSTEN_14_2,),
        bevriest="goedgekeurde versie (ondertekend)",
        bewijs=("versie_ondertekend",),
    ),
}

# The version each step freezes (the OR reads and approves exactly that version).
VERSIES: dict[tuple[RapportageStatus, RapportageStatus], VersieAanleiding] = {
    (S.CONCEPT, S.BIJ_OR): VersieAanleiding.NAAR_OR,
    (S.STANDPUNT_OR, S.TER_GOEDKEURING): VersieAanleiding.VERWERKING,
    (S.TER_GOEDKEURING, S.GOEDGEKEURD): VersieAanleiding.VASTSTELLING,
}

# While in these stages the HL may edit the texts (Art. 14.2 a, c; 14.4).
BEWERKBAAR = frozenset({S.CONCEPT, S.STANDPUNT_OR})


def is_bewerkbaar(rapportage) -> bool:
    return RapportageStatus(rapportage.status) in BEWERKBAAR


def _mag_als(rapportage, overgang: Overgang, gebruiker) -> bool:
    # Art. 14.2-14.4 give the steps to the HL of the organisation, or to its OR.
    if gebruiker is None:
        return False
    if overgang.door == HL:
        return selectors.is_hl(user=gebruiker, organisatie=rapportage.organisatie)
    return selectors.is_or_lid(user=gebruiker, organisatie=rapportage.organisatie)


PROCEDURE = Procedure(
    naam="rapportage",
    rijen=TOEGESTANE_OVERGANGEN,
    status=RapportageStatus,
    status_van=lambda rapportage: rapportage.status,
    mag_als=_mag_als,
    omschrijving="rapportage.workflow",
    extra={"versies": VERSIES},
)


def overgang_voor(van: RapportageStatus, naar: RapportageStatus) -> Overgang | None:
    return PROCEDURE.overgang_voor(van, naar)


def _teksten_14_2(rapportage) -> str | None:
    # Art. 14.2 a (policy of the past and the coming year) and c (experiences with
    # countering retaliation): the report contains them in any case.
    ontbrekend = [
        label
        for veld, label in (
            ("beleid_afgelopen_jaar", _("het gevoerde beleid in het afgelopen jaar (Art. 14.2 a)")),
            ("beleid_komend_jaar", _("het te voeren beleid in het komende jaar (Art. 14.2 a)")),
            ("ervaringen_benadeling", _("de ervaringen met het tegengaan van benadeling (Art. 14.2 c)")),
        )
        if not (getattr(rapportage, veld) or "").strip()
    ]
    if ontbrekend:
        return _("De rapportage bevat nog niet: %(teksten)s.") % {"teksten": "; ".join(ontbrekend)}
    return None


def _standpunt_verwerkt(rapportage) -> str | None:
    # Art. 14.4: the HL processes the standpunt into the report before submitting it.
    if not (rapportage.verwerking_standpunt or "").strip():
        return _("Beschrijf eerst hoe het standpunt van de ondernemingsraad is verwerkt.")
    return None


def _versie_ondertekend(rapportage, naar) -> str | None:
    # Art. 14.2: adopted only by the HL's signature on the version the OR approved.
    laatste = selectors.laatste_versie(rapportage=rapportage, voor_or=True)
    if laatste is None or laatste.aanleiding != VersieAanleiding.VASTSTELLING or not laatste.is_ondertekend:
        return _("De door de ondernemingsraad goedgekeurde versie is niet ondertekend.")
    return None


voorwaarde_registreren(TEKSTEN_14_2, _teksten_14_2)
voorwaarde_registreren("standpunt_verwerkt", _standpunt_verwerkt)
bewijs_registreren("versie_ondertekend", _versie_ondertekend)
