"""Whether the identity provider asserted multi-factor authentication.

`amr` (RFC 8176) lists the methods used, `acr` names the assurance level the
provider reached; which values count is a setting per installation
(MELDPUNT_OIDC_MFA_AMR, MELDPUNT_OIDC_MFA_ACR; README, "Tweede factor")."""

from __future__ import annotations

from django.conf import settings


def amr_waarden(claims: dict) -> list[str]:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return [str(waarde) for waarde in amr]


def mfa_door_provider(claims: dict) -> bool:
    if set(amr_waarden(claims)) & set(settings.MELDPUNT_OIDC_MFA_AMR):
        return True
    acr = claims.get("acr")
    return bool(acr) and str(acr) in set(settings.MELDPUNT_OIDC_MFA_ACR)
