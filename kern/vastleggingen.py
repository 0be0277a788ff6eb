"""The one lifecycle of a written record that the person heard approves
(Art. 6.1–6.2, 8.1–8.2, 10.1–10.2; docs/toestanden.md).

A record is put to the person heard; it is final only once they approved it, in
the mailbox or on a signed paper copy (or, for the melder's own text, because
they wrote it). Until then they may ask for a correction. The statuses, the ways
of approval, the abstract model (`GoedTeKeurenVastlegging`) and the steps live
here once; meldingen's records (`meldingen.Vastlegging`) and benadeling's
(`Risicoanalyse`, `Benadelingsmelding`) extend the model and take the steps
through these functions, each from its own service that checks who may act.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from kern.fields import VersleuteldTekstVeld
from kern.models import AuditActie, BasisModel, Gebruiker
from kern.services import auditregel_schrijven


class VastleggingStatus(models.TextChoices):
    """A written record is final only once the person heard approved it."""

    TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring voorgelegd")
    CORRECTIE_GEVRAAGD = "correctie_gevraagd", _("Correctie gevraagd")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")


class Goedkeuringswijze(models.TextChoices):
    """How the person heard approved the record (Art. 8.1 and as it)."""

    MAILBOX = "mailbox", _("In de meldingsbox")
    PAPIER = "papier", _("Ondertekend papieren exemplaar")
    ZELF_GESCHREVEN = "zelf_geschreven", _("Door de melder zelf geschreven in de meldingsbox")


class GoedTeKeurenVastlegging(BasisModel):
    """Abstract: a written record with its approval. Approved means approved at a
    known moment, in a known way (a database constraint per table)."""

    status = models.CharField(
        _("status"), max_length=30, choices=VastleggingStatus.choices, default=VastleggingStatus.TER_GOEDKEURING
    )
    goedkeuringswijze = models.CharField(
        _("goedgekeurd via"), max_length=20, choices=Goedkeuringswijze.choices, blank=True
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    correctie = VersleuteldTekstVeld(_("gevraagde correctie"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=VastleggingStatus.GOEDGEKEURD)
                | models.Q(goedgekeurd_op__isnull=False) & ~models.Q(goedkeuringswijze=""),
                name="%(app_label)s_%(class)s_goedgekeurd_heeft_datum_en_wijze",
            ),
        ]

    @property
    def is_definitief(self) -> bool:
        return self.status == VastleggingStatus.GOEDGEKEURD


def vastlegging_vergrendelen(vastlegging: GoedTeKeurenVastlegging) -> GoedTeKeurenVastlegging:
    """Lock the row for a step of its lifecycle; an approved record changes no more."""
    vastlegging = type(vastlegging).objects.select_for_update().get(pk=vastlegging.pk)
    if vastlegging.is_definitief:
        raise ValidationError(_gettext("Dit verslag is al goedgekeurd."))
    return vastlegging


def vastlegging_goedkeuren(
    *,
    vastlegging: GoedTeKeurenVastlegging,
    wijze: Goedkeuringswijze,
    door: Gebruiker | None,
    op: datetime | None = None,
    extra_velden: tuple[str, ...] = (),
) -> GoedTeKeurenVastlegging:
    """Record the approval on a locked record (vastlegging_vergrendelen), with the
    audit row in the caller's transaction. `door` is the officer who uploaded the
    signed paper, or None when the melder approved in the mailbox."""
    vastlegging.status = VastleggingStatus.GOEDGEKEURD
    vastlegging.goedkeuringswijze = Goedkeuringswijze(wijze)
    vastlegging.goedgekeurd_op = op or timezone.now()
    vastlegging.save(update_fields=["status", "goedkeuringswijze", "goedgekeurd_op", *extra_velden, "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=vastlegging,
        actor_soort=None if door else "melder",
        toelichting=f"goedgekeurd ({vastlegging.goedkeuringswijze})",
    )
    return vastlegging


def vastlegging_correctie_vragen(*, vastlegging: GoedTeKeurenVastlegging, correctie: str) -> GoedTeKeurenVastlegging:
    """The person heard asks for a correction (on a locked record); the one who
    drew it up records a corrected version, which is put to them again."""
    correctie = (correctie or "").replace("\x00", "").strip()
    if not correctie:
        raise ValidationError({"correctie": _gettext("Schrijf wat er anders moet.")})
    vastlegging.status = VastleggingStatus.CORRECTIE_GEVRAAGD
    vastlegging.correctie = correctie
    vastlegging.save(update_fields=["status", "correctie", "updated_at"])
    auditregel_schrijven(
        door=None, actie=AuditActie.GEWIJZIGD, object=vastlegging, actor_soort="melder", toelichting="correctie"
    )
    return vastlegging
