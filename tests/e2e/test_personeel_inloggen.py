"""Staff login in a real browser: password, TOTP second factor, admin without
Content-Security-Policy violations."""

import pytest
from django_otp.oath import totp

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(page):
    page.csp_fouten = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_fouten.append(m.text))
    return page


def test_vertrouwenspersoon_logt_in_met_tweede_factor(live_server, pagina):
    gebruiker = GebruikerFactory(username="vera", rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=gebruiker, confirmed=True, name="telefoon")
    pagina.goto(f"{live_server.url}/admin/")
    assert "/personeel/inloggen/" in pagina.url
    pagina.get_by_label("Gebruikersnaam").fill("vera")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_url("**/tweede-factor/**")
    code = totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits)
    pagina.get_by_label("Code uit uw authenticator-app").fill(f"{code:06d}")
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(f"{live_server.url}/admin/")
    assert pagina.get_by_role("heading", name="Werkplek").is_visible()
    pagina.goto(f"{live_server.url}/admin/meldingen/melding/")
    assert pagina.get_by_role("heading", name="Selecteer melding om te wijzigen").is_visible()
    assert pagina.csp_fouten == []
