"""Art. 7.4: the identity of the melder's adviser is disclosed only with the written
consent of both the melder and the adviser, like the melder's own (Art. 7.2)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kern import toegang
from kern.models import AuditActie, AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, ToestemmingSoort, ToewijzingRol, Wijze
from meldingen.services.adviseur import adviseur_inzien, adviseur_toestemming_vastleggen, adviseur_vastleggen
from meldingen.services.meldingsbox import meldingsbox_aanmaken, verzoek_beantwoorden
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.services.toestemming import toestemming_intrekken, toestemming_op_papier, toestemming_vragen
from meldingen.tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 getekend"


@pytest.fixture
def geval():
    melding = melding_registreren(
        organisatie=OrganisatieFactory(),
        omschrijving="De kas klopt niet.",
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        wijze=Wijze.WEBFORMULIER,
    )
    evp = GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=evp, rol=ToewijzingRol.ONTVANGER, door=None)
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    toewijzing_verlenen(melding=melding, gebruiker=onderzoeker, rol=ToewijzingRol.ONDERZOEKER, door=None)
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    adviseur_vastleggen(melding=melding, naam="Mr. A. de Raad", organisatie="FNV", door=evp)
    return melding, evp, onderzoeker, box


def test_art_7_4_adviseur_versleuteld_en_alleen_voor_de_ontvanger(geval):
    melding, evp, onderzoeker, _box = geval
    assert adviseur_inzien(melding=melding, door=evp).naam == "Mr. A. de Raad"
    assert AuditRegel.objects.filter(actie=AuditActie.IDENTITEIT_BEKEKEN).exists()
    with pytest.raises(Http404):
        adviseur_inzien(melding=melding, door=onderzoeker)
    with pytest.raises(PermissionDenied):
        adviseur_vastleggen(melding=melding, naam="Iemand", door=onderzoeker)
    # Encrypted at rest: the name is not in the database row as plain text.
    with connection.cursor() as cursor:
        cursor.execute("SELECT naam::text FROM meldingen_melderadviseur")
        assert "de Raad" not in cursor.fetchone()[0]


def test_art_7_4_alleen_met_toestemming_van_melder_en_adviseur(geval):
    melding, evp, onderzoeker, box = geval
    toestemming = toestemming_vragen(
        melding=melding, soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN, ontvangers=[onderzoeker], door=evp
    )
    verzoek_beantwoorden(meldingsbox=box, verzoek=toestemming.verzoek, akkoord=True)
    # The melder alone is not enough.
    with pytest.raises(Http404):
        adviseur_inzien(melding=melding, door=onderzoeker)
    adviseur_toestemming_vastleggen(
        toestemming=toestemming, getekend_pdf=PDF, getekend_op=timezone.localdate(), door=evp
    )
    assert adviseur_inzien(melding=melding, door=onderzoeker).naam == "Mr. A. de Raad"
    # The melder's identity is a separate consent (Art. 7.2).
    assert not toegang.mag(user=onderzoeker, perm="meldingen.identiteit_inzien", obj=melding)
    toestemming_intrekken(toestemming=toestemming, door=evp)
    with pytest.raises(Http404):
        adviseur_inzien(melding=melding, door=onderzoeker)


def test_art_7_4_adviseur_eerst_dan_melder_op_papier(geval):
    melding, evp, onderzoeker, _box = geval
    toestemming = toestemming_vragen(
        melding=melding, soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN, ontvangers=[onderzoeker], door=evp
    )
    adviseur_toestemming_vastleggen(
        toestemming=toestemming, getekend_pdf=PDF, getekend_op=timezone.localdate(), door=evp
    )
    # The adviser alone is not enough.
    with pytest.raises(Http404):
        adviseur_inzien(melding=melding, door=onderzoeker)
    papier = toestemming_op_papier(
        melding=melding,
        soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN,
        ontvangers=[onderzoeker],
        getekend_pdf=PDF,
        getekend_op=timezone.localdate(),
        door=evp,
    )
    # A paper consent of the melder is a new consent: it waits for the adviser's own.
    with pytest.raises(Http404):
        adviseur_inzien(melding=melding, door=onderzoeker)
    adviseur_toestemming_vastleggen(toestemming=papier, getekend_pdf=PDF, getekend_op=timezone.localdate(), door=evp)
    assert adviseur_inzien(melding=melding, door=onderzoeker) is not None


def test_art_7_4_toestemming_vragen_zonder_vastgelegde_adviseur_geweigerd():
    melding = melding_registreren(
        organisatie=OrganisatieFactory(),
        omschrijving="x",
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        wijze=Wijze.GESPREK,
    )
    evp = GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=evp, rol=ToewijzingRol.ONTVANGER, door=None)
    with pytest.raises(ValidationError):
        toestemming_vragen(melding=melding, soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN, ontvangers=[evp], door=evp)


def test_art_7_4_zaakscherm_toont_de_adviseur_alleen_aan_wie_mag(client, geval, settings):
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False
    melding, evp, onderzoeker, _box = geval
    url = reverse("admin:meldingen_melding_adviseur", args=[melding.pk])
    client.force_login(evp)
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "Mr. A. de Raad" in antwoord.content.decode()
    client.force_login(onderzoeker)
    assert client.get(url).status_code == 404
