"""Content-free e-mail notifications (docs/vertrouwelijkheid.md): no content, no names, no
register number. Sent after commit, so a rolled-back change never notifies."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding, Toewijzing


def ontvangers_notificeren(*, melding: Melding, nieuw: bool, behalve: Gebruiker | None = None) -> None:
    """Tell the receiving officers that something arrived: no content, no names,
    no register number (docs/vertrouwelijkheid.md). Sent after commit."""
    adressen = sorted(
        {
            t.gebruiker.email
            for t in Toewijzing.objects.filter(
                melding=melding, rol=ToewijzingRol.ONTVANGER, beeindigd_op=None
            ).select_related("gebruiker")
            if t.gebruiker.email and t.gebruiker.is_active and (behalve is None or t.gebruiker_id != behalve.pk)
        }
    )
    if not adressen:
        return
    onderwerp = _("Nieuwe melding in Meldpunt") if nieuw else _("Nieuw bericht in Meldpunt")
    tekst = _(
        "Er staat iets nieuws voor u klaar in Meldpunt. Log in om het te bekijken.\n\n"
        "Deze e-mail bevat bewust geen inhoud."
    )

    def versturen():
        for adres in adressen:
            send_mail(subject=onderwerp, message=tekst, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[adres])

    transaction.on_commit(versturen)


def melder_notificeren(*, melding: Melding) -> None:
    """Content-free "there is news" e-mail, only if the melder left an address."""
    box = getattr(melding, "meldingsbox", None)
    adres = box.notificatie_email if box else ""
    if not adres:
        return

    def versturen():
        send_mail(
            subject=_("Er is nieuws in uw meldingsbox"),
            message=_(
                "Er staat iets nieuws voor u klaar in uw meldingsbox.\n\n"
                "Open de meldingsbox met uw ontvangstcode op de website van het meldpunt.\n\n"
                "Deze e-mail bevat bewust geen inhoud."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[adres],
        )

    transaction.on_commit(versturen)
