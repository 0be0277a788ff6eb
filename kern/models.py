import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kern.opslag import versleutelde_opslag


class BasisModel(models.Model):
    """Abstract base: timestamps, and a UUID for URLs instead of the primary key."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class Gebruiker(AbstractUser):
    """A staff user. Melders never have an account: they use the mailbox code."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only: no update.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only: no delete.")

    # bulk_update goes through update(); bulk_create is allowed (appending).


class AppendOnlyModel(models.Model):
    """Rows are written once. The app refuses updates and deletes here; on
    PostgreSQL a trigger refuses them as well (see kern/migrations/0002)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only: no update.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only: no delete.")


class AuditActie(models.TextChoices):
    BEKEKEN = "bekeken", _("bekeken")
    AANGEMAAKT = "aangemaakt", _("aangemaakt")
    GEWIJZIGD = "gewijzigd", _("gewijzigd")
    VERWIJDERD = "verwijderd", _("verwijderd")
    GEDOWNLOAD = "gedownload", _("gedownload")
    GEEXPORTEERD = "geexporteerd", _("geëxporteerd")
    TOEGANG_VERLEEND = "toegang_verleend", _("toegang verleend")
    TOEGANG_INGETROKKEN = "toegang_ingetrokken", _("toegang ingetrokken")
    STATUS_GEWIJZIGD = "status_gewijzigd", _("status gewijzigd")
    IDENTITEIT_BEKEKEN = "identiteit_bekeken", _("identiteit bekeken")
    INGELOGD = "ingelogd", _("ingelogd")
    SLEUTELS_GEROTEERD = "sleutels_geroteerd", _("sleutels geroteerd")


class AuditRegel(AppendOnlyModel):
    """Append-only audit log: who did what to which object, when.

    Holds no case content and no personal data of melders: only the actor, the
    action, the object's type and UUID, and a short technical note.
    """

    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now(), db_index=True)
    actor = models.ForeignKey(
        "kern.Gebruiker",
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # For actions without a staff user: "melder" (mailbox) or "systeem" (tasks).
    actor_soort = models.CharField(_("soort actor"), max_length=20, default="gebruiker")
    actie = models.CharField(_("actie"), max_length=40, choices=AuditActie.choices)
    object_type = models.CharField(_("objecttype"), max_length=100)
    object_uuid = models.CharField(_("object"), max_length=64, db_index=True)
    toelichting = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["object_type", "object_uuid", "tijdstip"])]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie} {self.object_type}"


class Hartslag(models.Model):
    """One row per run of a periodic task, so a stopped scheduler is visible."""

    taak = models.CharField(max_length=100, db_index=True)
    tijdstip = models.DateTimeField(db_default=Now(), db_index=True)

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["taak", "-tijdstip"])]

    def __str__(self):
        return f"{self.taak} {self.tijdstip:%Y-%m-%d %H:%M}"


class Ondertekening(AppendOnlyModel, BasisModel):
    """A signature: who signed, when, and the SHA-256 of the exact bytes signed.

    Written once; the signed document can never change. A correction is a new
    document with a new signature (docs/toestanden.md; issue 6 sign-off)."""

    ondertekenaar = models.ForeignKey("kern.Gebruiker", on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(_("ondertekend op"), db_default=Now())
    document_hash = models.CharField(_("SHA-256 van het document"), max_length=64)
    omschrijving = models.CharField(_("wat is ondertekend"), max_length=200)

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.omschrijving} ({self.document_hash[:12]}…)"


class OndertekendDocument(BasisModel):
    """Abstract: a document the HL signs (docs/adr/0005-ondertekening.md). The PDF
    is stored encrypted; the signature holds the SHA-256 of those exact bytes, so
    a later change is detected (kern.ondertekening.is_ongewijzigd). Never edited:
    a correction is a new version pointing to the one it replaces."""

    document = models.FileField(storage=versleutelde_opslag, upload_to="ondertekend/%Y/")
    ondertekening = models.OneToOneField("kern.Ondertekening", on_delete=models.PROTECT, related_name="+")
    versie = models.PositiveSmallIntegerField(default=1)
    vervangt = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="vervangen_door"
    )

    class Meta:
        abstract = True
