from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("kern/oidc/knop.html")
def oidc_knop(volgende: str = ""):
    """The 'sign in with your organisation' button on the login page, only when configured."""
    return {"oidc_aan": settings.MELDPUNT_OIDC_AAN, "next": volgende}
