"""The melder's right to erasure before the retention period ends (AVG art. 17;
docs/retention.md, "The melder's right to erasure").

The melder asks in the mailbox (`wissing_aanvragen`), after reading what it means
(`gevolgen_identiteit_wissen`); or the receiving officer records a request that came
by post, e-mail, phone or in a meeting (`wissingsverzoek_vastleggen`). Either starts
the term `identiteit_wissen`: one month (AVG art. 12(3)). The receiving officer then
erases the identity (`identiteit_wissen`) or refuses, as a whole or in part, with
the ground and the reason (`wissingsverzoek_weigeren`). Both are rows of
meldingen.workflow.WISSING_OVERGANGEN, guarded by meldingen.overgangen.WISSING, and
both end in a letter in the mailbox that closes the term when it reaches the melder.

Erasing removes the MelderIdentiteit row (its encrypted fields and blind indexes),
the mailbox's address for notices with the notices to it still in the outbox, the
consents that name people (with the access they gave and the requests for them still
open) and the signed scans of every consent, and what the higher apps derived from
the identity (they are told through
meldingen.uitbreidingen.identiteitswissing_registreren). A partial refusal removes
the contact details only. The timeline, the audit log, the letters and the logs say
that it happened and which answer was given, never what was erased.

`aanvragen`: the request; `wissen`: the answer; `teksten`: what the melder reads
(the consequences and the letter).
"""

from meldingen.services.identiteit.aanvragen import wissing_aanvragen, wissingsverzoek_vastleggen
from meldingen.services.identiteit.teksten import GEVOLGEN_WISSEN, SOORT_BRIEF, gevolgen_identiteit_wissen
from meldingen.services.identiteit.wissen import (
    ALLE_VELDEN,
    CONTACTVELDEN,
    identiteit_wissen,
    wissingsverzoek_weigeren,
)

__all__ = [
    "ALLE_VELDEN",
    "CONTACTVELDEN",
    "GEVOLGEN_WISSEN",
    "SOORT_BRIEF",
    "gevolgen_identiteit_wissen",
    "identiteit_wissen",
    "wissing_aanvragen",
    "wissingsverzoek_vastleggen",
    "wissingsverzoek_weigeren",
]
