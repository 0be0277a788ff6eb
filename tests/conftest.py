"""A real OpenID Connect provider for the tests: django-oidc-provider in its own
process (tests/oidc_provider/), on a free loopback port, started once per
session. Meldpunt talks to it over HTTP exactly as to Entra ID or Keycloak."""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

BASIS = Path(__file__).resolve().parent.parent
CLIENT_ID = "meldpunt-test"
CLIENT_SECRET = "geheim-van-de-test-client-" + "z" * 20


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Provider:
    url: str
    omgeving: dict
    redirect_uris: list = field(default_factory=list)
    post_logout_uris: list = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    def beheer(self, *argumenten: str) -> str:
        uitvoer = subprocess.run(
            [sys.executable, "-m", "django", *argumenten],
            env=self.omgeving,
            cwd=BASIS,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if uitvoer.returncode:
            pytest.fail(f"Test provider command {argumenten} failed:\n{uitvoer.stderr[-3000:]}")
        return uitvoer.stdout

    def client_registreren(self, *, redirect_uri: str, post_logout_uri: str) -> None:
        if redirect_uri not in self.redirect_uris:
            self.redirect_uris.append(redirect_uri)
            self.post_logout_uris.append(post_logout_uri)
        argumenten = ["op_voorbereiden", "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET]
        for uri in self.redirect_uris:
            argumenten += ["--redirect-uri", uri]
        for uri in self.post_logout_uris:
            argumenten += ["--post-logout-uri", uri]
        self.beheer(*argumenten)

    def gebruiker(self, gebruikersnaam: str, *, wachtwoord: str = "", mfa: bool = False, email: str = "") -> str:
        """Create (or update) a user at the provider; returns its subject."""
        argumenten = ["op_gebruiker", gebruikersnaam]
        if wachtwoord:
            argumenten += ["--wachtwoord", wachtwoord]
        if email:
            argumenten += ["--email", email]
        if mfa:
            argumenten.append("--mfa")
        return json.loads(self.beheer(*argumenten))["sub"]

    def gebruiker_uitschakelen(self, gebruikersnaam: str) -> None:
        self.beheer("op_gebruiker", gebruikersnaam, "--uitschakelen")


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    poort = _vrije_poort()
    url = f"http://127.0.0.1:{poort}"
    omgeving = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OP_DATABASE": str(tmp_path_factory.mktemp("oidc-provider") / "op.sqlite3"),
        "OP_URL": url,
    }
    provider = Provider(url=url, omgeving=omgeving)
    provider.beheer("migrate", "--noinput", "-v", "0")
    provider.client_registreren(
        redirect_uri="http://testserver/personeel/oidc/terug/", post_logout_uri="http://testserver/personeel/inloggen/"
    )
    log = open(tmp_path_factory.mktemp("oidc-provider-log") / "op.log", "w")  # noqa: SIM115
    proces = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{poort}", "--noreload", "--skip-checks"],
        env=omgeving,
        cwd=BASIS,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        tot = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if proces.poll() is not None or time.monotonic() > tot:
                pytest.fail(f"The test OpenID provider did not start (see {log.name}).")
            time.sleep(0.2)
        yield provider
    finally:
        proces.terminate()
        proces.wait(timeout=10)
        log.close()


@pytest.fixture
def oidc_aan(settings, oidc_provider):
    """Meldpunt configured for the test provider, as an installation would via .env."""
    configuratie = requests.get(f"{oidc_provider.issuer}/.well-known/openid-configuration", timeout=5).json()
    settings.MELDPUNT_OIDC_AAN = True
    settings.OIDC_OP_ISSUER = configuratie["issuer"]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = configuratie["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = configuratie["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = configuratie["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = configuratie["jwks_uri"]
    settings.MELDPUNT_OIDC_END_SESSION_ENDPOINT = configuratie["end_session_endpoint"]
    settings.OIDC_CREATE_USER = False
    settings.SESSION_COOKIE_SAMESITE = "Lax"
    return oidc_provider
