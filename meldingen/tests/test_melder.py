"""The melder's report: registration, identity, receipt code, notifications (issue 3)."""

import logging
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.http import Http404
from django.utils import timezone

from kern.crypto import blinde_index
from kern.models import AuditRegel
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Categorie, Discriminatiegrond, Identiteitskeuze, Kanaal, Soort, ToewijzingRol, Wijze
from meldingen.models import Functionaris, MelderIdentiteit, Melding, Toewijzing
from meldingen.services.melder import (
    IdentiteitGegevens,
    Meldinginhoud,
    melder_identiteit_inzien,
    melding_indienen,
    melding_registreren_door_functionaris,
)
from meldingen.services.register import registernummer_toekennen, toewijzing_verlenen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

GEHEIM = "De penningmeester boekt facturen van Bouwbedrijf Jansen dubbel."
NAAM = "Fatima el Amrani"
EMAIL = "f.elamrani@example.org"


def _zorg_voor_ontvanger(organisatie, kanaal=Kanaal.VERTROUWENSPERSOON):
    if not organisatie.functionarissen.filter(functie=kanaal).exists():
        FunctionarisFactory(organisatie=organisatie, functie=kanaal)


def _indienen(organisatie, **kwargs):
    inhoud = kwargs.pop("inhoud", Meldinginhoud(omschrijving=GEHEIM, wanneer="maart", waar="kantoor Zuid"))
    kwargs.setdefault("kanaal", Kanaal.VERTROUWENSPERSOON)
    if kwargs.get("door") is None:
        _zorg_voor_ontvanger(organisatie, kwargs["kanaal"])
    kwargs.setdefault("formeel", True)
    return melding_indienen(organisatie=organisatie, inhoud=inhoud, **kwargs)


def test_art_3_5_melding_krijgt_registernummer_bij_ontvangst():
    organisatie = OrganisatieFactory()
    eerste = _indienen(organisatie).melding
    tweede = _indienen(organisatie).melding
    assert eerste.registernummer.endswith("-0001")
    assert tweede.registernummer.endswith("-0002")
    assert eerste.wanneer == "maart"
    assert eerste.waar == "kantoor Zuid"


def test_inhoud_versleuteld_opgeslagen():
    melding = _indienen(OrganisatieFactory()).melding
    with connection.cursor() as cursor:
        cursor.execute("SELECT omschrijving, wanneer, waar FROM meldingen_melding WHERE id = %s", [melding.pk])
        rij = cursor.fetchone()
    assert "Jansen" not in "".join(rij)
    assert "Zuid" not in rij[2]


def test_zonder_toestemming_geregistreerd_als_adviesvraag():
    # docs/toestanden.md; kamervragen 2021 answer 6: no formal treatment without explicit consent.
    melding = _indienen(OrganisatieFactory(), formeel=False).melding
    assert melding.soort == Soort.ADVIESVRAAG


def test_art_7_2_identiteit_apart_versleuteld():
    bewijs = _indienen(
        OrganisatieFactory(),
        identiteitskeuze=Identiteitskeuze.VERTROUWELIJK,
        identiteit=IdentiteitGegevens(naam=NAAM, email=EMAIL, personeelsnummer=" 12345 "),
    )
    identiteit = MelderIdentiteit.objects.get(melding=bewijs.melding)
    assert identiteit.naam == NAAM
    assert identiteit.personeelsnummer_index == blinde_index("12345", doel="personeelsnummer")
    assert identiteit.email_index == blinde_index(EMAIL.upper(), doel="email")
    with connection.cursor() as cursor:
        cursor.execute("SELECT naam, email FROM meldingen_melderidentiteit WHERE id = %s", [identiteit.pk])
        naam, email = cursor.fetchone()
    assert "Amrani" not in naam
    assert "example" not in email
    # Nothing of the identity on the case row itself.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM meldingen_melding WHERE id = %s", [bewijs.melding.pk])
        assert "Amrani" not in str(cursor.fetchone())


def test_art_7_2_anoniem_slaat_geen_identiteit_op():
    bewijs = _indienen(OrganisatieFactory(), identiteitskeuze=Identiteitskeuze.ANONIEM)
    assert not MelderIdentiteit.objects.filter(melding=bewijs.melding).exists()


def test_art_7_2_anoniem_met_ingevulde_naam_geeft_fout_en_slaat_niets_op():
    with pytest.raises(ValidationError) as fout:
        _indienen(
            OrganisatieFactory(), identiteitskeuze=Identiteitskeuze.ANONIEM, identiteit=IdentiteitGegevens(naam=NAAM)
        )
    assert "identiteitskeuze" in fout.value.message_dict
    assert not Melding.objects.exists()


def test_discriminatiegronden_bij_elke_categorie_bewaard():
    organisatie = OrganisatieFactory()
    oo = _indienen(
        organisatie,
        inhoud=Meldinginhoud(
            omschrijving=GEHEIM,
            categorie=Categorie.ONGEWENSTE_OMGANGSVORMEN,
            discriminatiegronden=(Discriminatiegrond.LEEFTIJD, Discriminatiegrond.GESLACHT),
        ),
    ).melding
    anders = _indienen(
        organisatie,
        inhoud=Meldinginhoud(
            omschrijving=GEHEIM, categorie=Categorie.MILIEU, discriminatiegronden=(Discriminatiegrond.LEEFTIJD,)
        ),
    ).melding
    assert sorted(oo.discriminatiegronden) == ["geslacht", "leeftijd"]
    assert anders.discriminatiegronden == ["leeftijd"]


def test_art_8_4_hl_betrokken_gaat_naar_hoogste_verantwoordelijke():
    organisatie = OrganisatieFactory()
    hl = GebruikerFactory()
    # The HL is also registered as a leidinggevende who receives reports.
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE)
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Functionaris.Functie.LEIDINGGEVENDE)
    andere = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.LEIDINGGEVENDE).gebruiker
    melding = _indienen(
        organisatie,
        kanaal=Kanaal.LEIDINGGEVENDE,
        inhoud=Meldinginhoud(omschrijving=GEHEIM, hl_betrokken=True),
    ).melding
    assert melding.hl_betrokken
    ontvangers = set(Toewijzing.objects.filter(melding=melding).values_list("gebruiker_id", flat=True))
    assert ontvangers == {andere.pk}
    with pytest.raises(ValidationError):
        toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=andere)


def test_ontvangende_functionaris_krijgt_email_zonder_inhoud_of_namen(caplog, django_capture_on_commit_callbacks):
    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        bewijs = _indienen(
            organisatie,
            identiteitskeuze=Identiteitskeuze.OPEN,
            identiteit=IdentiteitGegevens(naam=NAAM, email=EMAIL),
            notificatie_email=EMAIL,
        )
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [vp.email]
    tekst = bericht.subject + bericht.body
    for verboden in (GEHEIM, "Jansen", NAAM, EMAIL, bewijs.melding.registernummer, organisatie.naam, bewijs.code):
        assert verboden not in tekst
    logs = caplog.text
    for verboden in ("Jansen", NAAM, EMAIL, bewijs.code):
        assert verboden not in logs


def test_auditregel_melder_zonder_actor():
    bewijs = _indienen(OrganisatieFactory())
    regel = AuditRegel.objects.filter(object_uuid=str(bewijs.melding.uuid), actie="aangemaakt").get()
    assert regel.actor is None
    assert regel.actor_soort == "melder"


def test_art_3_4_functionaris_registreert_mondelinge_melding():
    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    bewijs = melding_registreren_door_functionaris(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving=GEHEIM),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
        formeel=True,
        ontvangen_op=timezone.localdate(),
        door=vp,
    )
    assert bewijs.melding.wijze == Wijze.TELEFONISCH
    assert bewijs.code
    assert Toewijzing.objects.filter(melding=bewijs.melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER).exists()


def test_art_3_4_alleen_ontvangende_functionaris_registreert():
    organisatie = OrganisatieFactory()
    buitenstaander = GebruikerFactory()
    with pytest.raises(ValidationError):
        melding_registreren_door_functionaris(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving=GEHEIM),
            kanaal=Kanaal.VERTROUWENSPERSOON,
            wijze=Wijze.GESPREK,
            formeel=True,
            ontvangen_op=timezone.localdate(),
            door=buitenstaander,
        )


@pytest.mark.django_db(transaction=True)
def test_art_3_5_registernummer_uniek_bij_gelijktijdige_meldingen():
    """Threads, each on its own PostgreSQL connection, submit at the same moment."""
    organisatie = OrganisatieFactory()
    _zorg_voor_ontvanger(organisatie)
    aantal = 8
    start = threading.Barrier(aantal)
    fouten: list[BaseException] = []

    def indienen():
        try:
            start.wait(timeout=10)
            _indienen(organisatie)
        except BaseException as exc:  # collected and asserted below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=indienen) for _ in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not fouten
    nummers = list(Melding.objects.filter(organisatie=organisatie).values_list("volgnummer", flat=True))
    assert sorted(nummers) == list(range(1, aantal + 1))


@pytest.mark.django_db(transaction=True)
def test_art_3_5_registernummer_toekennen_gelijktijdig_zonder_gaten_of_dubbelen():

    organisatie = OrganisatieFactory()
    aantal = 10
    start = threading.Barrier(aantal)
    nummers: list[int] = []
    lock = threading.Lock()

    def toekennen():
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                nummer = registernummer_toekennen(organisatie=organisatie, jaar=2026)
            with lock:
                nummers.append(nummer)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=toekennen) for _ in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(nummers) == list(range(1, aantal + 1))


def test_art_7_2_identiteit_alleen_voor_ontvangende_functionaris():

    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    melding = _indienen(
        organisatie, identiteitskeuze=Identiteitskeuze.VERTROUWELIJK, identiteit=IdentiteitGegevens(naam=NAAM)
    ).melding
    assert melder_identiteit_inzien(melding=melding, door=vp).naam == NAAM
    assert AuditRegel.objects.filter(actie="identiteit_bekeken", actor=vp).count() == 1
    for rol in (ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.ONDERZOEKER, ToewijzingRol.CONTACTPERSOON):
        ander = GebruikerFactory()
        toewijzing_verlenen(melding=melding, gebruiker=ander, rol=rol, door=vp)
        with pytest.raises(Http404):
            melder_identiteit_inzien(melding=melding, door=ander)


def test_webmelding_alleen_bij_kanaal_met_ontvanger():
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    with pytest.raises(ValidationError) as fout:
        melding_indienen(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving=GEHEIM),
            kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
            formeel=True,
        )
    assert "kanaal" in fout.value.message_dict
    assert not Melding.objects.exists()
