"""Export of a full case file encrypted to a passphrase; key loss and the restore
drill: dump, restore into a fresh database, decrypt with the key
(docs/sleutelbeheer.md; docs/retention.md)."""

import io
import json
import os
import subprocess
import sys
import uuid
import zipfile

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from kern import crypto
from kern.auditzegels import auditlog_verzegelen
from kern.models import AuditActie, AuditRegel
from kern.tests.factories import GebruikerFactory
from meldingen.models import Bijlage, Melding
from meldingen.services.export import dossier_exporteren, ontsleutelen
from tests.bewaring.zaken import GEHEIM, MELDER, afgesloten_zaak, volle_zaak

WACHTWOORDZIN = "paard batterij nietje correct"


@pytest.mark.django_db
def test_dossier_export_versleuteld_met_wachtwoordzin_en_te_ontsleutelen(tmp_path):
    zaak = afgesloten_zaak()
    export = dossier_exporteren(melding=zaak.melding, wachtwoordzin=WACHTWOORDZIN, doel="rechter", door=zaak.ontvanger)
    assert GEHEIM.encode() not in export
    assert MELDER.encode() not in export
    with zipfile.ZipFile(io.BytesIO(ontsleutelen(export, wachtwoordzin=WACHTWOORDZIN))) as zf:
        dossier = json.loads(zf.read("dossier.json"))
        assert dossier["meldingen"]["omschrijving"] == GEHEIM
        # The receiving officer may see the identity, so the file holds it.
        assert dossier["meldingen"]["melder"]["naam"] == MELDER
        assert dossier["onderzoek"]["standpunten"][0]["uitkomst"] == "gegrond"
        [bijlage] = [n for n in zf.namelist() if n.startswith("bijlagen/")]
        assert zf.read(bijlage) == GEHEIM.encode()
        assert any(n.startswith("onderzoek/standpunten/") for n in zf.namelist())
    with pytest.raises(ValueError, match="Wrong passphrase"):
        ontsleutelen(export, wachtwoordzin="verkeerde wachtwoordzin")
    assert AuditRegel.objects.filter(
        object_uuid=str(zaak.melding.uuid), actie=AuditActie.GEEXPORTEERD, toelichting__contains="rechter"
    ).exists()
    # The command operations use, with the passphrase from the environment.
    (tmp_path / "d.meldpunt").write_bytes(export)
    os.environ["MELDPUNT_DOSSIER_WACHTWOORDZIN"] = WACHTWOORDZIN
    try:
        call_command("dossier_ontsleutelen", str(tmp_path / "d.meldpunt"), str(tmp_path / "d.zip"))
    finally:
        del os.environ["MELDPUNT_DOSSIER_WACHTWOORDZIN"]
    assert zipfile.ZipFile(tmp_path / "d.zip").read("dossier.json")


@pytest.mark.django_db
def test_dossier_export_alleen_voor_wie_de_melding_houdt_met_sterke_wachtwoordzin():
    zaak = volle_zaak()
    with pytest.raises(PermissionDenied):
        dossier_exporteren(melding=zaak.melding, wachtwoordzin=WACHTWOORDZIN, doel="archief", door=GebruikerFactory())
    with pytest.raises(ValidationError, match="ten minste"):
        dossier_exporteren(melding=zaak.melding, wachtwoordzin="kort", doel="archief", door=zaak.ontvanger)


@pytest.mark.django_db
def test_ontbrekende_sleutel_geeft_een_duidelijke_fout_geen_onzin(settings):
    zaak = volle_zaak()
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.SleutelOntbreekt, match=r"FIELD_ENCRYPTION_KEYS.*sleutelbeheer"):
        Melding.objects.get(pk=zaak.melding.pk)
    # A stored file alike: an error, never ciphertext handed out as content.
    bijlage = Bijlage.objects.filter(melding_id=zaak.melding.pk).values_list("bestand", flat=True).get()
    with pytest.raises(crypto.SleutelOntbreekt):
        Bijlage._meta.get_field("bestand").storage.open(bijlage)
    with pytest.raises(Exception, match="cannot be decrypted"):
        call_command("sleutels_controleren")


def _pg(*args, **kwargs):
    instellingen = connection.settings_dict
    omgeving = {**os.environ, "PGPASSWORD": instellingen.get("PASSWORD") or ""}
    basis = [
        "-h",
        instellingen["HOST"] or "127.0.0.1",
        "-p",
        str(instellingen["PORT"] or 5432),
        "-U",
        instellingen["USER"],
    ]
    return subprocess.run([args[0], *basis, *args[1:]], check=True, env=omgeving, capture_output=True, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_hersteloefening_dump_terugzetten_in_verse_database_en_ontsleutelen(tmp_path):
    zaak = volle_zaak()
    # The audit log's seals travel with the dump: ids and contents are restored as
    # they were, so the restored database verifies (docs/adr/0011-audit-zegels.md).
    assert auditlog_verzegelen().aantal > 0
    dump = tmp_path / "meldpunt.dump"
    _pg("pg_dump", "-Fc", "-f", str(dump), connection.settings_dict["NAME"])
    hersteld = f"meldpunt_herstel_{uuid.uuid4().hex[:10]}"
    _pg("createdb", hersteld)
    try:
        _pg("pg_restore", "--no-owner", "-d", hersteld, str(dump))
        instellingen = connection.settings_dict
        with psycopg.connect(
            host=instellingen["HOST"] or "127.0.0.1",
            port=instellingen["PORT"] or 5432,
            user=instellingen["USER"],
            password=instellingen.get("PASSWORD") or None,
            dbname=hersteld,
        ) as verbinding:
            ruw, naam = verbinding.execute(
                "SELECT m.omschrijving, i.naam FROM meldingen_melding m "
                "JOIN meldingen_melderidentiteit i ON i.melding_id = m.id WHERE m.uuid = %s",
                [zaak.melding.uuid],
            ).fetchone()
        # In the dump only ciphertext; with the key, the content.
        assert GEHEIM not in ruw
        assert crypto.ontsleutel(ruw) == GEHEIM
        assert crypto.ontsleutel(naam) == MELDER
        # The whole restored database, fields and files, with the configured key.
        omgeving = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
                instellingen["USER"], instellingen["HOST"] or "127.0.0.1", instellingen["PORT"] or 5432, hersteld
            ),
        }
        uitslag = subprocess.run(
            [sys.executable, "manage.py", "sleutels_controleren"],
            cwd=django_settings.BASE_DIR,
            env=omgeving,
            capture_output=True,
            text=True,
            check=False,
        )
        assert uitslag.returncode == 0, uitslag.stderr
        assert "onleesbaar: 0" in uitslag.stdout
        uitslag = subprocess.run(
            [sys.executable, "manage.py", "auditlog_controleren"],
            cwd=django_settings.BASE_DIR,
            env=omgeving,
            capture_output=True,
            text=True,
            check=False,
        )
        assert uitslag.returncode == 0, uitslag.stderr
        assert "zegels: 1," in uitslag.stdout
        # Without the key the restored data is useless: a clear error.
        sleutel = [Fernet.generate_key().decode()]
        with override_settings(MELDPUNT_VERSLEUTELSLEUTELS=sleutel), pytest.raises(crypto.SleutelOntbreekt):
            crypto.ontsleutel(ruw)
    finally:
        _pg("dropdb", "--if-exists", hersteld)
