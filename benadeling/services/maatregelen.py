"""The HL's measures against retaliation (Art. 6.3) and against those who
retaliate (Art. 5.6), signed like every HL decision; the outcome of a claim."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.constants import ClaimUitkomst, MaatregelSoort
from benadeling.models import Benadelingsmelding, Maatregel
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import pdf_maken
from benadeling.termijnen import claim_termijn_sluiten
from benadeling.workflow import CLAIM, ClaimStatus
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import ondertekend_pdf
from kern.services import auditregel_schrijven
from meldingen.models import Melding
from meldingen.services.brieven import briefcontext


@transaction.atomic
def maatregel_vastleggen(
    *,
    melding: Melding,
    soort: MaatregelSoort | str,
    omschrijving: str,
    door: Gebruiker,
    totp_code: str,
    mededeling_aan_melder: str = "",
    benadelingsmelding: Benadelingsmelding | None = None,
) -> Maatregel:
    """Art. 6.3: the HL sees to the measures needed to counter retaliation; Art.
    5.6: the HL addresses employees who retaliate and may warn or discipline them.
    Signed with a fresh second factor. The melder receives what concerns them
    (`mededeling_aan_melder`) as a copy; never the detail about a colleague."""
    toegang.vereis_leiding(melding=melding, door=door)
    soort = MaatregelSoort(soort)
    if not (omschrijving or "").strip():
        raise ValidationError({"omschrijving": _("Beschrijf de maatregel.")})
    if benadelingsmelding is not None and benadelingsmelding.melding_id != melding.pk:
        raise ValidationError({"benadelingsmelding": _("Deze benadelingsmelding hoort niet bij deze melding.")})
    _pdf, document, ondertekening = ondertekend_pdf(
        template="benadeling/maatregel.html",
        context=briefcontext(
            melding=melding,
            onderwerp=soort.label,
            soort=soort,
            omschrijving=omschrijving.strip(),
            mededeling_aan_melder=mededeling_aan_melder.strip(),
        ),
        omschrijving=f"Maatregel benadeling {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    maatregel = Maatregel.objects.create(
        melding=melding,
        benadelingsmelding=benadelingsmelding,
        soort=soort,
        omschrijving=omschrijving.strip(),
        mededeling_aan_melder=mededeling_aan_melder.strip(),
        document=document,
        ondertekening=ondertekening,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=maatregel, toelichting=str(soort))
    if benadelingsmelding is not None:
        # Art. 6.3: a signed measure on the claim is the HL acting on it.
        claim_termijn_sluiten(claim=benadelingsmelding, door=door)
    if maatregel.mededeling_aan_melder:
        pdf, _hash = pdf_maken(
            template="benadeling/mededeling.html",
            context={
                "melding": melding,
                "onderwerp": _("Maatregel tegen benadeling"),
                "tekst": maatregel.mededeling_aan_melder,
                "ondertekening": ondertekening,
            },
        )
        afschrift_aan_melder_bezorgen(
            melding=melding,
            onderwerp=_("Maatregel tegen benadeling"),
            tekst=maatregel.mededeling_aan_melder,
            soort="maatregel",
            pdf=pdf,
            object=maatregel,
            door=door,
        )
    return maatregel


@transaction.atomic
def benadelingsmelding_afhandelen(
    *, benadelingsmelding: Benadelingsmelding, uitkomst: ClaimUitkomst | str, toelichting: str, door: Gebruiker
) -> Benadelingsmelding:
    """The HL records what became of a claim (counted in the annual figures,
    Art. 14.2 c–d). "Maatregelen" needs at least one signed measure (Art. 6.3)."""
    claim = Benadelingsmelding.objects.select_for_update().get(pk=benadelingsmelding.pk)
    # The row DOORGESTUURD -> AFGEHANDELD: approved by the melder, forwarded, not yet handled.
    CLAIM.controleren(claim, ClaimStatus.AFGEHANDELD, door=door)
    uitkomst = ClaimUitkomst(uitkomst)
    if uitkomst == ClaimUitkomst.MAATREGELEN and not claim.maatregelen.exists():
        raise ValidationError(_("Leg eerst de ondertekende maatregel vast (Art. 6.3)."))
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": _("Licht de uitkomst toe.")})
    claim.uitkomst, claim.uitkomst_toelichting, claim.afgehandeld_op = uitkomst, toelichting.strip(), timezone.now()
    claim.save(update_fields=["uitkomst", "uitkomst_toelichting", "afgehandeld_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=claim, toelichting=f"uitkomst {uitkomst}")
    # Art. 6.3: the claim is handled; its term closes (if a measure did not close it already).
    claim_termijn_sluiten(claim=claim, door=door)
    return claim
