"""Hoor en wederhoor on report and standpunt (Art. 12)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from kern.toegang import vereis_leiding
from meldingen import deadlines
from meldingen.constants import Status, VerzoekStatus
from meldingen.models import Melding, Verzoek
from meldingen.overgangen import PROCEDURE, overgang_controleren, vereis_lopende_procedure
from meldingen.services.brieven import briefcontext
from meldingen.services.meldingsbox import verzoek_intrekken
from meldingen.services.register import melding_status_wijzigen
from meldingen.services.termijnen import termijn_starten, termijnsleutel
from onderzoek import auditnotities
from onderzoek.constants import STANDPUNT_REACTIE, TERMIJN_WEDERHOOR_ANTWOORD, OnderzoekSoort, wederhooronderwerp
from onderzoek.models import ExterneKennisgeving, Wederhoor
from onderzoek.services.basis import brief_aan_melder
from onderzoek.services.uitvoering import onderzoek_instellen


def _antwoordtermijn_starten(*, wederhoor: Wederhoor) -> None:
    """Art. 12.2: a reasoned reaction obliges a substantive answer. The regulation
    names no length; the installation's (MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN,
    docs/termijnen.md) runs from the reaction, one term per reaction, so the sweep
    reminds and escalates it like every other term and it cannot silently stay
    unanswered. The answer letter closes it when it reaches the melder."""
    start = lokale_datum(wederhoor.created_at)
    termijn_starten(
        melding=wederhoor.melding,
        berekening=deadlines.Termijnberekening(
            TERMIJN_WEDERHOOR_ANTWOORD,
            start,
            deadlines.uiterlijk_na_dagen(start, settings.MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN),
        ),
        onderwerp=wederhooronderwerp(wederhoor),
    )


@transaction.atomic
def wederhoor_registreren(*, melding: Melding, reactie: str, onderbouwd_bezwaar: bool) -> Wederhoor:
    """Art. 12.1: the melder reacts to report and standpunt (from the mailbox)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not reactie.strip():
        raise ValidationError({"reactie": _("Schrijf uw reactie.")})
    wederhoor = Wederhoor.objects.create(melding=melding, reactie=reactie, onderbouwd_bezwaar=onderbouwd_bezwaar)
    if onderbouwd_bezwaar:
        _antwoordtermijn_starten(wederhoor=wederhoor)
    # The first reaction moves the case to wederhoor (a row of the report's table);
    # a later one is recorded in that state.
    if PROCEDURE.overgang_voor(melding.status, Status.WEDERHOOR) is not None:
        melding_status_wijzigen(melding=melding, naar=Status.WEDERHOOR, door=None)
    auditregel_schrijven(
        door=None,
        actie=AuditActie.AANGEMAAKT,
        object=melding,
        actor_soort="melder",
        toelichting=auditnotities.WEDERHOOR(),
    )
    return wederhoor


def standpunt_reactie_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for STANDPUNT_REACTIE. "Niet akkoord" needs an explanation in the
    mailbox and counts as a reasoned objection (Art. 12.2): the reading that
    obliges the employer to answer substantively, never the one that lets it off."""
    wederhoor_registreren(
        melding=verzoek.melding,
        reactie=verzoek.antwoord or _("Akkoord met het onderzoeksrapport en het standpunt."),
        onderbouwd_bezwaar=verzoek.akkoord is False,
    )


def _kennisgevingen(melding: Melding):
    # The current version of each notification (a corrected one replaces the old).
    return ExterneKennisgeving.objects.filter(melding=melding, vervangen_door__isnull=True).order_by("created_at")


@transaction.atomic
def wederhoor_naar_externe_instantie(*, wederhoor: Wederhoor, door: Gebruiker) -> Wederhoor:
    """Art. 12.3: when an external authority was notified, the melder's reaction
    is sent to it as well, with a copy to the melder. Recorded here; the letter to
    the authority is the PDF, sent outside Meldpunt."""
    wederhoor = Wederhoor.objects.select_for_update().get(pk=wederhoor.pk)
    melding = wederhoor.melding
    vereis_leiding(melding=melding, door=door)
    instanties = [k.instantie for k in _kennisgevingen(melding)]
    if not instanties:
        raise ValidationError(_("Er is geen externe instantie in kennis gesteld (Art. 12.3 is niet van toepassing)."))
    if wederhoor.extern_doorgestuurd_op is not None:
        raise ValidationError(_("Deze reactie is al naar de externe instantie gestuurd."))
    onderwerp = _("Reactie van de melder op het onderzoeksrapport en het standpunt")
    pdf = template_naar_pdf(
        "onderzoek/reactie_extern.html",
        briefcontext(
            melding=melding, onderwerp=onderwerp, instanties=instanties, reactie=wederhoor.reactie, ondertekenaar=door
        ),
    )
    wederhoor.extern_doorgestuurd_op, wederhoor.extern_doorgestuurd_door = timezone.now(), door
    wederhoor.save(update_fields=["extern_doorgestuurd_op", "extern_doorgestuurd_door", "updated_at"])
    brief_aan_melder(
        melding=melding,
        onderwerp=_("Afschrift: uw reactie is gestuurd aan %(instanties)s") % {"instanties": ", ".join(instanties)},
        tekst=_(
            "Omdat %(instanties)s van uw melding op de hoogte is gebracht, hebben wij uw reactie op het "
            "onderzoeksrapport en het standpunt ook daarheen gestuurd (Art. 12.3). Hierbij het afschrift."
        )
        % {"instanties": ", ".join(instanties)},
        pdf=pdf,
        soort="reactie_extern",
        artikel="Art. 12.3",
        door=door,
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.REACTIE_NAAR_EXTERN()
    )
    return wederhoor


@transaction.atomic
def wederhoor_beantwoorden(
    *,
    wederhoor: Wederhoor,
    antwoord: str,
    door: Gebruiker,
    aanvullend_onderzoek: bool = False,
    totp_code: str = "",
    opdracht: str = "",
) -> Wederhoor:
    """Art. 12.2: a reasoned objection obliges a substantive answer, delivered as
    a letter, and where needed a new or additional investigation to which
    Art. 9–12 apply again. Art. 12.3 comes first: a notified authority receives
    the reaction before the employer answers it."""
    wederhoor = Wederhoor.objects.select_for_update().get(pk=wederhoor.pk)
    melding = wederhoor.melding
    vereis_leiding(melding=melding, door=door)
    # Art. 12.2: the answer belongs to the report's procedure, not after it ended.
    vereis_lopende_procedure(melding)
    if wederhoor.beantwoord_op is not None:
        raise ValidationError(_("Deze reactie is al beantwoord."))
    if wederhoor.onderbouwd_bezwaar and not antwoord.strip():
        raise ValidationError({"antwoord": _("Een onderbouwde reactie vraagt een inhoudelijk antwoord (Art. 12.2).")})
    if wederhoor.extern_doorgestuurd_op is None and _kennisgevingen(melding).exists():
        raise ValidationError(
            _("Stuur de reactie eerst naar de externe instantie die in kennis is gesteld (Art. 12.3).")
        )
    wederhoor.antwoord, wederhoor.beantwoord_door, wederhoor.beantwoord_op = antwoord, door, timezone.now()
    if aanvullend_onderzoek:
        melding_status_wijzigen(melding=melding, naar=Status.IN_ONDERZOEK, door=door, reden=antwoord)
        wederhoor.aanvullend_onderzoek = onderzoek_instellen(
            melding=melding,
            soort=OnderzoekSoort.AANVULLEND,
            opdracht=opdracht,
            door=door,
            totp_code=totp_code,
            # Art. 12.2 with Art. 11.1: the new standpunt term runs from the reaction.
            termijn_vanaf=wederhoor.created_at,
        )
    wederhoor.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op", "aanvullend_onderzoek", "updated_at"])
    if antwoord.strip():
        onderwerp = _("Antwoord op uw reactie")
        pdf = template_naar_pdf(
            "onderzoek/wederhoor_antwoord.html",
            briefcontext(
                melding=melding,
                onderwerp=onderwerp,
                reactie=wederhoor.reactie,
                antwoord=antwoord,
                aanvullend_onderzoek=aanvullend_onderzoek,
                ondertekenaar=door,
            ),
        )
        tekst = antwoord.strip()
        if aanvullend_onderzoek:
            tekst += "\n\n" + _("Er komt een aanvullend onderzoek; u hoort door wie (Art. 9.5, 12.2).")
        brief_aan_melder(
            melding=melding,
            onderwerp=onderwerp,
            tekst=tekst,
            pdf=pdf,
            soort="wederhoor",
            artikel="Art. 12.2",
            door=door,
            # The answer is given when it reaches the melder: at once, or when the
            # vertrouwenspersoon forwards it (Art. 7.3); that closes this reaction's term.
            sluit_termijnen=(termijnsleutel(TERMIJN_WEDERHOOR_ANTWOORD, wederhooronderwerp(wederhoor)),),
        )
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.WEDERHOOR_BEANTWOORD()
    )
    return wederhoor


@transaction.atomic
def melding_afsluiten_na_standpunt(*, melding: Melding, reden: str, door: Gebruiker) -> Melding:
    """The HL closes the case after the standpunt (Art. 12). Not while a reaction
    of the melder is unanswered (Art. 12.2). A reaction request still open is
    withdrawn: the reason records why the case closes without it."""

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    # The report's rows to afgesloten after the standpunt (Art. 11.4, 12.1-12.2).
    overgang_controleren(melding=melding, naar=Status.AFGESLOTEN, door=door)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden om de melding af te sluiten.")})
    for verzoek in melding.verzoeken.filter(soort=STANDPUNT_REACTIE, status=VerzoekStatus.OPEN):
        verzoek_intrekken(verzoek=verzoek, door=door)
    return melding_status_wijzigen(melding=melding, naar=Status.AFGESLOTEN, door=door, reden=reden)
