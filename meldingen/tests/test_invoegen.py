"""kern.invoegen.rijen_toevoegen writes the same rows as the ORM, on the models of the
intake path (issue 16)."""

from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save

from kern.invoegen import rijen_toevoegen
from kern.models import AuditRegel
from meldingen.constants import Kanaal, Wijze
from meldingen.models import Gebeurtenis, Melding, Meldingsbox, Termijn
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _melding(organisatie, volgnummer):
    return Melding(
        organisatie=organisatie,
        registerjaar=2026,
        volgnummer=volgnummer,
        ontvangen_op="2026-12-05T10:00:00+01:00",
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        wijze=Wijze.WEBFORMULIER,
        omschrijving="Geheime inhoud",
        discriminatiegronden=["leeftijd"],
    )


def test_zelfde_rij_als_de_orm_versleuteld_en_met_sleutel():
    organisatie = OrganisatieFactory()
    via_orm = _melding(organisatie, 1)
    via_orm.save()
    snel = rijen_toevoegen([_melding(organisatie, 2)])[0]
    assert snel.pk
    assert not snel._state.adding
    velden = [f.attname for f in Melding._meta.concrete_fields if f.attname not in ("id", "uuid", "volgnummer")]
    velden = [v for v in velden if v not in ("created_at", "updated_at")]
    opgeslagen = {m.volgnummer: m for m in Melding.objects.filter(organisatie=organisatie)}
    for veld in velden:
        assert getattr(opgeslagen[1], veld) == getattr(opgeslagen[2], veld), veld
    assert opgeslagen[2].omschrijving == "Geheime inhoud"
    with connection.cursor() as cursor:
        cursor.execute("SELECT omschrijving FROM meldingen_melding WHERE id = %s", [snel.pk])
        assert "Geheime" not in cursor.fetchone()[0]  # encrypted at rest, as through the ORM
    assert opgeslagen[2].created_at is not None
    assert opgeslagen[2].uuid == snel.uuid


def test_databasestandaard_wordt_teruggelezen():
    melding = MeldingFactory()
    regels = rijen_toevoegen(
        [AuditRegel(actor_soort="systeem", actie="aangemaakt", object_type="x", object_uuid=str(i)) for i in range(3)]
    )
    assert all(r.pk and r.tijdstip is not None for r in regels)
    assert [r.pk for r in regels] == sorted(r.pk for r in regels)
    gebeurtenis = rijen_toevoegen([Gebeurtenis(melding=melding, soort="toegewezen")])[0]
    assert Gebeurtenis.objects.get(pk=gebeurtenis.pk).tijdstip == gebeurtenis.tijdstip


def test_conflict_op_genoemd_veld_slaat_over_ander_conflict_faalt():
    a, b = MeldingFactory(), MeldingFactory()
    Meldingsbox.objects.filter(melding__in=[a, b]).delete()
    assert rijen_toevoegen(
        [Meldingsbox(melding=a, kenmerk="AAAA1111", geheim_hmac="x")], conflicten_negeren=("kenmerk",)
    )
    # The same lookup id: skipped, told by an empty list.
    assert (
        rijen_toevoegen([Meldingsbox(melding=b, kenmerk="AAAA1111", geheim_hmac="x")], conflicten_negeren=("kenmerk",))
        == []
    )
    # Another constraint (one mailbox per report) still raises.
    with pytest.raises(IntegrityError), transaction.atomic():
        rijen_toevoegen([Meldingsbox(melding=a, kenmerk="BBBB2222", geheim_hmac="x")], conflicten_negeren=("kenmerk",))


def _termijn(melding, soort):
    return Termijn(
        organisatie_id=melding.organisatie_id,
        melding=melding,
        soort=soort,
        start=date(2026, 12, 5),
        due=datetime(2026, 12, 12, tzinfo=UTC),
        herinneren_vanaf=datetime(2026, 12, 10, tzinfo=UTC),
    )


def test_meerdere_rijen_met_conflicten_negeren():
    melding = MeldingFactory()
    Termijn.objects.filter(melding=melding).delete()
    rijen_toevoegen([_termijn(melding, "ontvangstbevestiging")])
    # One term per case and kind: the duplicate is skipped, the other written.
    rijen_toevoegen([_termijn(melding, "ontvangstbevestiging"), _termijn(melding, "gesprek")], conflicten_negeren=True)
    assert sorted(Termijn.objects.filter(melding=melding).values_list("soort", flat=True)) == [
        "gesprek",
        "ontvangstbevestiging",
    ]


def test_weigert_opgeslagen_of_gemengde_objecten():
    melding = MeldingFactory()
    with pytest.raises(TypeError):
        rijen_toevoegen([melding])
    with pytest.raises(TypeError):
        rijen_toevoegen([Gebeurtenis(melding=melding, soort="x"), AuditRegel(actie="x")])


def test_geen_model_op_het_snelle_pad_heeft_signaalontvangers():
    # rijen_toevoegen sends no signals: a receiver added later to one of these
    # models would silently not run, so this test fails first.
    snel = [
        "meldingen.Melding",
        "meldingen.Gebeurtenis",
        "meldingen.Toewijzing",
        "meldingen.MeldingGebruikerPermissie",
        "meldingen.Termijn",
        "meldingen.Meldingsbox",
        "kern.AuditRegel",
    ]
    for label in snel:
        model = apps.get_model(label)
        for signaal in (pre_save, post_save):
            assert not signaal.has_listeners(model), f"{label} has {signaal} receivers"


def test_rijen_met_verschillende_kolommen_worden_geweigerd():
    # One INSERT has one column list: a later row's own tijdstip would silently
    # become the database default.
    eigen_tijd = AuditRegel(actie="x", object_type="x", object_uuid="1", tijdstip=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="same columns"):
        rijen_toevoegen([AuditRegel(actie="x", object_type="x", object_uuid="0"), eigen_tijd])


def test_niet_opgeslagen_gerelateerd_object_wordt_geweigerd():
    # As save() does: an audit row must never lose its actor to NULL.
    from kern.models import Gebruiker

    with pytest.raises(ValueError, match="unsaved related object"):
        rijen_toevoegen([AuditRegel(actor=Gebruiker(username="nieuw"), actie="x", object_type="x", object_uuid="0")])
