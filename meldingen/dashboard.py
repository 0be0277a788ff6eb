"""Panels of the admin index for case work. Only cases the user may see."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen import selectors
from meldingen.constants import VerzoekStatus
from meldingen.selectors import termijnen as termijn_selectors


def _geval_url(melding_id: int) -> str:
    return reverse("admin:meldingen_melding_change", args=[melding_id])


def panelen(*, user) -> list[dict]:
    if not user.has_perm("meldingen.view_melding"):
        return []
    zichtbaar = selectors.meldingen_zichtbaar_voor(user=user)
    open_meldingen = zichtbaar.open().order_by("ontvangen_op")[:50]
    verlopen = termijn_selectors.termijnen_verlopen(user=user).select_related("melding")[:50]
    deze_week = termijn_selectors.termijnen_deze_week(user=user).select_related("melding")[:50]
    wachtend = zichtbaar.open().filter(verzoeken__status=VerzoekStatus.OPEN).distinct().order_by("ontvangen_op")[:50]

    def termijn_item(t, klasse):
        datum = timezone.localtime(t.due).strftime("%d-%m-%Y")
        return (f"{t.melding.registernummer} · {t.get_soort_display()} · {datum}", _geval_url(t.melding_id), klasse)

    registreren = [
        (
            _("Mondelinge, telefonische of schriftelijke melding registreren voor %(organisatie)s")
            % {"organisatie": organisatie.naam},
            reverse("meldingen:personeel_registreren", kwargs={"slug": organisatie.slug}),
            "",
        )
        for organisatie in selectors.organisaties_als_ontvanger(user=user)
    ]
    # AVG art. 17: the melder's requests to erase their identity, answered by the
    # receiving officer within a month, also on closed cases (not in "open meldingen").
    wissingen = [
        (
            f"{v.melding.registernummer} · "
            + _("antwoord uiterlijk %(datum)s") % {"datum": timezone.localtime(v.uiterlijk).strftime("%d-%m-%Y")},
            _geval_url(v.melding_id),
            "",
        )
        for v in selectors.wissingsverzoeken_te_beantwoorden(user=user)[:50]
        if v.uiterlijk
    ]
    return [
        *(
            [{"titel": _("Melding registreren (Art. 3.4, 8.1–8.2)"), "items": registreren, "leeg": ""}]
            if registreren
            else []
        ),
        *(
            [{"titel": _("Verzoeken om wissing van de identiteit (AVG art. 17)"), "items": wissingen, "leeg": ""}]
            if wissingen
            else []
        ),
        {
            "titel": _("Te laat"),
            "items": [termijn_item(t, "te-laat") for t in verlopen],
            "leeg": _("Geen verlopen termijnen. Goed zo."),
        },
        {
            "titel": _("Termijnen deze week"),
            "items": [termijn_item(t, "bijna") for t in deze_week],
            "leeg": _("Deze week verloopt geen termijn."),
        },
        {
            "titel": _("Mijn open meldingen"),
            "items": [(f"{m.registernummer} · {m.get_status_display()}", _geval_url(m.pk), "") for m in open_meldingen],
            "leeg": _("U heeft geen open meldingen. Nieuwe meldingen voor u verschijnen hier."),
        },
        {
            "titel": _("Wacht op de melder"),
            "items": [(f"{m.registernummer} · {m.get_status_display()}", _geval_url(m.pk), "") for m in wachtend],
            "leeg": _("Er staan geen vragen open bij melders."),
        },
    ]
