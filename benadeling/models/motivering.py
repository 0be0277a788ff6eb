"""The motivation duty (Art. 5.4): HR's check, the intended measure and the HL's
signed motivation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benadeling.constants import (
    BenadelingType,
    MotiveringVerstrekking,
    VoornemenBron,
    VoornemenStatus,
)
from benadeling.models.bescherming import BeschermdPersoon
from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel, OndertekendDocument


class Personeelstoets(BasisModel):
    """HR's submission of an intended adverse measure (Art. 5.4). HR sees no case:
    the row holds no link to one, only the blind indexes it was matched with."""

    organisatie = models.ForeignKey(
        "meldingen.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingediend door")
    )
    soort = models.CharField(_("voorgenomen maatregel"), max_length=10, choices=BenadelingType.choices)
    omschrijving = VersleuteldTekstVeld(_("toelichting"), blank=True)
    beoogd_op = models.DateField(_("beoogde datum"))
    personeelsnummer_index = models.CharField(
        _("blinde index personeelsnummer"), max_length=64, blank=True, editable=False
    )
    email_index = models.CharField(_("blinde index e-mailadres"), max_length=64, blank=True, editable=False)
    # When the check was matched against the protected persons (toets_matchen), set in
    # the same transaction as the match's result, whatever it was. Empty: not matched
    # yet (the task was lost with the broker); the catch-up run matches it, and the
    # retention rule never deletes it (docs/retention.md, "HR checks").
    gematcht_op = models.DateTimeField(_("gematcht op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("toets voorgenomen maatregel")
        verbose_name_plural = _("toetsen voorgenomen maatregelen")
        default_permissions = ("add",)
        indexes = [
            # The catch-up run's query: the checks not matched yet.
            models.Index(
                fields=["created_at"], condition=models.Q(gematcht_op__isnull=True), name="toets_nog_te_matchen"
            ),
            # Re-matching when someone becomes protected: the checks of the organisation
            # with the person's blind index.
            models.Index(fields=["organisatie", "personeelsnummer_index"], name="toets_personeelsnummer"),
            models.Index(fields=["organisatie", "email_index"], name="toets_email"),
        ]

    def __str__(self):
        return f"{_('Toets')} {self.created_at:%d-%m-%Y}"


class VoorgenomenMaatregel(BasisModel):
    """An adverse measure of Art. 5.2 intended against a protected person. Within
    the organisation's period it cannot be recorded as taken without the HL's
    signed motivation (Art. 5.4)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="voorgenomen_maatregelen", verbose_name=_("melding")
    )
    beschermd_persoon = models.ForeignKey(
        BeschermdPersoon, on_delete=models.PROTECT, related_name="maatregelen", verbose_name=_("beschermd persoon")
    )
    bron = models.CharField(_("bron"), max_length=20, choices=VoornemenBron.choices)
    toets = models.ForeignKey(
        Personeelstoets,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toets voorgenomen maatregel"),
    )
    soort = models.CharField(_("maatregel"), max_length=10, choices=BenadelingType.choices)
    omschrijving = VersleuteldTekstVeld(_("omschrijving"), blank=True)
    beoogd_op = models.DateField(_("beoogde datum"))
    motivering_vereist = models.BooleanField(_("motivering vereist (Art. 5.4)"), default=False)
    status = models.CharField(_("status"), max_length=30, choices=VoornemenStatus.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    motivering_gevraagd_op = models.DateTimeField(_("motivering gevraagd op"), null=True, blank=True)
    genomen_op = models.DateTimeField(_("als genomen vastgelegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voorgenomen benadelende maatregel")
        verbose_name_plural = _("voorgenomen benadelende maatregelen")
        ordering = ["created_at", "id"]
        constraints = [
            # One task per HR check and protected person: the match task may run twice.
            models.UniqueConstraint(
                fields=["toets", "beschermd_persoon"],
                condition=models.Q(toets__isnull=False),
                name="voornemen_eenmaal_per_toets",
            ),
        ]

    def __str__(self):
        return self.get_soort_display()


class Motivering(OndertekendDocument):
    """Art. 5.4: why the measure is needed and why it is unrelated to the report,
    signed by the HL (or the hoogste verantwoordelijke on a routed case)."""

    voornemen = models.ForeignKey(
        VoorgenomenMaatregel,
        on_delete=models.PROTECT,
        related_name="motiveringen",
        verbose_name=_("voorgenomen maatregel"),
    )
    waarom_nodig = VersleuteldTekstVeld(_("waarom de maatregel nodig is"))
    geen_verband = VersleuteldTekstVeld(_("waarom de maatregel geen verband houdt met de melding"))
    # Art. 5.4 "motiveert hij": when and how the signed motivation reached the
    # person concerned (the melder in the mailbox; another protected person by hand
    # or by post, recorded by an officer). The signed content itself never changes.
    verstrekt_op = models.DateTimeField(_("aan de betrokkene gegeven op"), null=True, blank=True)
    verstrekt_wijze = models.CharField(
        _("gegeven via"), max_length=20, choices=MotiveringVerstrekking.choices, blank=True
    )
    verstrekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstrekt door"),
    )

    class Meta:
        verbose_name = _("motivering")
        verbose_name_plural = _("motiveringen")
        constraints = [models.UniqueConstraint(fields=["voornemen", "versie"], name="motivering_versie_uniek")]

    def __str__(self):
        return f"{_('Motivering')} v{self.versie}"
