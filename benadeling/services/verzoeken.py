"""A request to investigate how the melder is treated (Art. 13.1), handled as an
investigation of the kind "benadeling" under onderzoek's rules (Art. 13.2); the
melder's own route to the Huis voor Klokkenluiders (Art. 13.3)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benadeling.constants import (
    HUIS_VOOR_KLOKKENLUIDERS,
    BenadelingOordeel,
    VerwijzingSoort,
    VerwijzingUitkomst,
    VerzoekUitkomst,
)
from benadeling.models import Onderzoeksverzoek, Verwijzing
from benadeling.selectors import BENADELING_ROLLEN, huis_voor_klokkenluiders_route
from benadeling.selectors.standpunt import STANDPUNT_AFSCHRIFT
from benadeling.services.afschriften import afschrift_aan_melder_bezorgen
from benadeling.services.common import taak_melden, verzoek_voor_stap
from benadeling.services.kennisgeving import benadeling_kennisgeving_vastleggen, kennisgeving_te_ondertekenen
from benadeling.services.reactie import reactieverzoek_openen
from benadeling.termijnen import verzoek_termijn_sluiten, verzoek_termijn_starten
from benadeling.workflow import VerzoekStatus
from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.ondertekening import TeOndertekenen, ondertekend_pdf, ondertekende_pdfs
from kern.services import auditregel_schrijven
from meldingen.constants import TermijnSoort, ToewijzingRol
from meldingen.models import Melding
from meldingen.services.brieven import briefcontext
from meldingen.services.termijnen import termijnsleutel
from onderzoek.constants import OnderzoekSoort, termijnonderwerp
from onderzoek.services import onderzoek_instellen


@transaction.atomic
def onderzoeksverzoek_indienen(*, melding: Melding, verzoek: str, door: Gebruiker | None = None) -> Onderzoeksverzoek:
    """Art. 13.1: the melder asks the HL to investigate how they are treated.
    `door=None` when the melder asks in the mailbox; otherwise the contactpersoon
    records the request on the melder's behalf."""
    if door is not None:
        toegang.vereis_toewijzing(
            melding=melding, door=door, rollen=[ToewijzingRol.CONTACTPERSOON, ToewijzingRol.ONTVANGER]
        )
    if not (verzoek or "").strip():
        raise ValidationError({"verzoek": _("Beschrijf het verzoek om onderzoek.")})
    rij = Onderzoeksverzoek.objects.create(melding=melding, verzoek=verzoek.strip(), ingediend_door=door)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=rij,
        actor_soort=None if door else "melder",
        toelichting="Art. 13.1",
    )
    # Art. 13.1: the HL decides on the request within its own term.
    verzoek_termijn_starten(verzoek=rij)
    taak_melden(gebruikers=toegang.leiding_van(melding=melding))
    return rij


@transaction.atomic
def onderzoeksverzoek_inwilligen(
    *, verzoek: Onderzoeksverzoek, opdracht: str, door: Gebruiker, totp_code: str, ernstige_bezwaren_afschrift: str = ""
) -> Onderzoeksverzoek:
    """Art. 13.2: the investigation follows onderzoek's rules (signed mandate,
    independent investigators, report, copy to the melder): onderzoek_instellen
    with soort "benadeling"."""
    verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.INGEWILLIGD, door=door)
    onderzoek = onderzoek_instellen(
        melding=verzoek.melding,
        soort=OnderzoekSoort.BENADELING,
        opdracht=opdracht,
        door=door,
        totp_code=totp_code,
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift,
    )
    verzoek.uitkomst, verzoek.onderzoek, verzoek.beslist_op = VerzoekUitkomst.INGESTELD, onderzoek, timezone.now()
    verzoek.save(update_fields=["uitkomst", "onderzoek", "beslist_op", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="Art. 13.2 ingesteld")
    verzoek_termijn_sluiten(verzoek=verzoek, door=door)
    return verzoek


@transaction.atomic
def onderzoeksverzoek_afwijzen(
    *, verzoek: Onderzoeksverzoek, reden: str, door: Gebruiker, totp_code: str
) -> Onderzoeksverzoek:
    """The HL declines, with reasons, signed; the melder gets a copy and is shown
    the route to the Huis voor Klokkenluiders (Art. 13.3)."""
    verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.AFGEWEZEN, door=door)
    melding = verzoek.melding
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef aan waarom er geen onderzoek naar benadeling komt.")})
    pdf, _document, ondertekening = ondertekend_pdf(
        template="benadeling/verzoek_afgewezen.html",
        context=briefcontext(
            melding=melding,
            onderwerp=_("Uw verzoek om onderzoek naar benadeling (Art. 13)"),
            reden=reden.strip(),
            huis=HUIS_VOOR_KLOKKENLUIDERS,
        ),
        omschrijving=f"Verzoek Art. 13.1 afgewezen {melding.registernummer}",
        door=door,
        totp_code=totp_code,
    )
    verzoek.uitkomst, verzoek.reden, verzoek.beslist_op = VerzoekUitkomst.AFGEWEZEN, reden.strip(), timezone.now()
    verzoek.ondertekening = ondertekening
    verzoek.save(update_fields=["uitkomst", "reden", "beslist_op", "ondertekening", "updated_at"])
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="Art. 13.1 afgewezen")
    verzoek_termijn_sluiten(verzoek=verzoek, door=door)
    afschrift_aan_melder_bezorgen(
        melding=melding,
        onderwerp=_("Besluit op uw verzoek om onderzoek naar benadeling"),
        tekst="\n\n".join(
            [
                _("Er komt geen onderzoek naar hoe u na uw melding bent behandeld (Art. 13.1). De reden:"),
                reden.strip(),
                str(huis_voor_klokkenluiders_route()["tekst"]),
            ]
        ),
        soort="verzoek_afgewezen",
        pdf=pdf,
        object=verzoek,
        door=door,
    )
    return verzoek


@transaction.atomic
def onderzoeksverzoek_standpunt_vaststellen(
    *,
    verzoek: Onderzoeksverzoek,
    uitkomst: BenadelingOordeel | str,
    standpunt: str,
    vervolgstappen: str,
    kennisgeving_melden: bool,
    kennisgeving_motivering: str,
    door: Gebruiker,
    totp_code: str,
    instantie: str = "",
    kennisgeving: str = "",
    ernstige_bezwaren_afschrift: str = "",
) -> Onderzoeksverzoek:
    """Art. 13.2 with Art. 11.1: once the investigation ended, in the investigators'
    fixed report (Art. 10.6) or in the HL's signed reason why no report was needed
    (`zonder_rapport`, Art. 11.1, as for the report's own standpunt), the HL gives
    the employer's substantive standpunt and the steps it leads to, signed; the
    melder receives it, with the Huis route (Art. 13.3). Art. 13.2 applies Art. 11
    and 12 "van overeenkomstige toepassing", as for the report's standpunt:

    - Art. 11.3: the HL assesses whether an external authority is told, signed in
      the same act, also when the answer is no (benadeling.services.kennisgeving);
    - Art. 12.1: the melder may react in the mailbox (a request of its own kind);
      the request is not closed while the reaction period runs
      (benadeling.services.reactie).

    The case's own lifecycle is not touched: this is not the standpunt on the
    report, and it is given also after the report was closed or withdrawn (Art. 5)."""
    # The row INGEWILLIGD -> STANDPUNT_GEGEVEN, after the investigation ended (Art. 10.6, 11.1).
    verzoek = verzoek_voor_stap(verzoek, VerzoekStatus.STANDPUNT_GEGEVEN, door=door)
    melding = verzoek.melding
    uitkomst = BenadelingOordeel(uitkomst)
    if not (standpunt or "").strip() or not (vervolgstappen or "").strip():
        raise ValidationError(_("Het standpunt noemt de inhoud én de stappen waartoe het leidt (Art. 11.1)."))
    # Art. 11.3 via 13.2: the HL's assessment, signed with the standpunt.
    beoordeling = {
        "melden": bool(kennisgeving_melden),
        "motivering": kennisgeving_motivering or "",
        "instantie": instantie or "",
        "inhoud": kennisgeving or "",
    }
    brief, kennisgevingsdocument = ondertekende_pdfs(
        documenten=[
            TeOndertekenen(
                "benadeling/standpunt.html",
                briefcontext(
                    melding=melding,
                    onderwerp=_("Standpunt na het onderzoek naar benadeling (Art. 13.2)"),
                    uitkomst=uitkomst,
                    standpunt=standpunt.strip(),
                    vervolgstappen=vervolgstappen.strip(),
                    huis=HUIS_VOOR_KLOKKENLUIDERS,
                ),
                f"Standpunt benadeling {melding.registernummer}",
            ),
            kennisgeving_te_ondertekenen(verzoek=verzoek, **beoordeling),
        ],
        door=door,
        totp_code=totp_code,
    )
    verzoek.standpunt, verzoek.vervolgstappen = standpunt.strip(), vervolgstappen.strip()
    verzoek.standpunt_uitkomst, verzoek.standpunt_ondertekening = uitkomst, brief.ondertekening
    verzoek.standpunt_op = timezone.now()
    verzoek.save(
        update_fields=[
            "standpunt",
            "vervolgstappen",
            "standpunt_uitkomst",
            "standpunt_ondertekening",
            "standpunt_op",
            "updated_at",
        ]
    )
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting=f"standpunt {uitkomst}")
    afschrift_aan_melder_bezorgen(
        melding=melding,
        onderwerp=_("Standpunt na het onderzoek naar benadeling"),
        tekst="\n\n".join(
            [
                standpunt.strip(),
                vervolgstappen.strip(),
                _(
                    "U kunt op het onderzoek en dit standpunt reageren in uw meldingsbox, bij ‘Wij vragen uw "
                    "reactie’ (Art. 12.1, 13.2)."
                ),
                str(huis_voor_klokkenluiders_route()["tekst"]),
            ]
        ),
        soort=STANDPUNT_AFSCHRIFT,
        pdf=brief.pdf,
        object=verzoek,
        door=door,
        # Art. 13.2 with 11.1: this letter is the standpunt of the investigation's own term.
        sluit_termijnen=(termijnsleutel(TermijnSoort.STANDPUNT, termijnonderwerp(verzoek.onderzoek)),),
    )
    benadeling_kennisgeving_vastleggen(
        verzoek=verzoek,
        getekend=kennisgevingsdocument,
        ernstige_bezwaren_afschrift=ernstige_bezwaren_afschrift or "",
        door=door,
        **beoordeling,
    )
    reactieverzoek_openen(verzoek=verzoek, door=door)
    return verzoek


@transaction.atomic
def huis_route_genomen(
    *, melding: Melding, op: date, door: Gebruiker | None = None, toelichting: str = ""
) -> Verwijzing:
    """Art. 13.3: record that the melder asked the Huis voor Klokkenluiders to
    investigate (told in the mailbox, `door=None`, or recorded by an officer)."""
    if door is not None:
        toegang.vereis_toewijzing(melding=melding, door=door, rollen=BENADELING_ROLLEN)
    if op is None or op > timezone.localdate():
        raise ValidationError({"op": _("Vul de datum in (niet in de toekomst).")})
    verwijzing = Verwijzing.objects.create(
        melding=melding,
        soort=VerwijzingSoort.HUIS_ONDERZOEK,
        aangeboden_op=op,
        door=door,
        uitkomst=VerwijzingUitkomst.GENOMEN,
        uitkomst_op=op,
        toelichting=toelichting.strip(),
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=verwijzing,
        actor_soort=None if door else "melder",
        toelichting="Art. 13.3",
    )
    return verwijzing
