"""The melder's anonymous mailbox and what travels through it (docs/melderzijde.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import BasisModel
from kern.opslag import VersleuteldeOpslag
from kern.vastleggingen import GoedTeKeurenVastlegging
from meldingen import uitbreidingen
from meldingen.constants import BerichtRichting, MetadataBehandeling, VerzoekStatus


def _bestandspad(instance, filename):
    # Never the melder's filename on disk: it may identify them.
    return f"meldingen/{instance.melding.uuid}/{instance.uuid}"


class Meldingsbox(BasisModel):
    """Opened with the receipt code: a public lookup id (kenmerk) plus a secret.

    Only a keyed HMAC of the secret is stored (kern.crypto.blinde_index); the
    code itself is shown once and never kept (docs/melderzijde.md).
    """

    melding = models.OneToOneField(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="meldingsbox", verbose_name=_("melding")
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=16, unique=True)
    geheim_hmac = models.CharField(_("HMAC van het geheim"), max_length=64, editable=False)
    # Optional, for content-free "there is news" e-mails only.
    notificatie_email = VersleuteldTekstVeld(_("e-mailadres voor meldingen"), blank=True)
    laatst_geopend_op = models.DateTimeField(_("laatst geopend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("meldingsbox")
        verbose_name_plural = _("meldingsboxen")

    def __str__(self):
        return self.kenmerk


class VervangenOntvangstcode(models.Model):
    """A receipt code that a renewal replaced (meldingen.services.ontvangstcode),
    kept as the HMAC it had. Whoever still holds it, the melder who did not ask for
    a new one, is told when it was replaced instead of "wrong code": a renewal
    puts a working code in an officer's hands, and a melder without an e-mail
    address has no other way to learn of it (docs/melderzijde.md)."""

    meldingsbox = models.ForeignKey(
        Meldingsbox, on_delete=models.CASCADE, related_name="vervangen_codes", verbose_name=_("meldingsbox")
    )
    geheim_hmac = models.CharField(_("HMAC van het geheim"), max_length=64, editable=False)
    vervangen_op = models.DateTimeField(_("vervangen op"), default=timezone.now, editable=False)

    class Meta:
        default_permissions = ()
        ordering = ["vervangen_op", "id"]
        verbose_name = _("vervangen ontvangstcode")
        verbose_name_plural = _("vervangen ontvangstcodes")

    def __str__(self):
        return f"{self.meldingsbox} {self.vervangen_op:%Y-%m-%d}"


class MislukteCodepoging(models.Model):
    """One wrong or unknown receipt code: counted per lookup id and globally to
    slow guessing down. No IP address is stored (docs/melderzijde.md)."""

    kenmerk = models.CharField(_("kenmerk"), max_length=16, db_index=True)
    # Python's clock, like the checks that read it (meldingen.services.meldingsbox).
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        default_permissions = ()
        verbose_name = _("mislukte codepoging")
        verbose_name_plural = _("mislukte codepogingen")

    def __str__(self):
        return f"{self.kenmerk} {self.tijdstip}"


class Bericht(BasisModel):
    """A message in the mailbox, either way."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="berichten", verbose_name=_("melding")
    )
    richting = models.CharField(_("richting"), max_length=20, choices=BerichtRichting.choices)
    tekst = VersleuteldTekstVeld(_("bericht"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "id"]


class Bijlage(BasisModel):
    """An attachment, stored encrypted; served only through permission-checked views."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="bijlagen", verbose_name=_("melding")
    )
    bericht = models.ForeignKey(
        Bericht, on_delete=models.SET_NULL, null=True, blank=True, related_name="bijlagen", verbose_name=_("bericht")
    )
    bestand = models.FileField(_("bestand"), storage=VersleuteldeOpslag(), upload_to=_bestandspad, max_length=200)
    bestandsnaam = VersleuteldTekstVeld(_("bestandsnaam"))
    inhoudstype = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    metadata = models.CharField(_("verborgen gegevens"), max_length=30, choices=MetadataBehandeling.choices)
    van_melder = models.BooleanField(_("van de melder"), default=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["created_at", "id"]


class Brief(BasisModel):
    """A formal letter delivered to the melder's mailbox (PDF + text). Other apps
    deliver letters through meldingen.services.meldingsbox.brief_bezorgen."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="brieven", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort"), max_length=50, blank=True)
    onderwerp = VersleuteldTekstVeld(_("onderwerp"))
    tekst = VersleuteldTekstVeld(_("tekst"))
    pdf = models.FileField(_("pdf"), storage=VersleuteldeOpslag(), upload_to=_bestandspad, max_length=200, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    # Art. 7.3: reported via the vertrouwenspersoon without consent to disclose the
    # identity, all correspondence goes to the vertrouwenspersoon, who forwards it.
    # Until then the melder does not see the letter and its terms stay open.
    via_vertrouwenspersoon = models.BooleanField(_("via de vertrouwenspersoon"), default=False)
    bij_melder_op = models.DateTimeField(_("bij de melder op"), null=True, blank=True)
    sluit_termijnen = models.JSONField(_("sluit termijnen"), default=list, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["verzonden_op", "id"]


class Vastlegging(GoedTeKeurenVastlegging):
    """A written record of an oral report or a hearing. Final only when the person
    heard approved it (Art. 8.1–8.2, 10.1–10.2); the lifecycle is kern.vastleggingen."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="vastleggingen", verbose_name=_("melding")
    )
    titel = VersleuteldTekstVeld(_("titel"))
    tekst = VersleuteldTekstVeld(_("tekst"))
    artikel = models.CharField(_("artikel"), max_length=40, default="Art. 8.1")
    # Approval on paper: the signed copy the officer uploaded (Art. 8.1, docs/toestanden.md).
    getekend_exemplaar = models.ForeignKey(
        Bijlage, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("getekend exemplaar")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta(GoedTeKeurenVastlegging.Meta):
        verbose_name = _("vastlegging")
        verbose_name_plural = _("vastleggingen")
        ordering = ["created_at", "id"]


class Verzoek(BasisModel):
    """A request to the melder, answered in the mailbox. The app that opened it is
    called back through the handler registered for its soort (meldingen.uitbreidingen)."""

    melding = models.ForeignKey(
        "meldingen.Melding", on_delete=models.CASCADE, related_name="verzoeken", verbose_name=_("melding")
    )
    soort = models.CharField(_("soort"), max_length=40, choices=uitbreidingen.verzoeksoort_keuzes)
    vraag = VersleuteldTekstVeld(_("vraag"))
    # The object the request is about (a Vastlegging, a Rapport, ...), by label and UUID.
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_uuid = models.CharField(_("object"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=VerzoekStatus.choices, default=VerzoekStatus.OPEN)
    akkoord = models.BooleanField(_("akkoord"), null=True, blank=True)
    antwoord = VersleuteldTekstVeld(_("antwoord"), blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    # Art. 7.3: in a case reported via the vertrouwenspersoon, a request from anyone
    # else waits for the vertrouwenspersoon, who forwards it (bij_melder_op).
    via_vertrouwenspersoon = models.BooleanField(_("via de vertrouwenspersoon"), default=False)
    bij_melder_op = models.DateTimeField(_("bij de melder op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek aan de melder")
        verbose_name_plural = _("verzoeken aan de melder")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["melding", "status"])]
