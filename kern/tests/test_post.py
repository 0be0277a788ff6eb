"""The outbox (kern/post.py; docs/adr/0010-uitgaande-post.md) against PostgreSQL:
one bad address delays nothing else and is retried with back-off, nor does a
message on which the server drops the connection, a down mail server leaves
everything waiting, each message is sent once (also by two senders at a time), a
rollback sends nothing, content is encrypted at rest."""

import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.core import mail
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from kern import post
from kern.models import TOTPApparaat, UitgaandBericht, UitgaandBerichtStatus
from kern.rollen import Rol
from kern.selectors import post_stand
from kern.tasks import post_verzenden as post_verzenden_taak
from kern.tests.factories import GebruikerFactory
from kern.tests.postbackends import GEWEIGERD, VERBREEKT

NU = datetime(2026, 3, 2, 9, tzinfo=UTC)
BACKENDS = "kern.tests.postbackends."


def _in_wachtrij(*adressen, soort="proef"):
    return post.berichten_in_wachtrij(
        soort=soort,
        berichten=[
            post.Bericht(sleutel=f"proef:{adres}", adres=adres, onderwerp="Iets in Meldpunt", tekst="Log in.")
            for adres in adressen
        ],
    )


@pytest.mark.django_db
def test_een_onbestelbaar_adres_houdt_niets_op_en_wordt_later_opnieuw_geprobeerd(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BACKENDS + "WeigertEenAdres"
    settings.MELDPUNT_POST_WACHTTIJD_SECONDEN = 60
    settings.MELDPUNT_POST_MAX_POGINGEN = 3
    with time_machine.travel(NU, tick=False), django_capture_on_commit_callbacks(execute=True):
        _in_wachtrij("a@example.org", GEWEIGERD, "b@example.org")
    # The two good addresses were sent at once; only the bad one waits.
    assert sorted(bericht.to[0] for bericht in mail.outbox) == ["a@example.org", "b@example.org"]
    fout = UitgaandBericht.objects.get(status=UitgaandBerichtStatus.TE_VERZENDEN)
    assert (fout.pogingen, fout.laatste_fout) == (1, "SMTPRecipientsRefused")
    assert fout.volgende_poging_op == NU + timedelta(seconds=60)
    # Not due yet: nothing is tried.
    with time_machine.travel(NU + timedelta(seconds=30), tick=False):
        assert post.post_verzenden().uitgesteld == 0
    # Due: tried again, and the wait doubles.
    with time_machine.travel(NU + timedelta(seconds=61), tick=False):
        assert post.post_verzenden().uitgesteld == 1
    fout.refresh_from_db()
    assert fout.pogingen == 2
    assert fout.volgende_poging_op == NU + timedelta(seconds=61 + 120)
    # The last attempt gives up: `mislukt`, counted for operations, content-free.
    with time_machine.travel(NU + timedelta(seconds=200), tick=False):
        assert post.post_verzenden().mislukt == 1
    assert UitgaandBericht.objects.get(pk=fout.pk).status == UitgaandBerichtStatus.MISLUKT
    assert post_stand() == {"te_verzenden": 0, "met_fout": 0, "mislukt": 1}
    assert len(mail.outbox) == 2
    # The logs name a row and an exception class, never the address.
    assert "SMTPRecipientsRefused" in caplog.text
    assert GEWEIGERD not in caplog.text


@pytest.mark.django_db
def test_mailserver_onbereikbaar_laat_alles_te_verzenden_zonder_pogingen(
    settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BACKENDS + "ServerOnbereikbaar"
    with django_capture_on_commit_callbacks(execute=True):
        _in_wachtrij("a@example.org", "b@example.org", "c@example.org")
    resultaat = post_verzenden_taak()
    assert resultaat["storing"] is True
    assert mail.outbox == []
    rijen = UitgaandBericht.objects.all()
    assert {r.status for r in rijen} == {UitgaandBerichtStatus.TE_VERZENDEN}
    # The address is not at fault: no attempt is charged, nothing goes `mislukt`.
    assert {r.pogingen for r in rijen} == {0}
    assert client.get("/gezondheid/").json()["post"]["te_verzenden"] == 3
    # The server is back: the next run (beat) sends everything, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert post_verzenden_taak()["verzonden"] == 3
    assert post_verzenden_taak()["verzonden"] == 0
    assert sorted(bericht.to[0] for bericht in mail.outbox) == ["a@example.org", "b@example.org", "c@example.org"]


@pytest.mark.django_db
def test_een_bericht_dat_de_verbinding_verbreekt_houdt_de_rest_niet_op(settings, caplog):
    """A message on which the server drops the session (its size limit or content
    filter) used to head every run without an attempt charged, and no other mail
    went out again. Now the row behind it decides: it is sent, so the server works
    and the message is charged an attempt, as a refused one is."""
    settings.EMAIL_BACKEND = BACKENDS + "VerbreektBijEenAdres"
    settings.MELDPUNT_POST_WACHTTIJD_SECONDEN = 60
    settings.MELDPUNT_POST_MAX_POGINGEN = 3
    with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(NU, tick=False):
        _in_wachtrij(VERBREEKT)
        _in_wachtrij("a@example.org", "b@example.org")
        resultaat = post.post_verzenden()
    assert resultaat == post.Verzendresultaat(verzonden=2, uitgesteld=1, mislukt=0, storing=False)
    assert sorted(bericht.to[0] for bericht in mail.outbox) == ["a@example.org", "b@example.org"]
    fout = UitgaandBericht.objects.get(status=UitgaandBerichtStatus.TE_VERZENDEN)
    assert (fout.pogingen, fout.laatste_fout) == (1, "SMTPServerDisconnected")
    assert fout.volgende_poging_op == NU + timedelta(seconds=60)
    # Later runs, each with new mail behind it: the back-off doubles, and after
    # the last attempt the row is `mislukt`; the new mail is sent every time.
    for moment, adres, pogingen in (
        (NU + timedelta(seconds=61), "c@example.org", 2),
        (NU + timedelta(seconds=182), "d@example.org", 3),
    ):
        with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(moment, tick=False):
            _in_wachtrij(adres)
            resultaat = post.post_verzenden()
        assert resultaat.verzonden == 1
        assert mail.outbox[-1].to == [adres]
        fout.refresh_from_db()
        assert fout.pogingen == pogingen
    assert (resultaat.mislukt, resultaat.storing) == (1, False)
    assert (fout.status, fout.laatste_fout) == (UitgaandBerichtStatus.MISLUKT, "SMTPServerDisconnected")
    assert post_stand() == {"te_verzenden": 0, "met_fout": 0, "mislukt": 1}
    assert VERBREEKT not in caplog.text


@pytest.mark.django_db
def test_een_weigering_achter_een_verbroken_verbinding_toont_dat_de_server_werkt(settings):
    """The row behind need not be sent: a refusal is a reply of the server, so the
    session worked and the message before it is charged as well."""
    settings.EMAIL_BACKEND = BACKENDS + "VerbreektBijEenAdres"
    with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(NU, tick=False):
        _in_wachtrij(VERBREEKT)
        _in_wachtrij(GEWEIGERD)
        resultaat = post.post_verzenden()
    assert resultaat == post.Verzendresultaat(verzonden=0, uitgesteld=2, mislukt=0, storing=False)
    assert set(UitgaandBericht.objects.values_list("pogingen", "laatste_fout")) == {
        (1, "SMTPServerDisconnected"),
        (1, "SMTPRecipientsRefused"),
    }


@pytest.mark.django_db
def test_een_enkel_bericht_dat_de_verbinding_verbreekt_wacht_zonder_poging(settings):
    """With no other mail due, nothing tells a message at fault from a server that
    went down: the row is charged nothing, but waits the first back-off step, so
    it is not retried by every run (each enqueue kicks one)."""
    settings.EMAIL_BACKEND = BACKENDS + "VerbreektBijEenAdres"
    settings.MELDPUNT_POST_WACHTTIJD_SECONDEN = 60
    with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(NU, tick=False):
        _in_wachtrij(VERBREEKT)
        resultaat = post.post_verzenden()
    assert resultaat == post.Verzendresultaat(verzonden=0, uitgesteld=0, mislukt=0, storing=True)
    bericht = UitgaandBericht.objects.get()
    assert (bericht.status, bericht.pogingen, bericht.laatste_fout) == (
        UitgaandBerichtStatus.TE_VERZENDEN,
        0,
        "SMTPServerDisconnected",
    )
    assert bericht.volgende_poging_op == NU + timedelta(seconds=60)
    with mock.patch("kern.post._verzenden") as verzenden, time_machine.travel(NU + timedelta(seconds=30), tick=False):
        post.post_verzenden()
    verzenden.assert_not_called()
    assert post_stand() == {"te_verzenden": 1, "met_fout": 1, "mislukt": 0}


@pytest.mark.django_db
def test_mailserver_onbereikbaar_stopt_na_hoogstens_twee_berichten_en_rekent_niets_aan(settings):
    """A real outage: the second row fails as the first did, so the server is down.
    The run stops after two tries and charges nothing, in every run of the outage;
    once the server is back, the first run sends everything."""
    settings.MELDPUNT_POST_MAX_POGINGEN = 2
    adressen = [f"medewerker{i}@example.org" for i in range(5)]
    with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(NU, tick=False):
        _in_wachtrij(*adressen)
    for minuut in range(1, 4):
        with (
            mock.patch(
                "kern.post._verzenden", side_effect=ConnectionRefusedError(111, "Connection refused")
            ) as verzenden,
            time_machine.travel(NU + timedelta(minutes=minuut), tick=False),
        ):
            resultaat = post.post_verzenden()
        assert resultaat == post.Verzendresultaat(verzonden=0, uitgesteld=0, mislukt=0, storing=True)
        assert verzenden.call_count == 2
    rijen = UitgaandBericht.objects.all()
    assert {(r.status, r.pogingen) for r in rijen} == {(UitgaandBerichtStatus.TE_VERZENDEN, 0)}
    with time_machine.travel(NU + timedelta(minutes=4), tick=False):
        assert post.post_verzenden().verzonden == 5
    assert sorted(bericht.to[0] for bericht in mail.outbox) == adressen


@pytest.mark.django_db
def test_twee_berichten_die_de_verbinding_verbreken_houden_de_rest_niet_op(settings):
    """Two such messages in a row look like an outage to the run that meets them:
    it stops and charges nothing, but puts both behind the rest of the due mail,
    so the next run sends the rest."""
    settings.EMAIL_BACKEND = BACKENDS + "VerbreektBijEenAdres"
    settings.MELDPUNT_POST_WACHTTIJD_SECONDEN = 60
    tweede = VERBREEKT.replace("@", "2@")
    with mock.patch("kern.post.verzender_aanstoten"), time_machine.travel(NU, tick=False):
        _in_wachtrij(VERBREEKT, tweede, "a@example.org")
    with time_machine.travel(NU + timedelta(seconds=1), tick=False):
        assert post.post_verzenden().storing is True
    assert mail.outbox == []
    with time_machine.travel(NU + timedelta(seconds=2), tick=False):
        assert post.post_verzenden().verzonden == 1
    assert [bericht.to for bericht in mail.outbox] == [["a@example.org"]]
    assert set(
        UitgaandBericht.objects.filter(status=UitgaandBerichtStatus.TE_VERZENDEN).values_list("pogingen", flat=True)
    ) == {0}


@pytest.mark.django_db
def test_zelfde_sleutel_eenmaal_verzonden(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _in_wachtrij("a@example.org")
        _in_wachtrij("a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _in_wachtrij("a@example.org")
    post.post_verzenden()
    assert UitgaandBericht.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_twee_verzenders_tegelijk_sturen_elk_bericht_eenmaal(settings):
    settings.EMAIL_BACKEND = BACKENDS + "Traag"
    adressen = [f"medewerker{i}@example.org" for i in range(20)]
    with mock.patch("kern.post.verzender_aanstoten"):  # the rows wait for the two senders below
        _in_wachtrij(*adressen)
    start = threading.Barrier(2)
    fouten = []

    def verzender():
        try:
            start.wait()
            post.post_verzenden()
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=verzender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    post.post_verzenden()  # and a third run afterwards finds nothing
    assert not fouten
    assert sorted(bericht.to[0] for bericht in mail.outbox) == sorted(adressen)
    assert set(UitgaandBericht.objects.values_list("status", flat=True)) == {UitgaandBerichtStatus.VERZONDEN}


@pytest.mark.django_db(transaction=True)
def test_terugdraaien_van_de_transactie_verstuurt_niets():
    def wijziging_die_mislukt():
        with transaction.atomic():
            _in_wachtrij("a@example.org")
            raise RuntimeError("the change fails after the enqueue")

    with pytest.raises(RuntimeError):
        wijziging_die_mislukt()
    assert not UitgaandBericht.objects.exists()
    post.post_verzenden()
    assert mail.outbox == []
    # The same change, committed: sent right after the commit.
    with transaction.atomic():
        _in_wachtrij("a@example.org")
        assert mail.outbox == []
    assert [bericht.to for bericht in mail.outbox] == [["a@example.org"]]


@pytest.mark.django_db
def test_adres_en_tekst_versleuteld_en_na_verzending_leeg(django_capture_on_commit_callbacks):
    with mock.patch("kern.post.verzender_aanstoten"):
        post.bericht_in_wachtrij(
            soort="proef", sleutel="proef:1", adres="melder@example.org", onderwerp="Onderwerp", tekst="Geheime link"
        )
    tabel = UitgaandBericht._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sleutel, adres, onderwerp, tekst FROM {tabel}")  # noqa: S608 - name from _meta
        [rij] = cursor.fetchall()
    assert not any(waarde in "".join(rij) for waarde in ("melder@example.org", "Onderwerp", "Geheime link", "proef:1"))
    post.post_verzenden()
    bericht = UitgaandBericht.objects.get()
    assert (bericht.status, bericht.adres, bericht.onderwerp, bericht.tekst) == ("verzonden", "", "", "")
    assert mail.outbox[0].body == "Geheime link"


@pytest.mark.django_db
def test_verzonden_rijen_worden_opgeruimd(settings, django_capture_on_commit_callbacks):
    settings.MELDPUNT_POST_BEWAREN_DAGEN = 30
    with django_capture_on_commit_callbacks(execute=True):
        _in_wachtrij("a@example.org")
    assert post.verzonden_opruimen(nu=timezone.now() + timedelta(days=29)) == 0
    assert post.verzonden_opruimen(nu=timezone.now() + timedelta(days=31)) == 1


def test_wachttijd_verdubbelt_tot_het_maximum(settings):
    settings.MELDPUNT_POST_WACHTTIJD_SECONDEN = 60
    settings.MELDPUNT_POST_MAX_WACHTTIJD_SECONDEN = 600
    assert [post.wachttijd(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]


@pytest.mark.django_db
def test_bericht_met_verloren_sleutel_houdt_de_rest_niet_op(settings):
    """A row encrypted with a key that is gone (docs/sleutelbeheer.md) is marked
    `mislukt`; the rows behind it are sent."""
    sleutels = settings.MELDPUNT_VERSLEUTELSLEUTELS
    with mock.patch("kern.post.verzender_aanstoten"):
        settings.MELDPUNT_VERSLEUTELSLEUTELS = [Fernet.generate_key().decode()]
        _in_wachtrij("kwijt@example.org")
        settings.MELDPUNT_VERSLEUTELSLEUTELS = sleutels
        _in_wachtrij("a@example.org")
    resultaat = post.post_verzenden()
    assert (resultaat.verzonden, resultaat.mislukt) == (1, 1)
    assert [bericht.to for bericht in mail.outbox] == [["a@example.org"]]
    assert post_stand()["mislukt"] == 1


@pytest.mark.django_db
def test_beheerder_ziet_mislukte_berichten_zonder_inhoud(client, settings):
    """The functioneel beheerder finds failed messages in the admin: kind, status,
    attempts and the error class; never the address, subject or body."""
    settings.EMAIL_BACKEND = BACKENDS + "WeigertEenAdres"
    settings.MELDPUNT_POST_MAX_POGINGEN = 1
    with mock.patch("kern.post.verzender_aanstoten"):
        post.bericht_in_wachtrij(
            soort="proef", sleutel="proef:x", adres=GEWEIGERD, onderwerp="Geheim onderwerp", tekst="Geheime tekst"
        )
    post.post_verzenden()
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    client.force_login(beheerder)
    sessie = client.session
    sessie["otp_device_id"] = TOTPApparaat.objects.create(user=beheerder, confirmed=True).persistent_id
    sessie.save()
    bericht = UitgaandBericht.objects.get()
    lijst = client.get(reverse("admin:kern_uitgaandbericht_changelist") + "?status=mislukt")
    detail = client.get(reverse("admin:kern_uitgaandbericht_change", args=[bericht.pk]))
    assert (lijst.status_code, detail.status_code) == (200, 200)
    lijst, detail = lijst.content.decode(), detail.content.decode()
    assert "SMTPRecipientsRefused" in lijst
    for pagina in (lijst, detail):
        for geheim in (GEWEIGERD, "Geheim onderwerp", "Geheime tekst"):
            assert geheim not in pagina
