"""Hoor en wederhoor on the standpunt after an investigation into the melder's
treatment (Art. 12 via 13.2: "artikelen 10 t/m 13 van overeenkomstige
toepassing"), as onderzoek.services.wederhoor does for the report's standpunt:

- Art. 12.1: the standpunt opens a request in the mailbox (meldingen'
  `verzoek_openen`, a kind of this app's own with its handler registered in
  BenadelingConfig.ready); the melder reacts there, agreeing or not;
- Art. 12.2: "niet akkoord" with an explanation is a reasoned objection: the HL
  owes a substantive answer, as a letter, within a term of its own;
- the request is closed only once the melder reacted or the reaction period
  (the report's, MELDPUNT_REACTIETERMIJN_DAGEN) passed, and an answer owed reached
  the melder (the table's preconditions, benadeling.workflow).

Not built here: the new or additional investigation Art. 12.2 allows and the
reaction sent on to a notified authority (Art. 12.3); the HL can grant a new
Art. 13.1 request, and sends the reaction outside Meldpunt (docs/toestanden.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.constants import STANDPUNT_REACTIE_BENADELING, VERZOEK_REACTIE_ANTWOORD
from benadeling.models import Onderzoeksverzoek
from benadeling.selectors import huis_voor_klokkenluiders_route
from benadeling.selectors.standpunt import reactieonderwerp, reactieverzoeken_van
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import taak_melden, verzoek_voor_stap
from benadeling.termijnen import reactie_antwoordtermijn_starten
from benadeling.workflow import VerzoekStatus, verzoek_status
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import VerzoekStatus as MelderverzoekStatus
from meldingen.models import Verzoek
from meldingen.services import meldingsbox
from meldingen.services.brieven import briefcontext
from meldingen.services.termijnen import termijnsleutel


def reactieverzoek_openen(*, verzoek: Onderzoeksverzoek, door: Gebruiker) -> Verzoek:
    """Art. 12.1 via 13.2: the melder may react to the investigation and the
    standpunt; the request shows the standpunt (benadeling.selectors.standpunt_weergave).
    Called in onderzoeksverzoek_standpunt_vaststellen's transaction."""
    return meldingsbox.verzoek_openen(
        melding=verzoek.melding,
        soort=STANDPUNT_REACTIE_BENADELING,
        vraag=_(
            "U kunt reageren op het onderzoek naar hoe u na uw melding bent behandeld en op het standpunt daarover "
            "(Art. 12.1, 13.2). Vindt u dat het niet (goed) is onderzocht, of staan er wezenlijke onjuistheden in? "
            "Kies dan ‘niet akkoord’ en licht dat toe: u krijgt een inhoudelijke reactie (Art. 12.2)."
        ),
        onderwerp=verzoek,
        door=door,
    )


@transaction.atomic
def onderzoeksverzoek_reactie_registreren(
    *, verzoek: Onderzoeksverzoek, reactie: str, onderbouwd_bezwaar: bool
) -> Onderzoeksverzoek:
    """Art. 12.1 via 13.2: the melder reacts to the investigation and the standpunt
    (from the mailbox). A reasoned objection is the table's step to `wederhoor` and
    starts the term of the HL's substantive answer (Art. 12.2); any reaction ends
    the wait for one, so the request may then be closed."""
    if onderbouwd_bezwaar:
        verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.WEDERHOOR, door=None)
    else:
        verzoek = Onderzoeksverzoek.objects.select_for_update().get(pk=verzoek.pk)
        if verzoek_status(verzoek) != VerzoekStatus.STANDPUNT_GEGEVEN:
            raise ValidationError(_("Op dit standpunt kan niet meer worden gereageerd."))
    if not (reactie or "").strip():
        raise ValidationError({"reactie": _("Schrijf uw reactie.")})
    verzoek.reactie, verzoek.reactie_op = reactie.strip(), timezone.now()
    verzoek.onderbouwd_bezwaar = onderbouwd_bezwaar
    verzoek.save(update_fields=["reactie", "reactie_op", "onderbouwd_bezwaar", "updated_at"])
    auditregel_schrijven(
        door=None, actie=AuditActie.GEWIJZIGD, object=verzoek, actor_soort="melder", toelichting="reactie Art. 12.1"
    )
    if onderbouwd_bezwaar:
        reactie_antwoordtermijn_starten(verzoek=verzoek)
        taak_melden(gebruikers=toegang.leiding_van(melding=verzoek.melding))
    return verzoek


def onderzoeksverzoek_reactie_afhandelen(*, verzoek: Verzoek) -> None:
    """Handler for STANDPUNT_REACTIE_BENADELING, inside the transaction that stores
    the melder's answer. "Niet akkoord" needs an explanation in the mailbox and
    counts as a reasoned objection (Art. 12.2), as for the report's standpunt: the
    reading that obliges the employer to answer, never the one that lets it off."""
    onderzoeksverzoek = Onderzoeksverzoek.objects.get(melding_id=verzoek.melding_id, uuid=verzoek.object_uuid)
    onderzoeksverzoek_reactie_registreren(
        verzoek=onderzoeksverzoek,
        reactie=verzoek.antwoord or _("Akkoord met het onderzoek en het standpunt."),
        onderbouwd_bezwaar=verzoek.akkoord is False,
    )


@transaction.atomic
def onderzoeksverzoek_reactie_beantwoorden(
    *, verzoek: Onderzoeksverzoek, antwoord: str, door: Gebruiker
) -> Onderzoeksverzoek:
    """Art. 12.2 via 13.2: the HL answers the reasoned reaction substantively, as a
    letter in the mailbox (with the Huis route, Art. 13.3); the letter closes the
    answer's term when it reaches the melder (under Art. 7.3 when the
    vertrouwenspersoon forwards it)."""
    verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.BEANTWOORD, door=door)
    if not (antwoord or "").strip():
        raise ValidationError({"antwoord": _("Een onderbouwde reactie vraagt een inhoudelijk antwoord (Art. 12.2).")})
    verzoek.antwoord, verzoek.beantwoord_door, verzoek.beantwoord_op = antwoord.strip(), door, timezone.now()
    verzoek.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op", "updated_at"])
    onderwerp = _("Antwoord op uw reactie op het standpunt na het onderzoek naar benadeling")
    pdf = template_naar_pdf(
        "onderzoek/wederhoor_antwoord.html",
        briefcontext(
            melding=verzoek.melding,
            onderwerp=onderwerp,
            reactie=verzoek.reactie,
            antwoord=verzoek.antwoord,
            aanvullend_onderzoek=False,
            ondertekenaar=door,
        ),
    )
    afschrift_aan_melder_bezorgen(
        melding=verzoek.melding,
        onderwerp=onderwerp,
        tekst="\n\n".join([verzoek.antwoord, str(huis_voor_klokkenluiders_route()["tekst"])]),
        soort="reactie_antwoord",
        pdf=pdf,
        object=verzoek,
        door=door,
        sluit_termijnen=(termijnsleutel(VERZOEK_REACTIE_ANTWOORD, reactieonderwerp(verzoek)),),
    )
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="reactie beantwoord")
    return verzoek


@transaction.atomic
def onderzoeksverzoek_afsluiten(*, verzoek: Onderzoeksverzoek, reden: str, door: Gebruiker) -> Onderzoeksverzoek:
    """Art. 12 via 13.2: the HL closes the request after its standpunt, with a
    reason: once the melder reacted or the reaction period passed (Art. 12.1), and
    an answer owed to a reasoned reaction reached the melder (Art. 12.2). A reaction
    request still open is withdrawn: the reason records why it closes without it."""
    # The melder's answer locks the mailbox request, then this request (its
    # handler); closing takes them in the same order, so the two cannot deadlock.
    open_reactieverzoeken = list(
        reactieverzoeken_van(verzoek=verzoek).filter(status=MelderverzoekStatus.OPEN).select_for_update()
    )
    verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.AFGESLOTEN, door=door)
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef een reden om af te sluiten.")})
    for reactieverzoek in open_reactieverzoeken:
        meldingsbox.verzoek_intrekken(verzoek=reactieverzoek, door=door)
    verzoek.afgesloten_op, verzoek.afsluitreden = timezone.now(), reden.strip()
    verzoek.save(update_fields=["afgesloten_op", "afsluitreden", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="afgesloten")
    return verzoek
