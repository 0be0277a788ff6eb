"""Logging guard: never let a client address or query string reach a log line."""

import logging
import re

_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b", re.IGNORECASE)


class ZonderPersoonsgegevens(logging.Filter):
    """Drops the request object from records and masks IP addresses.

    django.request attaches the request to error records; its repr can hold
    headers, cookies and form data. We keep method and path only.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.request = f"{getattr(request, 'method', '?')} {getattr(request, 'path', '?')}"
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        if isinstance(record.msg, str):
            record.msg = _IP.sub("[adres]", record.msg)
        return True
