"""The triage screen in the admin: timeline, actions through services, 404s."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kern.models import AuditActie, AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ARTIKEL_INTREKKEN, ARTIKEL_WEERGAVE, Kanaal, Relatie, Status, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Gebeurtenis
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import meldingsbox_aanmaken
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from meldingen.tests.test_toegang import _geverifieerd
from meldingen.workflow import TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def geval():
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    FunctionarisFactory(
        organisatie=melding.organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    return melding, vp, hl


def test_art_8_3_doorsturen_vanuit_het_triagescherm(client, geval):
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert "Tijdlijn" in scherm
    assert reverse("admin:meldingen_melding_doorsturen", args=[melding.pk]) in scherm
    response = client.post(reverse("admin:meldingen_melding_doorsturen", args=[melding.pk]))
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert "In behandeling" in scherm


def test_fout_van_de_service_verschijnt_in_het_formulier(client, geval):
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    response = client.post(reverse("admin:meldingen_melding_omleiden", args=[melding.pk]), {"reden": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("actie", ["doorsturen", "omleiden", "contactpersoon", "koppelen", "inzage"])
def test_acties_zonder_toewijzing_geven_404(client, geval, actie):
    melding, _vp, _hl = geval
    _geverifieerd(client, GebruikerFactory(rol=Rol.VERTROUWENSPERSOON))
    assert client.get(reverse(f"admin:meldingen_melding_{actie}", args=[melding.pk])).status_code == 404
    assert client.post(reverse(f"admin:meldingen_melding_{actie}", args=[melding.pk])).status_code == 404


def test_inzagelog_toont_wie_keek_aan_ontvanger(client, geval):
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    client.get(reverse("admin:meldingen_melding_change", args=[melding.pk]))
    response = client.get(reverse("admin:meldingen_melding_inzage", args=[melding.pk]))
    assert response.status_code == 200
    # Escaped as the page shows it: a generated name may hold an apostrophe ("Arthur d' Heripon").
    assert escape(str(vp)) in response.content.decode()
    assert AuditRegel.objects.filter(object_uuid=str(melding.uuid), actie=AuditActie.BEKEKEN, actor=vp).count() == 2


def test_koppelen_met_onbekend_nummer_verraadt_niets(client, geval):
    melding, vp, _hl = geval
    andere = MeldingFactory(organisatie=melding.organisatie)
    _geverifieerd(client, vp)
    for nummer in (andere.registernummer, "2020-9999"):
        response = client.post(
            reverse("admin:meldingen_melding_koppelen", args=[melding.pk]),
            {"registernummer": nummer, "reden": "Zelfde zaak."},
        )
        assert "Geen melding met dit nummer gevonden onder uw meldingen." in response.content.decode()


def test_art_8_4_hl_betrokken_niet_via_formulier_te_wijzigen_alleen_via_omleiden(client, geval):
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    url = reverse("admin:meldingen_melding_change", args=[melding.pk])
    assert 'name="hl_betrokken"' not in client.get(url).content.decode()
    assert client.post(url, {"hl_betrokken": "on", "categorie": "milieu"}).status_code == 403
    melding.refresh_from_db()
    assert not melding.hl_betrokken


def test_aard_wijzigen_via_actie_wordt_geaudit(client, geval):
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    client.post(reverse("admin:meldingen_melding_categorie", args=[melding.pk]), {"categorie": "milieu"})
    melding.refresh_from_db()
    assert melding.categorie == "milieu"
    assert AuditRegel.objects.filter(object_uuid=str(melding.uuid), toelichting__contains="-> milieu").exists()


def test_triagescherm_toont_alles_wat_de_melder_schreef(client):
    """docs/melderzijde.md: when, where, who is involved, earlier reports, relation and a
    meeting wanted (Art. 3.4) are on the case screen, not only the description."""

    organisatie = OrganisatieFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    FunctionarisFactory(organisatie=organisatie, gebruiker=vp, functie=Kanaal.VERTROUWENSPERSOON)
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="Steigers zonder keuring.",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.WEBFORMULIER,
        wanneer="Sinds maart, elke week",
        waar="Bouwplaats Noordkade",
        betrokkenen_omschrijving="De uitvoerder van ploeg B",
        eerdere_meldingen="Eerder gemeld bij de leidinggevende",
        relatie=Relatie.choices[0][0],
        relatie_toelichting="Via het uitzendbureau",
        gesprek_gewenst=True,
    )
    _geverifieerd(client, vp)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    for tekst in (
        "Sinds maart, elke week",
        "Bouwplaats Noordkade",
        "De uitvoerder van ploeg B",
        "Eerder gemeld bij de leidinggevende",
        str(Relatie.choices[0][1]),
        "Via het uitzendbureau",
    ):
        assert tekst in scherm, tekst
    assert "gesprek" in scherm.lower()


@pytest.mark.parametrize("namens_hl", [False, True])
def test_art_8_5_8_6_knoppen_van_de_hl_alleen_voor_wie_ze_mag_zetten(client, geval, namens_hl):
    """The acknowledgement and the contactpersoon are the HL's steps: the receiving
    officer is offered them only when the organisation allows acting in the HL's
    name, and the HL always (a button the service always refuses is a dead end)."""
    melding, vp, hl = geval
    melding.organisatie.ontvanger_handelt_namens_hl = namens_hl
    melding.organisatie.save()
    bevestiging = reverse("admin:meldingen_melding_ontvangstbevestiging", args=[melding.pk])
    contactpersoon = reverse("admin:meldingen_melding_contactpersoon", args=[melding.pk])
    _geverifieerd(client, vp)
    assert (
        bevestiging in client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    ) is (namens_hl)
    client.post(reverse("admin:meldingen_melding_doorsturen", args=[melding.pk]))
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert (bevestiging in scherm) is namens_hl
    assert (contactpersoon in scherm) is namens_hl
    client.logout()
    _geverifieerd(client, hl)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert bevestiging in scherm
    assert contactpersoon in scherm


def test_triagescherm_engels_zonder_dode_link_naar_de_organisatie(client, geval):
    """Register number and organisation are labelled in the user's language, and
    the organisation is text: its configuration page is the functioneel
    beheerder's, a link there answered 403 to the officer."""
    melding, vp, _hl = geval
    _geverifieerd(client, vp)
    organisatie_url = reverse("admin:meldingen_organisatie_change", args=[melding.organisatie.pk])
    assert client.get(organisatie_url).status_code == 403
    for url in (
        reverse("admin:meldingen_melding_change", args=[melding.pk]),
        reverse("admin:meldingen_melding_changelist"),
    ):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Register number" in html
        assert "Organisation" in html
        assert "Registernummer" not in html
        assert ">Organisatie<" not in html
        assert "Organisatie:" not in html
        assert organisatie_url not in html
        assert melding.organisatie.naam in html


def test_art_2_intrekking_in_de_tijdlijn_in_de_taal_van_de_lezer(client, geval):
    """The withdrawal's article is stored as written ("Art. 2 (melder trekt in)", old
    rows included) and shown in the reader's language: no Dutch in English page text."""
    melding, vp, _hl = geval
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    melding_intrekken(meldingsbox=box, reden="Ik trek mijn melding in.")
    assert melding.gebeurtenissen.filter(artikel=ARTIKEL_INTREKKEN).exists()
    _geverifieerd(client, vp)
    url = reverse("admin:meldingen_melding_change", args=[melding.pk])

    engels = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Withdrawn (Art. 2 (the reporter withdraws))" in engels
    assert "melder trekt in" not in engels
    nederlands = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Ingetrokken (Art. 2 (melder trekt in))" in nederlands


def test_artikelteksten_met_woorden_hebben_een_vertaalde_weergave():
    """A step's article with words in it (not only a citation) is shown through
    ARTIKEL_WEERGAVE, and a citation without words is shown as stored."""
    citatie = {"Art", "art", "AVG", "EU", "Wbk"}
    for overgang in TOEGESTANE_OVERGANGEN.values():
        woorden = set(re.findall(r"[A-Za-zÀ-ÿ]+", overgang.artikel)) - citatie
        assert not woorden or overgang.artikel in ARTIKEL_WEERGAVE, overgang.artikel
    with translation.override("en"):
        assert Gebeurtenis(artikel="AVG art. 15").artikel_weergave == "GDPR art. 15"
        assert Gebeurtenis(artikel="Art. 9.2").artikel_weergave == "Art. 9.2"
