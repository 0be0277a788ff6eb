"""The permission matrix over every admin URL, for every role, assigned and not
(Art. 7.1; docs/vertrouwelijkheid.md): without an assignment a case object answers 404 on
every URL that names it, and no list shows it."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ToewijzingRol
from meldingen.handelingen import HANDELINGEN
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
    """A case with content in every app that hangs from it (decision, investigation,
    retaliation)."""
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
    _benadeling(melding, hl)
    return melding


def _benadeling(melding, hl):
    """One row of every retaliation model that hangs from the case."""
    from django.utils import timezone

    from benadeling.constants import BeschermdeRol, MaatregelSoort, VerwijzingSoort
    from benadeling.services import beschermd, dossier, maatregelen, motivering, vastleggingen, verwijzingen, verzoeken

    contactpersoon = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    vandaag = timezone.localdate()
    persoon = beschermd.beschermd_persoon_toevoegen(
        melding=melding, rol=BeschermdeRol.BETROKKEN_DERDE, naam=GEHEIM, beschermd_vanaf=vandaag, door=None
    )
    vastleggingen.risicoanalyse_vastleggen(
        melding=melding,
        gesprek_op=vandaag,
        risicos=GEHEIM,
        beperking=GEHEIM,
        wat_melder_kan_doen=GEHEIM,
        door=contactpersoon,
    )
    claim = vastleggingen.benadeling_melden_door_melder(melding=melding, omschrijving=GEHEIM, types=["5_5_a"])
    maatregelen.maatregel_vastleggen(
        melding=melding,
        soort=MaatregelSoort.TEGENGAAN,
        omschrijving=GEHEIM,
        mededeling_aan_melder=GEHEIM,
        benadelingsmelding=claim,
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    motivering.maatregel_voornemen(
        melding=melding,
        beschermd_persoon=persoon,
        soort="5_2_c",
        beoogd_op=vandaag,
        omschrijving=GEHEIM,
        door=hl.gebruiker,
    )
    verzoeken.onderzoeksverzoek_indienen(melding=melding, verzoek=GEHEIM)
    verwijzingen.verwijzing_aanbieden(
        melding=melding,
        soort=VerwijzingSoort.MEDIATION,
        aangeboden_op=vandaag,
        toelichting=GEHEIM,
        door=contactpersoon,
    )
    dossier.dossier_exporteren(melding=melding, ontvangers=GEHEIM, door=hl.gebruiker)


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
    from django.test import RequestFactory

    verzoek = RequestFactory().get("/")
    verzoek.user = vp
    aangeboden = {naam for naam, _titel in model_admin.zichtbare_acties(verzoek, melding)}
    for url in object_urls(model_admin, melding.pk):
        actie = url.rstrip("/").rsplit("/", 1)[-1]
        if actie in HANDELINGEN and actie not in aangeboden:
            # An action not offered to this user (state or role) does not exist for them.
            assert client.get(url).status_code == 404, url
            continue
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


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.value)
def test_benadeling_toetsformulier_alleen_voor_personeelszaken_en_zonder_gevalinhoud(client, melding, rol):
    from benadeling.models import BenadelingInstelling

    gebruiker = GebruikerFactory(rol=rol)
    BenadelingInstelling.objects.get_or_create(organisatie=melding.organisatie)[0].personeelszaken.add(gebruiker)
    _geverifieerd(client, gebruiker)
    url = reverse("benadeling:toets")
    for methode in (client.get, client.post):
        response = methode(url)
        if rol == Rol.PERSONEELSZAKEN:
            assert response.status_code == 200
            assert GEHEIM not in response.content.decode()
            assert melding.registernummer not in response.content.decode()
        else:
            assert response.status_code == 404, f"{rol.value} {methode.__name__}"


def test_benadeling_toegewezen_contactpersoon_ziet_de_benadeling_van_zijn_melding_niet_het_dossier(client, melding):
    from benadeling.models import Benadelingsmelding, DossierExport

    contactpersoon = melding.toewijzingen.get(rol=ToewijzingRol.CONTACTPERSOON).gebruiker
    _geverifieerd(client, contactpersoon)
    claim = Benadelingsmelding.objects.get(melding=melding)
    assert client.get(reverse("admin:benadeling_benadelingsmelding_change", args=[claim.pk])).status_code == 200
    export = DossierExport.objects.get(melding=melding)
    assert client.get(reverse("admin:benadeling_dossierexport_change", args=[export.pk])).status_code in (403, 404)
    assert client.get(reverse("admin:benadeling_dossierexport_download", args=[export.pk])).status_code in (403, 404)


def test_benadeling_onderzoeker_op_de_melding_ziet_geen_benadeling(client, melding):
    from benadeling.models import Benadelingsmelding

    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    toewijzing_verlenen(melding=melding, gebruiker=onderzoeker, rol=ToewijzingRol.ONDERZOEKER, door=None)
    _geverifieerd(client, onderzoeker)
    claim = Benadelingsmelding.objects.get(melding=melding)
    assert client.get(reverse("admin:benadeling_benadelingsmelding_change", args=[claim.pk])).status_code in (403, 404)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert "/benadeling_" not in scherm
    # Posting to an action not offered: 404, and nothing is recorded.
    response = client.post(
        reverse("admin:meldingen_melding_benadeling_vastleggen", args=[melding.pk]),
        {"types": ["5_5_a"], "omschrijving": "Poging"},
    )
    assert response.status_code == 404
    assert Benadelingsmelding.objects.filter(melding=melding).count() == 1


@pytest.mark.parametrize("rol", [*Rol, "superuser"], ids=lambda r: getattr(r, "value", r))
def test_art_7_1_vernietigingslijst_verraadt_niet_welke_meldingen_bestaan(client, melding, rol):
    """The destruction list's anchor model is a proxy of every case: its object pages
    (change, delete, history) answered 403 for an existing case number and redirected
    for a missing one, so any staff member could count cases and see a new one arrive."""
    from meldingen.models import TeVernietigenMelding

    gebruiker = GebruikerFactory(is_superuser=True) if rol == "superuser" else GebruikerFactory(rol=rol)
    _geverifieerd(client, gebruiker)
    model_admin = admin.site._registry[TeVernietigenMelding]
    bestaat = object_urls(model_admin, melding.pk)
    bestaat_niet = object_urls(model_admin, Melding.objects.order_by("-pk").first().pk + 1000)
    assert bestaat
    for echt, nep in zip(bestaat, bestaat_niet, strict=True):
        for methode in (client.get, client.post):
            a, b = methode(echt), methode(nep)
            assert (a.status_code, b.status_code) == (404, 404), f"{methode.__name__} {echt}"
            assert len(a.content) - len(echt) == len(b.content) - len(nep), echt


def test_actieformulier_met_inhoud_van_de_melding_wordt_gelogd(client, melding):
    """An action's form can show the case's content (attachment names, messages, the
    persons concerned); opening it is a view of content and is audited like the case
    screen (docs/vertrouwelijkheid.md). It was not."""
    from kern.models import AuditActie, AuditRegel
    from meldingen.services.bijlagen import bestand_voorbereiden, bijlage_opslaan

    bijlage_opslaan(melding=melding, bestand=bestand_voorbereiden(naam="jansen-bewijs.txt", inhoud=b"bewijs"))
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    _geverifieerd(client, vp)
    voor = AuditRegel.objects.filter(actor=vp, actie=AuditActie.BEKEKEN, object_uuid=str(melding.uuid)).count()
    pagina = client.get(reverse("admin:meldingen_melding_irrelevant_verwijderen", args=[melding.pk]))
    assert pagina.status_code == 200
    assert "jansen-bewijs" in pagina.content.decode()
    na = AuditRegel.objects.filter(actor=vp, actie=AuditActie.BEKEKEN, object_uuid=str(melding.uuid))
    assert na.count() == voor + 1
    assert "irrelevant_verwijderen" in na.latest("pk").toelichting
