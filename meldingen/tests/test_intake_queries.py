"""The public form's POST runs a fixed number of statements, whatever the number of
receiving officers (issue 16; docs/adr/0008-intake-onder-last.md)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meldingen.constants import Kanaal
from meldingen.models import Melding, MeldingGebruikerPermissie
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

MELDING = {
    "omschrijving": "De kas wordt niet geteld.",
    "hl_betrokken": "nee",
    "categorie": "onbekend",
    "kanaal": "externe_vertrouwenspersoon",
    "identiteitskeuze": "anoniem",
    "toestemming": "ja",
}


def _statements_van_post(ontvangers: int) -> list[str]:

    client = Client()  # a new melder: no session yet
    organisatie = OrganisatieFactory()
    for _ in range(ontvangers):
        FunctionarisFactory(organisatie=organisatie, functie=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.post(f"/melden/{organisatie.slug}/", MELDING)
    assert antwoord.status_code == 302
    melding = Melding.objects.get(organisatie=organisatie)
    # Four object permissions per receiving officer (view, change, identity, assign).
    assert MeldingGebruikerPermissie.objects.filter(content_object=melding).count() == 4 * ontvangers
    return [q["sql"] for q in vastgelegd.captured_queries]


def test_post_van_het_meldformulier_vast_aantal_statements():
    _statements_van_post(1)  # warm: permission ids are looked up once per process
    een = _statements_van_post(1)
    vijf = _statements_van_post(5)
    assert len(een) == len(vijf)
    # Was 66 with one officer and 98 with two before issue 16, 25 while the
    # receipt code went through a session row in a savepoint.
    # The test runs in a transaction, so the service's own shows as one savepoint
    # here (BEGIN and COMMIT in production); the view adds none of its own.
    assert sum("SAVEPOINT" in sql and "RELEASE" not in sql for sql in vijf) == 1, "\n".join(vijf)
    # 25 before the rows were written without the ORM's compiler (kern.invoegen)
    # and the registration's timeline and audit rows were written together; 14
    # while the view read the organisation's channels before the service read the
    # chosen channel's officers anyway.
    assert len(vijf) <= 13, "\n".join(vijf)
    assert not any("meldingen_functionaris" in sql and "IN (" in sql for sql in vijf), "\n".join(vijf)
    assert not any("django_session" in sql for sql in vijf), "\n".join(vijf)


def test_art_3_5_registernummer_als_laatste_schrijfactie():
    # The year's counter is locked from the statement that gives the number until
    # the commit: it comes last, so concurrent submissions wait one statement.
    statements = _statements_van_post(1)
    schrijfacties = [sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))]
    assert "meldingen_registerteller" in schrijfacties[-1], "\n".join(statements)
    assert sum("meldingen_registerteller" in sql for sql in statements) == 1
    melding = Melding.objects.order_by("-pk").first()
    assert melding.volgnummer == 1
