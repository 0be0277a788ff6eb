"""Art. 11.3 via 13.2: once the investigation into the melder's treatment ended, the
HL assesses whether an external authority is told of it, of its report and of the
standpunt, also when the answer is no, and signs that assessment in the same act as
the standpunt (kern.ondertekening.ondertekende_pdfs: one form, one code). A yes is
the notification itself; the melder receives a copy unless serious objections are
recorded with a reason. The letters are onderzoek's templates for the report's own
assessment and notification (onderzoek.services.kennisgeving_beoordelen); the rows
are benadeling's own (`BenadelingKennisgeving`), so the report's Art. 11.3 and 12.3
never count them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from benadeling.models import BenadelingKennisgeving, Onderzoeksverzoek
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import OndertekendePdf, TeOndertekenen
from kern.services import auditregel_schrijven
from meldingen.services.brieven import briefcontext


def kennisgeving_te_ondertekenen(
    *, verzoek: Onderzoeksverzoek, melden: bool, motivering: str, instantie: str, inhoud: str
) -> TeOndertekenen:
    """The HL's assessment, checked, as the document signed with the standpunt: with
    yes the notification of the authority, with no the reasoned assessment."""
    melding = verzoek.melding
    if not (motivering or "").strip():
        raise ValidationError({"kennisgeving_motivering": _("Motiveer de beoordeling (Art. 9.3, 11.3).")})
    if melden:
        if not (instantie or "").strip() or not (inhoud or "").strip():
            raise ValidationError(_("Noem de instantie en de inhoud van de kennisgeving."))
        return TeOndertekenen(
            "onderzoek/kennisgeving.html",
            briefcontext(
                melding=melding,
                onderwerp=_("Kennisgeving aan %(instantie)s") % {"instantie": instantie.strip()},
                instantie=instantie.strip(),
                inhoud=inhoud.strip(),
            ),
            f"Externe kennisgeving benadeling {melding.registernummer}",
        )
    return TeOndertekenen(
        "onderzoek/kennisgeving_beoordeling.html",
        briefcontext(
            melding=melding,
            onderwerp=_("Beoordeling externe kennisgeving"),
            fase=_("Na afronding van het onderzoek naar benadeling (Art. 13.2, 11.3)"),
            melden=False,
            motivering=motivering.strip(),
        ),
        f"Beoordeling kennisgeving benadeling {melding.registernummer}",
    )


@transaction.atomic
def benadeling_kennisgeving_vastleggen(
    *,
    verzoek: Onderzoeksverzoek,
    getekend: OndertekendePdf,
    melden: bool,
    motivering: str,
    instantie: str,
    inhoud: str,
    ernstige_bezwaren_afschrift: str,
    door: Gebruiker,
) -> BenadelingKennisgeving:
    """Record the signed assessment (Art. 11.3 via 13.2); with yes, the melder gets a
    copy of the notification unless serious objections are recorded. Called by
    onderzoeksverzoek_standpunt_vaststellen, which signed it."""
    kennisgeving = BenadelingKennisgeving.objects.create(
        verzoek=verzoek,
        melden=melden,
        motivering=motivering.strip(),
        instantie=instantie.strip() if melden else "",
        inhoud=inhoud.strip() if melden else "",
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift.strip() if melden else "",
        document=getekend.bestand,
        ondertekening=getekend.ondertekening,
    )
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=kennisgeving, toelichting="Art. 11.3 via 13.2")
    if melden and not kennisgeving.ernstige_bezwaren_afschrift:
        afschrift_aan_melder_bezorgen(
            melding=verzoek.melding,
            onderwerp=_("Afschrift: kennisgeving aan %(instantie)s") % {"instantie": kennisgeving.instantie},
            tekst=_(
                "Wij hebben %(instantie)s op de hoogte gebracht van het onderzoek naar hoe u na uw melding bent "
                "behandeld, van het onderzoeksrapport en van ons standpunt (Art. 11.3, 13.2). U ontvangt hierbij een "
                "afschrift van de kennisgeving."
            )
            % {"instantie": kennisgeving.instantie},
            soort="kennisgeving",
            pdf=getekend.pdf,
            object=kennisgeving,
            door=door,
        )
    return kennisgeving
