"""meldingen's extension points for higher apps (meldingen.uitbreidingen): a section on the
mailbox page and a display of a request's subject, without meldingen importing them."""

import pytest
from django.urls import reverse

from meldingen import uitbreidingen
from meldingen.constants import Kanaal, VerzoekSoort
from meldingen.services.meldingsbox import meldingsbox_aanmaken, verzoek_openen
from meldingen.tests.factories import MeldingFactory
from meldingen.views import SESSIE_BOX

pytestmark = pytest.mark.django_db


@pytest.fixture
def box(client):
    # Not reported via the vertrouwenspersoon: requests reach the mailbox at once (Art. 7.3).
    box = meldingsbox_aanmaken(melding=MeldingFactory(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)).meldingsbox
    sessie = client.session
    sessie[SESSIE_BOX] = str(box.uuid)
    sessie.save()
    return box


def test_geregistreerde_sectie_verschijnt_in_de_meldingsbox(client, box):
    def aanbieder(*, meldingsbox):
        assert meldingsbox == box
        return uitbreidingen.Sectie(template="benadeling/huis_route.html", context={"huis": {"naam": "Proef"}})

    uitbreidingen.sectie_registreren("proef", aanbieder)
    try:
        html = client.get(reverse("meldingen:box")).content.decode()
    finally:
        uitbreidingen.sectie_verwijderen("proef")
    assert "Proef" in html


def test_art_8_1_melder_leest_het_onderwerp_van_een_verzoek_van_een_andere_app(client, box):
    def weergave(*, verzoek):
        return uitbreidingen.Onderwerpweergave(titel="Verslag van elders", tekst="Tekst om goed te keuren.")

    uitbreidingen.weergave_registreren("kern.gebruiker", weergave)
    try:
        from kern.tests.factories import GebruikerFactory

        verzoek_openen(
            melding=box.melding,
            soort=VerzoekSoort.VASTLEGGING_GOEDKEUREN,
            vraag="Klopt dit?",
            onderwerp=GebruikerFactory(),
            door=None,
        )
        html = client.get(reverse("meldingen:box")).content.decode()
    finally:
        uitbreidingen.weergave_verwijderen("kern.gebruiker")
    assert "Verslag van elders" in html
    assert "Tekst om goed te keuren." in html
