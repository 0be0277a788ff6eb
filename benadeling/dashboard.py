"""Panels of the admin index for retaliation work. Each lists only the user's own
tasks on cases they are assigned to; HR gets the link to its check form only."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling import selectors
from kern import toegang
from meldingen.constants import ToewijzingRol


def _zaak(melding) -> str:
    return reverse("admin:meldingen_melding_change", args=[melding.pk])


def panelen(*, user) -> list[dict]:
    panelen = []
    if user.has_perm("benadeling.add_personeelstoets"):
        panelen.append(
            {
                "titel": _("Voorgenomen maatregel toetsen (Art. 5.4)"),
                "items": [(_("Naar het toetsformulier"), reverse("benadeling:toets"), "")],
                "leeg": "",
            }
        )
    if toegang.werkt_als(user=user, rollen=[ToewijzingRol.ONTVANGER]):
        panelen.append(
            {
                "titel": _("Motivering vereist (Art. 5.4)"),
                "items": [
                    (f"{v.melding.registernummer} · {v.get_soort_display()}", _zaak(v.melding), "taak")
                    for v in selectors.motiveringstaken_voor_ontvanger(user=user)[:50]
                ],
                "leeg": _("Geen voorgenomen maatregelen die een motivering vragen."),
            }
        )
    if toegang.werkt_als(user=user, rollen=[ToewijzingRol.CONTACTPERSOON]):
        nu = timezone.now()
        panelen.append(
            {
                "titel": _("Risicogesprek voeren (Art. 6.1)"),
                "items": [
                    (
                        f"{t.melding.registernummer} · {_('uiterlijk')} {timezone.localtime(t.uiterlijk):%d-%m-%Y}",
                        _zaak(t.melding),
                        "verlopen" if t.uiterlijk < nu else "",
                    )
                    for t in selectors.risicogesprekken_te_voeren(user=user)[:50]
                ],
                "leeg": _("Alle risicogesprekken zijn vastgelegd."),
            }
        )
    if toegang.werkt_als(
        user=user, rollen=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE]
    ):
        items = [
            (f"{b.melding.registernummer} · {_('benadelingsmelding')}", _zaak(b.melding), "taak")
            for b in selectors.benadelingsmeldingen_te_behandelen(user=user)[:50]
        ]
        items += [
            (f"{v.melding.registernummer} · {_('motivering ondertekenen')}", _zaak(v.melding), "taak")
            for v in selectors.motiveringen_te_ondertekenen(user=user)[:50]
        ]
        items += [
            (f"{o.melding.registernummer} · {_('verzoek om onderzoek')}", _zaak(o.melding), "taak")
            for o in selectors.onderzoeksverzoeken_open(user=user)[:50]
        ]
        items += [
            (f"{o.melding.registernummer} · {_('reactie op standpunt beantwoorden')}", _zaak(o.melding), "taak")
            for o in selectors.reacties_te_beantwoorden(user=user)[:50]
        ]
        panelen.append({"titel": _("Benadeling: te behandelen"), "items": items, "leeg": _("Niets te behandelen.")})
    return panelen
