"""Encrypted fields: round trip, nothing readable at rest, key rotation (docs/vertrouwelijkheid.md)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from kern import crypto
from kern.models import AuditActie, AuditRegel
from kern.opslag import VersleuteldeOpslag
from meldingen.models import Melding
from meldingen.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

GEHEIM = "De penningmeester boekt facturen van Bouwbedrijf Jansen dubbel."


def _ruw(melding):
    with connection.cursor() as cursor:
        cursor.execute("SELECT omschrijving FROM meldingen_melding WHERE id = %s", [melding.pk])
        return cursor.fetchone()[0]


def test_versleuteld_veld_round_trip_en_niet_leesbaar_in_database():
    melding = MeldingFactory(omschrijving=GEHEIM)
    assert Melding.objects.get(pk=melding.pk).omschrijving == GEHEIM
    ruw = _ruw(melding)
    assert GEHEIM not in ruw
    assert "Jansen" not in ruw
    assert crypto.ontsleutel(ruw) == GEHEIM


def test_zoeken_op_versleuteld_veld_wordt_geweigerd():

    with pytest.raises(FieldError):
        list(Melding.objects.filter(omschrijving=GEHEIM))


def test_oude_gegevens_leesbaar_na_toevoegen_nieuwe_sleutel(settings):
    oud = settings.MELDPUNT_VERSLEUTELSLEUTELS[0]
    melding = MeldingFactory(omschrijving=GEHEIM)
    nieuw = Fernet.generate_key().decode()
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [nieuw, oud]
    assert Melding.objects.get(pk=melding.pk).omschrijving == GEHEIM
    assert not crypto.is_actueel(_ruw(melding))


def test_sleutels_roteren_versleutelt_opnieuw_en_oude_sleutel_kan_weg(settings):
    oud = settings.MELDPUNT_VERSLEUTELSLEUTELS[0]
    melding = MeldingFactory(omschrijving=GEHEIM)
    nieuw = Fernet.generate_key().decode()
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [nieuw, oud]
    call_command("sleutels_roteren")
    assert crypto.is_actueel(_ruw(melding))

    assert AuditRegel.objects.filter(actie=AuditActie.SLEUTELS_GEROTEERD).count() == 1
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [nieuw]
    assert Melding.objects.get(pk=melding.pk).omschrijving == GEHEIM
    # Idempotent: a second run changes nothing.
    call_command("sleutels_roteren")
    assert Melding.objects.get(pk=melding.pk).omschrijving == GEHEIM


def test_zonder_de_juiste_sleutel_geen_inhoud(settings):
    melding = MeldingFactory(omschrijving=GEHEIM)
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.InvalidToken):
        Melding.objects.get(pk=melding.pk)


def test_versleutelde_opslag_schrijft_geen_leesbare_bytes_en_roteert(settings):

    opslag = VersleuteldeOpslag()
    naam = opslag.save("bijlage.txt", ContentFile(GEHEIM.encode()))
    with open(opslag.path(naam), "rb") as fh:
        assert b"Jansen" not in fh.read()
    assert opslag.open(naam).read().decode() == GEHEIM
    oud = settings.MELDPUNT_VERSLEUTELSLEUTELS[0]
    settings.MELDPUNT_VERSLEUTELSLEUTELS = [Fernet.generate_key().decode(), oud]
    assert opslag.herversleutel(naam) is True
    settings.MELDPUNT_VERSLEUTELSLEUTELS = settings.MELDPUNT_VERSLEUTELSLEUTELS[:1]
    assert opslag.open(naam).read().decode() == GEHEIM


def test_blinde_index_is_genormaliseerd_en_per_doel():
    a = crypto.blinde_index(" Jan@Voorbeeld.nl ", doel="email")
    assert a == crypto.blinde_index("jan@voorbeeld.nl", doel="email")
    assert a != crypto.blinde_index("jan@voorbeeld.nl", doel="personeelsnummer")
    assert "jan" not in a
