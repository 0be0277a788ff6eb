"""Art. 3.5: no report is committed without its register number. The number is
given last in the registering transaction (issue 16); on PostgreSQL a deferred
trigger refuses a commit that forgot it."""

import pytest
from django.db import IntegrityError, connection, transaction

from meldingen.constants import Kanaal, Wijze
from meldingen.models import Melding
from meldingen.services.register import melding_registreren
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _zonder_nummer(organisatie) -> Melding:
    return Melding.objects.create(
        organisatie=organisatie,
        registerjaar=2026,
        volgnummer=None,
        ontvangen_op="2026-12-05T10:00:00+01:00",
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        wijze=Wijze.WEBFORMULIER,
        omschrijving="x",
    )


def _vastleggen(organisatie) -> None:
    with transaction.atomic():
        _zonder_nummer(organisatie)
        # What COMMIT does with the deferred check; the test's own transaction never commits.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_art_3_5_melding_zonder_registernummer_kan_niet_worden_vastgelegd():
    organisatie = OrganisatieFactory()
    with pytest.raises(IntegrityError, match="register number"):
        _vastleggen(organisatie)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_art_3_5_nummer_later_in_dezelfde_transactie_is_goed():
    organisatie = OrganisatieFactory()
    with transaction.atomic():
        melding = _zonder_nummer(organisatie)
        Melding.objects.filter(pk=melding.pk).update(volgnummer=7)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Melding.objects.get(pk=melding.pk).registernummer == "2026-0007"


def test_art_3_5_registreren_door_functionaris_geeft_ook_een_nummer():
    organisatie = OrganisatieFactory()
    officier = FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON).gebruiker
    eerste = melding_registreren(
        organisatie=organisatie,
        omschrijving="a",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
        door=officier,
    )
    tweede = melding_registreren(
        organisatie=organisatie,
        omschrijving="b",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
        door=officier,
    )
    assert (eerste.volgnummer, tweede.volgnummer) == (1, 2)
    assert Melding.objects.get(pk=tweede.pk).volgnummer == 2
