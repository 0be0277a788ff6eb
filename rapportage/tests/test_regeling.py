"""The published regulation (Art. 14.1): public, no login, with its history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from rapportage import selectors, services
from rapportage.models import RegelingVersie
from rapportage.tests.factories import RegelingVersieFactory
from rapportage.tests.helpers import geverifieerd_inloggen

pytestmark = pytest.mark.django_db


def test_art_14_1_regeling_openbaar(client):
    org = OrganisatieFactory(slug="ws-openbaar", naam="Woonstichting Openbaar")
    RegelingVersieFactory(
        organisatie=org,
        nummer=1,
        tekst="Oude tekst",
        in_werking_op=date(2021, 1, 1),
        or_instemming_op=date(2020, 12, 1),
    )
    RegelingVersieFactory(
        organisatie=org,
        nummer=2,
        tekst="Geldende tekst over melden",
        in_werking_op=date(2023, 12, 17),
        or_instemming_op=date(2023, 11, 30),
        toelichting_wijziging="Wbk 2023",
    )
    url = reverse("rapportage:regeling", args=["ws-openbaar"])
    assert url == "/regeling/ws-openbaar/"
    response = client.get(url)  # no login
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Geldende tekst over melden" in inhoud
    assert "Oude tekst" not in inhoud  # only the current text in full
    assert "30 november 2023" in inhoud  # the date the OR consented
    assert "1 december 2020" in inhoud  # history
    assert "Wbk 2023" in inhoud
    assert "<caption>" in inhoud


def test_art_14_1_komende_versie_geldt_pas_vanaf_de_ingangsdatum(client):
    org = OrganisatieFactory(slug="ws-komend")
    RegelingVersieFactory(organisatie=org, nummer=1, tekst="Nu", in_werking_op=date(2023, 1, 1))
    morgen = timezone.localdate() + timedelta(days=1)
    RegelingVersieFactory(organisatie=org, nummer=2, tekst="Straks", in_werking_op=morgen, or_instemming_op=morgen)
    assert selectors.regeling_huidig(organisatie=org).tekst == "Nu"


def test_art_14_1_regeling_gepubliceerd_selector(client):
    org = OrganisatieFactory(slug="ws-zonder")
    assert selectors.regeling_gepubliceerd(organisatie=org) is False
    assert client.get(reverse("rapportage:regeling", args=["ws-zonder"])).status_code == 404
    assert client.get(reverse("rapportage:regeling", args=["bestaat-niet"])).status_code == 404
    RegelingVersieFactory(organisatie=org)
    assert selectors.regeling_gepubliceerd(organisatie=org) is True


def test_art_14_1_instemming_or_voor_inwerkingtreding():
    org = OrganisatieFactory()
    with pytest.raises(ValidationError):
        services.regelingversie_publiceren(
            organisatie=org,
            titel="R",
            tekst="T",
            in_werking_op=date(2024, 1, 1),
            or_instemming_op=date(2024, 2, 1),
            door=GebruikerFactory(),
        )


def test_functioneel_beheerder_publiceert_nieuwe_versie_via_admin(client):
    org = OrganisatieFactory(slug="ws-admin")
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    geverifieerd_inloggen(client, beheerder)
    response = client.post(
        reverse("admin:rapportage_regelingversie_add"),
        {
            "organisatie": org.pk,
            "titel": "Regeling melden misstand",
            "tekst": "Artikel 1",
            "in_werking_op": "2024-01-01",
            "or_instemming_op": "2023-12-01",
            "toelichting_wijziging": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    versie = selectors.regeling_versies(organisatie=org).get()
    assert versie.nummer == 1
    assert versie.vastgesteld_door == beheerder
    # A published version cannot be edited.
    assert client.post(reverse("admin:rapportage_regelingversie_change", args=[versie.pk]), {}).status_code == 403


def test_demo_publiceert_regeling_en_zet_jaarrapportage_klaar(client, settings):
    # The demo command runs only under the demo settings (config.settings.demo).
    settings.MELDPUNT_DEMO = True
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False

    call_command("demo")
    call_command("demo")  # idempotent
    response = client.get(reverse("rapportage:regeling", args=["woonstichting-demo"]))
    assert response.status_code == 200
    assert "Artikel 14" in response.content.decode()


def test_art_14_1_gepubliceerde_versie_verandert_niet_ook_niet_in_de_database():

    versie = RegelingVersieFactory()
    with pytest.raises(DatabaseError), transaction.atomic(), transaction.get_connection().cursor() as cursor:
        cursor.execute("UPDATE rapportage_regelingversie SET tekst = 'vervalst' WHERE id = %s", [versie.pk])
    assert RegelingVersie.objects.get(pk=versie.pk).tekst == versie.tekst


def test_art_14_1_meldformulier_linkt_alleen_naar_gepubliceerde_regeling(client):

    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    formulier = reverse("meldingen:melden", kwargs={"slug": organisatie.slug})
    regeling = reverse("rapportage:regeling", kwargs={"slug": organisatie.slug})
    assert f'href="{regeling}"' not in client.get(formulier).content.decode()
    RegelingVersieFactory(organisatie=organisatie)
    assert f'href="{regeling}"' in client.get(formulier).content.decode()
