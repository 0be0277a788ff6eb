"""Passkeys (WebAuthn) in a real browser, with Chromium's virtual authenticator
(DevTools protocol `WebAuthn.*`): added after a TOTP login, then used as the
second step after the password (kern/passkeys.py; docs/threat-model.md §2)."""

import pytest

from kern.models import AuditRegel, TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import WACHTWOORD, GebruikerFactory
from tests.e2e.conftest import medewerker_venster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtuele_authenticator(pagina) -> None:
    cdp = pagina.context.new_cdp_session(pagina)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_passkey_toevoegen_en_ermee_inloggen(live_server, browser):
    from django_otp_webauthn.models import WebAuthnCredential

    gebruiker = GebruikerFactory(username="vera", rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True, name="telefoon")
    pagina = medewerker_venster(browser, live_server.url, gebruiker, apparaat)
    csp_fouten = []
    pagina.on("console", lambda m: "Content Security Policy" in m.text and csp_fouten.append(m.text))
    _virtuele_authenticator(pagina)

    pagina.goto(f"{live_server.url}/personeel/passkey/")
    pagina.get_by_role("button", name="Passkey registreren").click()
    pagina.wait_for_function(
        "() => document.getElementById('passkey-register-status-message')?.textContent.trim().length > 0"
    )
    assert WebAuthnCredential.objects.filter(user=gebruiker, confirmed=True).count() == 1

    # Log out, log in again: password, then the passkey instead of a TOTP code.
    pagina.goto(f"{live_server.url}/admin/")
    # Wait for the logout to finish: a navigation still in flight aborts the next goto.
    with pagina.expect_navigation():
        pagina.evaluate("() => document.querySelector('form[action$=\"/personeel/uitloggen/\"]').submit()")
    pagina.context.clear_cookies()
    pagina.goto(f"{live_server.url}/personeel/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill("vera")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_url("**/tweede-factor/**")
    pagina.get_by_role("button", name="Inloggen met passkey").click()
    pagina.wait_for_url(f"{live_server.url}/admin/")
    assert pagina.get_by_role("heading", name="Werkplek").is_visible()
    assert AuditRegel.objects.filter(actor=gebruiker, actie="ingelogd").count() == 2
    assert csp_fouten == []
