"""Art. 5.4, second route: HR submits an intended measure. The answer is the
same for every employee, protected or not, and reveals nobody; a match reaches
the receiving officer of the case, who asks the HL for the motivation."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from benadeling.constants import BenadelingType, VoornemenBron, VoornemenStatus
from benadeling.models import Personeelstoets, VoorgenomenMaatregel
from benadeling.services.motivering import (
    maatregel_als_genomen_vastleggen,
    motivering_vastleggen,
    motivering_verstrekken,
    motivering_vragen,
)
from benadeling.services.toetsen import toets_matchen
from benadeling.tests.factories import EMAIL, PERSONEELSNUMMER, personeelszaken_voor, zaak
from kern.models import AuditRegel
from kern.overgangen import OvergangNietToegestaan
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.tests.test_toegang import _geverifieerd

pytestmark = pytest.mark.django_db

URL = reverse("benadeling:toets")


def _gelijkvormig(response) -> tuple:
    """Status, headers, cookies and body, without the values that legitimately
    differ per request (CSRF token, CSP nonce)."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', body)
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    headers = {k: re.sub(r"'nonce-[^']*'", "'nonce-'", v) for k, v in response.headers.items()}
    cookies = {naam: {k: v for k, v in c.items() if v} for naam, c in response.cookies.items()}
    return response.status_code, headers, cookies, body


def _wat_hr_ziet(client) -> list:
    pagina_s = [client.get(URL), client.get(reverse("admin:index"))]
    for model in admin.site._registry:
        opts = model._meta
        pagina_s.append(client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")))
    return [_gelijkvormig(p) for p in pagina_s]


def _toets(client, z, **medewerker):
    return client.post(
        URL,
        {
            "organisatie": z.melding.organisatie.pk,
            "soort": BenadelingType.VERPLAATST,
            "beoogd_op": (z.gemeld_op + timedelta(days=45)).isoformat(),
            "omschrijving": "Overplaatsing naar vestiging Noord.",
            **medewerker,
        },
    )


def test_art_5_4_toetsformulier_antwoordt_gelijk_voor_beschermde_en_onbeschermde_medewerker(
    client, django_capture_on_commit_callbacks
):
    z = zaak()
    hr = personeelszaken_voor(z.melding.organisatie)
    _geverifieerd(client, hr)
    mail.outbox.clear()
    # The clock stands still, so headers such as Expires cannot differ by a second.
    moment = timezone.now()
    with time_machine.travel(moment, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            beschermd = _toets(client, z, personeelsnummer=PERSONEELSNUMMER)
        na_beschermd = _wat_hr_ziet(client)
    with time_machine.travel(moment, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            onbeschermd = _toets(client, z, personeelsnummer="P-999999")
        na_onbeschermd = _wat_hr_ziet(client)

    assert beschermd.status_code == 200
    assert "U hoort van de vertrouwenspersoon als een motivering nodig is" in beschermd.content.decode()
    assert _gelijkvormig(beschermd) == _gelijkvormig(onbeschermd)
    assert na_beschermd == na_onbeschermd
    # HR sees no case, ever.
    for pagina in (beschermd, onbeschermd):
        assert z.melding.registernummer not in pagina.content.decode()
    assert client.get(reverse("admin:meldingen_melding_change", args=[z.melding.pk])).status_code == 404

    # The match reaches the receiving officer: one task, a content-free e-mail.
    voornemen = VoorgenomenMaatregel.objects.get()
    assert voornemen.bron == VoornemenBron.PERSONEELSZAKEN
    assert voornemen.melding == z.melding
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST
    assert [m.to for m in mail.outbox] == [[z.ontvanger.email]]
    assert z.melding.registernummer not in mail.outbox[0].subject + mail.outbox[0].body
    assert "Noord" not in mail.outbox[0].body
    client.logout()
    _geverifieerd(client, z.ontvanger)
    paneel = client.get(reverse("admin:index")).content.decode()
    assert "Motivering vereist (Art. 5.4)" in paneel
    assert z.melding.registernummer in paneel

    # Every check and every match is audited.
    assert Personeelstoets.objects.count() == 2
    assert AuditRegel.objects.filter(object_type="benadeling.personeelstoets", actor=hr).count() == 2
    assert AuditRegel.objects.filter(toelichting="motivering vereist (Art. 5.4)").count() == 1


def test_art_5_4_matchen_is_idempotent(client, django_capture_on_commit_callbacks):

    z = zaak()
    _geverifieerd(client, personeelszaken_voor(z.melding.organisatie))
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, z, personeelsnummer=PERSONEELSNUMMER, email=EMAIL)
    assert toets_matchen(toets=Personeelstoets.objects.get()) == 0
    assert VoorgenomenMaatregel.objects.count() == 1


def test_art_5_4_match_op_genormaliseerd_email_en_motivering_via_ontvanger_en_hl(
    client, django_capture_on_commit_callbacks
):
    z = zaak()
    hr = personeelszaken_voor(z.melding.organisatie)
    _geverifieerd(client, hr)
    with django_capture_on_commit_callbacks(execute=True):
        _toets(client, z, email=f"  {EMAIL.upper()} ")
    voornemen = VoorgenomenMaatregel.objects.get()
    motivering_vragen(voornemen=voornemen, door=z.ontvanger)
    # Art. 5.4: the table has no step from "motivering gevraagd" to "genomen".
    with pytest.raises(OvergangNietToegestaan):
        maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.ontvanger)
    motivering = motivering_vastleggen(
        voornemen=voornemen,
        waarom_nodig="Vestiging sluit.",
        geen_verband="Besluit van vorig jaar.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    motivering_verstrekken(motivering=motivering, door=z.hl.gebruiker)
    assert maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.ontvanger).status == VoornemenStatus.GENOMEN


def test_art_5_4_buiten_de_periode_geen_taak_maar_wel_geaudit(client, django_capture_on_commit_callbacks):
    z = zaak()
    hr = personeelszaken_voor(z.melding.organisatie)
    _geverifieerd(client, hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            URL,
            {
                "organisatie": z.melding.organisatie.pk,
                "soort": BenadelingType.VERPLAATST,
                "beoogd_op": (z.gemeld_op + timedelta(days=40 * 31)).isoformat(),
                "personeelsnummer": PERSONEELSNUMMER,
            },
        )
    assert not VoorgenomenMaatregel.objects.exists()
    assert AuditRegel.objects.filter(toelichting__contains="buiten de periode").exists()


def test_toetsformulier_vraagt_login_tweede_factor_en_de_rol(client):
    z = zaak()
    assert client.get(URL).status_code == 302
    hr = personeelszaken_voor(z.melding.organisatie)
    client.force_login(hr)  # password only, no second factor
    assert client.get(URL).status_code == 302
    client.logout()
    _geverifieerd(client, GebruikerFactory(rol=Rol.VERTROUWENSPERSOON))
    assert client.get(URL).status_code == 404


def test_personeelszaken_toetst_alleen_voor_de_eigen_organisatie(client):
    z, ander = zaak(), zaak()
    hr = personeelszaken_voor(z.melding.organisatie)
    _geverifieerd(client, hr)
    response = client.post(
        URL,
        {
            "organisatie": ander.melding.organisatie.pk,
            "soort": BenadelingType.VERPLAATST,
            "beoogd_op": ander.gemeld_op.isoformat(),
            "personeelsnummer": PERSONEELSNUMMER,
        },
    )
    assert response.status_code == 200
    assert not Personeelstoets.objects.exists()
    assert not VoorgenomenMaatregel.objects.exists()
