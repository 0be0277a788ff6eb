"""What the melder reads of retaliation in the mailbox (Art. 6.2, 13)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.translation import gettext as _

from benadeling.constants import HUIS_VOOR_KLOKKENLUIDERS
from benadeling.models import (
    Afschrift,
    Benadelingsmelding,
    Onderzoeksverzoek,
    Risicoanalyse,
    Verwijzing,
)
from benadeling.selectors.standpunt import reactieverzoeken_van, standpunt_reactietermijn_einde
from meldingen.constants import VerzoekStatus
from meldingen.models import Melding
from meldingen.uitbreidingen import Onderwerpweergave


def melder_overzicht(*, melding: Melding) -> dict:
    """What the melder sees of retaliation in their mailbox (benadeling.melder.box_sectie
    renders templates/benadeling/melder_overzicht.html with this): their own claims and
    what became of them, the copies sent to them, their requests for investigation,
    the support offered, and the route to the Huis voor Klokkenluiders (Art. 13.3).
    Never the HL's internal texts: measures reach the melder only as the copy of
    what concerns them (Art. 5.6, 6.3). The caller has opened this mailbox."""

    return {
        "benadelingsmeldingen": [
            SimpleNamespace(
                datum=b.created_at,
                soorten=b.type_labels(),
                status=b.get_status_display(),
                doorgestuurd_op=b.doorgestuurd_op,
                uitkomst=b.get_uitkomst_display() if b.uitkomst else "",
            )
            for b in melding.benadelingsmeldingen.all()
        ],
        # Art. 7.3: a copy held at the vertrouwenspersoon is not yet the melder's.
        "afschriften": list(
            Afschrift.objects.filter(melding=melding, brief__bij_melder_op__isnull=False)
            .select_related("brief")
            .only("uuid", "onderwerp", "created_at", "brief__uuid", "brief__pdf", "brief__bij_melder_op")
        ),
        "verzoeken": [
            SimpleNamespace(
                datum=v.created_at,
                uitkomst=v.get_standpunt_uitkomst_display() if v.standpunt_uitkomst else v.get_uitkomst_display(),
                **_reactie_op_standpunt(v),
            )
            for v in melding.benadeling_verzoeken.all()
        ],
        "verwijzingen": [
            SimpleNamespace(soort=w.get_soort_display(), datum=w.aangeboden_op, uitkomst=w.get_uitkomst_display())
            for w in Verwijzing.objects.filter(melding=melding)
        ],
        "huis": huis_voor_klokkenluiders_route(),
    }


def _reactie_op_standpunt(verzoek: Onderzoeksverzoek) -> dict:
    """Art. 12.1-12.2 via 13.2, as the melder reads it: until when they may react to
    the standpunt (while the request waits for them in the mailbox), and what became
    of their reaction."""
    if verzoek.standpunt_op is None:
        return {"reactie_tot": None, "reactie_stand": ""}
    if verzoek.afgesloten_op is not None:
        stand = _("Afgesloten.")
    elif verzoek.beantwoord_op is not None:
        stand = _("Uw reactie is beantwoord; het antwoord staat bij uw brieven.")
    elif verzoek.onderbouwd_bezwaar:
        stand = _("Uw reactie is ontvangen. U krijgt een inhoudelijk antwoord (Art. 12.2).")
    elif verzoek.reactie_op is not None:
        stand = _("Uw reactie is ontvangen.")
    else:
        stand = ""
    wacht = reactieverzoeken_van(verzoek=verzoek).filter(status=VerzoekStatus.OPEN, bij_melder_op__isnull=False)
    tot = standpunt_reactietermijn_einde(verzoek=verzoek) if wacht.exists() else None
    return {"reactie_tot": tot, "reactie_stand": stand}


def vastlegging_weergave(*, verzoek):
    """What the melder reads in the mailbox of a record put to them for approval
    (Art. 6.1–6.2): the text of the PDF they approve, as plain text. Registered
    with meldingen.uitbreidingen.weergave_registreren; the mailbox has already checked
    that the request is this melder's."""
    modellen = {"benadeling.risicoanalyse": Risicoanalyse, "benadeling.benadelingsmelding": Benadelingsmelding}
    model = modellen.get(verzoek.object_type)
    if model is None:
        return None
    vastlegging = model.objects.filter(uuid=verzoek.object_uuid, melding_id=verzoek.melding_id).first()
    if vastlegging is None:
        return None
    if isinstance(vastlegging, Risicoanalyse):
        return Onderwerpweergave(
            titel=_("Verslag van het risicogesprek (Art. 6.1)"),
            tekst="\n\n".join(
                [
                    f"{_('Datum van het gesprek')}: {vastlegging.gesprek_op:%d-%m-%Y}",
                    f"{_('Risico’s op benadeling')}:\n{vastlegging.risicos}",
                    f"{_('Hoe die risico’s worden verminderd')}:\n{vastlegging.beperking}",
                    f"{_('Wat u kunt doen bij benadeling')}:\n{vastlegging.wat_melder_kan_doen}",
                ]
            ),
        )
    return Onderwerpweergave(
        titel=_("Melding van benadeling (Art. 6.2)"),
        tekst="\n\n".join(
            [f"{_('Soorten benadeling')}:\n" + "\n".join(vastlegging.type_labels()), vastlegging.omschrijving]
        ),
    )


def standpunt_weergave(*, verzoek):
    """What the melder reads in the mailbox of the standpunt they may react to
    (Art. 12.1 via 13.2): its outcome, text and steps, as in the signed letter.
    Registered with meldingen.uitbreidingen.weergave_registreren; the mailbox has
    already checked that the request is this melder's."""
    onderzoeksverzoek = Onderzoeksverzoek.objects.filter(
        uuid=verzoek.object_uuid, melding_id=verzoek.melding_id, standpunt_op__isnull=False
    ).first()
    if onderzoeksverzoek is None:
        return None
    return Onderwerpweergave(
        titel=_("Standpunt na het onderzoek naar benadeling (Art. 13.2)"),
        tekst="\n\n".join(
            [
                f"{_('Uitkomst')}: {onderzoeksverzoek.get_standpunt_uitkomst_display()}",
                onderzoeksverzoek.standpunt,
                f"{_('Stappen waartoe het onderzoek leidt')}:\n{onderzoeksverzoek.vervolgstappen}",
            ]
        ),
    )


def huis_voor_klokkenluiders_route() -> dict:
    """What the melder is shown (Art. 13.3): they may ask the investigation
    department of the Huis voor Klokkenluiders to investigate how the employer
    treated them. Rendered by templates/benadeling/huis_route.html in the mailbox."""
    return {
        **HUIS_VOOR_KLOKKENLUIDERS,
        "artikel": "Art. 13.3",
        "tekst": _(
            "U kunt ook de afdeling onderzoek van het Huis voor Klokkenluiders vragen te onderzoeken hoe uw "
            "werkgever zich na uw melding tegenover u heeft gedragen."
        ),
    }
