"""Closing and withdrawing a case outside the investigation (docs/rollen.md-8).

Closing after "geen onderzoek" (Art. 9.2) or a referral (Art. 9.3) is the
receiving officer's step, once the letter reached the melder (or the
vertrouwenspersoon, Art. 7.3) and the reaction period passed; the melder
withdraws from the mailbox at any time before closing. Both end in
melding_status_wijzigen, which checks the row of meldingen.workflow.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, uitbreidingen
from meldingen.constants import GESLOTEN_STATUSSEN, Status, VerzoekStatus
from meldingen.models import Melding, Meldingsbox
from meldingen.services.meldingsbox import verzoek_intrekken
from meldingen.services.register import melding_status_wijzigen

# What the melder reads before and after withdrawing (docs/rollen.md): what ends
# (the report's own procedure and terms, and a running investigation of the report,
# whose investigators lose access) and what goes on (the protection of Art. 5
# with its terms: acting on retaliation, Art. 6.3; deciding on a request to
# investigate the treatment, Art. 13.1; the standpunt of such an investigation and
# its requests to the melder, Art. 13.2). Lazy: read in the melder's language when
# shown, not in the default language when this module is imported.
GEVOLGEN_INTREKKEN = gettext_lazy(
    "Als u uw melding intrekt, wordt die niet verder behandeld: er komt geen (verder) onderzoek naar wat u "
    "hebt gemeld en geen standpunt daarover, en de termijnen daarvoor vervallen. Loopt er al een onderzoek "
    "naar wat u hebt gemeld, dan wordt dat beëindigd en hebben de onderzoekers geen toegang meer tot uw "
    "melding. Het registernummer, de data en de aard van de melding blijven in het register staan. Uw "
    "bescherming tegen nadelige behandeling omdat u een melding deed (Art. 5) blijft wel gelden, met de "
    "termijnen die daarbij horen. U kunt nadelige behandeling blijven melden. De hoogste leidinggevende moet "
    "nog steeds reageren als u nadelige behandeling hebt gemeld (Art. 6.3), en beslissen op uw verzoek om "
    "onderzoek naar hoe u wordt behandeld (Art. 13.1). Loopt dat onderzoek al, dan gaat het door en krijgt u "
    "er nog een standpunt over (Art. 13.2). Vragen aan u over nadelige behandeling of over dat onderzoek "
    "blijven openstaan. U kunt uw meldingsbox blijven openen; de inhoud wordt na de bewaartermijn vernietigd."
)


@transaction.atomic
def melding_afsluiten(*, melding: Melding, reden: str, door: Gebruiker) -> Melding:
    """The receiving officer closes a case decided "geen onderzoek" or referred
    (docs/rollen.md-8). The table's row checks who, the letter and the reaction
    period (meldingen.workflow)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status not in (Status.NIET_IN_ONDERZOEK, Status.DOORVERWEZEN):
        raise ValidationError(
            _("Alleen een melding zonder onderzoek of een doorverwezen melding wordt hier afgesloten.")
        )
    return melding_status_wijzigen(melding=melding, naar=Status.AFGESLOTEN, door=door, reden=reden)


@transaction.atomic
def melding_intrekken(*, meldingsbox: Meldingsbox, reden: str) -> Melding:
    """The melder withdraws the report from the mailbox (docs/rollen.md). The case
    stays in the register; every open term is voided with reason "ingetrokken"
    (meldingen.services.termijnen VERVALT_BIJ_STATUS) except those that outlive the
    case; requests still waiting for the melder are withdrawn, except those that
    outlive the report (meldingen.uitbreidingen.verzoeken_na_intrekken: e.g. of a
    still-running Art. 13.2 investigation into the melder's treatment); the hooks
    registered for withdrawal end what of the procedure runs in a higher app (a
    running investigation of the report itself); protection (Art. 5) is not touched."""
    melding = Melding.objects.select_for_update().get(pk=meldingsbox.melding_id)
    if melding.status in GESLOTEN_STATUSSEN:
        raise ValidationError(_("Deze melding is al afgesloten of ingetrokken."))
    reden = reden.strip() or _("De melder heeft de melding ingetrokken.")
    # Withdrawal ends the report's procedure, not the protection (Art. 5, 13):
    # requests of what runs on after the report stay open for the melder.
    blijvend = uitbreidingen.verzoeken_na_intrekken(melding=melding)
    for verzoek in melding.verzoeken.filter(status=VerzoekStatus.OPEN).exclude(pk__in=blijvend):
        verzoek_intrekken(verzoek=verzoek, door=None)
    melding = melding_status_wijzigen(melding=melding, naar=Status.INGETROKKEN, door=None, reden=reden)
    # What runs as part of the report's procedure in a higher app ends with it, in
    # this transaction (meldingen.uitbreidingen.bij_intrekking_registreren: e.g. an
    # investigation of the report itself, whose investigators lose access, Art. 7.1);
    # what protects the melder goes on (Art. 5, 13.2).
    uitbreidingen.na_intrekking(melding=melding)
    auditregel_schrijven(
        door=None,
        actie=AuditActie.GEWIJZIGD,
        object=melding,
        actor_soort="melder",
        toelichting=auditnotities.INGETROKKEN(),
    )
    return melding
