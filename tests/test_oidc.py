"""Sign-in through the organisation's identity provider, against a real OpenID
Connect provider (tests/conftest.py): matching by subject, the provider's
second factor, refusals, and the audit log without tokens."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from kern.models import AuditActie, AuditRegel, Gebruiker, TOTPApparaat
from kern.oidc.mfa import mfa_door_provider
from kern.oidc.models import OidcIdentiteit
from kern.oidc.services import identiteit_koppelen
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

OP_WACHTWOORD = "wachtwoord-bij-de-provider"
ADMIN = "/admin/"


def _via_provider(client, provider, gebruikersnaam: str):
    """The code flow: Meldpunt's start, the provider's login page (a real HTTP
    session), the redirect back into Meldpunt's callback. Returns that response."""
    start = client.get(reverse("kern_oidc:start"), {"next": ADMIN})
    assert start.status_code == 302
    authorize = start["Location"]
    parameters = parse_qs(urlsplit(authorize).query)
    assert parameters["code_challenge_method"] == ["S256"]  # PKCE
    assert parameters["code_challenge"][0]
    browser = requests.Session()
    login = browser.get(authorize, timeout=10)
    assert "/inloggen/" in login.url
    antwoord = browser.post(
        login.url,
        data={
            "username": gebruikersnaam,
            "password": OP_WACHTWOORD,
            "csrfmiddlewaretoken": browser.cookies["op_csrf"],
            "next": parse_qs(urlsplit(login.url).query)["next"][0],
        },
        headers={"Referer": login.url},
        allow_redirects=False,
        timeout=10,
    )
    while antwoord.is_redirect and not antwoord.headers["Location"].startswith("http://testserver/"):
        antwoord = browser.get(
            requests.compat.urljoin(antwoord.url, antwoord.headers["Location"]), allow_redirects=False, timeout=10
        )
    terug = urlsplit(antwoord.headers["Location"])
    assert terug.path == reverse("kern_oidc:terug"), antwoord.headers["Location"]
    return client.get(f"{terug.path}?{terug.query}")


def _audit(actie) -> list[AuditRegel]:
    return list(AuditRegel.objects.filter(actie=actie))


def test_gekoppeld_subject_met_mfa_bij_provider_komt_op_de_werkplek(client, oidc_aan):
    sub = oidc_aan.gebruiker("vera.op", wachtwoord=OP_WACHTWOORD, mfa=True, email="vera@elders.test")
    vera = GebruikerFactory(username="vera", email="vera@organisatie.test", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=vera, subject=sub, reden="test", door=None)
    response = _via_provider(client, oidc_aan, "vera.op")
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    # Subject matched although the e-mail at the provider differs.
    assert client.get(ADMIN).status_code == 200
    assert int(client.session["_auth_user_id"]) == vera.pk
    regel = AuditRegel.objects.get(actie=AuditActie.INGELOGD, actor=vera)
    assert "tweede factor door identiteitsprovider" in regel.toelichting


def test_onbekend_subject_met_bekend_emailadres_krijgt_geen_toegang(client, oidc_aan):
    """Never matched by e-mail: a provider account with the e-mail of a Meldpunt
    account, but not linked to it, gets nothing (and no account is created)."""
    oidc_aan.gebruiker("indringer", wachtwoord=OP_WACHTWOORD, mfa=True, email="hl@organisatie.test")
    GebruikerFactory(username="hl", email="hl@organisatie.test", rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    aantal = Gebruiker.objects.count()
    response = _via_provider(client, oidc_aan, "indringer")
    assert response.status_code == 302
    assert response["Location"] == reverse("kern:inloggen")
    assert "_auth_user_id" not in client.session
    assert Gebruiker.objects.count() == aantal
    assert client.get(ADMIN).status_code == 302
    geweigerd = _audit(AuditActie.INLOGGEN_GEWEIGERD)
    assert [r.toelichting for r in geweigerd] == ["oidc: onbekend subject"]
    pagina = client.get(reverse("kern:inloggen")).content.decode()
    assert "gaf geen toegang tot Meldpunt" in pagina


def test_onbekend_subject_krijgt_account_zonder_rol_als_installatie_dat_toestaat(client, oidc_aan, settings):
    settings.OIDC_CREATE_USER = True
    oidc_aan.gebruiker("nieuw", wachtwoord=OP_WACHTWOORD, mfa=True, email="nieuw@organisatie.test")
    response = _via_provider(client, oidc_aan, "nieuw")
    assert response["Location"] == ADMIN
    gebruiker = Gebruiker.objects.get(oidc_identiteiten__subject__isnull=False, username__startswith="oidc-")
    assert list(gebruiker.groups.all()) == []
    assert not gebruiker.has_usable_password()
    assert gebruiker.get_all_permissions() == set()
    assert "account aangemaakt zonder rol" in AuditRegel.objects.get(actie=AuditActie.AANGEMAAKT).toelichting


def test_zonder_mfa_bij_provider_vraagt_meldpunt_de_eigen_tweede_factor(client, oidc_aan):
    from django_otp.oath import totp

    sub = oidc_aan.gebruiker("otto.op", wachtwoord=OP_WACHTWOORD, mfa=False)
    otto = GebruikerFactory(username="otto", rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=otto, confirmed=True)
    identiteit_koppelen(gebruiker=otto, subject=sub, reden="test", door=None)
    response = _via_provider(client, oidc_aan, "otto.op")
    assert response["Location"].startswith(reverse("kern:tweede_factor"))
    # Signed in at the provider, but without a second factor the workspace stays closed.
    assert client.get(ADMIN).status_code == 302
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"
    response = client.post(reverse("kern:tweede_factor"), {"token": code, "next": ADMIN})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    # The provider's login row says Meldpunt asked its own factor; the second-factor
    # step writes its own login row too (docs/threat-model.md).
    assert AuditRegel.objects.filter(
        actie=AuditActie.INGELOGD, toelichting__contains="tweede factor in Meldpunt gevraagd"
    ).exists()


def test_gedeactiveerd_account_in_meldpunt_wordt_geweigerd(client, oidc_aan):
    sub = oidc_aan.gebruiker("oud.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    oud = GebruikerFactory(username="oud", rol=Rol.VERTROUWENSPERSOON, is_active=False)
    identiteit_koppelen(gebruiker=oud, subject=sub, reden="test", door=None)
    _via_provider(client, oidc_aan, "oud.op")
    assert "_auth_user_id" not in client.session
    assert AuditRegel.objects.get(actie=AuditActie.INLOGGEN_GEWEIGERD).object_uuid == str(oud.uuid)


def test_auditlog_bevat_geen_tokens_of_subject(client, oidc_aan):
    sub = oidc_aan.gebruiker("tina.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    tina = GebruikerFactory(username="tina", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=tina, subject=sub, reden="test", door=None)
    _via_provider(client, oidc_aan, "tina.op")
    id_token = client.session["oidc_id_token"]
    assert id_token.count(".") == 2
    tekst = " ".join(f"{r.actie} {r.object_type} {r.object_uuid} {r.toelichting}" for r in AuditRegel.objects.all())
    assert AuditRegel.objects.filter(actie=AuditActie.INGELOGD).count() == 1
    for geheim in (id_token, *id_token.split("."), sub, f"{sub}\n"):
        assert geheim not in tekst.split()
    # The identity's rows (link, match) share its UUID, not its subject.
    identiteit = OidcIdentiteit.objects.get(gebruiker=tina)
    assert AuditRegel.objects.filter(object_uuid=str(identiteit.uuid)).count() == 2


def test_id_token_van_andere_issuer_wordt_geweigerd(client, oidc_aan, settings):
    sub = oidc_aan.gebruiker("iris.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    iris = GebruikerFactory(username="iris", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=iris, subject=sub, reden="test", door=None)
    settings.OIDC_OP_ISSUER = "https://andere-provider.example"
    _via_provider(client, oidc_aan, "iris.op")
    assert "_auth_user_id" not in client.session


def test_uitloggen_beeindigt_ook_de_sessie_bij_de_provider(client, oidc_aan):
    sub = oidc_aan.gebruiker("uma.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    uma = GebruikerFactory(username="uma", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=uma, subject=sub, reden="test", door=None)
    _via_provider(client, oidc_aan, "uma.op")
    id_token = client.session["oidc_id_token"]
    pagina = client.get(ADMIN)
    assert "127.0.0.1" in pagina["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    response = client.post(reverse("kern:uitloggen"))
    doel = urlsplit(response["Location"])
    assert f"{doel.scheme}://{doel.netloc}{doel.path}" == f"{oidc_aan.issuer}/end-session"
    assert parse_qs(doel.query)["id_token_hint"] == [id_token]
    assert "_auth_user_id" not in client.session


def test_oidc_uit_zonder_configuratie(client):
    assert client.get(reverse("kern_oidc:start")).status_code == 404
    assert "Inloggen via uw organisatie" not in client.get(reverse("kern:inloggen")).content.decode()


@pytest.mark.parametrize(
    ("claims", "verwacht"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": "mfa"}, True),
        ({"amr": ["pwd"]}, False),
        ({}, False),
        ({"acr": "urn:test:loa:hoog"}, True),
        ({"acr": "urn:test:loa:laag"}, False),
    ],
)
def test_amr_en_acr_bepalen_of_de_tweede_factor_van_de_provider_telt(settings, claims, verwacht):
    settings.MELDPUNT_OIDC_MFA_ACR = ["urn:test:loa:hoog"]
    assert mfa_door_provider(claims) is verwacht


def test_koppelen_door_beheer_is_geaudit_en_een_subject_hoort_bij_een_account(settings):
    from django.core.management import CommandError, call_command

    settings.OIDC_OP_ISSUER = "https://login.example/tenant/v2.0"
    eerste = GebruikerFactory(username="eerste", rol=Rol.VERTROUWENSPERSOON)
    tweede = GebruikerFactory(username="tweede", rol=Rol.VERTROUWENSPERSOON)
    call_command("oidc_koppelen", "eerste", "--subject", "abc-123", "--reden", "aanstelling")
    regel = AuditRegel.objects.get(actie=AuditActie.AANGEMAAKT)
    assert regel.toelichting == "oidc gekoppeld: aanstelling"
    assert regel.object_uuid == str(OidcIdentiteit.objects.get(gebruiker=eerste).uuid)
    with pytest.raises(CommandError):
        call_command("oidc_koppelen", "tweede", "--subject", "abc-123", "--reden", "vergissing")
    assert not OidcIdentiteit.objects.filter(gebruiker=tweede).exists()
    call_command("oidc_koppelen", "eerste", "--ontkoppelen", "--reden", "uit dienst")
    assert not OidcIdentiteit.objects.exists()
    assert AuditRegel.objects.filter(actie=AuditActie.VERWIJDERD, toelichting="oidc ontkoppeld: uit dienst").exists()


def test_ondertekenen_zonder_eigen_authenticator_verwijst_naar_koppelen(client, oidc_aan):
    """The provider's second factor never signs: a fresh code from Meldpunt's own
    authenticator is asked, and whoever has none is sent to enrol one first."""
    from django.core.exceptions import ValidationError
    from django_otp.oath import totp

    from kern.ondertekening import document_ondertekenen

    sub = oidc_aan.gebruiker("hanna.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    hanna = GebruikerFactory(username="hanna", rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    identiteit_koppelen(gebruiker=hanna, subject=sub, reden="test", door=None)
    _via_provider(client, oidc_aan, "hanna.op")
    werkplek = client.get(ADMIN).content.decode()
    assert reverse("kern_oidc:authenticator") in werkplek
    with pytest.raises(ValidationError) as fout:
        document_ondertekenen(inhoud=b"besluit", omschrijving="besluit", door=hanna, totp_code="123456")
    assert "/personeel/oidc/authenticator/" in str(fout.value)
    # The provider's device is no signing device.
    from kern.oidc.models import ProviderMfaApparaat

    assert not ProviderMfaApparaat.objects.get(user=hanna).verify_token("123456")

    pagina = client.get(reverse("kern_oidc:authenticator"))
    assert b"<svg" in pagina.content
    apparaat = TOTPApparaat.objects.get(user=hanna, confirmed=False)
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"
    assert client.post(reverse("kern_oidc:authenticator"), {"token": code, "next": ADMIN})["Location"] == ADMIN
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    apparaat.last_t = -1
    apparaat.save(update_fields=["last_t"])
    ondertekening = document_ondertekenen(inhoud=b"besluit", omschrijving="besluit", door=hanna, totp_code=code)
    assert ondertekening.ondertekenaar == hanna


def test_authenticator_koppelen_alleen_met_geverifieerde_sessie(client):
    client.force_login(GebruikerFactory(rol=Rol.VERTROUWENSPERSOON))
    assert client.get(reverse("kern_oidc:authenticator"))["Location"] == reverse("kern:inloggen")


def test_sessie_wordt_na_de_interval_bij_de_provider_herbevestigd(client, oidc_aan):
    sub = oidc_aan.gebruiker("rik.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    rik = GebruikerFactory(username="rik", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=rik, subject=sub, reden="test", door=None)
    _via_provider(client, oidc_aan, "rik.op")
    assert client.get(ADMIN).status_code == 200
    sessie = client.session
    sessie["oidc_id_token_expiration"] = 0
    sessie.save()
    response = client.get(ADMIN)
    assert response.status_code == 302
    doel = urlsplit(response["Location"])
    assert response["Location"].startswith(oidc_aan.issuer)
    assert parse_qs(doel.query)["prompt"] == ["none"]
    # The provider refuses (e.g. account closed): the session ends, audited.
    state = parse_qs(doel.query)["state"][0]
    response = client.get(reverse("kern_oidc:terug"), {"error": "login_required", "state": state})
    assert response["Location"] == reverse("kern:inloggen")
    assert "_auth_user_id" not in client.session
    regel = AuditRegel.objects.get(actie=AuditActie.INLOGGEN_GEWEIGERD)
    assert (regel.actor, regel.toelichting) == (rik, "oidc: provider weigert (login_required)")


def test_wachtwoordsessie_wordt_nooit_naar_de_provider_gestuurd(client, oidc_aan):
    from django_otp.oath import totp

    from kern.tests.factories import WACHTWOORD

    gebruiker = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True)
    client.post(reverse("kern:inloggen"), {"username": gebruiker.username, "password": WACHTWOORD})
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"
    client.post(reverse("kern:tweede_factor"), {"token": code, "next": ADMIN})
    assert client.get(ADMIN).status_code == 200
    assert client.post(reverse("kern:uitloggen"))["Location"] == reverse("kern:inloggen")


def test_weigeringen_van_onbekende_subjects_blokkeren_anderen_niet(client, oidc_aan, settings):
    """django-axes counts failures per username; a refused OIDC login has none, so a
    stranger's repeated attempts must not lock the provider login for everyone."""
    settings.AXES_FAILURE_LIMIT = 2
    oidc_aan.gebruiker("vreemde.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    for _ in range(3):
        _via_provider(client, oidc_aan, "vreemde.op")
    sub = oidc_aan.gebruiker("wim.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    wim = GebruikerFactory(username="wim", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=wim, subject=sub, reden="test", door=None)
    client.logout()
    assert _via_provider(client, oidc_aan, "wim.op")["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_foutmelding_zonder_eigen_inlogpoging_schrijft_geen_auditregel(client, oidc_aan):
    client.get(reverse("kern_oidc:terug"), {"error": "access_denied", "state": "verzonnen"})
    assert not AuditRegel.objects.exists()
