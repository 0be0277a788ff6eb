"""Art. 3.5: no report is committed without its register number. The number is
given last in the registering transaction (issue 16); on PostgreSQL a deferred
trigger refuses a commit that forgot it."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from meldingen.constants import Kanaal, Wijze
from meldingen.models import Melding
from meldingen.services.melder import Meldinginhoud, melding_registreren_door_functionaris
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
    # Through the officer's service (an oral or phone report, Art. 8.5), which
    # registers through melding_indienen and its last statement.
    organisatie = OrganisatieFactory()
    officier = FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON).gebruiker
    nummers = []
    for tekst in ("a", "b"):
        bewijs = melding_registreren_door_functionaris(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving=tekst),
            kanaal=Kanaal.VERTROUWENSPERSOON,
            wijze=Wijze.TELEFONISCH,
            formeel=True,
            door=officier,
            ontvangen_op=timezone.localdate(),
        )
        nummers.append(Melding.objects.get(pk=bewijs.melding.pk).volgnummer)
        assert bewijs.melding.volgnummer == nummers[-1]
    assert nummers == [1, 2]


def test_art_3_5_registreren_zonder_indienen_geeft_ook_een_nummer():
    organisatie = OrganisatieFactory()
    officier = FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON).gebruiker
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="a",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
        door=officier,
    )
    assert Melding.objects.get(pk=melding.pk).volgnummer == 1
