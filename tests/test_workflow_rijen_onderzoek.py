"""Every row of the investigation's transition table (onderzoek.workflow), walked
through the service the row names, from an investigation that reached the row's
start through the services too; and every staff row has a case-screen action
(issue 14)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.module_loading import import_string

from kern.models import AuditActie, AuditRegel
from kern.overgangen import PROCEDURES, OvergangNietToegestaan
from meldingen.services.afsluiten import melding_intrekken
from onderzoek.constants import BEEINDIGD, BesluitSoort, OnderzoekSoort, OnderzoekStatus, RapportStatus
from onderzoek.handelingen import onderzoek_handelingen_voor_rij
from onderzoek.models import Onderzoek
from onderzoek.services import (
    besluit_nemen,
    melder_uitnodigen_voor_verhoor,
    onderzoek_instellen,
    onderzoek_melder_informeren,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
)
from onderzoek.services.basis import onderzoek_status_wijzigen
from onderzoek.tests.factories import Zaak, onderzoek_lopend_maken, rapport_vaststellen_na_hoor
from onderzoek.workflow import MELDER, TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db

OS = OnderzoekStatus


def _ingesteld():
    zaak = Zaak()
    hl = zaak.hl
    besluit_nemen(
        melding=zaak.melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek = onderzoek_instellen(
        melding=zaak.melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    return zaak, onderzoek


def test_procedure_onderzoek_geregistreerd():
    assert PROCEDURES["onderzoek"].rijen is TOEGESTANE_OVERGANGEN


def test_elke_rij_van_het_onderzoek_heeft_een_handeling():
    """A row without a case-screen action is a defect (issue 14); the melder's rows
    are taken in the mailbox (withdrawal, walked below through melding_intrekken)."""
    zonder = [
        paar
        for paar, o in TOEGESTANE_OVERGANGEN.items()
        if o.door != MELDER and not onderzoek_handelingen_voor_rij(*paar)
    ]
    assert zonder == []


@pytest.mark.parametrize(("van", "naar"), sorted(TOEGESTANE_OVERGANGEN), ids=lambda s: str(s))
def test_elke_onderzoeksrij_via_haar_dienst(van, naar):
    overgang = TOEGESTANE_OVERGANGEN[(van, naar)]
    zaak, onderzoek = _ingesteld()
    hl = zaak.hl
    onderzoeker = None
    if van == OS.LOOPT:
        onderzoeker = onderzoek_lopend_maken(onderzoek, hl)
    onderzoek.refresh_from_db()
    assert onderzoek.status == van
    dienst = overgang.dienst.rsplit(".", 1)[-1]
    if overgang.door == MELDER:
        # The melder withdraws in the mailbox; meldingen calls the row's service
        # through the hook onderzoek registered (docs/toestanden.md).
        melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    elif dienst == "onderzoek_melder_informeren":
        onderzoek_lopend_maken(onderzoek, hl)
    elif dienst == "rapport_vaststellen":
        rapport_vaststellen_na_hoor(onderzoek, onderzoeker)
    else:
        import_string(overgang.dienst)(
            onderzoek=onderzoek, reden="De feiten staan al vast.", door=hl.gebruiker, totp_code=hl.code()
        )
    onderzoek.refresh_from_db()
    assert onderzoek.status == naar
    assert AuditRegel.objects.filter(
        object_uuid=str(onderzoek.uuid),
        actie=AuditActie.STATUS_GEWIJZIGD,
        toelichting=f"{van} -> {naar} ({overgang.artikel})",
    ).exists()


def test_onderzoekstabel_weigert_wat_ze_niet_kent_en_wie_niet_mag():
    zaak, onderzoek = _ingesteld()
    # Art. 9.5: not before an investigator is assigned (precondition), and only by the HL.
    with pytest.raises(ValidationError):
        onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    # Once running, informing again is no row of the table.
    with pytest.raises(OvergangNietToegestaan):
        onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)
    # Ending without a report is the HL's step, not the investigator's.
    with pytest.raises(PermissionDenied):
        import_string(TOEGESTANE_OVERGANGEN[(OS.LOOPT, OS.ZONDER_RAPPORT)].dienst)(
            onderzoek=onderzoek, reden="x", door=onderzoeker, totp_code="000000"
        )
    assert Onderzoek.objects.get(pk=onderzoek.pk).status == OS.LOOPT


def test_art_10_6_11_1_elke_rij_naar_een_einde_noemt_haar_bewijs():
    """An investigation ends with a fixed report (Art. 10.6) or the HL's signed
    reason why none is needed (Art. 11.1): every row to an end names that evidence."""
    rijen = {paar: o.bewijs for paar, o in TOEGESTANE_OVERGANGEN.items() if paar[1] in BEEINDIGD}
    assert rijen == {
        (OS.LOOPT, OS.AFGEROND): ("rapport_vastgesteld",),
        (OS.INGESTELD, OS.ZONDER_RAPPORT): ("reden_ondertekend",),
        (OS.LOOPT, OS.ZONDER_RAPPORT): ("reden_ondertekend",),
    }


def test_art_10_6_afgerond_niet_zonder_vastgesteld_rapport():
    """With every precondition met (melder invited, concept put to the melder) the
    state still does not move to afgerond without the fixed report, even by the
    investigator: refused with the article. The screen's service fixes it first."""
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker, ernstige_bezwaren="Lopend strafrechtelijk.")
    onderzoek.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        onderzoek_status_wijzigen(onderzoek=onderzoek, naar=OS.AFGEROND, door=onderzoeker)
    assert "Art. 10.6" in " ".join(info.value.messages)
    onderzoek.refresh_from_db()
    assert onderzoek.status == OS.LOOPT
    rapport_vaststellen(rapport=rapport, door=onderzoeker)
    onderzoek.refresh_from_db()
    rapport.refresh_from_db()
    assert onderzoek.status == OS.AFGEROND
    assert rapport.status == RapportStatus.VASTGESTELD


def test_art_10_5_geweigerd_vaststellen_laat_concept_en_onderzoek_ongemoeid():
    """Refused while the melder's comments are awaited without a recorded reason
    (Art. 10.5): neither the report nor the state moves."""
    zaak, onderzoek = _ingesteld()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Bevinding.", door=onderzoeker)
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    with pytest.raises(ValidationError):
        rapport_vaststellen(rapport=rapport, door=onderzoeker)
    onderzoek.refresh_from_db()
    rapport.refresh_from_db()
    assert (onderzoek.status, rapport.status) == (OS.LOOPT, RapportStatus.CONCEPT)
