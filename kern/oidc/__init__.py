"""Staff sign-in through the organisation's identity provider (OpenID Connect).

A small app inside kern with its own models and migrations, so the login views
of kern stay as they are: kern.views only asks this app for the provider's
logout address. Off unless OIDC_ISSUER is configured (config/settings/oidc.py).
"""
