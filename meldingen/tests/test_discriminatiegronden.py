"""Discrimination grounds are kept for every category and settable by staff from
the case screen (issue 14; AWGB art. 1, the annual figures Art. 14.2 b)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from kern.models import AuditRegel
from kern.tests.factories import GebruikerFactory
from meldingen import jaarcijfers
from meldingen.constants import Categorie, Discriminatiegrond
from meldingen.handelingen import HANDELINGEN
from meldingen.services.triage import melding_categorie_wijzigen, melding_discriminatiegronden_wijzigen
from meldingen.tests.factories import MeldingFactory, ontvanger_van

pytestmark = pytest.mark.django_db


def test_art_14_2_b_discriminatiegronden_door_de_ontvanger_bij_elke_categorie():
    melding = MeldingFactory(categorie=Categorie.WETTELIJK_VOORSCHRIFT)
    ontvanger = ontvanger_van(melding)
    melding_discriminatiegronden_wijzigen(
        melding=melding, gronden=[Discriminatiegrond.LEEFTIJD, Discriminatiegrond.LEEFTIJD], door=ontvanger
    )
    melding.refresh_from_db()
    assert melding.discriminatiegronden == ["leeftijd"]
    # A later change of category keeps them.
    melding_categorie_wijzigen(melding=melding, categorie=Categorie.VEILIGHEID, door=ontvanger)
    melding.refresh_from_db()
    assert melding.discriminatiegronden == ["leeftijd"]
    # Counted in the annual figures whatever the category.
    cijfers = jaarcijfers.cijfers(organisatie=melding.organisatie, jaar=melding.registerjaar)
    rijen = {r[0]: r[1] for r in cijfers["discriminatiegronden"][0]["rijen"]}
    assert rijen["Leeftijd"] == 1
    regel = AuditRegel.objects.filter(object_uuid=str(melding.uuid), toelichting="discriminatiegronden").get()
    assert "leeftijd" not in regel.toelichting


def test_discriminatiegronden_alleen_uit_de_lijst_en_door_wie_aan_de_zaak_werkt():
    melding = MeldingFactory()
    ontvanger = ontvanger_van(melding)
    with pytest.raises(ValidationError):
        melding_discriminatiegronden_wijzigen(melding=melding, gronden=["haarkleur"], door=ontvanger)
    with pytest.raises(PermissionDenied):
        melding_discriminatiegronden_wijzigen(melding=melding, gronden=[], door=GebruikerFactory())


def test_discriminatiegronden_handeling_op_het_zaakscherm():
    melding = MeldingFactory()
    verzoek = RequestFactory().get("/")
    verzoek.user = ontvanger_van(melding)
    assert HANDELINGEN["discriminatiegronden"].is_zichtbaar(verzoek, melding)
    verzoek.user = GebruikerFactory()
    assert not HANDELINGEN["discriminatiegronden"].is_zichtbaar(verzoek, melding)
