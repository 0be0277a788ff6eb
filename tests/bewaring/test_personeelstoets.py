"""Retention of HR's checks of intended measures (Art. 5.4; docs/retention.md,
"HR checks"; AVG art. 5(1)(c) and (e)).

A check that reached a case stays as long as that case (its Art. 5.4 trail) and
goes with the last case it reached; a check that reached no case goes the
configured period after its intended date, and only once it was matched (a check
the broker lost stays until the catch-up run matched it). States are reached
through the services the screens call: HR's check form (`maatregel_toetsen`, matched after
commit by the task), the officer's protected-person form, the melder's
withdrawal in the mailbox, the legal hold on the case screen, the nightly job."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone
from kombu.exceptions import OperationalError

from benadeling import tasks
from benadeling import vernietiging as benadeling_vernietiging
from benadeling.constants import BenadelingType, BeschermdeRol
from benadeling.models import Personeelstoets, VoorgenomenMaatregel
from benadeling.services import bewaring as toetsbewaring
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.toetsen import maatregel_toetsen, toetsen_inhalen
from benadeling.tests.factories import personeelszaken_voor
from kern.kalender import plus_maanden
from kern.models import AuditActie, AuditCategorie, AuditRegel
from meldingen.constants import BlokkadeReden, Kanaal, Status
from meldingen.models import Melding
from meldingen.services import bewaring
from meldingen.services.afsluiten import melding_intrekken
from meldingen.tasks import bewaartermijn_toepassen
from tests.bewaring.zaken import MELDER_EMAIL, ZaakIn, volle_zaak

pytestmark = pytest.mark.django_db

OMSCHRIJVING = "Ontslag op staande voet wegens het lekken van de facturen."
NA_INTREKKEN = plus_maanden(timezone.localdate(), 7)  # past the 6 months of a withdrawn case


@pytest.fixture(autouse=True)
def vernietiging_aan(settings):
    settings.MELDPUNT_VERNIETIGING_AAN = True


@pytest.fixture
def toepassen(django_capture_on_commit_callbacks):
    """The nightly job; what it queues after commit runs as after a real commit."""

    def draaien(vandaag):
        with django_capture_on_commit_callbacks(execute=True):
            return bewaring.bewaartermijnen_toepassen(vandaag=vandaag)

    return draaien


@pytest.fixture
def toetsen(django_capture_on_commit_callbacks):
    """HR's check form: the check is stored, then matched by the task after commit."""

    def indienen(organisatie, *, email=MELDER_EMAIL, beoogd_op=None, hr=None):
        hr = hr or personeelszaken_voor(organisatie)
        with django_capture_on_commit_callbacks(execute=True):
            maatregel_toetsen(
                organisatie=organisatie,
                soort=BenadelingType.DISCIPLINAIR,
                beoogd_op=beoogd_op or timezone.localdate() + timedelta(days=30),
                door=hr,
                email=email,
                omschrijving=OMSCHRIJVING,
            )
        return Personeelstoets.objects.latest("id")

    return indienen


def _melder_beschermen(zaak):
    """The receiving officer records the melder as protected (Art. 5.1), as on the case screen."""
    return beschermd_persoon_toevoegen(
        melding=zaak.melding,
        rol=BeschermdeRol.MELDER,
        email=MELDER_EMAIL,
        beschermd_vanaf=timezone.localdate() - timedelta(days=2),
        door=zaak.ontvanger,
    )


def _intrekken(zaak):
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == Status.INGETROKKEN


def _bestaat(toets) -> bool:
    return Personeelstoets.objects.filter(pk=toets.pk).exists()


@pytest.mark.parametrize("medewerker", ["onbekend", "beschermd_buiten_de_periode"])
def test_art_5_4_personeelstoets_zonder_treffer_vervalt_na_de_bewaartermijn(medewerker, toepassen, toetsen):
    # A check that opened no task on any case has done its work once matched:
    # whether nobody was protected or the protection's period had passed.
    zaak = volle_zaak()
    _melder_beschermen(zaak)
    if medewerker == "onbekend":
        toets = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")
    else:
        # Art. 5.4 "binnen afzienbare tijd": 36 months by default.
        toets = toetsen(zaak.melding.organisatie, beoogd_op=plus_maanden(timezone.localdate(), 40))
    assert not VoorgenomenMaatregel.objects.exists()
    tot = toetsbewaring.bewaren_tot(toets=toets)
    assert tot == plus_maanden(toets.beoogd_op, 3)

    resultaat = toepassen(tot - timedelta(days=1))
    assert _bestaat(toets)

    resultaat = toepassen(tot)
    assert not _bestaat(toets)
    # The case itself is untouched: it is open.
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.IN_BEHANDELING
    # One audit row with the batch id, no content, for nobody's screen (threat model §4).
    regel = AuditRegel.objects.get(object_uuid=str(toets.uuid), actie=AuditActie.VERWIJDERD)
    assert regel.toelichting == f"bewaartermijn verstreken; batch {resultaat.batch.uuid}"
    assert regel.categorie == AuditCategorie.GEVAL
    assert regel.actor is None


def test_art_5_4_een_toets_achteraf_telt_vanaf_de_indiening(toepassen, toetsen):
    # An intended date in the past (HR checks late) does not shorten the period:
    # it counts from the submission then.
    zaak = volle_zaak()
    toets = toetsen(zaak.melding.organisatie, beoogd_op=timezone.localdate() - timedelta(days=200))
    assert toetsbewaring.bewaren_tot(toets=toets) == plus_maanden(timezone.localdate(), 3)
    toepassen(plus_maanden(timezone.localdate(), 3) - timedelta(days=1))
    assert _bestaat(toets)
    toepassen(plus_maanden(timezone.localdate(), 3))
    assert not _bestaat(toets)


def test_art_5_4_een_nooit_gematchte_toets_wordt_niet_verwijderd(toepassen, toetsen):
    # The broker was down at the submission: the checks were stored but never
    # matched. "No task on a case" then does not mean "nobody protected", so the
    # job keeps them, however long past their period, until they were matched.
    zaak = volle_zaak()
    _melder_beschermen(zaak)
    with mock.patch.object(tasks.toets_matchen, "apply_async", side_effect=OperationalError("redis down")):
        trof = toetsen(zaak.melding.organisatie)
        trof_niet = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")
    assert not Personeelstoets.objects.filter(gematcht_op__isnull=False).exists()
    lang_erna = plus_maanden(trof.beoogd_op, 24)
    assert not toetsbewaring.vervallen_toetsen(vandaag=lang_erna).exists()
    toepassen(lang_erna)
    assert (_bestaat(trof), _bestaat(trof_niet)) == (True, True)

    # The catch-up run matches both: the melder's check opens its task and stays
    # with the case; the other has done its work and goes with the next night.
    toetsen_inhalen(ouder_dan_seconden=0)
    assert VoorgenomenMaatregel.objects.get().toets == trof
    toepassen(lang_erna)
    assert (_bestaat(trof), _bestaat(trof_niet)) == (True, False)


@pytest.mark.parametrize("maanden", [1, 3, 13])
def test_eu_1182_71_de_job_kiest_precies_de_toetsen_wier_termijn_verstreek(maanden):
    # The job's date bound (SQL) agrees with bewaren_tot (calendar months, the
    # end of a shorter month) on every day of a leap year and the next.
    begin = date(2028, 1, 1)
    for vandaag in (begin + timedelta(days=n) for n in range(0, 731, 3)):
        grens = toetsbewaring._laatste_verstreken_dag(vandaag=vandaag, maanden=maanden)
        for dag in (grens - timedelta(days=2), grens, grens + timedelta(days=1), grens + timedelta(days=3)):
            assert (dag <= grens) == (plus_maanden(dag, maanden) <= vandaag), (vandaag, dag)


def test_art_5_4_bewaartermijn_van_de_toets_is_instelbaar_en_nooit_korter_dan_een_maand(settings, toepassen, toetsen):
    zaak = volle_zaak()
    settings.MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN = 12
    toets = toetsen(zaak.melding.organisatie)
    toepassen(plus_maanden(toets.beoogd_op, 3))
    assert _bestaat(toets)
    toepassen(plus_maanden(toets.beoogd_op, 12))
    assert not _bestaat(toets)
    # 0 is read as 1: a check submitted today for yesterday is never swept before
    # it was matched, not even by tonight's run.
    settings.MELDPUNT_PERSONEELSTOETS_BEWAARTERMIJN_MAANDEN = 0
    toets = toetsen(zaak.melding.organisatie, beoogd_op=timezone.localdate() - timedelta(days=1))
    toepassen(timezone.localdate() + timedelta(days=1))
    assert _bestaat(toets)
    toepassen(plus_maanden(timezone.localdate(), 1))
    assert not _bestaat(toets)


def test_art_5_4_personeelstoets_met_treffer_blijft_zolang_de_melding_bestaat_en_gaat_mee(toepassen, toetsen):
    zaak = volle_zaak()
    _melder_beschermen(zaak)
    toets = toetsen(zaak.melding.organisatie)
    voornemen = VoorgenomenMaatregel.objects.get(toets=toets)
    assert voornemen.melding == zaak.melding

    # Long past its own period, the open case still needs it for the Art. 5.4 trail.
    toepassen(plus_maanden(timezone.localdate(), 60))
    assert _bestaat(toets)
    assert VoorgenomenMaatregel.objects.filter(pk=voornemen.pk).exists()

    _intrekken(zaak)
    toepassen(NA_INTREKKEN)
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.VERNIETIGD
    assert not _bestaat(toets)
    # It went with the case, covered by the case's own audit row: no row ties
    # the check to the case in the append-only log.
    assert not AuditRegel.objects.filter(object_uuid=str(toets.uuid), actie=AuditActie.VERWIJDERD).exists()


def test_art_5_4_bewaarblokkade_op_de_melding_houdt_ook_haar_personeelstoets_vast(toepassen, toetsen):
    # A retaliation dispute (Art. 5) stops destruction; the HR check behind the
    # intended measure is part of what the dispute is about.
    zaak = volle_zaak()
    _melder_beschermen(zaak)
    toets = toetsen(zaak.melding.organisatie)
    _intrekken(zaak)
    bewaring.bewaarblokkade_plaatsen(
        melding=zaak.melding, reden=BlokkadeReden.GESCHIL_NADELIGE_BEHANDELING, door=zaak.ontvanger
    )
    toepassen(plus_maanden(timezone.localdate(), 60))
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.INGETROKKEN
    assert _bestaat(toets)


def test_art_5_4_personeelstoets_die_twee_meldingen_trof_gaat_pas_met_de_laatste(toepassen, toetsen):
    # Art. 5.1: the melder of one case is a connected third party on another of
    # the same organisation; one check opens a task on both.
    a = volle_zaak(kanaal=Kanaal.VERTROUWENSPERSOON)
    _melder_beschermen(a)
    b = ZaakIn(organisatie=a.melding.organisatie, ontvanger=a.ontvanger, hl=a.hl)
    beschermd_persoon_toevoegen(
        melding=b.melding,
        rol=BeschermdeRol.BETROKKEN_DERDE,
        naam="Collega van de melder",
        email=MELDER_EMAIL,
        beschermd_vanaf=timezone.localdate(),
        door=a.ontvanger,
    )
    toets = toetsen(a.melding.organisatie)
    assert set(VoorgenomenMaatregel.objects.filter(toets=toets).values_list("melding", flat=True)) == {
        a.melding.pk,
        b.melding.pk,
    }

    _intrekken(a)
    toepassen(NA_INTREKKEN)
    assert Melding.objects.get(pk=a.melding.pk).status == Status.VERNIETIGD
    assert _bestaat(toets)

    _intrekken(b)
    toepassen(NA_INTREKKEN)
    assert Melding.objects.get(pk=b.melding.pk).status == Status.VERNIETIGD
    assert not _bestaat(toets)


def test_vervallen_toetsen_gaan_in_batches_en_elk_met_een_auditregel(monkeypatch, toepassen, toetsen):
    zaak = volle_zaak()
    hr = personeelszaken_voor(zaak.melding.organisatie)
    verlopen = [toetsen(zaak.melding.organisatie, email=f"m{i}@voorbeeld.nl", hr=hr) for i in range(5)]
    jong = toetsen(zaak.melding.organisatie, beoogd_op=plus_maanden(timezone.localdate(), 12), hr=hr)
    monkeypatch.setattr(toetsbewaring, "BATCHGROOTTE", 2)
    resultaat = toepassen(plus_maanden(timezone.localdate(), 4))
    assert (resultaat.vernietigd, resultaat.mislukt) == (0, 0)
    assert list(Personeelstoets.objects.all()) == [jong]
    assert AuditRegel.objects.filter(
        object_uuid__in=[str(t.uuid) for t in verlopen], actie=AuditActie.VERWIJDERD
    ).count() == len(verlopen)


def test_avg_5_1_e_zonder_vernietiging_aan_blijft_elke_toets(settings, toepassen, toetsen):
    # The installation's explicit choice (MELDPUNT_VERNIETIGING_AAN) covers HR's
    # checks as it covers cases: one switch for all destruction.
    zaak = volle_zaak()
    toets = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")
    settings.MELDPUNT_VERNIETIGING_AAN = False
    toepassen(plus_maanden(timezone.localdate(), 60))
    assert _bestaat(toets)


def test_par_4_de_nachtelijke_taak_zegt_niet_hoeveel_toetsen_vervielen(toetsen, django_capture_on_commit_callbacks):
    # threat model §4: how many checks expired on a day would tell whoever knows
    # what HR submitted whether a check matched. The task's result (logged by
    # Celery) and the batch row hold no such count.
    zaak = volle_zaak()
    _melder_beschermen(zaak)
    trof = toetsen(zaak.melding.organisatie)
    trof_niet = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")
    vandaag = plus_maanden(trof.beoogd_op, 3)
    with django_capture_on_commit_callbacks(execute=True):
        uitkomst = bewaring.bewaartermijnen_toepassen(vandaag=vandaag)
    assert (_bestaat(trof), _bestaat(trof_niet)) == (True, False)
    assert (uitkomst.vernietigd, uitkomst.mislukt) == (0, 0)
    assert uitkomst.batch.aantal_vernietigd == 0
    with django_capture_on_commit_callbacks(execute=True):
        taak = bewaartermijn_toepassen()
    assert set(taak) == {"batch", "vernietigd", "mislukt", "bestanden_over"}


def test_een_mislukte_opruiming_stopt_de_nachtelijke_taak_niet(monkeypatch, toepassen, toetsen):
    zaak = volle_zaak()
    toets = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")

    def stuk(**_kwargs):
        raise RuntimeError("storing")

    monkeypatch.setattr(benadeling_vernietiging, "vervallen_toetsen_verwijderen", stuk)
    resultaat = toepassen(plus_maanden(timezone.localdate(), 6))
    assert resultaat.mislukt == 1
    assert resultaat.batch.beeindigd_op is not None
    assert _bestaat(toets)
    monkeypatch.undo()
    assert toepassen(plus_maanden(timezone.localdate(), 6)).mislukt == 0
    assert not _bestaat(toets)


def test_par_6_de_app_rol_mag_vervallen_toetsen_verwijderen(settings, toetsen, django_capture_on_commit_callbacks):
    """The job runs as the app role (docs/threat-model.md §6): the check's table is
    an ordinary one, and the audit rows it writes are appended only."""
    zaak = volle_zaak()
    toets = toetsen(zaak.melding.organisatie, email="iemand.anders@voorbeeld.nl")
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {settings.MELDPUNT_DATABASE_APP_ROL}")
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = bewaring.bewaartermijnen_toepassen(vandaag=plus_maanden(timezone.localdate(), 4))
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.MELDPUNT_DATABASE_APP_ROL
        cursor.execute("RESET ROLE")
    assert resultaat.mislukt == 0
    assert not _bestaat(toets)
