"""The log guard (kern.logging): addresses masked, everything else left as it is;
a request for an unknown host is one warning line without a traceback."""

import logging

import pytest

from kern.logging import ZonderPersoonsgegevens, adressen_maskeren


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("run om 08:00:00 gestart, 2026-12-05 08:00:00,123", "run om 08:00:00 gestart, 2026-12-05 08:00:00,123"),
        ("verzoek van 192.168.1.10", "verzoek van [adres]"),
        ("verzoek van 2001:db8::1 en ::1", "verzoek van [adres] en [adres]"),
        ("vol: 2001:0db8:0000:0000:0000:ff00:0042:8329.", "vol: [adres]."),
        ("ingebed ::ffff:10.0.0.1", "ingebed [adres]"),
        ("termijn 12:30, kenmerk a:b:c", "termijn 12:30, kenmerk a:b:c"),
    ],
)
def test_adressen_gemaskeerd_tijden_niet(tekst, verwacht):
    """Before, the IPv6 pattern took any run of hex groups with colons: every time
    of day in a log message (08:00:00) became [adres]."""
    assert adressen_maskeren(tekst) == verwacht


def test_filter_maskeert_ook_de_argumenten_van_een_logregel():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "om %s van %s", ("08:15:00", "10.1.2.3"), None)
    ZonderPersoonsgegevens().filter(record)
    assert record.getMessage() == "om 08:15:00 van [adres]"


@pytest.mark.django_db
def test_onbekende_host_een_waarschuwing_zonder_traceback(client):
    """A scanner trying host names filled the error log with an ERROR and a
    traceback per request; now it is one warning line each."""
    vastgelegd: list[logging.LogRecord] = []

    class Opvanger(logging.Handler):
        def emit(self, record):
            vastgelegd.append(record)

    logger = logging.getLogger("django.security.DisallowedHost")
    opvanger = Opvanger()
    logger.addHandler(opvanger)
    try:
        antwoord = client.get("/", HTTP_HOST="scanner.invalid")
    finally:
        logger.removeHandler(opvanger)
    assert antwoord.status_code == 400
    assert len(vastgelegd) == 1
    assert vastgelegd[0].levelno == logging.WARNING
    assert vastgelegd[0].exc_info is None
    assert "scanner.invalid" in vastgelegd[0].getMessage()
