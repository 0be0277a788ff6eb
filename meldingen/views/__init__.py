"""Views of the melder's side, thin: forms in, services and selectors out.

No IP address is read or stored here, nothing is loaded from third parties, and
only the session and CSRF cookies are set (docs/vertrouwelijkheid.md). The mailbox keeps
just its UUID in the session after the receipt code was checked.

The views are split by who uses them: `melden` (front door, form, receipt),
`box` (the mailbox) and `personeel` (staff registering a report on the melder's
behalf). Everything the URLconfs and other apps use is re-exported here.
"""

from meldingen.views.box import (
    box,
    box_bericht,
    box_bijlage,
    box_brief,
    box_identiteit_wissen,
    box_intrekken,
    box_notificatie,
    box_openen,
    box_sluiten,
    box_verzoek,
    meldingsbox_uit_sessie,
)
from meldingen.views.melden import SESSIE_BOX, SESSIE_CODE, melden, ontvangen, voordeur
from meldingen.views.personeel import (
    personeel_bijlage,
    personeel_nieuwe_code,
    personeel_ontvangstbewijs,
    personeel_registreren,
)

__all__ = [
    "SESSIE_BOX",
    "SESSIE_CODE",
    "box",
    "box_bericht",
    "box_bijlage",
    "box_brief",
    "box_identiteit_wissen",
    "box_intrekken",
    "box_notificatie",
    "box_openen",
    "box_sluiten",
    "box_verzoek",
    "melden",
    "meldingsbox_uit_sessie",
    "ontvangen",
    "personeel_bijlage",
    "personeel_nieuwe_code",
    "personeel_ontvangstbewijs",
    "personeel_registreren",
    "voordeur",
]
