"""Formal letters of the register (Art. 8.5), rendered as PDF with the
organisation's letterhead (kern.pdf) and delivered to the mailbox."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import Gebruiker
from kern.pdf import template_naar_pdf
from meldingen.constants import Soort, TermijnSoort
from meldingen.models import Brief, Melding
from meldingen.services.meldingsbox import brief_bezorgen
from meldingen.services.triage import namens_hl_toegestaan

SOORT_ONTVANGSTBEVESTIGING = "ontvangstbevestiging"


def briefcontext(*, melding: Melding, onderwerp: str = "", **extra) -> dict:
    """The context every letter template on templates/brieven/basis.html needs:
    letterhead, register number, subject and date."""
    return {
        "melding": melding,
        "organisatie": melding.organisatie,
        "registernummer": melding.registernummer,
        "onderwerp": onderwerp,
        "datum": timezone.now(),
        **extra,
    }


@transaction.atomic
def ontvangstbevestiging_sturen(*, melding: Melding, samenvatting: str, door: Gebruiker) -> Brief:
    """Art. 8.5: the HL sends, without delay and within seven days, an
    acknowledgement with a factual description of the report, the date it was
    received and a copy of the report. The receiving officer may send it in the
    HL's name when the organisation allows it (docs/rollen.md)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not namens_hl_toegestaan(melding, door):
        raise PermissionDenied(
            _("De ontvangstbevestiging is een taak van de hoogste leidinggevende (of namens hem de ontvanger).")
        )
    if melding.soort == Soort.ADVIESVRAAG:
        raise ValidationError(_("Een adviesvraag krijgt geen ontvangstbevestiging van een formele melding."))
    # Art. 8.1-8.2: an oral report is acknowledged only after its written record
    # was offered to the melder (the same check that guards forwarding).
    from meldingen.overgangen import vastlegging_aangeboden_bezwaar

    if bezwaar := vastlegging_aangeboden_bezwaar(melding):
        raise ValidationError(bezwaar)
    if melding.brieven.filter(soort=SOORT_ONTVANGSTBEVESTIGING).exists():
        raise ValidationError(_("De ontvangstbevestiging is al verstuurd."))
    if not samenvatting.strip():
        raise ValidationError({"samenvatting": _("Geef een zakelijke beschrijving van de melding (Art. 8.5).")})
    onderwerp = _("Ontvangstbevestiging van uw melding")
    context = {
        "organisatie": melding.organisatie,
        "registernummer": melding.registernummer,
        "onderwerp": onderwerp,
        "datum": timezone.now(),
        "melding": melding,
        "samenvatting": samenvatting,
        "ondertekenaar": door,
    }
    pdf = template_naar_pdf("brieven/ontvangstbevestiging.html", context)
    tekst = _(
        "Wij hebben uw melding ontvangen op %(datum)s en geregistreerd onder nummer %(nummer)s.\n\n"
        "Zakelijke beschrijving: %(samenvatting)s\n\nEen afschrift van uw melding staat in de bijgevoegde brief."
    ) % {
        "datum": timezone.localtime(melding.ontvangen_op).strftime("%d-%m-%Y"),
        "nummer": melding.registernummer,
        "samenvatting": samenvatting.strip(),
    }
    return brief_bezorgen(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        pdf=pdf,
        soort=SOORT_ONTVANGSTBEVESTIGING,
        door=door,
        sluit_termijnen=[TermijnSoort.ONTVANGSTBEVESTIGING],
        artikel="Art. 8.5",
    )
