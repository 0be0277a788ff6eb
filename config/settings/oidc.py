"""OpenID Connect: staff sign in with the organisation's identity provider.

Part of the base settings (``config.settings.base`` imports everything here).
Off unless OIDC_ISSUER is set; the local password + second factor stays
available beside it. Authorization code flow with PKCE (mozilla-django-oidc).
Accounts are matched by issuer + subject, never by e-mail; roles and case
assignments stay in Meldpunt. See README, "Inloggen via de identiteitsprovider".
"""

from config.settings._omgeving import env

OIDC_OP_ISSUER = env.str("OIDC_ISSUER", default="")
MELDPUNT_OIDC_AAN = bool(OIDC_OP_ISSUER)
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
# RP-initiated logout; empty when the provider has no end_session_endpoint.
MELDPUNT_OIDC_END_SESSION_ENDPOINT = env.str("OIDC_END_SESSION_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
# The ID token is kept in the server-side session only as id_token_hint for the
# provider's logout; it never goes into a log or the audit log.
OIDC_STORE_ID_TOKEN = True
OIDC_STORE_ACCESS_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "kern_oidc:terug"
OIDC_OP_LOGOUT_URL_METHOD = "kern.oidc.services.uitlog_url"
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDEN", default=10)
# An unknown subject gets no account unless the installation allows it; the
# account is then created without any role (a functioneel beheerder adds one).
OIDC_CREATE_USER = env.bool("OIDC_ACCOUNTS_AANMAKEN", default=False)
# Every this many seconds the session is re-confirmed at the provider
# (prompt=none); when the provider refuses (account closed there), the
# Meldpunt session ends (kern/oidc/middleware.py).
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_VERVERSEN_SECONDEN", default=15 * 60)
# The provider's multi-factor assertion that replaces Meldpunt's own second
# factor at login: an `amr` value (RFC 8176) or an `acr` value in these lists.
# Signing always asks Meldpunt's own fresh code (kern/ondertekening.py).
MELDPUNT_OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa", "otp", "hwk", "swk", "sc"])
MELDPUNT_OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
