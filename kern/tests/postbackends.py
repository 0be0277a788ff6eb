"""E-mail backends for the outbox tests (kern/post.py): a server that refuses one
address, one that drops the session on the messages to some addresses, a server
that cannot be reached, and a slow one (to make two senders overlap). The
delivered messages land in Django's locmem outbox."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

GEWEIGERD = "onbestelbaar@example.org"
VERBREEKT = "te-groot@example.org"


class WeigertEenAdres(LocmemBackend):
    """Refuses GEWEIGERD as an SMTP server does (550 user unknown); delivers the rest."""

    def send_messages(self, messages):
        for bericht in messages:
            if GEWEIGERD in bericht.recipients():
                raise smtplib.SMTPRecipientsRefused({GEWEIGERD: (550, b"5.1.1 user unknown")})
        return super().send_messages(messages)


class VerbreektBijEenAdres(WeigertEenAdres):
    """Drops the connection on any message to an address that starts with
    VERBREEKT's local part (as a server does that disconnects on a message its size
    limit or content filter rejects); refuses GEWEIGERD, delivers the rest."""

    def send_messages(self, messages):
        lokaal = VERBREEKT.split("@")[0]
        for bericht in messages:
            if any(adres.startswith(lokaal) for adres in bericht.recipients()):
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class ServerOnbereikbaar(BaseEmailBackend):
    """The mail server is down: every connection is refused."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class Traag(LocmemBackend):
    """Delivers, slowly, so that two senders run at the same time."""

    def send_messages(self, messages):
        time.sleep(0.02)
        return super().send_messages(messages)
