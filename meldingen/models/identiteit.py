"""The melder's identity, apart from the case and encrypted (Art. 7.2, docs/vertrouwelijkheid.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel


class MelderIdentiteit(BasisModel):
    """Who made the report. Only the receiving officer sees it; anyone else only
    after the melder's written consent naming them (Art. 7.2).

    The blind-index columns hold a keyed HMAC of the normalised employee number
    and e-mail address (kern.crypto.blinde_index), so the HR check of Art. 5.4
    can match a protected person without decrypting or revealing anyone.
    """

    melding = models.OneToOneField(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="identiteit", verbose_name=_("melding")
    )
    naam = VersleuteldTekstVeld(_("naam"), blank=True)
    email = VersleuteldTekstVeld(_("e-mailadres"), blank=True)
    telefoon = VersleuteldTekstVeld(_("telefoonnummer"), blank=True)
    postadres = VersleuteldTekstVeld(_("postadres"), blank=True)
    personeelsnummer = VersleuteldTekstVeld(_("personeelsnummer"), blank=True)
    afdeling = VersleuteldTekstVeld(_("afdeling"), blank=True)
    personeelsnummer_index = models.CharField(
        _("blinde index personeelsnummer"), max_length=64, blank=True, db_index=True, editable=False
    )
    email_index = models.CharField(
        _("blinde index e-mailadres"), max_length=64, blank=True, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("identiteit van de melder")
        verbose_name_plural = _("identiteiten van melders")
        default_permissions = ()

    def __str__(self):
        return str(_("identiteit van de melder"))


class MelderAdviseur(BasisModel):
    """The adviser who assists the melder (a raadsman, a union or Huis voor
    Klokkenluiders adviser). Like the melder's identity: encrypted, apart, seen by
    the receiving officer; anyone else only with the written consent of both the
    melder and the adviser (Art. 7.4, meldingen.services.adviseur)."""

    melding = models.OneToOneField(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="adviseur", verbose_name=_("melding")
    )
    naam = VersleuteldTekstVeld(_("naam"))
    organisatie = VersleuteldTekstVeld(_("organisatie"), blank=True)
    email = VersleuteldTekstVeld(_("e-mailadres"), blank=True)
    telefoon = VersleuteldTekstVeld(_("telefoonnummer"), blank=True)

    class Meta:
        verbose_name = _("adviseur van de melder")
        verbose_name_plural = _("adviseurs van melders")
        default_permissions = ()

    def __str__(self):
        return str(_("adviseur van de melder"))
