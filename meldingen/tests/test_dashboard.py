from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, ToewijzingRol, VerzoekSoort, Wijze
from meldingen.services.meldingsbox import verzoek_openen
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory, OrganisatieFactory
from meldingen.tests.test_toegang import _geverifieerd

pytestmark = pytest.mark.django_db


def test_dashboard_toont_mijn_open_meldingen_en_niets_anders(client):
    mijn, andermans, gesloten = MeldingFactory(), MeldingFactory(), MeldingFactory(afgesloten=True)
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    for m in (mijn, gesloten):
        toewijzing_verlenen(melding=m, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    _geverifieerd(client, vp)
    pagina = client.get(reverse("admin:index")).content.decode()
    assert "Mijn open meldingen" in pagina
    assert mijn.registernummer in pagina
    assert andermans.registernummer not in pagina
    assert gesloten.registernummer not in pagina


def test_dashboard_lege_staat_helpt(client):
    _geverifieerd(client, GebruikerFactory(rol=Rol.VERTROUWENSPERSOON))
    assert "U heeft geen open meldingen" in client.get(reverse("admin:index")).content.decode()


def test_ondernemingsraad_krijgt_geen_meldingenpaneel(client):
    _geverifieerd(client, GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD))
    assert "Mijn open meldingen" not in client.get(reverse("admin:index")).content.decode()


def test_dashboard_toont_verlopen_termijnen_en_wachten_op_melder(client):

    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    melding = melding_registreren(
        organisatie=OrganisatieFactory(),
        omschrijving="x",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.GESPREK,
        door=vp,
        ontvangen_op=timezone.now() - timedelta(days=10),
    )
    verzoek_openen(melding=melding, soort=VerzoekSoort.TOESTEMMING, vraag="Mag het?", door=vp)
    andermans = melding_registreren(
        organisatie=OrganisatieFactory(),
        omschrijving="y",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.GESPREK,
        ontvangen_op=timezone.now() - timedelta(days=10),
    )
    _geverifieerd(client, vp)
    pagina = client.get(reverse("admin:index")).content.decode()
    te_laat = pagina.split("Te laat")[1].split("</section>")[0]
    assert f"{melding.registernummer} · Ontvangstbevestiging" in te_laat
    assert f"/melding/{andermans.pk}/" not in pagina
    wacht = pagina.split("Wacht op de melder")[1].split("</section>")[0]
    assert melding.registernummer in wacht
