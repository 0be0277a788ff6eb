import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from kern.auditnotities import actor_soort_weergeven, toelichting_weergeven
from kern.fields import VersleuteldTekstVeld
from kern.opslag import versleutelde_opslag


def _totp_sleutel() -> str:
    return default_key()


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
    INLOGGEN_GEWEIGERD = "inloggen_geweigerd", _("inloggen geweigerd")
    SLEUTELS_GEROTEERD = "sleutels_geroteerd", _("sleutels geroteerd")


class AuditCategorie(models.TextChoices):
    """What an audit row is about: decides who may read it (docs/threat-model.md §4).

    Only `beheer` (configuration) and `inloggen` rows are shown in the admin; rows
    about cases, melders, protected persons, HR checks and routing are `geval`
    and shown to nobody there."""

    BEHEER = "beheer", _("configuratie")
    INLOGGEN = "inloggen", _("inloggen")
    GEVAL = "geval", _("zaak")


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
    categorie = models.CharField(
        _("categorie"), max_length=10, choices=AuditCategorie.choices, default=AuditCategorie.GEVAL, db_index=True
    )

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["object_type", "object_uuid", "tijdstip"])]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie} {self.object_type}"

    @property
    def toelichting_weergave(self) -> str:
        """The note in the reader's language (kern.auditnotities)."""
        return toelichting_weergeven(self.toelichting)

    @property
    def actor_soort_weergave(self) -> str:
        return actor_soort_weergeven(self.actor_soort)


class AuditZegel(AppendOnlyModel):
    """A seal over the audit rows with id in (`van_id`, `tot_id`]: their number and
    an HMAC over their contents, chained to the previous seal by its MAC, under a
    key the database does not hold (kern/auditzegels.py; docs/adr/0011-audit-zegels.md).

    Seals are numbered without gaps. `kandidaat_tot_id` and `wacht_op` are the
    next seal's plan: the rows up to that id are final once the transactions
    named in `wacht_op` (PostgreSQL virtual transaction ids) have ended."""

    nummer = models.PositiveBigIntegerField(_("zegelnummer"), unique=True)
    tijdstip = models.DateTimeField(_("tijdstip"))
    versie = models.PositiveSmallIntegerField(_("formaat"), default=1)
    van_id = models.BigIntegerField(_("na auditregel"))
    tot_id = models.BigIntegerField(_("tot en met auditregel"))
    aantal = models.PositiveIntegerField(_("aantal auditregels"))
    regels_mac = models.CharField(_("MAC van de auditregels"), max_length=64)
    kandidaat_tot_id = models.BigIntegerField(_("volgende grens"), null=True, blank=True)
    wacht_op = models.JSONField(_("wacht op transacties"), default=list, blank=True)
    sleutel_id = models.CharField(_("sleutel"), max_length=16)
    vorige_mac = models.CharField(_("MAC van de vorige zegel"), max_length=64, blank=True)
    mac = models.CharField(_("MAC van de zegel"), max_length=64)

    class Meta:
        verbose_name = _("auditzegel")
        verbose_name_plural = _("auditzegels")
        ordering = ["nummer"]
        # Nobody reads or writes seals through the admin: the sealer and the
        # verification do (docs/threat-model.md §6).
        default_permissions = ()
        constraints = [
            models.CheckConstraint(condition=models.Q(tot_id__gte=models.F("van_id")), name="auditzegel_bereik"),
        ]

    def __str__(self):
        return f"auditzegel {self.nummer} ({self.van_id}, {self.tot_id}]"


class Hartslag(models.Model):
    """One row per run of a periodic task, so a stopped scheduler is visible."""

    taak = models.CharField(_("taak"), max_length=100, db_index=True)
    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now(), db_index=True)

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

    ondertekenaar = models.ForeignKey(
        "kern.Gebruiker", on_delete=models.PROTECT, related_name="+", verbose_name=_("ondertekenaar")
    )
    tijdstip = models.DateTimeField(_("ondertekend op"), db_default=Now())
    document_hash = models.CharField(_("SHA-256 van het document"), max_length=64)
    omschrijving = models.CharField(_("wat is ondertekend"), max_length=200)

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.omschrijving} ({self.document_hash[:12]}…)"


class TOTPApparaat(TimestampMixin, ThrottlingMixin, Device):
    """A TOTP authenticator whose secret is encrypted at rest like case content.

    django-otp's TOTPDevice stores the key in plaintext: anyone with a database
    dump could compute every staff member's codes (docs/threat-model.md §2). This
    model keeps the same fields and reuses django-otp's TOTP logic unchanged (the
    methods below are TOTPDevice's own), only `key` is a Fernet-encrypted field."""

    key = VersleuteldTekstVeld(_("sleutel"), default=_totp_sleutel)
    step = models.PositiveSmallIntegerField(_("tijdstap (seconden)"), default=30)
    t0 = models.BigIntegerField(_("begintijd (t0)"), default=0)
    digits = models.PositiveSmallIntegerField(_("aantal cijfers"), choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(_("tolerantie (tijdstappen)"), default=1)
    drift = models.SmallIntegerField(_("afwijking (tijdstappen)"), default=0)
    last_t = models.BigIntegerField(_("laatst gebruikte tijdstap"), default=-1)

    bin_key = TOTPDevice.bin_key
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings

    class Meta(Device.Meta):
        verbose_name = _("authenticator")
        verbose_name_plural = _("authenticators")
        # No role gets any permission on second factors (docs/threat-model.md §2).
        default_permissions = ()


class RolHistorie(AppendOnlyModel):
    """Every group membership anyone ever got, written by a database trigger on
    the membership table (kern/migrations/0004), so also a change made from a
    shell or raw SQL leaves its row. Whoever ever held a case role stays protected
    against password and second-factor resets (docs/threat-model.md §3)."""

    gebruiker = models.ForeignKey(
        "kern.Gebruiker", on_delete=models.PROTECT, related_name="+", verbose_name=_("gebruiker")
    )
    groep = models.CharField(_("groep"), max_length=150)
    tijdstip = models.DateTimeField(_("tijdstip"), db_default=Now())

    class Meta:
        verbose_name = _("rolhistorie")
        verbose_name_plural = _("rolhistorie")
        default_permissions = ()
        indexes = [models.Index(fields=["gebruiker", "groep"])]

    def __str__(self):
        return f"{self.gebruiker_id} {self.groep}"


class Inschrijflink(BasisModel):
    """A one-time, expiring link for the first second-factor enrolment
    (docs/threat-model.md §5). Only the SHA-256 of the token is stored; the token
    itself is sent once to the person's own e-mail address, never shown in the admin."""

    gebruiker = models.ForeignKey(
        "kern.Gebruiker", on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    token_hash = models.CharField(_("hash van het token"), max_length=64, unique=True)
    geldig_tot = models.DateTimeField(_("geldig tot"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        "kern.Gebruiker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("inschrijflink")
        verbose_name_plural = _("inschrijflinks")
        default_permissions = ()

    def __str__(self):
        return f"inschrijflink {self.uuid}"


class OndertekendDocument(BasisModel):
    """Abstract: a document the HL signs (docs/adr/0005-ondertekening.md). The PDF
    is stored encrypted; the signature holds the SHA-256 of those exact bytes, so
    a later change is detected (kern.ondertekening.is_ongewijzigd). Never edited:
    a correction is a new version pointing to the one it replaces."""

    document = models.FileField(_("document"), storage=versleutelde_opslag, upload_to="ondertekend/%Y/")
    ondertekening = models.OneToOneField(
        "kern.Ondertekening", on_delete=models.PROTECT, related_name="+", verbose_name=_("ondertekening")
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
        verbose_name=_("vervangt"),
    )

    class Meta:
        abstract = True


class UitgaandBerichtStatus(models.TextChoices):
    TE_VERZENDEN = "te_verzenden", _("te verzenden")
    VERZONDEN = "verzonden", _("verzonden")
    MISLUKT = "mislukt", _("mislukt")


class UitgaandBericht(models.Model):
    """One e-mail to one recipient in the outbox (kern/post.py; docs/adr/0010-uitgaande-post.md).

    Written in the transaction of the change it announces, sent afterwards by a
    Celery task, row by row. `sleutel` is a keyed hash of the idempotency key
    (kind, object, recipient): a second enqueue of the same message is skipped,
    so nobody gets it twice. Address, subject and body are encrypted at rest (the
    melder's address is personal data; an enrolment link is a secret) and emptied
    once sent. `laatste_fout` holds a technical class name only."""

    sleutel = models.CharField(_("idempotentiesleutel"), max_length=64, unique=True, editable=False)
    soort = models.CharField(_("soort"), max_length=40)
    adres = VersleuteldTekstVeld(_("adres"), blank=True)
    onderwerp = VersleuteldTekstVeld(_("onderwerp"), blank=True)
    tekst = VersleuteldTekstVeld(_("tekst"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=UitgaandBerichtStatus.choices, default=UitgaandBerichtStatus.TE_VERZENDEN
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"))
    laatste_fout = models.CharField(_("laatste fout"), max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        default_permissions = ("view",)
        indexes = [
            models.Index(
                fields=["volgende_poging_op"],
                condition=models.Q(status="te_verzenden"),
                name="uitgaand_bericht_te_verzenden",
            ),
            models.Index(fields=["status", "verzonden_op"], name="uitgaand_bericht_status"),
        ]

    def __str__(self):
        return f"{self.soort} {self.status}"
