"""The permission matrix over every admin URL, for every role, assigned and not
(Art. 7.1; DESIGN.md §4): without an assignment a case object answers 404 on
every URL that names it, and no list shows it."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding
from meldingen.services.register import toewijzing_verlenen
from meldingen.tests.factories import MeldingFactory
from meldingen.tests.test_toegang import _geverifieerd
from tests.admin_urls import object_urls

pytestmark = pytest.mark.django_db

GEHEIM = "Geheime omschrijving die niemand zonder toewijzing mag zien"


def _is_gevalmodel(model) -> bool:
    """Melding itself, and every model that hangs from one (melding FK)."""
    if model is Melding:
        return True
    return any(
        isinstance(veld, models.ForeignKey) and veld.related_model is Melding for veld in model._meta.concrete_fields
    )


def _gevalobject(model, melding):
    if model is Melding:
        return melding
    return model.objects.filter(melding=melding).first()


@pytest.fixture
def melding():
    """A case with content in every app that hangs from it (decision, investigation)."""
    from onderzoek.constants import BesluitSoort, OnderzoekSoort
    from onderzoek.services import besluit_nemen, onderzoek_instellen
    from onderzoek.tests.factories import Ondertekenaar

    melding = MeldingFactory(omschrijving=GEHEIM, in_behandeling=True)
    hl = Ondertekenaar(melding)
    besluit_nemen(
        melding=melding, soort=BesluitSoort.ONDERZOEK, motivering=GEHEIM, door=hl.gebruiker, totp_code=hl.code()
    )
    onderzoek_instellen(
        melding=melding, soort=OnderzoekSoort.FEITENONDERZOEK, opdracht=GEHEIM, door=hl.gebruiker, totp_code=hl.code()
    )
    return melding


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.value)
def test_niet_toegewezen_elke_rol_krijgt_404_op_elk_geval_adres(client, melding, rol):
    _geverifieerd(client, GebruikerFactory(rol=rol))
    gecontroleerd = 0
    for model, model_admin in admin.site._registry.items():
        if not _is_gevalmodel(model):
            continue
        obj = _gevalobject(model, melding)
        if obj is None:
            continue
        for url in object_urls(model_admin, obj.pk):
            for methode in (client.get, client.post):
                response = methode(url)
                assert response.status_code == 404, f"{rol.value} {methode.__name__} {url}: {response.status_code}"
                gecontroleerd += 1
        lijst = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        assert lijst.status_code in (200, 403)
        assert melding.registernummer not in lijst.content.decode()
        assert GEHEIM not in lijst.content.decode()
    assert gecontroleerd > 0


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.value)
def test_geen_enkele_adminpagina_toont_geval_inhoud_zonder_toewijzing(client, melding, rol):
    _geverifieerd(client, GebruikerFactory(rol=rol))
    for model in admin.site._registry:
        opts = model._meta
        for naam in ("changelist", "add"):
            response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_{naam}"))
            assert response.status_code in (200, 302, 403)
            assert GEHEIM not in response.content.decode()
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert GEHEIM not in index.content.decode()


def test_toegewezen_ontvanger_bereikt_elk_geval_adres(client, melding):
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    _geverifieerd(client, vp)
    model_admin = admin.site._registry[Melding]
    for url in object_urls(model_admin, melding.pk):
        if "/brief/" in url:
            # A random letter id: the case is reachable, the letter is not there.
            assert client.get(url).status_code == 404
            continue
        if url.endswith("/identiteit/"):
            # Anonymous web report: the page says there is no identity.
            assert client.get(url).status_code == 200
            continue
        if url.endswith("/delete/"):
            # Cases are destroyed only by the retention job.
            assert client.get(url).status_code == 403
            continue
        assert client.get(url).status_code == 200, url


def test_superuser_zonder_toewijzing_ziet_niets(client, melding):
    _geverifieerd(client, GebruikerFactory(is_superuser=True))
    assert client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).status_code == 404
    assert melding.registernummer not in client.get(reverse("admin:meldingen_melding_changelist")).content.decode()
