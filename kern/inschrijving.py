"""The first second-factor enrolment needs a one-time link (docs/threat-model.md §5).

The password of a new account is set by the functioneel beheerder, who therefore
knows it; a password alone must not be enough to bind an authenticator. The link
goes to the person's own e-mail address, is valid for a limited time, is stored
only as a SHA-256 hash, and is used up by the enrolment it allowed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import auditnotities
from kern.models import AuditActie, AuditCategorie, Gebruiker, Inschrijflink, TOTPApparaat
from kern.post import bericht_in_wachtrij
from kern.services import auditregel_schrijven


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def inschrijflink_versturen(*, gebruiker: Gebruiker, door: Gebruiker | None) -> Inschrijflink:
    """E-mail a fresh enrolment link; earlier unused links stop working.
    `door=None` is operations (manage.py), after a second-factor reset."""
    if door is not None and not door.has_perm("kern.change_gebruiker"):
        raise PermissionDenied
    if not gebruiker.email or not gebruiker.is_active:
        raise PermissionDenied
    if TOTPApparaat.objects.filter(user=gebruiker, confirmed=True).exists():
        # A second authenticator is never added by link: a lost one is reset by
        # operations first (manage.py tweede_factor_herstellen).
        raise PermissionDenied
    nu = timezone.now()
    Inschrijflink.objects.filter(gebruiker=gebruiker, gebruikt_op=None).update(gebruikt_op=nu)
    token = secrets.token_urlsafe(32)
    link = Inschrijflink.objects.create(
        gebruiker=gebruiker,
        token_hash=_hash(token),
        geldig_tot=nu + timedelta(hours=settings.MELDPUNT_INSCHRIJFLINK_UREN),
        aangemaakt_door=door,
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=gebruiker,
        toelichting=auditnotities.INSCHRIJFLINK_VERSTUURD(),
        categorie=AuditCategorie.BEHEER,
        actor_soort=None if door is not None else "beheer",
    )
    url = settings.MELDPUNT_BASIS_URL.rstrip("/") + reverse("kern:inschrijven", args=[token])
    # Through the outbox (kern/post.py), in this transaction: the body holds the
    # one-time link, so it is stored encrypted and emptied once sent.
    bericht_in_wachtrij(
        soort="inschrijflink",
        sleutel=f"inschrijflink:{link.uuid}",
        adres=gebruiker.email,
        onderwerp=_("Uw authenticator koppelen aan Meldpunt"),
        tekst=_(
            "Met deze link koppelt u uw authenticator-app aan Meldpunt. De link werkt één keer en "
            "verloopt over %(uren)s uur:\n\n%(url)s\n\nHeeft u dit niet verwacht? Gebruik de link dan niet "
            "en meld het bij de functioneel beheerder."
        )
        % {"uren": settings.MELDPUNT_INSCHRIJFLINK_UREN, "url": url},
    )
    return link


def inschrijflink_geldig(*, token: str) -> Inschrijflink | None:
    """The unused, unexpired link of this token, or None (the same for every failure)."""
    return (
        Inschrijflink.objects.filter(token_hash=_hash(token or ""), gebruikt_op=None, geldig_tot__gt=timezone.now())
        .select_related("gebruiker")
        .first()
    )


def inschrijflink_voor_sessie(*, link_pk, gebruiker: Gebruiker) -> Inschrijflink | None:
    if not link_pk:
        return None
    return Inschrijflink.objects.filter(
        pk=link_pk, gebruiker=gebruiker, gebruikt_op=None, geldig_tot__gt=timezone.now()
    ).first()


@transaction.atomic
def inschrijflink_gebruiken(*, link: Inschrijflink) -> None:
    """Used up together with the enrolment it allowed (single use)."""
    bijgewerkt = Inschrijflink.objects.filter(pk=link.pk, gebruikt_op=None).update(gebruikt_op=timezone.now())
    if bijgewerkt != 1:
        raise PermissionDenied
