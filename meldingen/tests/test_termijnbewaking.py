"""The deadline engine against PostgreSQL: once, concurrent, after an outage,
constant query count, escalation target, heartbeat."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kern.models import TOTPApparaat, UitgaandBericht, UitgaandBerichtStatus
from kern.post import post_verzenden
from kern.rollen import Rol
from kern.selectors import hartslag_status
from kern.tasks import hartslag
from kern.tests.factories import GebruikerFactory
from meldingen import uitbreidingen
from meldingen.constants import HerinneringSoort, Kanaal, TermijnSoort, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Herinnering, TermijnInstelling
from meldingen.services import register, termijnen
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import meldingsbox_aanmaken
from meldingen.services.termijnen.bewaking import termijnen_bewaken
from meldingen.tasks import termijnen_bewaken as termijnen_bewaken_taak
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

ONTVANGEN = datetime(2026, 1, 10, 9, tzinfo=UTC)


def organisatie_met_leiding():
    organisatie = OrganisatieFactory()
    ontvanger = FunctionarisFactory(organisatie=organisatie).gebruiker
    hl = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    hv = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE).gebruiker
    return organisatie, ontvanger, hl, hv


def leiding_toewijzen(meldingen, gebruiker, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE):
    """The case reaches its leiding (an assignment): only then may they hear of it."""
    for melding in meldingen:
        register.toewijzing_verlenen(melding=melding, gebruiker=gebruiker, rol=rol, door=None)


def registreer(organisatie, aantal=1, **kwargs):
    with time_machine.travel(ONTVANGEN, tick=False):
        return [
            register.melding_registreren(
                organisatie=organisatie,
                omschrijving="geheim",
                kanaal=Kanaal.VERTROUWENSPERSOON,
                wijze=Wijze.GESPREK,
                **kwargs,
            )
            for _ in range(aantal)
        ]


@pytest.mark.django_db
def test_art_8_5_herinnering_voor_de_termijn_eenmaal_en_zonder_inhoud(django_capture_on_commit_callbacks):
    organisatie, ontvanger, _hl, _hv = organisatie_met_leiding()
    [melding] = registreer(organisatie)
    # Day 1: doorsturen (due day 2, reminder from day 1) is in its window. The
    # mail goes through the outbox, sent after the sweep's commit.
    with time_machine.travel(ONTVANGEN + timedelta(days=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            termijnen_bewaken_taak()
        with django_capture_on_commit_callbacks(execute=True):
            termijnen_bewaken_taak()
    assert Herinnering.objects.filter(soort=HerinneringSoort.HERINNERING, ontvanger=ontvanger).count() == 1
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [ontvanger.email]
    assert bericht.subject == "Er is een termijn in Meldpunt die uw aandacht vraagt"
    for verboden in ("geheim", melding.registernummer, ontvanger.last_name, organisatie.naam):
        assert verboden not in bericht.subject + bericht.body
    assert reverse("admin:meldingen_termijn_changelist") in bericht.body


@pytest.mark.django_db(transaction=True)
def test_herinneringen_eenmaal_bij_twee_gelijktijdige_runs():
    organisatie, ontvanger, hl, _hv = organisatie_met_leiding()
    leiding_toewijzen(registreer(organisatie, aantal=5), hl)
    start = threading.Barrier(2)
    fouten = []

    def run():
        try:
            start.wait()
            # The real beat task, each thread its own connection. throw=True, not
            # .get(): eager Celery's "join would block" flag is process-wide, so a
            # .get() in one thread trips over the other thread's running task.
            termijnen_bewaken_taak.apply(throw=True)
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    # Day 6: the acknowledgement (due day 7) is in its reminder window, the
    # forwarding (due day 2) is overdue.
    with time_machine.travel(ONTVANGEN + timedelta(days=6), tick=False):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not fouten
    assert Herinnering.objects.filter(soort=HerinneringSoort.HERINNERING, ontvanger=ontvanger).count() == 5
    assert Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE, ontvanger=hl).count() == 5
    # The HL, assigned, is reminded of the acknowledgement too (5 more rows).
    assert Herinnering.objects.filter(soort=HerinneringSoort.HERINNERING, ontvanger=hl).count() == 5
    assert Herinnering.objects.count() == 15
    # One content-free mail each to the receiving officer and the HL, not two.
    assert sorted(bericht.to[0] for bericht in mail.outbox) == sorted([ontvanger.email, hl.email])


@pytest.mark.django_db
def test_na_drie_dagen_storing_elke_verlopen_termijn_eenmaal_geescaleerd(django_capture_on_commit_callbacks):
    organisatie, _ontvanger, hl, _hv = organisatie_met_leiding()
    leiding_toewijzen(registreer(organisatie, aantal=3), hl)
    with time_machine.travel(ONTVANGEN + timedelta(hours=1), tick=False):
        termijnen_bewaken_taak()
    assert not Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE).exists()
    mail.outbox.clear()
    # Beat and workers down; the next run is three days later, after the
    # doorsturen term (day 2) passed unnoticed.
    with time_machine.travel(ONTVANGEN + timedelta(days=3, hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            termijnen_bewaken_taak()
        escalaties = Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE)
        assert escalaties.count() == 3
        assert set(escalaties.values_list("termijn__soort", flat=True)) == {TermijnSoort.DOORSTUREN}
        assert set(escalaties.values_list("ontvanger", flat=True)) == {hl.pk}
        # One mail to the HL; the missed reminder is moot now the term has passed.
        assert [bericht.to for bericht in mail.outbox] == [[hl.email]]
        with django_capture_on_commit_callbacks(execute=True):
            termijnen_bewaken_taak()
        assert escalaties.count() == 3
        assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_art_8_4_rvc_melding_escaleert_nooit_naar_hoogste_leidinggevende(django_capture_on_commit_callbacks):
    organisatie, _ontvanger, hl, hv = organisatie_met_leiding()
    leiding_toewijzen(registreer(organisatie, hl_betrokken=True), hv, rol=ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE)
    with django_capture_on_commit_callbacks(execute=True):
        termijnen_bewaken(nu=ONTVANGEN + timedelta(days=100))
    escalaties = Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE)
    assert escalaties.exists()
    assert set(escalaties.values_list("ontvanger", flat=True)) == {hv.pk}
    assert hv.email in {adres for bericht in mail.outbox for adres in bericht.to}
    assert hl.email not in {adres for bericht in mail.outbox for adres in bericht.to}


@pytest.mark.django_db
def test_vervallen_termijn_escaleert_nooit():
    organisatie, _ontvanger, _hl, _hv = organisatie_met_leiding()
    [melding] = registreer(organisatie)

    melding_intrekken(meldingsbox=meldingsbox_aanmaken(melding=melding).meldingsbox, reden="ingetrokken")
    termijnen_bewaken(nu=ONTVANGEN + timedelta(days=100))
    assert not Herinnering.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_sweep_aantal_queries_constant():
    def queries_bij(aantal):
        organisatie, _ontvanger, _hl, _hv = organisatie_met_leiding()
        registreer(organisatie, aantal=aantal)
        with CaptureQueriesContext(connection) as ctx:
            termijnen_bewaken(nu=ONTVANGEN + timedelta(days=30))
        return len(ctx.captured_queries), Herinnering.objects.filter(termijn__organisatie=organisatie).count()

    vijf, rijen_vijf = queries_bij(5)
    vijftig, rijen_vijftig = queries_bij(50)
    assert rijen_vijftig == 10 * rijen_vijf > 0
    assert vijf == vijftig


@pytest.mark.django_db
def test_hartslag_van_termijnbewaking_telt_voor_banner(settings):
    settings.MELDPUNT_HARTSLAG_MAX_MINUTEN = 15

    hartslag()
    assert not hartslag_status()["ok"]  # the deadline engine has never run
    termijnen_bewaken()
    assert hartslag_status()["ok"]


@pytest.mark.django_db
def test_termijn_van_een_organisatie_herinnert_de_hoogste_leidinggevende():
    """A kind a higher app registers per organisation (as is done for the
    annual report, Art. 14.2) is reminded to the organisation's HL."""
    soort = uitbreidingen.Termijnsoort(
        waarde="proef_organisatie", label="Proef", herinneren_dagen_voor=14, per_organisatie=True
    )
    uitbreidingen.termijnsoort_registreren(soort)
    try:
        organisatie, _ontvanger, hl, _hv = organisatie_met_leiding()
        uiterlijk = datetime(2026, 3, 31, 22, tzinfo=UTC)
        for dag in (2, 3):  # idempotent
            termijnen.organisatietermijnen_starten(
                soort=soort.waarde, start=date(2026, 1, 1), uiterlijk=uiterlijk, nu=datetime(2026, 1, dag, tzinfo=UTC)
            )
        termijnen_bewaken(nu=datetime(2026, 3, 25, 9, tzinfo=UTC))
    finally:
        uitbreidingen.termijnsoort_verwijderen(soort.waarde)
    herinnering = Herinnering.objects.get(termijn__organisatie=organisatie)
    assert herinnering.ontvanger == hl
    assert herinnering.termijn.soort == soort.waarde


def test_gebruiker_factory_heeft_email():
    assert GebruikerFactory.build().email


@pytest.mark.django_db
def test_termijnenoverzicht_toont_alleen_zichtbare_meldingen(client):

    organisatie, _ontvanger, _hl, _hv = organisatie_met_leiding()
    medewerker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    FunctionarisFactory(organisatie=organisatie, gebruiker=medewerker)
    [melding] = registreer(organisatie)
    [andere] = registreer(OrganisatieFactory())
    client.force_login(medewerker)
    sessie = client.session
    sessie["otp_device_id"] = TOTPApparaat.objects.create(user=medewerker, confirmed=True).persistent_id
    sessie.save()
    with time_machine.travel(ONTVANGEN + timedelta(days=20), tick=True):
        overzicht = client.get(reverse("admin:meldingen_termijn_changelist") + "?toestand=verlopen")
        detail = client.get(reverse("admin:meldingen_melding_change", args=[melding.pk]))
        anders = client.get(reverse("admin:meldingen_melding_change", args=[andere.pk]))
    assert overzicht.status_code == 200
    assert f">{melding.registernummer}<".encode() in overzicht.content
    assert f"/{andere.pk}/change/".encode() not in overzicht.content
    assert detail.status_code == 200
    assert b"Verlopen" in detail.content
    assert anders.status_code == 404


@pytest.mark.django_db
def test_gezondheid_meldt_hartslag_van_termijnbewaking(client):

    hartslag()
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["planner"]["taken"]["meldingen.tasks.termijnen_bewaken"] is None
    termijnen_bewaken_taak()
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord.json()["planner"]["taken"]["meldingen.tasks.termijnen_bewaken"] is not None


@pytest.mark.django_db
def test_art_11_2_verlenging_geeft_nieuwe_herinnering_voor_nieuwe_termijn():

    organisatie, _ontvanger, hl, _hv = organisatie_met_leiding()
    [melding] = registreer(organisatie)
    register.toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    standpunt = Herinnering.objects.filter(termijn__soort=TermijnSoort.STANDPUNT, ontvanger=hl)
    # Day 52: in the standpunt's reminder window (due day 56).
    with time_machine.travel(ONTVANGEN + timedelta(days=52), tick=False):
        termijnen_bewaken_taak()
        assert standpunt.count() == 1
        termijnen.standpunt_verlengen(melding=melding, nieuwe_datum=date(2026, 3, 21), reden="", door=hl)
        termijnen_bewaken_taak()
        assert standpunt.count() == 1  # the new due is not yet in its window
    with time_machine.travel(ONTVANGEN + timedelta(days=66), tick=False):
        termijnen_bewaken_taak()
        termijnen_bewaken_taak()
    assert standpunt.count() == 2
    assert not Herinnering.objects.filter(termijn__soort=TermijnSoort.STANDPUNT, soort=HerinneringSoort.ESCALATIE)


@pytest.mark.django_db
def test_beheerder_kan_geen_langere_termijn_instellen_in_admin(client):

    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    organisatie = OrganisatieFactory()
    client.force_login(beheerder)
    sessie = client.session
    sessie["otp_device_id"] = TOTPApparaat.objects.create(user=beheerder, confirmed=True).persistent_id
    sessie.save()
    url = reverse("admin:meldingen_organisatie_change", args=[organisatie.pk])
    assert client.get(url).status_code == 200
    gegevens = {
        "naam": organisatie.naam,
        "slug": organisatie.slug,
        "briefhoofd": "",
        "heeft_toezichtorgaan": "on",
        "functionarissen-TOTAL_FORMS": "0",
        "functionarissen-INITIAL_FORMS": "0",
        "termijninstelling-TOTAL_FORMS": "1",
        "termijninstelling-INITIAL_FORMS": "0",
        "termijninstelling-0-ontvangstbevestiging_dagen": "5",
        "termijninstelling-0-terugkoppeling_maanden": "4",
        # The retention policy inline on the same page (issue 15), left empty.
        "bewaarbeleid-TOTAL_FORMS": "0",
        "bewaarbeleid-INITIAL_FORMS": "0",
    }
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200  # the form again, with the error
    assert b"alleen kortere termijnen" in antwoord.content
    assert not TermijnInstelling.objects.exists()
    gegevens["termijninstelling-0-terugkoppeling_maanden"] = "2"
    assert client.post(url, gegevens).status_code == 302
    assert TermijnInstelling.objects.get(organisatie=organisatie).terugkoppeling_maanden == 2


@pytest.mark.django_db
def test_herinnering_en_escalatie_alleen_aan_wie_de_melding_kan_openen(django_capture_on_commit_callbacks):
    """Reminders and escalations go only to people with an active assignment on
    the case (kern.toegang): the organisation's HL and hoogste verantwoordelijke
    without one, an officer of another channel and someone whose assignment
    ended hear nothing of it."""
    organisatie, ontvanger, hl, hv = organisatie_met_leiding()
    buitenstaander = FunctionarisFactory(organisatie=organisatie, functie=Kanaal.LEIDINGGEVENDE).gebruiker
    [melding] = registreer(organisatie)
    oud = GebruikerFactory()
    register.toewijzing_verlenen(melding=melding, gebruiker=oud, rol=ToewijzingRol.BEHANDELAAR, door=None)
    register.toewijzing_beeindigen(toewijzing=melding.toewijzingen.get(gebruiker=oud), door=None)
    for dag in (1, 6, 100):  # a reminder, then reminder and escalation, then everything overdue
        with django_capture_on_commit_callbacks(execute=True):
            termijnen_bewaken(nu=ONTVANGEN + timedelta(days=dag))
    assert set(Herinnering.objects.values_list("ontvanger", flat=True)) == {ontvanger.pk}
    assert Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE, ontvanger=ontvanger).exists()
    ontvangers = {adres for bericht in mail.outbox for adres in bericht.to}
    assert ontvangers == {ontvanger.email}
    for niet in (hl, hv, buitenstaander, oud):
        assert niet.email not in ontvangers


@pytest.mark.django_db
def test_art_8_4_escalatie_zonder_leiding_gaat_naar_ontvanger_nooit_naar_hl():
    """Before the hoogste verantwoordelijke holds the case (HL involved, Art. 8.4),
    an overdue term escalates to its receiving officers; never to the HL, not even
    an HL who is also an officer of the chosen channel."""
    organisatie, ontvanger, hl, _hv = organisatie_met_leiding()
    FunctionarisFactory(organisatie=organisatie, gebruiker=hl, functie=Kanaal.VERTROUWENSPERSOON)
    registreer(organisatie, hl_betrokken=True)
    termijnen_bewaken(nu=ONTVANGEN + timedelta(days=100))
    escalaties = Herinnering.objects.filter(soort=HerinneringSoort.ESCALATIE)
    assert escalaties.exists()
    assert set(Herinnering.objects.values_list("ontvanger", flat=True)) == {ontvanger.pk}
    assert hl.pk not in set(Herinnering.objects.values_list("ontvanger", flat=True))


@pytest.mark.django_db
def test_mailserver_onbereikbaar_bewaking_voltooit_en_legt_herinneringen_vast(
    settings, django_capture_on_commit_callbacks
):
    """A mail server that is down neither fails nor delays the sweep: the
    Herinnering rows and the heartbeat are recorded, the mails wait in the outbox
    (kern/post.py) and go out once the server is back."""
    settings.EMAIL_BACKEND = "kern.tests.postbackends.ServerOnbereikbaar"
    organisatie, ontvanger, hl, _hv = organisatie_met_leiding()
    leiding_toewijzen(registreer(organisatie, aantal=3), hl)
    with time_machine.travel(ONTVANGEN + timedelta(days=6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            resultaat = termijnen_bewaken_taak()
        assert hartslag_status()["taken"]["meldingen.tasks.termijnen_bewaken"] is not None
    assert resultaat == {"nieuw": 9, "mails": 2}
    assert Herinnering.objects.count() == 9
    assert mail.outbox == []
    assert set(UitgaandBericht.objects.values_list("status", "pogingen")) == {(UitgaandBerichtStatus.TE_VERZENDEN, 0)}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    post_verzenden()
    post_verzenden()
    assert sorted(bericht.to[0] for bericht in mail.outbox) == sorted([ontvanger.email, hl.email])
