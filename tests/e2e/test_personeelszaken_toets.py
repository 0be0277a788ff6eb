"""HR in a real browser: login with the second factor, from the dashboard to the
check form of Art. 5.4, the same answer for everyone, no CSP violations."""

import os
from datetime import timedelta

import pytest
from django_otp.oath import totp

from benadeling.models import VoorgenomenMaatregel
from benadeling.tests.factories import PERSONEELSNUMMER, personeelszaken_voor, zaak
from kern.models import TOTPApparaat
from kern.tests.factories import WACHTWOORD
from tests.e2e.test_personeel_inloggen import pagina  # noqa: F401  (the browser fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_art_5_4_personeelszaken_toetst_een_maatregel_in_de_browser(live_server, pagina):  # noqa: F811
    z = zaak()
    hr = personeelszaken_voor(z.melding.organisatie)
    apparaat = TOTPApparaat.objects.create(user=hr, confirmed=True, name="telefoon")
    pagina.goto(f"{live_server.url}/personeel/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(hr.username)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_url("**/tweede-factor/**")
    code = totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits)
    pagina.get_by_label("Code uit uw authenticator-app").fill(f"{code:06d}")
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(f"{live_server.url}/admin/")
    pagina.get_by_role("link", name="Naar het toetsformulier").click()
    pagina.wait_for_url("**/maatregel-toetsen/")
    pagina.get_by_label("Personeelsnummer").fill(PERSONEELSNUMMER)
    pagina.get_by_label("Voorgenomen maatregel (Art. 5.2)").select_option("5_2_g")
    pagina.get_by_label("Beoogde datum").fill((z.gemeld_op + timedelta(days=30)).isoformat())
    pagina.get_by_role("button", name="Vastleggen").click()
    assert pagina.get_by_role("status").inner_text().startswith("Vastgelegd.")
    assert z.melding.registernummer not in pagina.content()
    assert pagina.csp_fouten == []
    assert VoorgenomenMaatregel.objects.filter(melding=z.melding).count() == 1
