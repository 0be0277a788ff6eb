"""Staff sign in through the organisation's identity provider, in a real browser
against a real OpenID Connect provider (tests/conftest.py) on another site
(127.0.0.1 while Meldpunt runs on localhost, so the cross-site redirects are real)."""

import time

import pytest

from kern.models import AuditActie, AuditRegel, TOTPApparaat
from kern.oidc.services import identiteit_koppelen
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from tests.e2e.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OP_WACHTWOORD = "wachtwoord-bij-de-provider"
VERVERSEN_SECONDEN = 3


@pytest.fixture
def provider(oidc_aan, live_server, settings):
    oidc_aan.client_registreren(
        redirect_uri=f"{live_server.url}/personeel/oidc/terug/",
        post_logout_uri=f"{live_server.url}/personeel/inloggen/",
    )
    settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = VERVERSEN_SECONDEN
    return oidc_aan


@pytest.fixture
def pagina(page):
    page.csp_fouten = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_fouten.append(m.text))
    return page


def _via_organisatie(pagina, live_server, provider, gebruikersnaam):
    pagina.goto(f"{live_server.url}/admin/")
    assert "/personeel/inloggen/" in pagina.url
    pagina.get_by_role("link", name="Inloggen via uw organisatie").click()
    pagina.wait_for_url(f"{provider.url}/inloggen/**")
    pagina.get_by_label("Username").fill(gebruikersnaam)
    pagina.get_by_label("Password").fill(OP_WACHTWOORD)
    pagina.get_by_role("button", name="Sign in").click()


def test_vertrouwenspersoon_logt_in_via_de_organisatie_en_verliest_toegang_na_uitschakelen(
    live_server, pagina, provider, toegankelijkheid
):
    sub = provider.gebruiker("vera.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    vera = GebruikerFactory(username="vera", rol=Rol.VERTROUWENSPERSOON)
    identiteit_koppelen(gebruiker=vera, subject=sub, reden="aanstelling", door=None)

    # Sign in at the provider (which asserts MFA): straight to the workspace.
    _via_organisatie(pagina, live_server, provider, "vera.op")
    pagina.wait_for_url(f"{live_server.url}/admin/")
    assert pagina.get_by_role("heading", name="Werkplek").is_visible()
    # No authenticator of her own yet: told to enrol one before signing anything.
    pagina.get_by_role("link", name="Authenticator koppelen").click()
    pagina.wait_for_url("**/personeel/oidc/authenticator/**")
    toegankelijkheid(pagina, "authenticator koppelen")
    apparaat = TOTPApparaat.objects.get(user=vera, confirmed=False)
    pagina.get_by_label("Code uit uw authenticator-app").fill(totp_code(apparaat))
    pagina.get_by_role("button", name="Koppelen").click()
    pagina.wait_for_url(f"{live_server.url}/admin/")
    assert pagina.get_by_text("U kunt nu ondertekenen").is_visible()

    # Logout ends the provider's session too: signing in again asks the password.
    pagina.get_by_role("button", name="Uitloggen").click()
    pagina.wait_for_url(f"{live_server.url}/personeel/inloggen/")
    _via_organisatie(pagina, live_server, provider, "vera.op")
    pagina.wait_for_url(f"{live_server.url}/admin/")
    assert pagina.get_by_role("heading", name="Werkplek").is_visible()

    # Her account is closed at the provider: the open session ends at the next
    # re-confirmation (prompt=none is refused) ...
    provider.gebruiker_uitschakelen("vera.op")
    time.sleep(VERVERSEN_SECONDEN + 1)
    pagina.goto(f"{live_server.url}/admin/meldingen/melding/")
    pagina.wait_for_url(f"{live_server.url}/personeel/inloggen/")
    assert pagina.get_by_text("Uw sessie is beëindigd").is_visible()
    pagina.goto(f"{live_server.url}/admin/")
    assert "/personeel/inloggen/" in pagina.url

    # ... and she cannot sign in again.
    _via_organisatie(pagina, live_server, provider, "vera.op")
    pagina.wait_for_load_state()
    assert pagina.url.startswith(f"{provider.url}/inloggen/")
    pagina.goto(f"{live_server.url}/admin/")
    assert "/personeel/inloggen/" in pagina.url

    acties = list(AuditRegel.objects.filter(actor=vera).values_list("actie", flat=True))
    assert acties.count(AuditActie.INGELOGD) == 2
    assert AuditActie.INLOGGEN_GEWEIGERD in acties
    assert pagina.csp_fouten == []


def test_onbekend_subject_krijgt_geen_toegang(live_server, pagina, provider, toegankelijkheid):
    provider.gebruiker("vreemde.op", wachtwoord=OP_WACHTWOORD, mfa=True)
    pagina.goto(f"{live_server.url}/personeel/inloggen/")
    toegankelijkheid(pagina, "inlogpagina met de knop van de organisatie")
    GebruikerFactory(username="vreemde", rol=Rol.VERTROUWENSPERSOON)  # same person? Never guessed.
    _via_organisatie(pagina, live_server, provider, "vreemde.op")
    pagina.wait_for_url(f"{live_server.url}/personeel/inloggen/")
    assert pagina.get_by_text("gaf geen toegang tot Meldpunt").is_visible()
    toegankelijkheid(pagina, "inlogpagina met de weigering")
    pagina.goto(f"{live_server.url}/admin/")
    assert "/personeel/inloggen/" in pagina.url
    assert AuditRegel.objects.filter(actie=AuditActie.INLOGGEN_GEWEIGERD, toelichting="oidc: onbekend subject").exists()
