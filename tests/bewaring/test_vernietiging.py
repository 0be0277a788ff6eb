"""The destruction job and its guard rails (docs/rollen.md; docs/retention.md)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from benadeling.services.verzoeken import onderzoeksverzoek_afwijzen, onderzoeksverzoek_indienen
from kern.kalender import plus_maanden
from kern.models import AuditActie, AuditRegel
from kern.opslag import versleutelde_opslag
from meldingen.constants import BlokkadeReden, Status
from meldingen.models import (
    Bericht,
    Betrokkene,
    Bijlage,
    Brief,
    Gebeurtenis,
    MelderIdentiteit,
    Melding,
    TeVerwijderenBestand,
    Vernietigingsbatch,
    Vernietigingsverslag,
)
from meldingen.services import bewaring
from meldingen.services.ontvangstcode import Uitkomst, meldingsbox_openen
from onderzoek.models import Besluit, Onderzoek, Standpunt
from tests.bewaring.zaken import BETROKKENE, GEHEIM, MELDER, MELDER_EMAIL, afgesloten_zaak

pytestmark = pytest.mark.django_db

NA_TWEE_JAAR = plus_maanden(timezone.localdate(), 24)


@pytest.fixture(autouse=True)
def vernietiging_aan(settings):
    settings.MELDPUNT_VERNIETIGING_AAN = True


@pytest.fixture
def toepassen(django_capture_on_commit_callbacks):
    """The nightly job; its after-commit file removal runs as after a real commit."""

    def draaien(vandaag=NA_TWEE_JAAR):
        with django_capture_on_commit_callbacks(execute=True):
            return bewaring.bewaartermijnen_toepassen(vandaag=vandaag)

    return draaien


def _bestanden(melding) -> list[str]:
    namen = [b.bestand.name for b in Bijlage.objects.filter(melding=melding)]
    namen += [b.pdf.name for b in Brief.objects.filter(melding=melding) if b.pdf]
    namen += [s.document.name for s in Standpunt.objects.filter(melding=melding)]
    namen += [o.opdracht_document.name for o in Onderzoek.objects.filter(melding=melding)]
    return namen


def test_bewaartermijn_met_onderzoek_twee_jaar_na_afsluiten():
    zaak = afgesloten_zaak()
    [kandidaat] = bewaring.vernietigingskandidaten(tot_en_met=NA_TWEE_JAAR)
    assert kandidaat.melding == zaak.melding
    assert kandidaat.bewaren_tot == NA_TWEE_JAAR
    assert bewaring.vernietigingskandidaten(tot_en_met=NA_TWEE_JAAR - timedelta(days=1)) == []


def test_vernietigen_verwijdert_inhoud_bestanden_en_identiteit_maar_houdt_het_register(toepassen):
    zaak = afgesloten_zaak()
    melding = zaak.melding
    bestanden = _bestanden(melding)
    assert len(bestanden) >= 4
    assert all(versleutelde_opslag.exists(n) for n in bestanden)
    tijdlijn_voor = Gebeurtenis.objects.filter(melding=melding).count()

    resultaat = toepassen()

    assert (resultaat.vernietigd, resultaat.mislukt) == (1, 0)
    assert not TeVerwijderenBestand.objects.exists()
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == Status.VERNIETIGD
    assert melding.omschrijving == ""
    assert melding.registernummer == zaak.melding.registernummer
    for model in (MelderIdentiteit, Bericht, Bijlage, Brief, Betrokkene, Besluit, Onderzoek, Standpunt):
        assert not model.objects.filter(melding=melding).exists()
    assert not any(versleutelde_opslag.exists(n) for n in bestanden)
    # The timeline is appended to, never edited: one more row, the transition.
    assert Gebeurtenis.objects.filter(melding=melding).count() == tijdlijn_voor + 1
    verslag = Vernietigingsverslag.objects.get(melding=melding)
    assert verslag.batch == resultaat.batch
    assert verslag.registernummer == melding.registernummer
    assert verslag.status_voor == Status.AFGESLOTEN
    assert verslag.feiten["onderzoek"]["standpunten"] == ["gegrond"]
    assert AuditRegel.objects.filter(
        object_uuid=str(melding.uuid), actie=AuditActie.VERWIJDERD, toelichting__contains=str(resultaat.batch.uuid)
    ).exists()


def test_verslag_en_register_bevatten_geen_persoonsgegevens_of_inhoud(toepassen):
    zaak = afgesloten_zaak()
    toepassen()
    with connection.cursor() as cursor:
        # Read the raw rows: what is left must not hold the melder, the person
        # concerned or the content, not even encrypted.
        cursor.execute("SELECT row_to_json(v)::text FROM meldingen_vernietigingsverslag v")
        verslag = cursor.fetchone()[0]
        cursor.execute("SELECT row_to_json(m)::text FROM meldingen_melding m WHERE id = %s", [zaak.melding.pk])
        register = cursor.fetchone()[0]
        cursor.execute("SELECT string_agg(toelichting, ' ') FROM kern_auditregel")
        audit = cursor.fetchone()[0]
    for tekst in (verslag, register, audit):
        for geheim in (MELDER, MELDER_EMAIL, BETROKKENE, GEHEIM, "Quistbouw", "gAAAA"):
            assert geheim not in tekst


def test_tweede_ronde_verandert_niets(toepassen):
    afgesloten_zaak()
    eerste = toepassen()
    audit = AuditRegel.objects.count()
    tweede = toepassen()
    assert (eerste.vernietigd, tweede.vernietigd, tweede.mislukt) == (1, 0, 0)
    assert Vernietigingsverslag.objects.count() == 1
    assert AuditRegel.objects.count() == audit


def test_bewaarblokkade_en_jonge_meldingen_blijven(toepassen):
    geblokkeerd, jong, oud = afgesloten_zaak(), afgesloten_zaak(), afgesloten_zaak()
    bewaring.bewaarblokkade_plaatsen(
        melding=geblokkeerd.melding, reden=BlokkadeReden.RECHTSZAAK, door=geblokkeerd.ontvanger
    )
    # The young one was closed now but has a longer policy than the others.
    bewaring.bewaarbeleid_instellen(organisatie=jong.melding.organisatie, maanden_met_onderzoek=36, door=None)
    resultaat = toepassen()
    assert resultaat.vernietigd == 1
    statussen = {z: Melding.objects.get(pk=z.melding.pk).status for z in (geblokkeerd, jong, oud)}
    assert statussen == {geblokkeerd: Status.AFGESLOTEN, jong: Status.AFGESLOTEN, oud: Status.VERNIETIGD}
    assert MelderIdentiteit.objects.filter(melding=geblokkeerd.melding).exists()


def test_de_service_weigert_blokkade_jong_en_open_ook_vanuit_de_shell():
    geblokkeerd = afgesloten_zaak()
    bewaring.bewaarblokkade_plaatsen(
        melding=geblokkeerd.melding,
        reden=BlokkadeReden.HUIS_VOOR_KLOKKENLUIDERS,
        toelichting="Onderzoek HvK loopt.",
        door=geblokkeerd.ontvanger,
    )
    batch = Vernietigingsbatch.objects.create(peildatum=NA_TWEE_JAAR)
    with pytest.raises(ValidationError, match="bewaarblokkade"):
        bewaring.melding_vernietigen(melding=geblokkeerd.melding, batch=batch, vandaag=NA_TWEE_JAAR)
    with pytest.raises(ValidationError, match="bewaartermijn"):
        bewaring.melding_vernietigen(melding=afgesloten_zaak().melding, batch=batch, vandaag=timezone.localdate())
    from onderzoek.tests.factories import Zaak

    with pytest.raises(ValidationError, match="afgesloten"):
        bewaring.melding_vernietigen(melding=Zaak().melding, batch=batch, vandaag=NA_TWEE_JAAR)


def test_database_weigert_vernietigen_onder_blokkade_en_verwijderen_van_het_register():
    zaak = afgesloten_zaak()
    bewaring.bewaarblokkade_plaatsen(melding=zaak.melding, reden=BlokkadeReden.RECHTSZAAK, door=zaak.ontvanger)
    # Around every service, straight at the database (a shell, raw SQL).
    with pytest.raises(DatabaseError, match="legal hold"), transaction.atomic():
        Melding.objects.filter(pk=zaak.melding.pk).update(status=Status.VERNIETIGD)
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM meldingen_melding WHERE id = %s", [zaak.melding.pk])
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.AFGESLOTEN


def test_uitgeschakeld_vernietigt_niets(toepassen, settings):
    afgesloten_zaak()
    settings.MELDPUNT_VERNIETIGING_AAN = False
    resultaat = toepassen()
    assert resultaat.batch is None
    assert resultaat.vernietigd == 0
    assert not Melding.objects.filter(status=Status.VERNIETIGD).exists()


def test_meldingsbox_zegt_dat_de_melding_is_vernietigd(toepassen, client):
    from django.urls import reverse

    from meldingen.services.ontvangstcode import ontvangstcode_vernieuwen

    zaak = afgesloten_zaak()
    code = ontvangstcode_vernieuwen(meldingsbox=zaak.box, door=zaak.ontvanger).code
    assert meldingsbox_openen(code=code).uitkomst == Uitkomst.GEOPEND
    # A session opened before the destruction ...
    assert client.post(reverse("meldingen:box_openen"), {"code": code}).status_code == 302
    assert client.get(reverse("meldingen:box")).status_code == 200
    toepassen()
    # ... sees nothing afterwards.
    assert client.get(reverse("meldingen:box")).status_code == 302
    poging = meldingsbox_openen(code=code)
    assert poging.uitkomst == Uitkomst.VERNIETIGD
    assert poging.vernietigd_op == timezone.localdate()
    antwoord = client.post(reverse("meldingen:box_openen"), {"code": code})
    assert "vernietigd volgens het bewaarbeleid" in antwoord.content.decode()
    assert client.get(reverse("meldingen:box")).status_code == 302


def test_bewaarbeleid_korter_dan_het_minimum_geweigerd(settings):
    from meldingen.tests.factories import OrganisatieFactory

    settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = 3
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError, match="Ten minste 3 maanden"):
        bewaring.bewaarbeleid_instellen(organisatie=organisatie, maanden_ingetrokken=2, door=None)
    beleid = bewaring.bewaarbeleid_instellen(organisatie=organisatie, maanden_met_onderzoek=120, door=None)
    assert beleid.maanden_met_onderzoek == 120
    assert beleid.maanden_ingetrokken == 6


def test_ingetrokken_melding_heeft_haar_eigen_kortere_termijn():
    from meldingen.services.afsluiten import melding_intrekken
    from tests.bewaring.zaken import volle_zaak

    zaak = volle_zaak()
    melding_intrekken(meldingsbox=zaak.box, reden="Melder trekt in.")
    [kandidaat] = bewaring.vernietigingskandidaten(tot_en_met=NA_TWEE_JAAR)
    assert kandidaat.bewaren_tot == plus_maanden(timezone.localdate(), 6)


@pytest.mark.parametrize(
    ("status", "soort", "met_onderzoek", "maanden"),
    [
        (Status.AFGESLOTEN, "melding", True, 24),
        (Status.AFGESLOTEN, "melding", False, 12),
        (Status.INGETROKKEN, "melding", True, 6),
        (Status.AFGESLOTEN, "adviesvraag", False, 6),
    ],
)
def test_welke_bewaartermijn_geldt(status, soort, met_onderzoek, maanden, settings):
    from meldingen.models import Bewaarbeleid
    from meldingen.services.bewaring import STANDAARD_BEWAARTERMIJN_MAANDEN

    beleid = Bewaarbeleid(**STANDAARD_BEWAARTERMIJN_MAANDEN)
    melding = Melding(status=status, soort=soort)
    assert bewaring.bewaartermijn_maanden(beleid=beleid, melding=melding, met_onderzoek=met_onderzoek) == maanden
    # A raised installation minimum applies over a shorter stored period.
    settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = 30
    assert bewaring.bewaartermijn_maanden(beleid=beleid, melding=melding, met_onderzoek=met_onderzoek) == 30


def test_art_13_1_zaak_wacht_op_een_lopende_termijn_die_het_afsluiten_overleeft(toepassen, client):
    """The melder asks for an investigation of their treatment after the case
    closed (Art. 13.1); the HL's term to decide outlives closing. While it runs the
    case is not destroyed, not by the nightly job and not by the service, and the
    destruction list says why; once decided, the next run destroys it."""
    zaak = afgesloten_zaak()
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Ik word sinds mijn melding genegeerd.")
    assert toepassen().vernietigd == 0
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.AFGESLOTEN
    batch = Vernietigingsbatch.objects.create(peildatum=NA_TWEE_JAAR)
    with pytest.raises(ValidationError, match="loopt nog een termijn"):
        bewaring.melding_vernietigen(melding=zaak.melding, batch=batch, vandaag=NA_TWEE_JAAR)
    (kandidaat,) = bewaring.vernietigingslijst_voor(user=zaak.ontvanger, vandaag=NA_TWEE_JAAR)
    assert (kandidaat.melding, kandidaat.termijn_loopt, kandidaat.geblokkeerd) == (zaak.melding, True, False)

    onderzoeksverzoek_afwijzen(
        verzoek=verzoek, reden="Geen aanwijzingen.", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    assert toepassen().vernietigd == 1
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.VERNIETIGD
