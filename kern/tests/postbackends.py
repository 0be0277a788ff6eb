"""E-mail backends for the outbox tests (kern/post.py): a server that refuses one
address, a server that cannot be reached, and a slow one (to make two senders
overlap). The delivered messages land in Django's locmem outbox."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

GEWEIGERD = "onbestelbaar@example.org"


class WeigertEenAdres(LocmemBackend):
    """Refuses GEWEIGERD as an SMTP server does (550 user unknown); delivers the rest."""

    def send_messages(self, messages):
        for bericht in messages:
            if GEWEIGERD in bericht.recipients():
                raise smtplib.SMTPRecipientsRefused({GEWEIGERD: (550, b"5.1.1 user unknown")})
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
