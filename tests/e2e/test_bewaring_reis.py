"""Retention in a real browser (issue 15; docs/retention.md): the
vertrouwenspersoon sees next week's destruction list, places a legal hold on one
case, and after the nightly run only the others are gone.

The cases are set up and closed with the services the screens call; the list,
the hold and the result are seen and done in the browser."""

import pytest

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, Status
from meldingen.models import Bewaarblokkade, Functionaris, MelderIdentiteit, Melding
from meldingen.services.bewaring import bewaarbeleid_instellen
from meldingen.tasks import bewaartermijn_toepassen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from onderzoek.tests.factories import Ondertekenaar
from tests.bewaring.zaken import GEHEIM, ZaakIn, afsluiten, in_onderzoek
from tests.e2e.conftest import medewerker_venster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vernietigingslijst_bewaarblokkade_en_nachtelijke_vernietiging(
    browser, live_server, settings, toegankelijkheid
):
    # Closed today, due today: the installation minimum (a setting) is 0 here.
    settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = 0
    organisatie = OrganisatieFactory(slug="woonstichting-bewaren", naam="Woonstichting Bewaren")
    vp = GebruikerFactory(username="vincent", rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=vp, confirmed=True, name="telefoon")
    FunctionarisFactory(organisatie=organisatie, gebruiker=vp, functie=Kanaal.VERTROUWENSPERSOON)
    hl = Ondertekenaar(None, toewijzen=False)
    FunctionarisFactory(
        organisatie=organisatie, gebruiker=hl.gebruiker, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    bewaarbeleid_instellen(organisatie=organisatie, maanden_met_onderzoek=0, door=None)
    zaken = [afsluiten(in_onderzoek(ZaakIn(organisatie=organisatie, ontvanger=vp, hl=hl))) for _ in range(3)]
    eerste, tweede, derde = (z.melding for z in zaken)

    # 1. The list of next week's destruction: register numbers and dates only.
    pagina = medewerker_venster(browser, live_server.url, vp, apparaat)
    pagina.goto(f"{live_server.url}/admin/meldingen/tevernietigenmelding/")
    lijst = pagina.locator("#vernietigingslijst")
    for melding in (eerste, tweede, derde):
        assert lijst.get_by_role("link", name=melding.registernummer, exact=True).is_visible()
    assert GEHEIM not in pagina.content()
    toegankelijkheid(pagina, "vernietigingslijst")

    # 2. A legal hold on the second: a court case.
    lijst.get_by_role("link", name=f"Bewaarblokkade plaatsen op {tweede.registernummer}").click()
    pagina.get_by_label("Rechtszaak").check()
    pagina.get_by_label("Toelichting (zaaknummer, instantie)").fill("Kantonrechter, zaak 1234")
    pagina.get_by_role("button", name="Uitvoeren").click()
    pagina.wait_for_url(f"{live_server.url}/admin/meldingen/melding/{tweede.pk}/change/")
    assert pagina.get_by_text("Gedaan:").first.is_visible()
    assert Bewaarblokkade.objects.filter(melding=tweede, opgeheven_op__isnull=True).exists()
    pagina.goto(f"{live_server.url}/admin/meldingen/tevernietigenmelding/")
    rij = pagina.locator("#vernietigingslijst tr", has=pagina.get_by_role("link", name=tweede.registernummer))
    assert "wordt niet vernietigd" in rij.inner_text()

    # 3. The nightly run (the beat task), switched on for this installation.
    settings.MELDPUNT_VERNIETIGING_AAN = True
    # apply(), not delay().get(): eager Celery keeps a process-wide "inside a task"
    # flag, and the live server's thread may be running the outbox task right now.
    uitslag = bewaartermijn_toepassen.apply(throw=True).result
    assert (uitslag["vernietigd"], uitslag["mislukt"]) == (2, 0)

    # 4. Only the others are gone: the list keeps the held case alone.
    pagina.reload()
    lijst = pagina.locator("#vernietigingslijst")
    assert lijst.get_by_role("link", name=tweede.registernummer, exact=True).is_visible()
    assert lijst.get_by_role("link", name=eerste.registernummer, exact=True).count() == 0
    assert lijst.get_by_role("link", name=derde.registernummer, exact=True).count() == 0
    statussen = dict(Melding.objects.filter(organisatie=organisatie).values_list("pk", "status"))
    assert statussen == {eerste.pk: Status.VERNIETIGD, tweede.pk: Status.AFGESLOTEN, derde.pk: Status.VERNIETIGD}
    assert tweede.omschrijving == Melding.objects.get(pk=tweede.pk).omschrijving == GEHEIM
    pagina.goto(f"{live_server.url}/admin/meldingen/melding/{eerste.pk}/change/")
    assert "Vernietigd" in pagina.content()
    assert GEHEIM not in pagina.content()
    assert not MelderIdentiteit.objects.filter(melding__in=[eerste, derde]).exists()
