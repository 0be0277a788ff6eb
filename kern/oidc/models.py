import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from kern.models import BasisModel

# Namespace of the deterministic UUIDs of identities: the audit rows about one
# subject (refusals before it was linked, the link, later logins) share one
# object UUID without the audit log holding the subject itself.
OIDC_UUID_NAMESPACE = uuid.UUID("6f1c2a4e-9b0d-4e57-8a1f-3c7d2b9e5a10")


def identiteit_uuid(*, issuer: str, subject: str) -> uuid.UUID:
    return uuid.uuid5(OIDC_UUID_NAMESPACE, f"{issuer}\n{subject}")


class OidcIdentiteit(BasisModel):
    """The link between a staff account and one subject at one identity provider.

    Matching is by issuer + subject only (OpenID Connect Core §5.7: `sub` is the
    only stable, unique identifier; e-mail can change and be reassigned)."""

    gebruiker = models.ForeignKey(
        "kern.Gebruiker", verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="oidc_identiteiten"
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject (sub)"), max_length=255)
    laatst_ingelogd_op = models.DateTimeField(_("laatst ingelogd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met de identiteitsprovider")
        verbose_name_plural = _("koppelingen met de identiteitsprovider")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identiteit_uniek_subject"),
            models.UniqueConstraint(fields=["gebruiker", "issuer"], name="oidc_identiteit_een_per_issuer"),
        ]

    def __str__(self):
        return f"{self.gebruiker} @ {self.issuer}"


class ProviderMfaApparaat(Device):
    """django-otp's verified device for a session whose second factor the
    identity provider asserted (`amr`/`acr`, kern/oidc/mfa.py).

    It accepts no token: it cannot be used to sign (kern/ondertekening.py asks
    the user's own TOTP device) nor to pass Meldpunt's own second-factor step."""

    class Meta:
        verbose_name = _("tweede factor bij de identiteitsprovider")
        verbose_name_plural = _("tweede factoren bij de identiteitsprovider")

    def verify_token(self, token):
        return False

    def verify_is_allowed(self):
        return False, {"reason": "provider"}
