"""The annual report's table as a kern.overgangen procedure (docs/toestanden.md):
every row walked through the service it names, from a report that reached the
row's start through the services; the Art. 14.2 a and c texts before the OR and
before adoption; the annual-report term closed by adoption and created even when
the nightly job missed its day; open overdue terms counted as missed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from kern.overgangen import PROCEDURES
from meldingen.constants import TermijnSoort
from meldingen.deadlines import Termijnberekening, uiterlijk_na_dagen
from meldingen.jaarcijfers import cijfers as meldingen_cijfers
from meldingen.models import Organisatie, Termijn
from meldingen.services.termijnen import termijn_starten
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import RapportageStatus
from rapportage.termijnen import JAARRAPPORTAGE, jaarrapportage_termijnen_aanmaken
from rapportage.tests.factories import JaarrapportageFactory, hl_van, or_lid_van
from rapportage.tests.helpers import verse_code
from rapportage.workflow import PROCEDURE, TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db
S = RapportageStatus

PAD = {
    S.CONCEPT: [],
    S.BIJ_OR: [S.BIJ_OR],
    S.STANDPUNT_OR: [S.BIJ_OR, S.STANDPUNT_OR],
    S.TER_GOEDKEURING: [S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING],
    S.GOEDGEKEURD: [S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD],
}


@pytest.fixture
def opzet():
    org = OrganisatieFactory()
    MeldingFactory.create_batch(6, organisatie=org, registerjaar=2025)
    return {"rapportage": JaarrapportageFactory(organisatie=org), "hl": hl_van(org), "or": or_lid_van(org)}


def _stap(opzet, naar):
    rapportage = opzet["rapportage"]
    rapportage.refresh_from_db()
    van = S(rapportage.status)
    overgang = TOEGESTANE_OVERGANGEN[(van, naar)]
    door = opzet["hl"] if overgang.door == "hl" else opzet["or"]
    if overgang.dienst.endswith("versie_ondertekenen"):
        versie = rapportage.versies.order_by("nummer").last()
        versie.refresh_from_db()
        import_string(overgang.dienst)(
            versie=versie, totp_code=verse_code(door), pdf_sha256=versie.pdf_sha256, door=door
        )
    else:
        if van == S.STANDPUNT_OR:
            services.jaarrapportage_teksten_wijzigen(
                rapportage=rapportage, door=opzet["hl"], verwerking_standpunt="Verwerkt in paragraaf 2."
            )
        import_string(overgang.dienst)(
            rapportage=rapportage, naar=naar, door=door, toelichting="Standpunt.", besproken_op=timezone.localdate()
        )
    rapportage.refresh_from_db()
    return rapportage


def test_de_tabel_is_de_procedure_rapportage():
    assert PROCEDURES["rapportage"] is PROCEDURE
    assert PROCEDURE.rijen is TOEGESTANE_OVERGANGEN


@pytest.mark.parametrize(("van", "naar"), list(TOEGESTANE_OVERGANGEN), ids=lambda s: str(s))
def test_elke_rij_van_de_rapportagetabel_via_haar_dienst(opzet, van, naar, django_capture_on_commit_callbacks):
    # Each step's queued version (figures and PDF) is made before the next step.
    for stap in [*PAD[van], naar]:
        with django_capture_on_commit_callbacks(execute=True):
            rapportage = _stap(opzet, stap)
    assert rapportage.status == naar
    assert rapportage.overgangen.last().artikel == TOEGESTANE_OVERGANGEN[(van, naar)].artikel


@pytest.mark.parametrize("veld", ["beleid_afgelopen_jaar", "beleid_komend_jaar", "ervaringen_benadeling"])
def test_art_14_2_teksten_a_en_c_vereist_voordat_de_or_het_concept_krijgt(opzet, veld):
    rapportage = services.jaarrapportage_teksten_wijzigen(
        rapportage=opzet["rapportage"], door=opzet["hl"], **{veld: " "}
    )
    with pytest.raises(ValidationError, match=r"Art\. 14\.2 [ac]"):
        services.rapportage_overgang(rapportage=rapportage, naar=S.BIJ_OR, door=opzet["hl"])
    assert not PROCEDURE.mag(rapportage, S.BIJ_OR, opzet["hl"])


def test_art_14_2_teksten_a_en_c_vereist_na_verwerking_en_voor_vaststelling(opzet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for stap in PAD[S.STANDPUNT_OR]:
            _stap(opzet, stap)
    rapportage = services.jaarrapportage_teksten_wijzigen(
        rapportage=opzet["rapportage"], door=opzet["hl"], ervaringen_benadeling="", verwerking_standpunt="Verwerkt."
    )
    with pytest.raises(ValidationError, match=r"Art\. 14\.2 c"):
        services.rapportage_overgang(rapportage=rapportage, naar=S.TER_GOEDKEURING, door=opzet["hl"])
    # The adoption row carries the same precondition (a report approved without them cannot be adopted).
    overgang = TOEGESTANE_OVERGANGEN[(S.GOEDGEKEURD, S.VASTGESTELD)]
    assert "teksten_14_2_a_c" in overgang.voorwaarden
    zonder = JaarrapportageFactory(
        organisatie=rapportage.organisatie, jaar=2019, status=S.GOEDGEKEURD, beleid_komend_jaar=""
    )
    with pytest.raises(ValidationError, match=r"Art\. 14\.2 a"):
        PROCEDURE.controleren(zonder, S.VASTGESTELD, door=opzet["hl"])


def test_art_14_2_termijn_sluit_wanneer_de_rapportage_is_vastgesteld(opzet, django_capture_on_commit_callbacks):
    org = opzet["rapportage"].organisatie
    jaarrapportage_termijnen_aanmaken(nu=datetime(2026, 1, 2, 9, tzinfo=UTC))
    termijn = Termijn.objects.get(organisatie=org, soort=JAARRAPPORTAGE, melding__isnull=True)
    assert termijn.start.year == opzet["rapportage"].jaar + 1
    for stap in [*PAD[S.GOEDGEKEURD], S.VASTGESTELD]:
        with django_capture_on_commit_callbacks(execute=True):
            rapportage = _stap(opzet, stap)
    assert rapportage.status == S.VASTGESTELD
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    # Idempotent: the job running again creates nothing and reopens nothing.
    jaarrapportage_termijnen_aanmaken()
    assert Termijn.objects.filter(organisatie=org, soort=JAARRAPPORTAGE).count() == 1
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


def test_art_14_2_termijn_ook_aangemaakt_als_de_nachtelijke_taak_dagen_miste():
    bestaand = OrganisatieFactory()
    Organisatie.objects.filter(pk=bestaand.pk).update(created_at=datetime(2025, 6, 1, tzinfo=UTC))
    later = OrganisatieFactory()
    Organisatie.objects.filter(pk=later.pk).update(created_at=datetime(2026, 5, 1, tzinfo=UTC))
    # The job did not run from 1 January until after the due date (1 April).
    nu = datetime(2026, 4, 20, 5, tzinfo=UTC)
    jaarrapportage_termijnen_aanmaken(nu=nu)
    jaarrapportage_termijnen_aanmaken(nu=nu + timedelta(days=1))
    termijn = Termijn.objects.get(organisatie=bestaand, soort=JAARRAPPORTAGE)
    assert termijn.start.isoformat() == "2026-01-01"
    assert termijn.due < nu
    assert termijn.gesloten_op is None
    # An organisation created after the due date could never have planned for it.
    assert not Termijn.objects.filter(organisatie=later, soort=JAARRAPPORTAGE).exists()


def test_art_14_2_open_verlopen_termijnen_tellen_als_te_laat_in_de_cijfers():
    org = OrganisatieFactory()
    melding = MeldingFactory(organisatie=org, registerjaar=2025)
    start = timezone.localdate() - timedelta(days=20)
    termijn_starten(
        melding=melding,
        berekening=Termijnberekening(TermijnSoort.ONTVANGSTBEVESTIGING, start, uiterlijk_na_dagen(start, 7)),
    )
    open_termijn = melding.termijnen.get(soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert open_termijn.gesloten_op is None
    tabel = next(
        t for t in meldingen_cijfers(organisatie=org, jaar=2025)["termijnen"] if t.get("totaal_sleutel") == "termijnen"
    )
    rijen = dict(tabel["rijen"])
    label = dict(Termijn._meta.get_field("soort").choices)[open_termijn.soort]
    assert rijen[f"{label}: te laat"] == 1
    assert rijen[f"{label}: op tijd"] == 0
