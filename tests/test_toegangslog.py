"""gunicorn's access log (config/gunicorn.conf.py): what a client puts in the
path cannot forge a log line or send terminal escapes to whoever reads the log."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

CONF = Path(__file__).resolve().parent.parent / "config" / "gunicorn.conf.py"


def _regels_na_verzoek(tmp_path, pad: str) -> list[str]:
    conf = runpy.run_path(str(CONF))
    cfg = Config()
    for naam in ("access_log_format", "logger_class"):
        cfg.set(naam, conf[naam])
    cfg.set("accesslog", str(tmp_path / "toegang.log"))
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": pad,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": pad,
        "QUERY_STRING": "",
        "REMOTE_ADDR": "203.0.113.9",
    }
    antwoord = SimpleNamespace(status="404 Not Found", sent=1234, headers=[])
    verzoek = SimpleNamespace(headers=[])
    logger.access(antwoord, verzoek, environ, timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "toegang.log").read_text().splitlines()


def test_nieuwe_regel_in_het_pad_vervalst_geen_logregel(tmp_path):
    regels = _regels_na_verzoek(tmp_path, "/x\n2026-12-05 08:00:00,000 ERROR vals\r\x1b[31mrood\x00\\")
    assert len(regels) == 1
    assert regels[0] == '"GET /x\\x0a2026-12-05 08:00:00,000 ERROR vals\\x0d\\x1b[31mrood\\x00\\\\" 404 1234 3ms'


def test_gewoon_pad_blijft_leesbaar_en_zonder_adres(tmp_path):
    regels = _regels_na_verzoek(tmp_path, "/melden/acme/")
    assert regels == ['"GET /melden/acme/" 404 1234 3ms']
