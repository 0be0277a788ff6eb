"""Writes of OpenID Connect sign-in: matching a subject to an account, linking,
and the audit row of every login, match and refusal.

Audit rows name the identity by its deterministic UUID (models.identiteit_uuid),
never the subject, a token or a claim value."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kern import auditnotities
from kern.auditnotities import Auditnotitie
from kern.models import AuditActie, Gebruiker
from kern.oidc.models import OidcIdentiteit, ProviderMfaApparaat, identiteit_uuid
from kern.services import auditregel_schrijven


class KoppelingBestaatAl(Exception):
    """The subject, or this issuer for this account, is already linked."""


def _identiteit_object(*, issuer: str, subject: str) -> OidcIdentiteit:
    # Unsaved stand-in for audit rows about a subject that has no link (yet):
    # the audit row carries the UUID the link will have, nothing else.
    return OidcIdentiteit(issuer=issuer, subject=subject, uuid=identiteit_uuid(issuer=issuer, subject=subject))


@transaction.atomic
def identiteit_koppelen(*, gebruiker: Gebruiker, subject: str, reden: str, door: Gebruiker | None) -> OidcIdentiteit:
    """Link an existing account to a subject at the configured provider.

    Done by operations (manage.py oidc_koppelen), after checking out of band that
    the subject is this person: whoever links a subject can sign in as the account
    (docs/rollen.md, like resetting a second factor)."""
    issuer = settings.OIDC_OP_ISSUER
    if not issuer or not subject:
        raise ValueError("OIDC_ISSUER and a subject are required.")
    try:
        with transaction.atomic():
            identiteit = OidcIdentiteit.objects.create(
                gebruiker=gebruiker,
                issuer=issuer,
                subject=subject,
                uuid=identiteit_uuid(issuer=issuer, subject=subject),
            )
    except IntegrityError:
        raise KoppelingBestaatAl from None
    auditregel_schrijven(
        door=door, actie=AuditActie.AANGEMAAKT, object=identiteit, toelichting=auditnotities.OIDC_GEKOPPELD(reden=reden)
    )
    return identiteit


@transaction.atomic
def identiteit_ontkoppelen(*, gebruiker: Gebruiker, reden: str, door: Gebruiker | None) -> int:
    aantal = 0
    for identiteit in OidcIdentiteit.objects.filter(gebruiker=gebruiker):
        auditregel_schrijven(
            door=door,
            actie=AuditActie.VERWIJDERD,
            object=identiteit,
            toelichting=auditnotities.OIDC_ONTKOPPELD(reden=reden),
        )
        identiteit.delete()
        aantal += 1
    return aantal


def _weigeren(*, issuer: str, subject: str, gebruiker: Gebruiker | None, reden: Auditnotitie) -> None:
    auditregel_schrijven(
        door=None,
        actie=AuditActie.INLOGGEN_GEWEIGERD,
        object=gebruiker or _identiteit_object(issuer=issuer, subject=subject),
        toelichting=reden(),
        actor_soort="systeem",
    )


def _gebruikersnaam(identiteit_id) -> str:
    return f"oidc-{identiteit_id.hex[:12]}"


@transaction.atomic
def aanmelding_verwerken(*, issuer: str, subject: str, claims: dict) -> Gebruiker | None:
    """The account linked to this subject, or None (refused, audited).

    Never matched by e-mail. An unknown subject gets an account only when the
    installation allows it (OIDC_ACCOUNTS_AANMAKEN), and then without any role or
    case assignment: roles stay in Meldpunt, never in the provider's groups."""
    identiteit = (
        OidcIdentiteit.objects.select_for_update()
        .select_related("gebruiker")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identiteit is None:
        if not settings.OIDC_CREATE_USER:
            _weigeren(issuer=issuer, subject=subject, gebruiker=None, reden=auditnotities.OIDC_ONBEKEND_SUBJECT)
            return None
        uuid_ = identiteit_uuid(issuer=issuer, subject=subject)
        gebruiker = Gebruiker(
            username=_gebruikersnaam(uuid_),
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
            email=str(claims.get("email") or "")[:254],
            is_staff=True,
        )
        gebruiker.set_unusable_password()
        gebruiker.save()
        identiteit = OidcIdentiteit.objects.create(gebruiker=gebruiker, issuer=issuer, subject=subject, uuid=uuid_)
        auditregel_schrijven(
            door=None,
            actie=AuditActie.AANGEMAAKT,
            object=identiteit,
            toelichting=auditnotities.OIDC_ACCOUNT_AANGEMAAKT(),
            actor_soort="systeem",
        )
    gebruiker = identiteit.gebruiker
    if not gebruiker.is_active:
        _weigeren(issuer=issuer, subject=subject, gebruiker=gebruiker, reden=auditnotities.OIDC_NIET_ACTIEF)
        return None
    identiteit.laatst_ingelogd_op = timezone.now()
    identiteit.save(update_fields=["laatst_ingelogd_op", "updated_at"])
    auditregel_schrijven(
        door=gebruiker,
        actie=AuditActie.GEWIJZIGD,
        object=identiteit,
        toelichting=auditnotities.OIDC_SUBJECT_HERKEND(),
    )
    return gebruiker


@transaction.atomic
def inlog_registreren(*, gebruiker: Gebruiker, tweede_factor_door_provider: bool) -> None:
    toelichting = (
        auditnotities.OIDC_INGELOGD_FACTOR_PROVIDER()
        if tweede_factor_door_provider
        else auditnotities.OIDC_INGELOGD_FACTOR_MELDPUNT()
    )
    auditregel_schrijven(door=gebruiker, actie=AuditActie.INGELOGD, object=gebruiker, toelichting=toelichting)


def _foutcode(fout: str) -> str:
    # The provider's error code (RFC 6749 §4.1.2.1) is a short ASCII token; keep
    # nothing else of what came in the query string.
    return re.sub(r"[^a-z_]", "", (fout or "").lower())[:40] or "onbekend"


@transaction.atomic
def weigering_registreren(*, gebruiker: Gebruiker | None, fout: str) -> None:
    """The provider refused (a login, or the periodic re-confirmation of a session)."""
    auditregel_schrijven(
        door=gebruiker,
        actie=AuditActie.INLOGGEN_GEWEIGERD,
        object=gebruiker if gebruiker is not None else _identiteit_object(issuer=settings.OIDC_OP_ISSUER, subject=""),
        toelichting=auditnotities.OIDC_PROVIDER_WEIGERT(code=_foutcode(fout)),
        actor_soort="gebruiker" if gebruiker is not None else "systeem",
    )


@transaction.atomic
def mfa_apparaat_vastleggen(*, gebruiker: Gebruiker) -> ProviderMfaApparaat:
    apparaat, _ = ProviderMfaApparaat.objects.get_or_create(
        user=gebruiker, defaults={"name": "identiteitsprovider", "confirmed": True}
    )
    return apparaat


def uitlog_url(request) -> str:
    """Where logout sends the browser: the provider's end_session_endpoint
    (RP-initiated logout 1.0) when it has one and this session came from it,
    else Meldpunt's login page. Called before the session is flushed."""
    terug = request.build_absolute_uri(reverse(settings.LOGIN_URL))
    eind = settings.MELDPUNT_OIDC_END_SESSION_ENDPOINT
    id_token = request.session.get("oidc_id_token")
    if not (settings.MELDPUNT_OIDC_AAN and eind and id_token):
        return reverse(settings.LOGIN_URL)
    parameters = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": terug,
    }
    return f"{eind}?{urlencode(parameters)}"
