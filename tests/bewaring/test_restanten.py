"""After destruction nothing of what the melder entrusted remains: not in any
table (read through the ORM, so encrypted fields are read decrypted), not in
storage (AVG art. 5(1)(e); EU 2019/1937 art. 16 and 18; docs/retention.md)."""

import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from benadeling.constants import BENADELENDE_MAATREGELEN, BenadelingType, BeschermdeRol, ClaimUitkomst
from benadeling.models import VoorgenomenMaatregel
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.maatregelen import benadelingsmelding_afhandelen
from benadeling.services.toetsen import maatregel_toetsen
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.tests.factories import personeelszaken_voor
from kern.crypto import blinde_index
from kern.models import AppendOnlyModel, UitgaandBericht
from kern.opslag import versleutelde_opslag
from meldingen.models import Gebeurtenis, GebeurtenisToelichting, MelderAdviseur, Melding, Termijn, Verlenging
from meldingen.services import bewaring
from meldingen.services.adviseur import adviseur_vastleggen
from meldingen.services.meldingsbox import bericht_aan_melder, notificatie_email_instellen, vastlegging_voorleggen
from meldingen.services.ontvangstcode import meldingsbox_openen
from onderzoek.models import ExterneKennisgeving, KennisgevingBeoordeling
from onderzoek.services import standpunt_verlenging_ondertekenen
from tests.bewaring.test_vernietiging import NA_TWEE_JAAR
from tests.bewaring.zaken import BETROKKENE, GEHEIM, MELDER, MELDER_EMAIL, afsluiten, in_onderzoek, volle_zaak

pytestmark = pytest.mark.django_db

ADVISEUR = "Wilhelmina Koopsma"
ADVISEUR_EMAIL = "w.koopsma@adviesbureau.nl"
# Art. 11.2: the HL's reason for a later standpunt, typed by staff, may describe the case.
VERLENGINGSREDEN = f"De accountant moet de facturen van Quistbouw nalopen; {MELDER} wordt opnieuw gehoord."
# Art. 5.4: HR's description of the measure it intends against the melder.
HR_OMSCHRIJVING = "Schorsing wegens vermeend lekken van de inkoopadministratie."
PERSONEELSNUMMER = "P-031415"
GEHEIMEN = (
    MELDER,
    MELDER_EMAIL,
    BETROKKENE,
    GEHEIM,
    "Quistbouw",
    ADVISEUR,
    ADVISEUR_EMAIL,
    "notitie.txt",
    VERLENGINGSREDEN,
    HR_OMSCHRIJVING,
)


@pytest.fixture
def toepassen(settings, django_capture_on_commit_callbacks):
    """The nightly job, switched on; its file removal runs as after a real commit."""
    settings.MELDPUNT_VERNIETIGING_AAN = True

    def draaien():
        with django_capture_on_commit_callbacks(execute=True):
            return bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)

    return draaien


def _zaak_met_adviseur_en_post(na_commit):
    """A full case whose melder left an address for notices and has an adviser
    (Art. 7.4), a written record, a retaliation claim, an HR check of a measure
    against the melder that reached the case (Art. 5.4), a wrong code tried and
    an extension of the standpunt with a reason (Art. 11.2); the notices to the
    melder are still in the outbox. `na_commit`: django_capture_on_commit_callbacks,
    so HR's check is matched by its task as after a real commit."""
    zaak = volle_zaak()
    notificatie_email_instellen(meldingsbox=zaak.box, email=MELDER_EMAIL)
    adviseur_vastleggen(melding=zaak.melding, naam=ADVISEUR, email=ADVISEUR_EMAIL, door=zaak.ontvanger)
    bericht_aan_melder(melding=zaak.melding, tekst="Wij onderzoeken het.", door=zaak.ontvanger)
    vastlegging_voorleggen(melding=zaak.melding, titel="Gesprek", tekst=GEHEIM, door=zaak.ontvanger)
    # Art. 6.2: the melder reports retaliation from the mailbox (a claim, its PDF, a copy).
    claim = benadeling_melden_door_melder(
        melding=zaak.melding, omschrijving=f"{MELDER} overgeplaatst na melding.", types=[BENADELENDE_MAATREGELEN[0]]
    )
    # Art. 6.3: the HL acts on it; a claim nobody acted on keeps the case (its term runs).
    benadelingsmelding_afhandelen(
        benadelingsmelding=claim,
        uitkomst=ClaimUitkomst.GEEN_BENADELING,
        toelichting=f"Overplaatsing van {MELDER} was al gepland.",
        door=zaak.hl.gebruiker,
    )
    # Art. 5.1, 5.4: the melder is protected; HR checks an intended measure against
    # them on the check form, and the match opens a task on this case.
    beschermd_persoon_toevoegen(
        melding=zaak.melding,
        rol=BeschermdeRol.MELDER,
        personeelsnummer=PERSONEELSNUMMER,
        email=MELDER_EMAIL,
        beschermd_vanaf=timezone.localdate() - timedelta(days=2),
        door=zaak.ontvanger,
    )
    with na_commit(execute=True):
        maatregel_toetsen(
            organisatie=zaak.melding.organisatie,
            soort=BenadelingType.DISCIPLINAIR,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            door=personeelszaken_voor(zaak.melding.organisatie),
            personeelsnummer=PERSONEELSNUMMER,
            omschrijving=HR_OMSCHRIJVING,
        )
    assert VoorgenomenMaatregel.objects.filter(melding=zaak.melding, toets__isnull=False).exists()
    # A wrong receipt code tried against this mailbox.
    meldingsbox_openen(code=zaak.code[:-2] + "XX")
    in_onderzoek(zaak)
    # Art. 11.2: the HL's signed extension letter, as on the case screen.
    standpunt_verlenging_ondertekenen(
        melding=zaak.melding,
        nieuwe_datum=timezone.localdate() + timedelta(days=60),
        reden=VERLENGINGSREDEN,
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    return afsluiten(zaak)


def _opgeslagen_bestanden() -> set[str]:
    return {
        os.path.relpath(os.path.join(map_, naam), versleutelde_opslag.location)
        for map_, _mappen, namen in os.walk(versleutelde_opslag.location)
        for naam in namen
    }


def test_de_adviseur_van_de_melder_gaat_mee_met_de_melding(toepassen, django_capture_on_commit_callbacks):
    # Art. 7.4: the adviser's identity is as confidential as the melder's.
    zaak = _zaak_met_adviseur_en_post(django_capture_on_commit_callbacks)
    toepassen()
    assert not MelderAdviseur.objects.filter(melding=zaak.melding).exists()


def test_de_beoordeling_van_de_kennisgeving_en_haar_pdf_gaan_mee(toepassen, django_capture_on_commit_callbacks):
    # Art. 11.3: the HL's signed assessment states the case in its motivation.
    zaak = _zaak_met_adviseur_en_post(django_capture_on_commit_callbacks)
    documenten = [b.document.name for b in KennisgevingBeoordeling.objects.filter(melding=zaak.melding)]
    assert documenten
    toepassen()
    assert not KennisgevingBeoordeling.objects.filter(melding=zaak.melding).exists()
    assert not any(versleutelde_opslag.exists(naam) for naam in documenten)


def test_een_zaak_met_externe_kennisgeving_wordt_vernietigd(toepassen):
    # Art. 11.3: the assessment PROTECTs the notification; without the right order
    # such a case fails every night and is kept forever (AVG art. 5(1)(e)).
    zaak = afsluiten(in_onderzoek(volle_zaak()), extern_melden=True)
    assert ExterneKennisgeving.objects.filter(melding=zaak.melding).exists()
    resultaat = toepassen()
    assert (resultaat.vernietigd, resultaat.mislukt) == (1, 0)
    assert not ExterneKennisgeving.objects.filter(melding=zaak.melding).exists()


def test_post_aan_de_melder_die_nog_wacht_verdwijnt_met_de_melding(toepassen, django_capture_on_commit_callbacks):
    # Unsent or failed notices hold the melder's address (AVG art. 5(1)(c) and (e));
    # after destruction there is no news to announce either.
    _zaak_met_adviseur_en_post(django_capture_on_commit_callbacks)
    assert any(b.adres == MELDER_EMAIL for b in UitgaandBericht.objects.filter(soort="melder"))
    toepassen()
    assert not [b.pk for b in UitgaandBericht.objects.all() if MELDER_EMAIL in b.adres]


def test_art_11_2_verlengingsreden_gaat_mee_met_vernietiging(toepassen, django_capture_on_commit_callbacks):
    # Art. 11.2: the extension stays with the terms (its dates, its timeline event);
    # its reason is free text about the case and goes with the case's content.
    zaak = _zaak_met_adviseur_en_post(django_capture_on_commit_callbacks)
    verlenging = Verlenging.objects.get(termijn__melding=zaak.melding)
    assert verlenging.reden == VERLENGINGSREDEN
    toepassen()
    verlenging = Verlenging.objects.select_related("gebeurtenis").get(pk=verlenging.pk)
    assert verlenging.nieuwe_due > verlenging.oude_due
    assert verlenging.gebeurtenis.melding_id == zaak.melding.pk
    assert verlenging.reden == ""
    assert not GebeurtenisToelichting.objects.filter(gebeurtenis__melding=zaak.melding).exists()


def test_avg_art_5_1_e_append_only_rijen_bij_een_zaak_houden_geen_vrije_tekst():
    # Append-only rows outlive destruction and cannot be emptied (docs/retention.md):
    # a case's free text belongs on a deletable row (as GebeurtenisToelichting),
    # never on them.
    zaak_modellen = {Melding, Termijn, Gebeurtenis}
    gevonden = [
        (model._meta.label, veld.name)
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel)
        and any(veld.related_model in zaak_modellen for veld in model._meta.concrete_fields if veld.is_relation)
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.TextField)
    ]
    assert gevonden == []


@pytest.fixture
def eigen_opslag(tmp_path, monkeypatch):
    """kern.opslag's storage in a folder of this test alone: with the suite on
    several workers, another test's files appear in the shared folder while this
    one runs, and would count as left behind."""
    monkeypatch.setitem(versleutelde_opslag.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(versleutelde_opslag.__dict__, "location", str(tmp_path))
    return tmp_path


def test_na_vernietiging_staat_nergens_nog_iets_van_de_melder(
    toepassen, eigen_opslag, django_capture_on_commit_callbacks
):
    """The sweep: every model (M2M through tables and object permissions too),
    every field read as the application reads it, and the storage directory."""
    # kern.opslag's storage keeps its folder across tests: compare with what was
    # there before this case.
    anderen = _opgeslagen_bestanden()
    zaak = _zaak_met_adviseur_en_post(django_capture_on_commit_callbacks)
    assert _opgeslagen_bestanden() - anderen
    toepassen()
    # Art. 5.4: the blind indexes that identify the melder to HR's check (on the
    # check, the protected person and the identity) go as well.
    geheimen = (
        *GEHEIMEN,
        PERSONEELSNUMMER,
        blinde_index(PERSONEELSNUMMER, doel="personeelsnummer"),
        blinde_index(MELDER_EMAIL, doel="email"),
    )
    gevonden = []
    for model in apps.get_models(include_auto_created=True):
        velden = model._meta.concrete_fields
        for obj in model._base_manager.all():
            tekst = " ".join(str(getattr(obj, veld.attname)) for veld in velden)
            gevonden += [(model._meta.label, obj.pk, geheim) for geheim in geheimen if geheim in tekst]
    assert gevonden == []
    assert _opgeslagen_bestanden() - anderen == set(), zaak.melding.registernummer
