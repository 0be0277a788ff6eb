"""§6–§7: the audit log is tamper-evident against a database superuser without the
keys (docs/threat-model.md; docs/adr/0011-audit-zegels.md). Each test does what such
a superuser can do — switch the append-only triggers off and rewrite history — and
checks that the seals tell, by seal number and id range, never by content."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from kern import auditzegels
from kern.auditzegels import auditlog_controleren, auditlog_verzegelen
from kern.auditzegels.anker import anker_schrijven
from kern.models import AuditActie, AuditRegel, AuditZegel, UitgaandBericht
from kern.services import auditregel_schrijven
from kern.tasks import auditlog_controleren as auditlog_controleren_taak
from kern.tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

BASIS = Path(__file__).resolve().parents[2]
# In every audit row's note, so a test can tell that no output shows row content.
GEHEIM = "inhoud-die-niemand-mag-zien"


def _regels(aantal: int) -> list[AuditRegel]:
    gebruiker = GebruikerFactory()
    return [
        auditregel_schrijven(door=gebruiker, actie=AuditActie.BEKEKEN, object=gebruiker, toelichting=f"{GEHEIM} {i}")
        for i in range(aantal)
    ]


def _als_superuser(*opdrachten: str | tuple[str, list]) -> None:
    """What a database superuser can do and the application role cannot: switch the
    append-only triggers off, rewrite, switch them on again."""
    with connection.cursor() as cursor:
        # The test's transaction has deferred foreign-key checks pending, and
        # PostgreSQL alters no table with pending trigger events: run them first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for tabel in ("kern_auditregel", "kern_auditzegel"):
            cursor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER ALL")
        for opdracht in opdrachten:
            sql, params = (opdracht, None) if isinstance(opdracht, str) else opdracht
            cursor.execute(sql, params)
        for tabel in ("kern_auditregel", "kern_auditzegel"):
            cursor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER ALL")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _bevindingen() -> str:
    controle = auditlog_controleren()
    assert not controle.in_orde
    tekst = "\n".join(str(a) for a in controle.afwijkingen)
    assert GEHEIM not in tekst
    return tekst


def test_verzegelen_dan_controleren_is_in_orde_en_de_zegels_vormen_een_keten():
    eerste = _regels(3)
    zegel1 = auditlog_verzegelen()
    assert (zegel1.nummer, zegel1.van_id) == (1, 0)
    assert zegel1.tot_id >= eerste[-1].pk
    assert auditlog_verzegelen() is None  # nothing new: no seal
    tweede = _regels(2)
    zegel2 = auditlog_verzegelen()
    assert (zegel2.nummer, zegel2.van_id, zegel2.tot_id, zegel2.aantal) == (2, zegel1.tot_id, tweede[-1].pk, 2)
    assert zegel2.vorige_mac == zegel1.mac
    controle = auditlog_controleren()
    assert controle.in_orde, controle.afwijkingen
    assert (controle.zegels, controle.regels, controle.onverzegeld) == (2, AuditRegel.objects.count(), 0)


def test_regel_verwijderd_met_de_triggers_uit_wordt_gevonden():
    regels = _regels(4)
    zegel = auditlog_verzegelen()
    _als_superuser(("DELETE FROM kern_auditregel WHERE id = %s", [regels[1].pk]))
    bevindingen = _bevindingen()
    assert f"zegel {zegel.nummer}: auditregels 1-{zegel.tot_id}: er ontbreekt 1 van de" in bevindingen


def test_regel_gewijzigd_wordt_gevonden():
    regels = _regels(3)
    auditlog_verzegelen()
    _als_superuser(("UPDATE kern_auditregel SET actie = 'aangemaakt' WHERE id = %s", [regels[0].pk]))
    assert "auditregels zijn gewijzigd of verwisseld" in _bevindingen()


def test_regels_verwisseld_wordt_gevonden():
    """Reordering: two rows swap their contents (same rows, same count)."""
    a, b = _regels(2)
    _als_superuser(("UPDATE kern_auditregel SET tijdstip = tijdstip - interval '1 hour' WHERE id = %s", [a.pk]))
    auditlog_verzegelen()
    _als_superuser(
        (
            "UPDATE kern_auditregel SET tijdstip = CASE WHEN id = %s THEN (SELECT tijdstip FROM kern_auditregel "
            "WHERE id = %s) ELSE (SELECT tijdstip FROM kern_auditregel WHERE id = %s) END WHERE id IN (%s, %s)",
            [a.pk, b.pk, a.pk, a.pk, b.pk],
        )
    )
    assert "auditregels zijn gewijzigd of verwisseld" in _bevindingen()


def test_regel_ingevoegd_in_een_verzegeld_bereik_wordt_gevonden():
    """An id the sequence handed out but no row used (a rolled-back insert) sits
    inside a sealed range; a row added there later is found."""
    _regels(1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('kern_auditregel', 'id'))")
        vrij = cursor.fetchone()[0]
    _regels(1)
    auditlog_verzegelen()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kern_auditregel (id, tijdstip, actor_soort, actie, object_type, object_uuid, toelichting, "
            "categorie) VALUES (%s, now(), 'systeem', 'bekeken', 'kern.gebruiker', 'x', %s, 'geval')",
            [vrij, GEHEIM],
        )
    assert "er is 1 auditregel bijgekomen" in _bevindingen()


def test_zegel_gewijzigd_zonder_sleutel_wordt_gevonden():
    """Deleting a row and rewriting the seal's count and MAC: without the key the
    seal's own MAC no longer fits."""
    regels = _regels(3)
    zegel = auditlog_verzegelen()
    _als_superuser(
        ("DELETE FROM kern_auditregel WHERE id = %s", [regels[0].pk]),
        ("UPDATE kern_auditzegel SET aantal = aantal - 1 WHERE nummer = %s", [zegel.nummer]),
    )
    assert "de zegel zelf is gewijzigd" in _bevindingen()


def test_middelste_zegel_verwijderd_wordt_gevonden():
    for _ in range(3):
        _regels(2)
        auditlog_verzegelen()
    _als_superuser("DELETE FROM kern_auditzegel WHERE nummer = 2")
    bevindingen = _bevindingen()
    assert "zegel 3: zegel 2 ontbreekt" in bevindingen
    assert "vallen onder geen zegel (2 aanwezig)" in bevindingen
    assert "de keten is verbroken" in bevindingen


def test_gekopieerde_zegel_wordt_gevonden():
    """A copy of a genuine seal (its MAC is valid) slipped in behind it: the chain
    does not build on it and its number comes twice."""
    _regels(1)
    auditlog_verzegelen()
    _als_superuser(
        "ALTER TABLE kern_auditzegel DROP CONSTRAINT kern_auditzegel_nummer_key",
        "INSERT INTO kern_auditzegel (nummer, tijdstip, versie, van_id, tot_id, aantal, regels_mac, "
        "kandidaat_tot_id, wacht_op, sleutel_id, vorige_mac, mac) SELECT nummer, tijdstip, versie, van_id, tot_id, "
        "aantal, regels_mac, kandidaat_tot_id, wacht_op, sleutel_id, vorige_mac, mac FROM kern_auditzegel",
    )
    bevindingen = _bevindingen()
    assert "zegel 1: het zegelnummer komt twee keer voor" in bevindingen
    assert "zegel 1: de keten is verbroken" in bevindingen


def test_nieuwste_zegel_verwijderd_laat_zijn_regels_onverzegeld_achter():
    """The newest seal removed, its rows kept: they are unsealed, and reported once
    they are older than the allowed delay (the sealer itself would seal them again:
    the anchor below is what notices that)."""
    _regels(2)
    auditlog_verzegelen()
    _regels(2)
    auditlog_verzegelen()
    _als_superuser("DELETE FROM kern_auditzegel WHERE nummer = 2")
    assert auditlog_controleren().in_orde  # young rows wait for the next seal
    later = auditlog_controleren(nu=timezone.now() + timedelta(hours=2))
    assert [str(a) for a in later.afwijkingen] == [
        f"2 auditregels (ids {AuditRegel.objects.order_by('id').reverse()[1].pk}-"
        f"{AuditRegel.objects.order_by('id').last().pk}) zijn ouder dan 60 minuten en niet verzegeld: het "
        "verzegelen loopt niet, wacht op een transactie die zo lang openstaat, of de nieuwste zegels zijn verwijderd"
    ]


def test_staart_afgeknipt_alleen_te_zien_met_het_anker_buiten_de_database(settings, tmp_path):
    """Removing the newest seal together with the rows it covered leaves a chain
    that is whole: the database alone cannot tell (docs/adr/0011-audit-zegels.md).
    The anchor on the application's volume can, and the sealer does not cover it up."""
    _regels(2)
    auditlog_verzegelen()
    laatste = _regels(2)
    auditlog_verzegelen()
    _als_superuser(
        "DELETE FROM kern_auditzegel WHERE nummer = 2",
        ("DELETE FROM kern_auditregel WHERE id >= %s", [laatste[0].pk]),
    )
    assert auditlog_controleren(nu=timezone.now() + timedelta(hours=2)).in_orde  # the limit, stated

    # Once more, now with the anchor (the sealer writes it after its commit).
    settings.MELDPUNT_AUDITZEGEL_ANKER = str(tmp_path / "anker.json")
    laatste = _regels(2)
    zegel = auditlog_verzegelen()
    anker_schrijven(zegel.nummer, zegel.mac)  # the on_commit of the test's transaction
    assert json.loads((tmp_path / "anker.json").read_text()) == {"nummer": zegel.nummer, "mac": zegel.mac}
    assert auditlog_controleren().in_orde
    _als_superuser(
        ("DELETE FROM kern_auditzegel WHERE nummer = %s", [zegel.nummer]),
        ("DELETE FROM kern_auditregel WHERE id >= %s", [laatste[0].pk]),
    )
    assert f"zegel {zegel.nummer} staat in het anker buiten de database maar ontbreekt" in _bevindingen()
    # The sealer goes on sealing new rows (they deserve protection) but leaves the
    # anchor alone, so the finding stays until operations have looked.
    _regels(1)
    opnieuw = auditlog_verzegelen()
    assert opnieuw.nummer == zegel.nummer
    assert json.loads((tmp_path / "anker.json").read_text())["mac"] == zegel.mac
    assert "zegels zijn vervangen" in _bevindingen()


def test_sleutel_roteren_en_een_ontbrekende_sleutel(settings):
    _regels(1)
    settings.MELDPUNT_AUDITZEGEL_SLEUTELS = ["oude-sleutel"]
    auditlog_verzegelen()
    _regels(1)
    settings.MELDPUNT_AUDITZEGEL_SLEUTELS = ["nieuwe-sleutel", "oude-sleutel"]
    zegel = auditlog_verzegelen()
    assert zegel.sleutel_id != AuditZegel.objects.get(nummer=1).sleutel_id
    assert auditlog_controleren().in_orde
    settings.MELDPUNT_AUDITZEGEL_SLEUTELS = ["nieuwe-sleutel"]
    assert "zegel 1: gemaakt met een sleutel die niet is ingesteld" in _bevindingen()


def test_de_sleutel_is_afgeleid_en_staat_niet_in_de_database(settings):
    """The HMAC key is derived with HKDF from the environment's key material; a
    seal holds only a fingerprint of it."""
    _regels(1)
    zegel = auditlog_verzegelen()
    rij = json.dumps(list(AuditZegel.objects.filter(pk=zegel.pk).values().get().values()), default=str)
    ((sleutel_id, sleutel),) = auditzegels.sleutels().items()
    assert sleutel_id == zegel.sleutel_id
    assert settings.MELDPUNT_BLINDE_INDEX_SLEUTEL not in rij
    assert sleutel.hex() not in rij
    assert sleutel != settings.MELDPUNT_BLINDE_INDEX_SLEUTEL.encode()


def test_commando_geeft_zegel_en_bereik_nooit_inhoud_en_faalt_bij_een_afwijking(capsys):
    regels = _regels(3)
    call_command("auditlog_verzegelen")
    call_command("auditlog_controleren")
    assert "afwijkingen: 0" in capsys.readouterr().out
    _als_superuser(("DELETE FROM kern_auditregel WHERE id = %s", [regels[2].pk]))
    with pytest.raises(CommandError):
        call_command("auditlog_controleren")
    uitvoer = capsys.readouterr()
    assert "zegel 1: auditregels 1-" in uitvoer.err
    assert GEHEIM not in uitvoer.out + uitvoer.err


def test_beat_controle_logt_en_mailt_de_beheerder_zonder_inhoud(beheerder, caplog):
    regels = _regels(2)
    auditlog_verzegelen()
    auditlog_controleren_taak()
    assert not UitgaandBericht.objects.filter(soort="auditlog").exists()
    _als_superuser(("DELETE FROM kern_auditregel WHERE id = %s", [regels[0].pk]))
    auditlog_controleren_taak()
    auditlog_controleren_taak()  # once a day per beheerder
    bericht = UitgaandBericht.objects.get(soort="auditlog")
    assert bericht.adres == beheerder.email
    assert "geen inhoud" in bericht.tekst
    assert GEHEIM not in bericht.tekst + bericht.onderwerp
    fouten = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("zegel 1:" in f and "er ontbreekt 1" in f for f in fouten)
    assert not any(GEHEIM in f for f in fouten)


def test_de_app_rol_kan_verzegelen_en_controleren(settings):
    """The sealer reads pg_locks and the sequence's settings and takes an advisory
    lock: all allowed to the application's role (docs/threat-model.md §6)."""
    _regels(2)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {settings.MELDPUNT_DATABASE_APP_ROL}")
    assert auditlog_verzegelen().aantal >= 2
    assert auditlog_controleren().in_orde
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


# --- Rows that commit late ------------------------------------------------------------


def _tweede_verbinding() -> psycopg.Connection:
    instellingen = connection.settings_dict
    return psycopg.connect(
        dbname=instellingen["NAME"],
        user=instellingen["USER"],
        password=instellingen["PASSWORD"] or None,
        host=instellingen["HOST"],
        port=instellingen["PORT"] or 5432,
    )


def _regel_in(verbinding: psycopg.Connection) -> int:
    return verbinding.execute(
        "INSERT INTO kern_auditregel (tijdstip, actor_soort, actie, object_type, object_uuid, toelichting, categorie) "
        "VALUES (now(), 'systeem', 'bekeken', 'kern.gebruiker', 'laat', %s, 'geval') RETURNING id",
        [GEHEIM],
    ).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_regel_met_lager_id_die_later_commit_geeft_geen_vals_alarm():
    """A transaction draws its id, a later one commits first, the seal runs in
    between: the seal waits for the open transaction instead of sealing the range
    without its row (which would then look added)."""
    _regels(1)
    assert auditlog_verzegelen().nummer == 1
    with _tweede_verbinding() as traag:
        laat = _regel_in(traag)  # not committed yet
        vroeg = _regels(1)[0]
        assert vroeg.pk > laat
        plan = auditlog_verzegelen()  # records the plan, seals nothing yet
        assert plan.tot_id == plan.van_id < laat
        assert (plan.kandidaat_tot_id, len(plan.wacht_op)) == (vroeg.pk, 1)
        assert auditlog_verzegelen() is None  # still waiting: nothing changes
        assert auditlog_controleren().in_orde
        traag.commit()
    zegel = auditlog_verzegelen()
    assert zegel.van_id < laat < vroeg.pk <= zegel.tot_id
    controle = auditlog_controleren()
    assert controle.in_orde, controle.afwijkingen
    assert controle.onverzegeld == 0


@pytest.mark.django_db(transaction=True)
def test_transactie_die_terugdraait_laat_een_gat_zonder_alarm():
    _regels(1)
    with _tweede_verbinding() as traag:
        _regel_in(traag)
        _regels(1)
        auditlog_verzegelen()
        traag.rollback()
    _regels(1)
    auditlog_verzegelen()
    controle = auditlog_controleren()
    assert controle.in_orde, controle.afwijkingen
    assert controle.onverzegeld == 0


@pytest.mark.django_db(transaction=True)
def test_verzegelen_tijdens_gelijktijdige_schrijvers_geeft_geen_vals_alarm():
    """Writers that draw ids, wait and commit or roll back in any order, while the
    sealer runs again and again: afterwards every row is sealed, once, and the
    verification finds nothing."""
    fouten = []

    def schrijver(zaad: int):
        kans = random.Random(zaad)
        try:
            with _tweede_verbinding() as verbinding:
                for _ in range(15):
                    _regel_in(verbinding)
                    threading.Event().wait(kans.uniform(0, 0.02))
                    _regel_in(verbinding)
                    verbinding.rollback() if kans.random() < 0.2 else verbinding.commit()
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            fouten.append(exc)

    draden = [threading.Thread(target=schrijver, args=(zaad,)) for zaad in range(4)]
    for draad in draden:
        draad.start()
    while any(draad.is_alive() for draad in draden):
        auditlog_verzegelen()
    for draad in draden:
        draad.join()
    assert fouten == []
    auditlog_verzegelen()
    auditlog_verzegelen()
    controle = auditlog_controleren()
    assert controle.in_orde, controle.afwijkingen
    assert controle.onverzegeld == 0
    assert controle.regels == AuditRegel.objects.count() > 0


# --- SQLite, the demo -------------------------------------------------------------------


@pytest.mark.traag
def test_sqlite_demo_verzegelt_en_vindt_verwijderde_regels_en_zegels(tmp_path):
    """The embedded default (config.settings.demo) seals and verifies too: one writer
    at a time, so every id up to the highest visible one is final. Whoever deletes
    rows in the file is found; the anchor beside it notices a cut-off tail."""
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    omgeving |= {"DJANGO_SETTINGS_MODULE": "config.settings.demo", "MELDPUNT_VAR_DIR": str(tmp_path)}

    def beheer(*argumenten: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *argumenten], cwd=BASIS, env=omgeving, capture_output=True, text=True
        )

    assert beheer("migrate", "--noinput", "-v", "0").returncode == 0
    schrijven = f"""
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
g = Gebruiker.objects.create(username="sqlite")
for _ in range(3):
    auditregel_schrijven(door=g, actie=AuditActie.BEKEKEN, object=g, toelichting="{GEHEIM}")
"""
    assert beheer("shell", "-v", "0", "-c", schrijven).returncode == 0
    assert "zegel 1: auditregels 1-3 (3)" in beheer("auditlog_verzegelen").stdout
    assert beheer("auditlog_controleren").returncode == 0

    with sqlite3.connect(tmp_path / "meldpunt.sqlite3") as bestand:
        bestand.execute("DROP TRIGGER kern_auditregel_geen_delete")
        bestand.execute("DELETE FROM kern_auditregel WHERE id = 2")
    controle = beheer("auditlog_controleren")
    assert controle.returncode != 0
    assert "zegel 1: auditregels 1-3: er ontbreekt 1 van de 3 verzegelde auditregels" in controle.stderr
    assert GEHEIM not in controle.stdout + controle.stderr

    with sqlite3.connect(tmp_path / "meldpunt.sqlite3") as bestand:
        bestand.execute("DROP TRIGGER kern_auditzegel_geen_delete")
        bestand.execute("DELETE FROM kern_auditzegel")
        bestand.execute("DELETE FROM kern_auditregel")
    controle = beheer("auditlog_controleren")
    assert controle.returncode != 0
    assert "zegel 1 staat in het anker buiten de database maar ontbreekt" in controle.stderr
