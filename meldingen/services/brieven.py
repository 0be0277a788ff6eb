"""Formal letters of the register (Art. 8.5), rendered as PDF with the
organisation's letterhead (kern.pdf) and delivered to the mailbox."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import Gebruiker
from kern.pdf import template_naar_pdf
from meldingen.constants import Soort, TermijnSoort, ToewijzingRol
from meldingen.models import Brief, Melding, Termijn
from meldingen.overgangen import vereis_lopende_procedure
from meldingen.services.meldingsbox import brief_bezorgen
from meldingen.services.triage import HL_ROLLEN, namens_hl_toegestaan

SOORT_ONTVANGSTBEVESTIGING = "ontvangstbevestiging"
SOORT_TUSSENTIJDSE_TERUGKOPPELING = "tussentijdse_terugkoppeling"


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
    # Art. 8.5 is a step of the report's procedure: a withdrawn report is not acknowledged.
    vereis_lopende_procedure(melding)
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


@transaction.atomic
def tussentijdse_terugkoppeling_sturen(*, melding: Melding, beoordeling: str, vervolg: str, door: Gebruiker) -> Brief:
    """Wbk art. 2 (EU 2019/1937 art. 9(1)(f)): feedback within three months of the
    acknowledgement, a hard cap. When the standpunt (Art. 11.1) is not ready in
    time, the receiving officer or the HL sends an interim letter that says how
    the report was assessed and what follows. It closes the TERUGKOPPELING term
    when it reaches the melder: at once, or when the vertrouwenspersoon forwards
    it (Art. 7.3, brief_bezorgen)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not toegang.heeft_toewijzing(melding=melding, user=door, rollen=[ToewijzingRol.ONTVANGER, *HL_ROLLEN]):
        raise PermissionDenied(_("De terugkoppeling stuurt de ontvanger of de hoogste leidinggevende."))
    vereis_lopende_procedure(melding)
    if not Termijn.objects.open().filter(melding=melding, soort=TermijnSoort.TERUGKOPPELING).exists():
        raise ValidationError(_("Er loopt geen termijn voor terugkoppeling (Wbk art. 2) meer bij deze melding."))
    if melding.brieven.filter(
        soort=SOORT_TUSSENTIJDSE_TERUGKOPPELING, via_vertrouwenspersoon=True, bij_melder_op__isnull=True
    ).exists():
        raise ValidationError(_("Een terugkoppeling ligt al bij de vertrouwenspersoon om door te sturen (Art. 7.3)."))
    fouten = {}
    if not beoordeling.strip():
        fouten["beoordeling"] = _("Schrijf hoe de melding is beoordeeld (Wbk art. 2).")
    if not vervolg.strip():
        fouten["vervolg"] = _("Schrijf wat er met de melding gaat gebeuren en wanneer (Wbk art. 2).")
    if fouten:
        raise ValidationError(fouten)
    onderwerp = _("Terugkoppeling over uw melding")
    tekst = _(
        "Wij informeren u over de stand van zaken van uw melding met nummer %(nummer)s.\n\n"
        "Hoe wij uw melding hebben beoordeeld: %(beoordeling)s\n\nWat er verder gebeurt: %(vervolg)s\n\n"
        "Ons standpunt (Art. 11.1) volgt zodra het onderzoek dat toelaat."
    ) % {"nummer": melding.registernummer, "beoordeling": beoordeling.strip(), "vervolg": vervolg.strip()}
    pdf = template_naar_pdf(
        "brieven/tussentijdse_terugkoppeling.html",
        briefcontext(
            melding=melding,
            onderwerp=onderwerp,
            beoordeling=beoordeling.strip(),
            vervolg=vervolg.strip(),
            ondertekenaar=door,
        ),
    )
    return brief_bezorgen(
        melding=melding,
        onderwerp=onderwerp,
        tekst=tekst,
        pdf=pdf,
        soort=SOORT_TUSSENTIJDSE_TERUGKOPPELING,
        door=door,
        sluit_termijnen=[TermijnSoort.TERUGKOPPELING],
        artikel="Wbk art. 2",
    )
