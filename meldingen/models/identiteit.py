"""The melder's identity, apart from the case and encrypted (Art. 7.2, docs/vertrouwelijkheid.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel
from meldingen.constants import WeigeringsGrond, WissingBron, WissingStatus


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


class Wissingsverzoek(BasisModel):
    """The melder's request to erase their identity before the retention period
    ends (AVG art. 17), answered by the receiving officer within one month (AVG
    art. 12(3); the term `identiteit_wissen`). Asked in the mailbox, or recorded by
    the officer when it came by post, e-mail, phone or in a meeting. The steps are
    meldingen.workflow.WISSING_OVERGANGEN; the service meldingen.services.identiteit.

    Holds nothing of the identity: the request, who answered and how. A refusal's
    reason is free text the melder reads in the letter; it goes with the case at
    destruction (meldingen.vernietiging)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="wissingsverzoeken", verbose_name=_("melding")
    )
    status = models.CharField(_("status"), max_length=20, choices=WissingStatus.choices, default=WissingStatus.GEVRAAGD)
    bron = models.CharField(_("ontvangen via"), max_length=20, choices=WissingBron.choices)
    # The moment the request was received: the term runs from its day (Amsterdam).
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    # None: the melder, in the mailbox.
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    weigeringsgrond = models.CharField(
        _("grond van de weigering"), max_length=30, choices=WeigeringsGrond.choices, blank=True
    )
    # Written for the melder, who reads it in the letter; may describe the case.
    weigeringsreden = VersleuteldTekstVeld(_("reden van de weigering"), blank=True)
    # The answer (AVG art. 12(3)-(4)); it reaches the melder at once, or when the
    # vertrouwenspersoon forwards it (Art. 7.3), and until then the request waits.
    brief = models.OneToOneField(
        "meldingen.Brief",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wissingsverzoek",
        verbose_name=_("brief met het antwoord"),
    )

    class Meta:
        verbose_name = _("verzoek om wissing van de identiteit")
        verbose_name_plural = _("verzoeken om wissing van de identiteit")
        ordering = ["ontvangen_op", "id"]
        constraints = [
            # One request waits at a time; after an answer the melder may ask again.
            models.UniqueConstraint(
                fields=["melding"], condition=Q(status=WissingStatus.GEVRAAGD), name="een_open_wissingsverzoek"
            ),
            # Answered means: when and by whom.
            models.CheckConstraint(
                condition=Q(status=WissingStatus.GEVRAAGD, besloten_op__isnull=True)
                | (~Q(status=WissingStatus.GEVRAAGD) & Q(besloten_op__isnull=False)),
                name="wissingsverzoek_besloten_met_datum",
            ),
            # AVG art. 12(4): a refusal, whole or in part, always has its ground and reason.
            models.CheckConstraint(
                condition=~Q(status__in=[WissingStatus.GEWEIGERD, WissingStatus.DEELS_GEWEIGERD])
                | (~Q(weigeringsgrond="") & ~Q(weigeringsreden="")),
                name="wissingsverzoek_weigering_met_reden",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.get_status_display()})"
