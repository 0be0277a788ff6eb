from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self):
        from meldingen.regeling import aanbieder_registreren

        aanbieder_registreren(_regeling_url)


def _regeling_url(organisatie) -> str | None:
    """The public URL of the published regulation (Art. 14.1), for the report form."""
    from django.urls import reverse

    from rapportage.selectors import regeling_gepubliceerd

    if not regeling_gepubliceerd(organisatie=organisatie):
        return None
    return reverse("rapportage:regeling", kwargs={"slug": organisatie.slug})
