from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.models import BasisModel
from meldingen.constants import ToestemmingSoort
from meldingen.models.register import Melding


class Toestemming(BasisModel):
    """The melder's written consent (Art. 7.2, 7.4; docs/vertrouwelijkheid.md): to disclose the
    identity to named recipients, or to treat an advice request as a formal
    report. Given in the mailbox (an answered request) or as an uploaded signed
    document. Revoking ends it for the future."""

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="toestemmingen", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort"), max_length=40, choices=ToestemmingSoort.choices)
    ontvangers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("aan"))
    verzoek = models.OneToOneField(
        "meldingen.Verzoek",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toestemming",
        verbose_name=_("verzoek"),
    )
    getekend_document = models.ForeignKey(
        "meldingen.Bijlage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("getekend document"),
    )
    gegeven_op = models.DateTimeField(_("gegeven op"), null=True, blank=True)
    # Art. 7.4: disclosing the adviser also needs the adviser's own written consent.
    adviseur_akkoord_op = models.DateTimeField(_("adviseur akkoord op"), null=True, blank=True)
    adviseur_document = models.ForeignKey(
        "meldingen.Bijlage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document van de adviseur"),
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.get_soort_display()} ({self.melding})"

    @property
    def geldig(self) -> bool:
        if self.soort == ToestemmingSoort.ADVISEUR_BEKENDMAKEN and self.adviseur_akkoord_op is None:
            return False
        return self.gegeven_op is not None and self.ingetrokken_op is None
