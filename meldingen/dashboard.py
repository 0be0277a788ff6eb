"""Panels of the admin index for case work. Only cases the user may see."""

from django.urls import reverse
from django.utils.translation import gettext as _

from meldingen import selectors


def panelen(*, user) -> list[dict]:
    if not user.has_perm("meldingen.view_melding"):
        return []
    open_meldingen = selectors.melding_list_visible_for(user=user).open().order_by("ontvangen_op")[:50]
    return [
        {
            "titel": _("Mijn open meldingen"),
            "items": [
                (
                    f"{m.registernummer} · {m.get_status_display()}",
                    reverse("admin:meldingen_melding_change", args=[m.pk]),
                    "",
                )
                for m in open_meldingen
            ],
            "leeg": _("U heeft geen open meldingen. Nieuwe meldingen voor u verschijnen hier."),
        }
    ]
