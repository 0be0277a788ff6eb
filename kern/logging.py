"""Logging guard: never let a client address or query string reach a log line."""

import ipaddress
import logging
import re

_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Candidates for an IPv6 address: hex groups with at least two colons (and an IPv4
# tail). Only those `ipaddress` accepts are masked: a time such as 08:00:00 is a
# candidate but no address, and stays as it is.
_IPV6_KANDIDAAT = re.compile(r"(?<![0-9a-z:.])[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*(?![0-9a-z:])", re.IGNORECASE)


def _ipv6_maskeren(treffer: re.Match) -> str:
    kandidaat = treffer.group()
    # A sentence may end right after the address ("... from 2001:db8::1.").
    for deel in dict.fromkeys((kandidaat, kandidaat.rstrip("."), kandidaat.rstrip(".:"))):
        try:
            ipaddress.IPv6Address(deel)
        except ValueError:
            continue
        return "[adres]" + kandidaat[len(deel) :]
    return kandidaat


def adressen_maskeren(tekst: str) -> str:
    """Every IPv4 and IPv6 address in `tekst` as [adres]; nothing else changes."""
    return _IPV4.sub("[adres]", _IPV6_KANDIDAAT.sub(_ipv6_maskeren, tekst))


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
            record.msg = adressen_maskeren(record.msg)
        return True


class OnbekendeHostKort(logging.Filter):
    """django.security.DisallowedHost: one warning line, without the traceback.

    Django logs every request for a host not in ALLOWED_HOSTS as an ERROR with a
    traceback; a scanner trying names then fills the error log and hides real
    errors. The line itself stays (a misconfigured proxy shows up), as a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True
