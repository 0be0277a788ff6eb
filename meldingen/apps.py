from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # Registers the mailbox's own request handlers (meldingen.verzoeken).
        # An assignment or a function, ever, protects an account against resets
        # from the admin (kern.rollen.is_beschermd; docs/threat-model.md §3).
        from kern.rollen import BESCHERMINGSBRONNEN
        from meldingen.services import meldingsbox, toestemming  # noqa: F401

        BESCHERMINGSBRONNEN.append(_heeft_toewijzing_of_functie)


def _heeft_toewijzing_of_functie(gebruiker) -> bool:
    from meldingen.models import Functionaris, Rolwijziging, Toewijzing

    return (
        Toewijzing.objects.filter(gebruiker=gebruiker).exists()
        or Functionaris.objects.filter(gebruiker=gebruiker).exists()
        or Rolwijziging.objects.filter(betreft=gebruiker, status="goedgekeurd").exists()
    )
