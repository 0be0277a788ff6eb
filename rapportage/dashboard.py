"""Panel of the admin index: the annual reports this user works on."""

from django.urls import reverse
from django.utils.translation import gettext as _

from rapportage import selectors


def panelen(*, user) -> list[dict]:
    if not user.has_perm("rapportage.view_jaarrapportage"):
        return []
    items = [
        (f"{r.organisatie.naam} {r.jaar} · {r.get_status_display()}", reverse("rapportage:detail", args=[r.uuid]), "")
        for r in selectors.rapportages_zichtbaar_voor(user=user)[:20]
    ]
    items.append((_("Alle jaarrapportages"), reverse("rapportage:lijst"), "alle"))
    return [{"titel": _("Jaarrapportages"), "items": items, "leeg": ""}]
