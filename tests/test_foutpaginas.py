"""The error pages (404, 403, CSRF failure, 400, 500) are the project's own: in
the visitor's language, accessible, with the way back to the front door, the
mailbox and the staff login, and nothing of what the visitor sent (issue 16: the
melder's front door; docs/vertrouwelijkheid.md: no identity on error pages).

Before, Django's bare English pages answered: a melder who mistyped the address
of the form, or whose CSRF cookie was gone when sending a report, got "Not Found"
or "CSRF verification failed" and no way on."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path, reverse

from config import urls as applicatie_urls
from kern import foutpaginas
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal
from meldingen.models import Melding
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from onderzoek.tests.factories import Zaak
from tests.beheerdersgrens.hulp import ingelogd_als

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_foutpaginas")]

NAAM = "Marieke Verbeek-Zonneveld"


def _storing(request):
    raise RuntimeError(f"interne fout met {NAAM}")


def _verboden(request):
    raise PermissionDenied(f"niet voor {NAAM}")


def _onleesbaar(request):
    raise SuspiciousOperation(f"vreemd verzoek van {NAAM}")


urlpatterns = [
    path("test/storing/", _storing),
    path("test/verboden/", _verboden),
    path("test/onleesbaar/", _onleesbaar),
    path("personeel/test/verboden/", _verboden),
    path("personeel/test/storing/", _storing),
    path("personeel/test/onleesbaar/", _onleesbaar),
    path("admin/test/storing/", _storing),
    path("admin/test/onleesbaar/", _onleesbaar),
    *applicatie_urls.urlpatterns,
]
# Django takes the error handlers from the root URLconf, which this module is in these tests.
handler400 = applicatie_urls.handler400
handler500 = applicatie_urls.handler500


def _terugweg(html: str) -> None:
    """Every error page leads back to the front door, the mailbox and the staff login."""
    for adres in (reverse("voordeur"), reverse("meldingen:box_openen"), reverse("kern:inloggen")):
        assert f'href="{adres}"' in html, adres


@pytest.mark.parametrize(
    "pad",
    [
        "/bestaat-niet/",
        "/melden/organisatie-die-niet-bestaat/",
        "/melden/box/brief/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_404_is_een_nederlandse_pagina_met_de_weg_terug(client, pad):
    antwoord = client.get(pad)
    html = antwoord.content.decode()
    assert antwoord.status_code == 404
    assert '<html lang="nl">' in html
    assert "<title>Pagina niet gevonden · Meldpunt</title>" in html
    assert "<h1>Deze pagina is er niet</h1>" in html
    assert "Not Found" not in html
    _terugweg(html)


def test_404_in_het_engels_voor_wie_engels_kiest(client):
    antwoord = client.get("/melden/organisatie-die-niet-bestaat/", HTTP_ACCEPT_LANGUAGE="en")
    html = antwoord.content.decode()
    assert antwoord.status_code == 404
    assert '<html lang="en">' in html
    assert "This page does not exist" in html
    # The language switch works on the error page too: back to Dutch.
    assert 'name="language" value="nl"' in html


@pytest.mark.parametrize(
    ("pad", "status", "teksten"),
    [
        ("/test/verboden/", 403, ["Er is niets gewijzigd."]),
        ("/test/onleesbaar/", 400, ["Dit verzoek kunnen we niet verwerken"]),
        ("/test/storing/", 500, ["Er ging iets mis aan onze kant", "ontvangstcode"]),
    ],
    ids=["403", "400", "500"],
)
def test_eigen_foutpagina_zonder_de_reden_of_de_fout(pad, status, teksten):
    """403 says nothing was changed, 400 that it was not processed, 500 what the
    melder can do; none shows the reason or the exception (which name the melder
    here)."""
    antwoord = Client(raise_request_exception=False).get(pad)
    html = antwoord.content.decode()
    assert antwoord.status_code == status
    for tekst in teksten:
        assert tekst in html
    assert NAAM not in html
    assert "RuntimeError" not in html
    _terugweg(html)


def test_csrf_fout_bij_het_meldformulier_slaat_niets_op_en_toont_de_invoer_niet():
    """A report sent without the CSRF cookie (cookies blocked or cleared): a page
    that says nothing was stored and what to do, not Django's technical one; and
    nothing of the report or the melder's identity comes back in it."""
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON)
    melder = Client(enforce_csrf_checks=True)
    antwoord = melder.post(
        reverse("meldingen:melden", kwargs={"slug": organisatie.slug}),
        {
            "omschrijving": "Op de bouwplaats worden steigers zonder keuring gebruikt.",
            "kanaal": Kanaal.VERTROUWENSPERSOON,
            "identiteitskeuze": "vertrouwelijk",
            "naam": NAAM,
            "toestemming": "ja",
            "hl_betrokken": "nee",
            "categorie": "onbekend",
        },
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 403
    assert "Uw formulier is niet verzonden" in html
    assert "Er is niets opgeslagen of verstuurd." in html
    assert "CSRF verification failed" not in html
    assert NAAM not in html
    assert "steigers" not in html
    assert not Melding.objects.exists()
    _terugweg(html)
    # The answer sets a fresh CSRF cookie, so going back and sending again works.
    assert "csrftoken" in antwoord.cookies


@pytest.mark.parametrize(
    ("beschrijving", "verzoek", "status"),
    [
        (
            "te groot verzoek",
            lambda c: c.post("/melden/box/", b"x", "application/octet-stream", CONTENT_LENGTH=str(2 * 1024**3)),
            413,
        ),
        ("onbekende host", lambda c: c.get("/", HTTP_HOST="evil.example"), 400),
        ("slash erbij", lambda c: c.get("/melden/box"), 301),
        ("onbekend adres", lambda c: c.get("/bestaat-niet/"), 404),
    ],
)
def test_beveiligingskoppen_ook_op_antwoorden_van_voor_de_view(beschrijving, verzoek, status):
    """The security headers come from the outermost middleware: also the answers
    that middleware gives before any view runs (the body cap, ALLOWED_HOSTS,
    APPEND_SLASH) carry them. Before, those HTML pages lacked the CSP and
    X-Frame-Options (the 413 page all four), so they could be framed."""
    antwoord = verzoek(Client(raise_request_exception=False))
    assert antwoord.status_code == status, beschrijving
    assert "frame-ancestors 'none'" in antwoord["Content-Security-Policy"]
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_405_formulieradres_los_geopend_geeft_een_pagina_en_geen_lege(client, taal):
    """The mailbox's message form posts to its own address; opened in the address
    bar (Enter after sending, a bookmark) Django answered 405 with an empty body."""
    antwoord = client.get(reverse("meldingen:box_bericht"), HTTP_ACCEPT_LANGUAGE=taal)
    html = antwoord.content.decode()
    assert antwoord.status_code == 405
    assert antwoord["Allow"] == "POST"
    assert antwoord["Content-Type"] == "text/html; charset=utf-8"
    assert f'<html lang="{taal}">' in html
    kop = {"nl": "Dit adres hoort bij een formulier", "en": "This address belongs to a form"}[taal]
    assert f"<h1>{kop}</h1>" in html
    _terugweg(html)


@pytest.mark.parametrize("methode", ["put", "delete", "options", "trace", "patch"])
@pytest.mark.parametrize("pad", ["/", "/melden/box/", "/melden/box/inhoud/"])
def test_openbare_paginas_nemen_alleen_hun_eigen_methoden(client, methode, pad):
    """Black-box pass: the public pages answered TRACE and OPTIONS with 200 and the
    whole page, and PUT or DELETE with a CSRF refusal. Now 405 with the Allow
    header and the project's page."""
    antwoord = getattr(client, methode)(pad)
    assert antwoord.status_code == 405
    assert "GET" in antwoord["Allow"]
    assert "Dit adres hoort bij een formulier" in antwoord.content.decode()


def test_meldformulier_neemt_alleen_get_head_en_post(client):
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON)
    pad = reverse("meldingen:melden", kwargs={"slug": organisatie.slug})
    assert client.head(pad).status_code == 200
    antwoord = client.generic("TRACE", pad)
    assert antwoord.status_code == 405
    assert antwoord["Allow"] == "GET, HEAD, POST"


# --- Staff addresses: the way back is the staff workspace ------------------------------


def _personeel_terugweg(html: str) -> None:
    """An error page under a staff address leads back to the staff workspace, not
    to the melder's front door and mailbox."""
    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("kern:inloggen")}"' in html
    assert f'href="{reverse("meldingen:box_openen")}"' not in html
    assert "Uw meldingsbox" not in html


def _zonder_csrf(html: str) -> str:
    # The language switch carries a fresh CSRF token on every page.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_art_7_404_in_de_admin_leidt_naar_de_werkruimte_en_verraadt_niets(client):
    """Art. 7 (confidentiality): a case the user may not see and a case that does not
    exist give the same answer, status and page; both lead back to the workspace."""
    zaak_van_een_ander = Zaak()
    medewerker = Zaak().ontvanger
    ingelogd_als(client, medewerker)
    adres_verboden = f"/admin/meldingen/melding/{zaak_van_een_ander.melding.pk}/change/"
    adres_ontbrekend = f"/admin/meldingen/melding/{zaak_van_een_ander.melding.pk + 100000}/change/"
    verboden, ontbrekend = client.get(adres_verboden), client.get(adres_ontbrekend)
    assert verboden.status_code == ontbrekend.status_code == 404
    # The same page; only the language switch's own return address (the address asked) differs.
    assert _zonder_csrf(verboden.content.decode()).replace(adres_verboden, "ADRES") == _zonder_csrf(
        ontbrekend.content.decode()
    ).replace(adres_ontbrekend, "ADRES")
    html = verboden.content.decode()
    assert "<h1>Deze pagina is er niet</h1>" in html
    assert zaak_van_een_ander.melding.registernummer not in html
    _personeel_terugweg(html)


@pytest.mark.parametrize("pad", ["/admin/bestaat-niet/", "/personeel/bestaat-niet/"])
def test_404_onder_een_personeelsadres_leidt_naar_de_werkruimte(client, pad):
    ingelogd_als(client, GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON))
    antwoord = client.get(pad)
    assert antwoord.status_code == 404
    _personeel_terugweg(antwoord.content.decode())


def test_403_onder_een_personeelsadres_leidt_naar_de_werkruimte():
    antwoord = Client(raise_request_exception=False).get("/personeel/test/verboden/", HTTP_ACCEPT_LANGUAGE="en")
    html = antwoord.content.decode()
    assert antwoord.status_code == 403
    assert "Nothing was changed." in html
    assert NAAM not in html
    _personeel_terugweg(html)
    assert "To your workspace" in html


# The 400 and 500 pages under a staff address (kern.foutpaginas.ongeldig_verzoek and
# .serverfout): Django's own handler rendered the 500 without the request, so staff got
# the melder's page with the way to the front door and the mailbox.

STAFFTEKST = {
    500: {
        "nl": ("Er ging iets mis aan onze kant", "Kijk in uw werkruimte of het is vastgelegd"),
        "en": ("Something went wrong on our side", "Check in your workspace whether it was recorded"),
    },
    400: {
        "nl": ("Dit verzoek kunnen we niet verwerken", "Probeer het opnieuw vanuit uw werkruimte."),
        "en": ("We cannot process this request", "Try again from your workspace."),
    },
}


def _verraadt_niets(html: str) -> None:
    """Nothing of the exception (which names a person here), of the melder's side or
    of the request."""
    assert NAAM not in html
    assert "RuntimeError" not in html
    assert "SuspiciousOperation" not in html
    assert "Traceback" not in html
    assert "ontvangstcode" not in html
    assert "receipt code" not in html


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize(
    ("pad", "status"),
    [
        ("/personeel/test/storing/", 500),
        ("/admin/test/storing/", 500),
        ("/personeel/test/onleesbaar/", 400),
        ("/admin/test/onleesbaar/", 400),
    ],
)
def test_art_7_500_en_400_onder_een_personeelsadres_leiden_naar_de_werkruimte(settings, client, taal, pad, status):
    settings.DEBUG = False
    medewerker = GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    ingelogd_als(client, medewerker)
    client.raise_request_exception = False
    antwoord = client.get(pad, HTTP_ACCEPT_LANGUAGE=taal)
    html = antwoord.content.decode()
    assert antwoord.status_code == status
    assert f'<html lang="{taal}">' in html
    kop, uitleg = STAFFTEKST[status][taal]
    assert f"<h1>{kop}</h1>" in html
    assert uitleg in html
    _personeel_terugweg(html)
    _verraadt_niets(html)
    # Not even who is logged in: the page is rendered without the request.
    assert medewerker.username not in html


def _kapotte_contextprocessor(request):
    raise RuntimeError(f"contextprocessor faalt voor {NAAM}")


@pytest.mark.parametrize(("pad", "status"), [("/personeel/test/storing/", 500), ("/personeel/test/onleesbaar/", 400)])
def test_500_en_400_komen_zonder_database_en_zonder_contextprocessors(settings, client, monkeypatch, pad, status):
    """The page must come up when the database (or a context processor) is what
    failed: it asks neither."""
    ingelogd_als(client, GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON))
    settings.DEBUG = False
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    "tests.test_foutpaginas._kapotte_contextprocessor",
                ],
            },
        }
    ]

    def geen_database(*args, **kwargs):
        raise OperationalError("database weg")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", geen_database)
    client.raise_request_exception = False
    antwoord = client.get(pad, HTTP_ACCEPT_LANGUAGE="en")
    html = antwoord.content.decode()
    assert antwoord.status_code == status
    assert STAFFTEKST[status]["en"][1] in html
    _personeel_terugweg(html)
    _verraadt_niets(html)
    assert "database weg" not in html


def test_500_onder_een_melderadres_blijft_de_melderpagina(settings):
    settings.DEBUG = False
    antwoord = Client(raise_request_exception=False).get("/test/storing/", HTTP_ACCEPT_LANGUAGE="en")
    html = antwoord.content.decode()
    assert antwoord.status_code == 500
    assert "Did you not see a receipt code" in html
    assert "Check in your workspace" not in html
    _terugweg(html)


def test_500_als_ook_de_foutpagina_faalt_een_vaste_pagina(settings, monkeypatch):
    """A static file missing from the manifest or a broken template: a fixed page in
    the visitor's language, still with the way back and nothing of the error."""
    settings.DEBUG = False

    def kapot(*args, **kwargs):
        raise ValueError(f"sjabloon kapot bij {NAAM}")

    monkeypatch.setattr(foutpaginas, "render_to_string", kapot)
    antwoord = Client(raise_request_exception=False).get("/personeel/test/storing/", HTTP_ACCEPT_LANGUAGE="en")
    html = antwoord.content.decode()
    assert antwoord.status_code == 500
    assert '<html lang="en">' in html
    assert "Something went wrong on our side" in html
    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("meldingen:box_openen")}"' not in html
    _verraadt_niets(html)
    assert "sjabloon kapot" not in html
