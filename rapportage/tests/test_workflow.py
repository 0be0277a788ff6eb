"""The annual report's workflow (Art. 14.2-14.4), step by step and row by row."""

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from kern.auth import bevestigd_apparaat
from kern.models import AuditRegel
from meldingen.models import Functionaris, Herinnering
from meldingen.services.termijnen.bewaking import termijnen_bewaken
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from rapportage import services
from rapportage.constants import PdfStatus, RapportageStatus, VersieAanleiding
from rapportage.models import RapportageVersie
from rapportage.tasks import jaarrapportage_herinneren
from rapportage.termijnen import JAARRAPPORTAGE, jaarrapportage_termijnen_aanmaken
from rapportage.tests.factories import JaarrapportageFactory, hl_van, or_lid_van
from rapportage.tests.helpers import verse_code
from rapportage.workflow import TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db
S = RapportageStatus


@pytest.fixture
def opzet():
    org = OrganisatieFactory()
    MeldingFactory.create_batch(6, organisatie=org, registerjaar=2025)
    return {"rapportage": JaarrapportageFactory(organisatie=org), "hl": hl_van(org), "or": or_lid_van(org)}


def _naar(opzet, *stappen, capture=None):
    rapportage = opzet["rapportage"]
    for naar in stappen:
        regel = TOEGESTANE_OVERGANGEN[(S(rapportage.status), naar)]
        if naar == S.TER_GOEDKEURING:
            services.jaarrapportage_teksten_wijzigen(
                rapportage=rapportage, door=opzet["hl"], verwerking_standpunt="Het standpunt is in §2 verwerkt."
            )
        door = opzet["hl"] if regel.door == "hl" else opzet["or"]
        rapportage = services.rapportage_overgang(
            rapportage=rapportage,
            naar=naar,
            door=door,
            toelichting="Wij missen cijfers over benadeling.",
            besproken_op=timezone.localdate(),
        )
    opzet["rapportage"] = rapportage
    return rapportage


def test_art_14_3_concept_naar_or(opzet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rapportage = _naar(opzet, S.BIJ_OR)
    assert rapportage.status == S.BIJ_OR
    versie = rapportage.versies.get()
    assert versie.aanleiding == VersieAanleiding.NAAR_OR
    assert versie.pdf_status == PdfStatus.KLAAR
    assert versie.pdf_sha256 == hashlib.sha256(bytes(versie.pdf)).hexdigest()
    assert rapportage.overgangen.get().artikel == "Art. 14.3"


def test_art_14_3_alleen_de_hl_stuurt_het_concept(opzet):
    with pytest.raises(PermissionDenied):
        services.rapportage_overgang(rapportage=opzet["rapportage"], naar=S.BIJ_OR, door=opzet["or"])
    andere_hl = hl_van(OrganisatieFactory())
    with pytest.raises(PermissionDenied):
        services.rapportage_overgang(rapportage=opzet["rapportage"], naar=S.BIJ_OR, door=andere_hl)


def test_art_14_4_or_maakt_standpunt_kenbaar(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR)
    standpunt = rapportage.standpunten.get()
    assert standpunt.door == opzet["or"]
    assert standpunt.versie.aanleiding == VersieAanleiding.NAAR_OR
    with pytest.raises(ValidationError):
        services.rapportage_overgang(
            rapportage=JaarrapportageFactory(organisatie=rapportage.organisatie, jaar=2024, status=S.BIJ_OR),
            naar=S.STANDPUNT_OR,
            door=opzet["or"],
            toelichting=" ",
        )


def test_art_14_4_hl_verwerkt_standpunt_en_legt_het_ter_goedkeuring_voor(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR)
    with pytest.raises(ValidationError):  # nothing processed yet
        services.rapportage_overgang(rapportage=rapportage, naar=S.TER_GOEDKEURING, door=opzet["hl"])
    rapportage = _naar(opzet, S.TER_GOEDKEURING)
    assert rapportage.versies.order_by("nummer").last().aanleiding == VersieAanleiding.VERWERKING
    # The processing version carries the OR's standpunt in its frozen content.
    assert rapportage.versies.order_by("nummer").last().inhoud["standpunten"][0]["tekst"].startswith("Wij missen")


def test_art_14_4_or_keurt_verwerking_goed(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    assert rapportage.status == S.GOEDGEKEURD
    assert rapportage.versies.order_by("nummer").last().aanleiding == VersieAanleiding.VASTSTELLING
    with pytest.raises(PermissionDenied):  # the HL cannot approve on the OR's behalf
        services.rapportage_overgang(
            rapportage=JaarrapportageFactory(organisatie=rapportage.organisatie, jaar=2024, status=S.TER_GOEDKEURING),
            naar=S.GOEDGEKEURD,
            door=opzet["hl"],
        )


def test_art_14_4_or_keurt_verwerking_af_en_hl_verwerkt_opnieuw(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.STANDPUNT_OR)
    assert rapportage.status == S.STANDPUNT_OR
    assert rapportage.standpunten.count() == 2
    rapportage = _naar(opzet, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    assert rapportage.status == S.GOEDGEKEURD


def test_art_14_2_hl_stelt_vast_met_verse_code_en_hash(opzet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    versie = rapportage.versies.order_by("nummer").last()
    with pytest.raises(ValidationError):
        services.versie_ondertekenen(versie=versie, totp_code="000000", pdf_sha256=versie.pdf_sha256, door=opzet["hl"])
    with pytest.raises(ValidationError):  # a different file than the one shown
        services.versie_ondertekenen(
            versie=versie, totp_code=verse_code(opzet["hl"]), pdf_sha256="0" * 64, door=opzet["hl"]
        )
    code = verse_code(opzet["hl"])
    services.versie_ondertekenen(versie=versie, totp_code=code, pdf_sha256=versie.pdf_sha256, door=opzet["hl"])
    versie.refresh_from_db()
    rapportage.refresh_from_db()
    assert rapportage.status == S.VASTGESTELD
    assert versie.ondertekend_door == opzet["hl"]
    assert versie.ondertekend_sha256 == hashlib.sha256(bytes(versie.pdf)).hexdigest()
    assert AuditRegel.objects.filter(object_uuid=str(versie.uuid), toelichting__startswith="ondertekend").exists()


def test_art_14_2_verse_code_niet_hergebruiken(opzet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    versie = rapportage.versies.order_by("nummer").last()
    code = verse_code(opzet["hl"])

    assert bevestigd_apparaat(gebruiker=opzet["hl"]).verify_token(code)  # used to log in
    with pytest.raises(ValidationError):
        services.versie_ondertekenen(versie=versie, totp_code=code, pdf_sha256=versie.pdf_sha256, door=opzet["hl"])


def test_art_14_2_vaststellen_alleen_door_te_ondertekenen(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    with pytest.raises(ValidationError):
        services.rapportage_overgang(rapportage=rapportage, naar=S.VASTGESTELD, door=opzet["hl"])


def test_art_14_2_ondertekende_versie_verandert_niet(opzet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD)
    versie = rapportage.versies.order_by("nummer").last()
    services.versie_ondertekenen(
        versie=versie, totp_code=verse_code(opzet["hl"]), pdf_sha256=versie.pdf_sha256, door=opzet["hl"]
    )
    with pytest.raises(ValidationError):
        services.versie_opnieuw_genereren(versie=versie, door=opzet["hl"])
    with pytest.raises(ValidationError):
        services.jaarrapportage_teksten_wijzigen(rapportage=rapportage, door=opzet["hl"], beleid_komend_jaar="x")
    # The database itself refuses (PostgreSQL trigger).
    with pytest.raises(DatabaseError), transaction.atomic():
        RapportageVersie.objects.filter(pk=versie.pk).update(pdf=b"%PDF-vervalst")


@pytest.mark.parametrize(("van", "naar"), list(TOEGESTANE_OVERGANGEN), ids=lambda s: str(s))
def test_elke_rij_van_de_tabel_alleen_door_de_juiste_rol(opzet, van, naar):
    regel = TOEGESTANE_OVERGANGEN[(van, naar)]
    rapportage = JaarrapportageFactory(
        organisatie=opzet["rapportage"].organisatie, jaar=2020, status=van, verwerking_standpunt="Verwerkt."
    )
    if van in (S.BIJ_OR, S.TER_GOEDKEURING):
        services.versie_aanmaken(rapportage=rapportage, aanleiding=VersieAanleiding.NAAR_OR, door=opzet["hl"])
    verkeerd = opzet["or"] if regel.door == "hl" else opzet["hl"]
    with pytest.raises(PermissionDenied):
        services.rapportage_overgang(rapportage=rapportage, naar=naar, door=verkeerd, toelichting="t")
    if naar == S.VASTGESTELD:
        return  # only by signing, tested above
    goed = opzet["hl"] if regel.door == "hl" else opzet["or"]
    rapportage = services.rapportage_overgang(
        rapportage=rapportage, naar=naar, door=goed, toelichting="t", besproken_op=timezone.localdate()
    )
    assert rapportage.overgangen.last().artikel == regel.artikel


@pytest.mark.parametrize("van", list(S))
def test_stappen_buiten_de_tabel_worden_geweigerd(opzet, van):
    rapportage = JaarrapportageFactory(organisatie=opzet["rapportage"].organisatie, jaar=2019, status=van)
    for naar in S:
        if (van, naar) in TOEGESTANE_OVERGANGEN:
            continue
        with pytest.raises(services.OvergangNietToegestaan):
            services.rapportage_overgang(rapportage=rapportage, naar=naar, door=opzet["hl"], toelichting="t")


@pytest.mark.parametrize("status", [S.BIJ_OR, S.TER_GOEDKEURING, S.GOEDGEKEURD, S.VASTGESTELD])
def test_art_14_3_geen_voorbeeld_terwijl_de_or_aan_zet_is(opzet, status):
    rapportage = JaarrapportageFactory(organisatie=opzet["rapportage"].organisatie, jaar=2018, status=status)
    with pytest.raises(ValidationError):
        services.versie_aanmaken(rapportage=rapportage, aanleiding=VersieAanleiding.VOORBEELD, door=opzet["hl"])


def test_art_14_4_standpunt_hoort_bij_de_versie_die_de_or_kreeg(opzet):
    rapportage = _naar(opzet, S.BIJ_OR, S.STANDPUNT_OR)
    services.versie_aanmaken(rapportage=rapportage, aanleiding=VersieAanleiding.VOORBEELD, door=opzet["hl"])
    rapportage = _naar(opzet, S.TER_GOEDKEURING, S.STANDPUNT_OR)
    tweede = rapportage.standpunten.order_by("created_at").last()
    assert tweede.versie.aanleiding == VersieAanleiding.VERWERKING


def test_art_14_3_standpunt_na_de_overlegvergadering(opzet):
    rapportage = _naar(opzet, S.BIJ_OR)
    for besproken_op in (None, timezone.localdate() + timedelta(days=1), date(2020, 1, 1)):
        with pytest.raises(ValidationError):
            services.rapportage_overgang(
                rapportage=rapportage, naar=S.STANDPUNT_OR, door=opzet["or"], toelichting="t", besproken_op=besproken_op
            )
    services.rapportage_overgang(
        rapportage=rapportage, naar=S.STANDPUNT_OR, door=opzet["or"], toelichting="t", besproken_op=timezone.localdate()
    )
    assert rapportage.standpunten.get().besproken_op == timezone.localdate()


@pytest.mark.django_db
def test_art_14_2_jaarrapportage_termijn_herinnert_de_hoogste_leidinggevende():
    """The annual report's term runs in meldingen's term engine (registered by
    RapportageConfig.ready): created once per organisation and year, reminded to the HL."""
    organisatie = OrganisatieFactory()
    hl = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE)
    jaarrapportage_termijnen_aanmaken(nu=datetime(2026, 1, 2, 9, tzinfo=UTC))
    jaarrapportage_termijnen_aanmaken(nu=datetime(2026, 1, 3, 9, tzinfo=UTC))
    termijnen_bewaken(nu=datetime(2026, 3, 25, 9, tzinfo=UTC))
    herinnering = Herinnering.objects.get(termijn__organisatie=organisatie)
    assert herinnering.ontvanger == hl
    assert herinnering.termijn.soort == JAARRAPPORTAGE
    assert jaarrapportage_herinneren.name == "rapportage.tasks.jaarrapportage_herinneren"
