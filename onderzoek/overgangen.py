"""The one guard over onderzoek.workflow (docs/toestanden.md) and the
preconditions this app answers, for its own table and for the report's
(`onderzoek_afgerond`, `kennisgeving_beoordeeld`, `betrokkenen_standpunt`,
`reactie_beantwoord`), and the evidence its rows and the report's rows require
when the state moves (`rapport_vastgesteld`, `reden_ondertekend`;
`besluit_ondertekend`, `standpunt_ondertekend`). Registered in kern.overgangen
when this module is imported (OnderzoekConfig.ready)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from kern import toegang
from kern.overgangen import Overgang, Procedure, bewijs_registreren, voorwaarde_registreren
from kern.vastleggingen import VastleggingStatus
from meldingen import overgangen as melding_overgangen
from meldingen.constants import OPEN_STATUSSEN as MELDING_OPEN_STATUSSEN
from meldingen.constants import Status, ToewijzingRol
from meldingen.selectors.termijnen import termijn_loopt
from onderzoek.constants import (
    BEEINDIGD,
    TERMIJN_WEDERHOOR_ANTWOORD,
    BesluitSoort,
    Gehoorde,
    KennisgevingFase,
    OnderzoekSoort,
    OnderzoekStatus,
    RapportStatus,
)
from onderzoek.models import AfzienVanRapport, Rapport
from onderzoek.workflow import LEIDING, MELDER, ONDERZOEKER, TOEGESTANE_OVERGANGEN


def is_onderzoeker(*, onderzoek, gebruiker) -> bool:
    """An investigator of this investigation: named on it (Art. 9.4) and assigned
    to the case in that role."""
    if gebruiker is None or not gebruiker.is_authenticated:
        return False
    return onderzoek.onderzoekers.filter(gebruiker=gebruiker, beeindigd_op__isnull=True).exists() and (
        toegang.heeft_toewijzing(melding=onderzoek.melding, user=gebruiker, rollen=[ToewijzingRol.ONDERZOEKER])
    )


def leidt(*, melding, gebruiker) -> bool:
    return toegang.heeft_toewijzing(melding=melding, user=gebruiker, rollen=[melding.leiding_rol])


def mag_als(*, onderzoek, overgang: Overgang, gebruiker) -> bool:
    if overgang.door == LEIDING:
        return leidt(melding=onderzoek.melding, gebruiker=gebruiker)
    if overgang.door == ONDERZOEKER:
        return is_onderzoeker(onderzoek=onderzoek, gebruiker=gebruiker)
    if overgang.door == MELDER:
        # The melder acts without an account, from the mailbox (kern.overgangen).
        return gebruiker is None
    return False


# The report's state each kind of decision leads to (Art. 9.1-9.3).
BESLUIT_NAAR_STATUS = {
    BesluitSoort.ONDERZOEK: Status.IN_ONDERZOEK,  # Art. 9.1
    BesluitSoort.GEEN_REDELIJKE_GRONDEN: Status.NIET_IN_ONDERZOEK,  # Art. 9.1 a, 9.2
    BesluitSoort.GEEN_MISSTAND: Status.NIET_IN_ONDERZOEK,  # Art. 9.1 b, 9.2
    BesluitSoort.DOORVERWIJZEN: Status.DOORVERWEZEN,  # Art. 9.3
}


PROCEDURE = Procedure(
    naam="onderzoek",
    rijen=TOEGESTANE_OVERGANGEN,
    status=OnderzoekStatus,
    status_van=lambda onderzoek: onderzoek.status,
    mag_als=lambda onderzoek, overgang, gebruiker: mag_als(onderzoek=onderzoek, overgang=overgang, gebruiker=gebruiker),
    omschrijving="onderzoek.workflow",
)


# The states the table answers for: investigators work where the report can be
# fixed from; an investigation is open while a row still leaves its state.
LOPENDE_STATUSSEN = frozenset(van for van, naar in TOEGESTANE_OVERGANGEN if naar == OnderzoekStatus.AFGEROND)
OPEN_STATUSSEN = frozenset(van for van, _naar in TOEGESTANE_OVERGANGEN)


def melding_beeindigd_bezwaar(onderzoek) -> str | None:
    """An investigation of the report stops with the report's procedure (closed or
    withdrawn, meldingen.overgangen); an Art. 13 investigation of the melder's
    treatment does not: protection goes on (Art. 5, 13.2)."""
    if onderzoek.soort == OnderzoekSoort.BENADELING:
        return None
    return melding_overgangen.procedure_beeindigd_bezwaar(onderzoek.melding)


def is_lopend(onderzoek) -> bool:
    """The investigators work (Art. 10): the table allows the report to be fixed from
    here, and the report's procedure still runs (or it investigates retaliation)."""
    return OnderzoekStatus(onderzoek.status) in LOPENDE_STATUSSEN and melding_beeindigd_bezwaar(onderzoek) is None


def werkbaar_filter() -> Q:
    """`is_lopend`'s second half as a filter on Onderzoek, for the selectors."""
    return Q(soort=OnderzoekSoort.BENADELING) | Q(melding__status__in=MELDING_OPEN_STATUSSEN)


def toewijsbaar(onderzoek) -> bool:
    """An investigator may be assigned (Art. 9.4): the investigation has not ended and
    may still be worked on (a new assignment opens the case to its reader)."""
    return is_open(onderzoek) and melding_beeindigd_bezwaar(onderzoek) is None


def is_open(onderzoek) -> bool:
    """A row still leaves this state: the investigation has not ended."""
    return OnderzoekStatus(onderzoek.status) in OPEN_STATUSSEN


def in_onderzoeksfase(melding) -> bool:
    """The report's table says the standpunt is the case's next step: an
    investigation mandate belongs here (Art. 9.4, 12.2)."""
    return melding_overgangen.PROCEDURE.overgang_voor(melding.status, Status.STANDPUNT_VERZONDEN) is not None


# --- Preconditions of the investigation's table ----------------------------------------


def _onderzoeker_toegewezen(onderzoek) -> str | None:
    if not onderzoek.onderzoekers.filter(beeindigd_op__isnull=True).exists():
        return _("Wijs eerst een onderzoeker toe: de melder hoort door wie het onderzoek gebeurt (Art. 9.5).")
    return None


def _melder_uitgenodigd(onderzoek) -> str | None:
    # Art. 10.1: the melder was invited to be heard, or was heard.
    if onderzoek.melder_uitgenodigd_op is None and not onderzoek.verhoren.filter(gehoorde=Gehoorde.MELDER).exists():
        return _("Nodig de melder eerst uit om gehoord te worden (Art. 10.1).")
    return None


def _verslagen_afgehandeld(onderzoek) -> str | None:
    # Art. 10.1-10.2: every record of a hearing approved, or marked not approved.
    open_verslagen = onderzoek.verhoren.exclude(vastlegging__status=VastleggingStatus.GOEDGEKEURD).filter(
        niet_goedgekeurd_op__isnull=True
    )
    if open_verslagen.exists():
        return _(
            "Een verslag van een verhoor is nog niet goedgekeurd: wacht op de goedkeuring of leg vast dat de "
            "gehoorde het niet goedkeurt (Art. 10.1–10.2)."
        )
    return None


def _afschriften_gegeven(onderzoek) -> str | None:
    # Art. 10.2: someone else heard receives a copy of the record.
    if onderzoek.verhoren.filter(gehoorde=Gehoorde.ANDER, afschrift_gegeven_op__isnull=True).exists():
        return _("Leg vast dat iedere andere gehoorde een afschrift van het verslag kreeg (Art. 10.2).")
    return None


def _concept_voorgelegd(onderzoek) -> str | None:
    # Art. 10.5: the concept went to the melder, or serious objections were recorded.
    # An investigation has one report: the open concept, or (as the state moves, in
    # rapport_vaststellen's transaction) that concept just fixed, which keeps the marks.
    concept = onderzoek.rapporten.order_by("-created_at", "-pk").first()
    if concept is None:
        return _("Schrijf eerst een conceptrapport.")
    if concept.concept_voorgelegd_op is None and not concept.ernstige_bezwaren_concept:
        return _("Leg het concept eerst aan de melder voor, of leg de ernstige bezwaren daartegen vast (Art. 10.5).")
    return None


def _melding_ingetrokken(onderzoek) -> str | None:
    # The melder's withdrawal ends an investigation of the report itself; one of the
    # melder's treatment goes on (Art. 5, 13.2; docs/toestanden.md).
    if onderzoek.soort == OnderzoekSoort.BENADELING:
        return _("Een onderzoek naar benadeling loopt door als de melder de melding intrekt (Art. 5, 13.2).")
    if onderzoek.melding.status != Status.INGETROKKEN:
        return _("De melder heeft de melding niet ingetrokken.")
    return None


# --- Preconditions of the report's table (meldingen.workflow) ----------------------------


def _onderzoeken_van_melding(melding):
    # An Art. 13 investigation of retaliation has its own standpunt (benadeling).
    return melding.onderzoeken.exclude(soort=OnderzoekSoort.BENADELING)


def onderzoek_afgerond_bezwaar(melding) -> str | None:
    """Art. 11.1 with Art. 9.5, 10.1, 10.6: a standpunt follows investigations that
    each ended in a fixed report (the melder told who investigates and offered a
    hearing) or in the HL's signed reason why no report was needed."""
    onderzoeken = list(_onderzoeken_van_melding(melding))
    if not onderzoeken:
        return _("Er is nog geen onderzoeksopdracht gegeven (Art. 9.4).")
    for onderzoek in onderzoeken:
        if onderzoek.status == OnderzoekStatus.ZONDER_RAPPORT:
            continue
        if onderzoek.melder_geinformeerd_op is None:
            return _("De melder weet nog niet door wie het onderzoek gebeurt (Art. 9.5).")
        if (reden := _melder_uitgenodigd(onderzoek)) is not None:
            return reden
        if OnderzoekStatus(onderzoek.status) not in BEEINDIGD:
            return _(
                "Het onderzoeksrapport is nog niet vastgesteld (Art. 10.6), en er is geen ondertekende reden "
                "waarom geen rapport nodig is (Art. 11.1)."
            )
    return None


def kennisgeving_beoordeeld_bezwaar(melding) -> str | None:
    """Art. 11.3: after the investigation the HL assessed, signed, whether an
    external authority is to be notified, also when the answer is no."""
    # Made after the last investigation ended: again after an additional one (Art. 12.2).
    onderzoeken = _onderzoeken_van_melding(melding)
    einden = [
        *Rapport.objects.filter(onderzoek__in=onderzoeken, vastgesteld_op__isnull=False).values_list(
            "vastgesteld_op", flat=True
        ),
        *AfzienVanRapport.objects.filter(onderzoek__in=onderzoeken).values_list("created_at", flat=True),
    ]
    beoordelingen = melding.kennisgevingsbeoordelingen.filter(fase=KennisgevingFase.NA_ONDERZOEK)
    if einden:
        beoordelingen = beoordelingen.filter(created_at__gte=max(einden))
    if not beoordelingen.exists():
        return _("Beoordeel na het onderzoek of een externe instantie op de hoogte moet worden gebracht (Art. 11.3).")
    return None


def betrokkenen_standpunt_bezwaar(melding) -> str | None:
    """Art. 11.4: every person concerned was told of the latest standpunt, or the
    interest that stands in the way was recorded with a date to revisit it."""
    standpunt = melding.standpunten.filter(vervangen_door__isnull=True).order_by("-versie").first()
    if standpunt is None:
        return _("Er is nog geen standpunt (Art. 11.1).")
    gedaan = standpunt.mededelingen.filter(Q(geinformeerd_op__isnull=False) | Q(herzien_op__isnull=False))
    if melding.betrokkenen.exclude(pk__in=gedaan.values("betrokkene_id")).exists():
        return _("Informeer iedere betrokkene over het standpunt, of leg vast waarom (nog) niet (Art. 11.4).")
    return None


def reactie_beantwoord_bezwaar(melding) -> str | None:
    """Art. 12.2: the case closes after a reaction only once it was answered, and
    the answer to a reasoned reaction reached the melder (its term is closed; under
    Art. 7.3 when the vertrouwenspersoon forwarded it). Closing would void that
    term, and the owed answer would vanish from the term overview and the figures."""
    if melding.wederhoren.filter(beantwoord_op__isnull=True).exists():
        return _("Beantwoord eerst de reactie van de melder (Art. 12.2).")
    if termijn_loopt(melding=melding, soort=TERMIJN_WEDERHOOR_ANTWOORD):
        return _(
            "Het antwoord op de reactie van de melder is nog niet bij de melder: de vertrouwenspersoon stuurt "
            "het eerst door (Art. 7.3, 12.2)."
        )
    return None


# --- Evidence: what the step signs or fixes, asked when the state moves ------------------
# Called by melding_status_wijzigen and onderzoek_status_wijzigen only, after the
# service created the document (kern.overgangen, `bewijs`).


def besluit_ondertekend_ontbreekt(melding, naar) -> str | None:
    """Art. 9.1-9.3: the report leaves in_behandeling only on the HL's signed
    decision of a kind that leads to that state (besluit_nemen signs it first)."""
    soorten = [soort for soort, status in BESLUIT_NAAR_STATUS.items() if status == naar]
    if not melding.besluiten.filter(soort__in=soorten, ondertekening__isnull=False).exists():
        return _("Er is geen ondertekend besluit van de leiding dat tot ‘%(status)s’ leidt.") % {
            "status": Status(naar).label
        }
    return None


def standpunt_ondertekend_ontbreekt(melding, naar) -> str | None:
    """Art. 11.1: every move to standpunt_verzonden sends a new signed standpunt
    (standpunt_vaststellen signs it first); again after an Art. 12.2 investigation."""
    ondertekend = melding.standpunten.filter(ondertekening__isnull=False).count()
    verzonden = melding.gebeurtenissen.filter(naar_status=Status.STANDPUNT_VERZONDEN).count()
    if ondertekend <= verzonden:
        return _("Er is geen nieuw ondertekend standpunt van de leiding.")
    return None


def rapport_vastgesteld_ontbreekt(onderzoek, naar) -> str | None:
    # Art. 10.6: the investigation ends with its fixed report (rapport_vaststellen fixes it first).
    if not onderzoek.rapporten.filter(status=RapportStatus.VASTGESTELD, vastgesteld_op__isnull=False).exists():
        return _("Er is geen vastgesteld onderzoeksrapport.")
    return None


def reden_ondertekend_ontbreekt(onderzoek, naar) -> str | None:
    # Art. 11.1: without a report only on the HL's signed reason why none is needed.
    if not AfzienVanRapport.objects.filter(onderzoek=onderzoek, ondertekening__isnull=False).exists():
        return _("Er is geen ondertekende reden waarom geen onderzoeksrapport nodig is.")
    return None


voorwaarde_registreren("onderzoeker_toegewezen", _onderzoeker_toegewezen)
voorwaarde_registreren("melding_loopt", melding_beeindigd_bezwaar)
voorwaarde_registreren("melding_ingetrokken", _melding_ingetrokken)
voorwaarde_registreren("melder_uitgenodigd", _melder_uitgenodigd)
voorwaarde_registreren("verslagen_afgehandeld", _verslagen_afgehandeld)
voorwaarde_registreren("afschriften_gegeven", _afschriften_gegeven)
voorwaarde_registreren("concept_voorgelegd", _concept_voorgelegd)
voorwaarde_registreren("onderzoek_afgerond", onderzoek_afgerond_bezwaar)
voorwaarde_registreren("kennisgeving_beoordeeld", kennisgeving_beoordeeld_bezwaar)
voorwaarde_registreren("betrokkenen_standpunt", betrokkenen_standpunt_bezwaar)
voorwaarde_registreren("reactie_beantwoord", reactie_beantwoord_bezwaar)
bewijs_registreren("besluit_ondertekend", besluit_ondertekend_ontbreekt)
bewijs_registreren("standpunt_ondertekend", standpunt_ondertekend_ontbreekt)
bewijs_registreren("rapport_vastgesteld", rapport_vastgesteld_ontbreekt)
bewijs_registreren("reden_ondertekend", reden_ondertekend_ontbreekt)
