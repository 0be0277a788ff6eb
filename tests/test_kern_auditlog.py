"""The audit log is append-only: no update or delete from the app, the admin or SQL."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from kern.models import AppendOnlyError, AuditActie, AuditRegel, TOTPApparaat
from kern.rollen import Rol
from kern.services import auditregel_schrijven
from kern.tests.factories import GebruikerFactory
from meldingen.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel():
    gebruiker = GebruikerFactory()
    return auditregel_schrijven(door=gebruiker, actie=AuditActie.BEKEKEN, object=MeldingFactory())


def test_auditregel_legt_wie_wat_welk_object_en_wanneer_vast(regel):
    regel.refresh_from_db()
    assert regel.actor is not None
    assert regel.actie == AuditActie.BEKEKEN
    assert regel.object_type == "meldingen.melding"
    assert regel.object_uuid
    assert regel.tijdstip is not None


def test_auditregel_kan_niet_worden_gewijzigd_via_model(regel):
    regel.actie = AuditActie.VERWIJDERD
    with pytest.raises(AppendOnlyError):
        regel.save()


def test_auditregel_kan_niet_worden_verwijderd_via_model_of_queryset(regel):
    with pytest.raises(AppendOnlyError):
        regel.delete()
    with pytest.raises(AppendOnlyError):
        AuditRegel.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditRegel.objects.update(actie=AuditActie.VERWIJDERD)
    assert AuditRegel.objects.filter(pk=regel.pk, actie=AuditActie.BEKEKEN).exists()


def test_database_weigert_update_en_delete_met_ruwe_sql(regel):
    for sql in (
        "UPDATE kern_auditregel SET actie = 'verwijderd' WHERE id = %s",
        "DELETE FROM kern_auditregel WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [regel.pk])
    assert AuditRegel.objects.filter(pk=regel.pk, actie=AuditActie.BEKEKEN).exists()


def test_admin_biedt_geen_toevoegen_wijzigen_of_verwijderen(client):
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    # A configuration row: the only kind the functioneel beheerder sees (docs/threat-model.md §4).
    regel = auditregel_schrijven(door=beheerder, actie=AuditActie.BEKEKEN, object=GebruikerFactory())
    client.force_login(beheerder)

    apparaat = TOTPApparaat.objects.create(user=beheerder, confirmed=True)
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()
    lijst = client.get(reverse("admin:kern_auditregel_changelist"))
    assert lijst.status_code == 200
    detail = client.get(reverse("admin:kern_auditregel_change", args=[regel.pk]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert (
        client.post(reverse("admin:kern_auditregel_change", args=[regel.pk]), {"actie": "verwijderd"}).status_code
        == 403
    )
    assert client.get(reverse("admin:kern_auditregel_delete", args=[regel.pk])).status_code == 403
    assert client.get(reverse("admin:kern_auditregel_add")).status_code == 403
    regel.refresh_from_db()
    assert regel.actie == AuditActie.BEKEKEN
