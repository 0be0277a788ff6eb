"""The case-screen actions of onderzoek (docs/toestanden.md): action -> service,
form, and the rows it takes, registered with meldingen.handelingen. An action
that takes rows of the report's table names them in `rijen` (the report's guard
decides); one that takes rows of the investigation's table (onderzoek.workflow)
is offered when the investigation's guard allows one of them on an
investigation of the case for this user (`ONDERZOEK_HANDELINGEN` lists them, so
a test fails when a row has none). Side steps have a condition of their own,
asked of the tables and selectors, never a hand-written set of states.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meldingen.admin.formulieren import RedenForm
from meldingen.constants import Status
from meldingen.handelingen import handeling_registreren
from meldingen.services import betrokkenen as betrokkenen_services
from onderzoek import forms, selectors, services
from onderzoek.constants import OnderzoekStatus
from onderzoek.overgangen import PROCEDURE, in_onderzoeksfase, leidt, toewijsbaar
from onderzoek.services.besluiten import BESLUIT_NAAR_STATUS

S = Status
OS = OnderzoekStatus

# Action name -> the rows of onderzoek.workflow it takes.
ONDERZOEK_HANDELINGEN: dict[str, tuple[tuple[OnderzoekStatus, OnderzoekStatus], ...]] = {}


def onderzoek_handelingen_voor_rij(van, naar) -> list[str]:
    return [naam for naam, rijen in ONDERZOEK_HANDELINGEN.items() if (OS(van), OS(naar)) in rijen]


def _onderzoek_rijen(*rijen):
    """Offered when the investigation's guard allows one of these rows, now, for
    this user, on an investigation of the case."""

    def zichtbaar(request, melding) -> bool:
        return any(
            (OS(onderzoek.status), naar) in rijen and PROCEDURE.mag(onderzoek, naar, request.user)
            for onderzoek in melding.onderzoeken.all()
            for _van, naar in rijen
        )

    return zichtbaar


def _registreren(naam, titel, form_class, uitvoeren, *, onderzoek_rijen=(), **kwargs) -> None:
    if onderzoek_rijen:
        ONDERZOEK_HANDELINGEN[naam] = tuple(onderzoek_rijen)
        kwargs["zichtbaar"] = _onderzoek_rijen(*onderzoek_rijen)
    handeling_registreren(naam, titel, form_class, uitvoeren, **kwargs)


def _leidt(request, melding) -> bool:
    return leidt(melding=melding, gebruiker=request.user)


def _onderzoekt(request, melding) -> bool:
    return selectors.onderzoeken_in_uitvoering(user=request.user, melding=melding).exists()


# --- The HL's decisions (Art. 9, 11, 12) ----------------------------------------------------

_registreren(
    "besluit",
    _("Besluiten over de melding (Art. 9.1–9.3)"),
    forms.BesluitForm,
    lambda r, m, d: services.besluit_nemen(
        melding=m, soort=d["soort"], motivering=d["motivering"], door=r.user, totp_code=d["totp_code"]
    ),
    rijen=[(S.IN_BEHANDELING, naar) for naar in BESLUIT_NAAR_STATUS.values()],
)
_registreren(
    "onderzoek",
    _("Onderzoeksopdracht geven (Art. 9.4–9.5)"),
    forms.OnderzoekForm,
    lambda r, m, d: services.onderzoek_instellen(
        melding=m,
        soort=d["soort"],
        opdracht=d["opdracht"],
        door=r.user,
        totp_code=d["totp_code"],
        ernstige_bezwaren_afschrift=d["ernstige_bezwaren_afschrift"],
    ),
    # Art. 9.4: a mandate while the case's next step is the standpunt (the report's table).
    zichtbaar=lambda r, m: in_onderzoeksfase(m) and _leidt(r, m),
    procedurestap=True,
)
_registreren(
    "onderzoeker",
    _("Onderzoeker toewijzen (Art. 9.4)"),
    forms.OnderzoekerForm,
    lambda r, m, d: services.onderzoeker_toewijzen(
        onderzoek=d["onderzoek"],
        gebruiker=d["gebruiker"],
        externe_naam=d["externe_naam"],
        verklaring=d["verklaring"],
        verklaart_geen_betrokkenheid=d["verklaart_geen_betrokkenheid"],
        door=r.user,
    ),
    # Art. 9.4: a new investigator gains access to the case: only on an investigation
    # that may still be worked on (an Art. 13 one also after the report ended).
    zichtbaar=lambda r, m: _leidt(r, m) and any(toewijsbaar(o) for o in m.onderzoeken.all()),
)
_registreren(
    "melder_informeren",
    _("Melder informeren: onderzoek ingesteld, door wie (Art. 9.5)"),
    forms.MelderInformerenForm,
    lambda r, m, d: services.onderzoek_melder_informeren(onderzoek=d["onderzoek"], door=r.user),
    onderzoek_rijen=[(OS.INGESTELD, OS.LOOPT)],
)
_registreren(
    "zonder_rapport",
    _("Onderzoek beëindigen zonder rapport, met ondertekende reden (Art. 11.1)"),
    forms.ZonderRapportForm,
    lambda r, m, d: services.onderzoek_zonder_rapport_beeindigen(
        onderzoek=d["onderzoek"], reden=d["reden"], door=r.user, totp_code=d["totp_code"]
    ),
    onderzoek_rijen=[(OS.INGESTELD, OS.ZONDER_RAPPORT), (OS.LOOPT, OS.ZONDER_RAPPORT)],
)
_registreren(
    "kennisgeving",
    _("Beoordelen of een externe instantie in kennis wordt gesteld (Art. 9.3, 11.3)"),
    forms.KennisgevingBeoordelingForm,
    lambda r, m, d: services.kennisgeving_beoordelen(
        melding=m,
        melden=d["melden"],
        motivering=d["motivering"],
        instantie=d["instantie"],
        inhoud=d["inhoud"],
        ernstige_bezwaren_afschrift=d["ernstige_bezwaren_afschrift"],
        door=r.user,
        totp_code=d["totp_code"],
    ),
    zichtbaar=_leidt,
    procedurestap=True,
)
_registreren(
    "standpunt",
    _("Standpunt vaststellen en ondertekenen (Art. 11.1)"),
    forms.StandpuntForm,
    lambda r, m, d: services.standpunt_vaststellen(
        uitkomst=d["uitkomst"],
        melding=m,
        inhoud=d["inhoud"],
        vervolgstappen=d["vervolgstappen"],
        door=r.user,
        totp_code=d["totp_code"],
    ),
    rijen=[(S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN)],
)
_registreren(
    "betrokkene_toevoegen",
    _("Betrokkene vastleggen"),
    forms.BetrokkeneToevoegenForm,
    lambda r, m, d: betrokkenen_services.betrokkene_toevoegen(
        melding=m, naam=d["naam"], functie=d["functie"], door=r.user
    ),
    zichtbaar=_leidt,
    procedurestap=True,
)


def _mededeling(dienst):
    """The action of telling a person concerned (Art. 9.6 or 11.4) through `dienst`:
    told now, or the reason and the revisit date when not yet."""

    def uitvoeren(request, melding, d):
        uitstellen = d["keuze"] == forms.BetrokkeneInformerenForm.UITSTELLEN
        return dienst(
            betrokkene=d["betrokkene"],
            reden=d["reden"] if uitstellen else "",
            herzien_op=d["herzien_op"] if uitstellen else None,
            door=request.user,
        )

    return uitvoeren


_registreren(
    "betrokkenen",
    _("Betrokkenen informeren, of vastleggen waarom nog niet (Art. 9.6)"),
    forms.BetrokkeneInformerenForm,
    _mededeling(services.betrokkene_melding_meedelen),
    zichtbaar=lambda r, m: _leidt(r, m) and m.betrokkenen.exists(),
)


_registreren(
    "betrokkenen_standpunt",
    _("Betrokkenen over het standpunt informeren, of vastleggen waarom nog niet (Art. 11.4)"),
    forms.StandpuntMededelingForm,
    _mededeling(services.betrokkene_standpunt_meedelen),
    zichtbaar=lambda r, m: _leidt(r, m) and m.standpunten.exists() and m.betrokkenen.exists(),
)
_registreren(
    "verlengen",
    _("Standpunt verlengen en ondertekenen (Art. 11.2)"),
    forms.VerlengingForm,
    lambda r, m, d: services.standpunt_verlenging_ondertekenen(
        melding=m,
        nieuwe_datum=d["nieuwe_datum"],
        reden=d["reden"],
        met_terugkoppeling=d["met_terugkoppeling"],
        beoordeling=d["beoordeling"],
        door=r.user,
        totp_code=d["totp_code"],
    ),
    # Art. 11.2: while the standpunt term runs.
    zichtbaar=lambda r, m: _leidt(r, m) and selectors.standpunttermijn_loopt(melding=m),
    procedurestap=True,
)
_registreren(
    "wederhoor_extern",
    _("Reactie van de melder naar de externe instantie (Art. 12.3)"),
    forms.WederhoorExternForm,
    lambda r, m, d: services.wederhoor_naar_externe_instantie(wederhoor=d["wederhoor"], door=r.user),
    zichtbaar=lambda r, m: (
        _leidt(r, m)
        and m.externe_kennisgevingen.exists()
        and m.wederhoren.filter(extern_doorgestuurd_op__isnull=True).exists()
    ),
)
_registreren(
    "wederhoor",
    _("Reactie van de melder beantwoorden (Art. 12.2)"),
    forms.WederhoorAntwoordForm,
    lambda r, m, d: services.wederhoor_beantwoorden(
        wederhoor=d["wederhoor"],
        antwoord=d["antwoord"],
        aanvullend_onderzoek=d["aanvullend_onderzoek"],
        opdracht=d["opdracht"],
        totp_code=d["totp_code"],
        door=r.user,
    ),
    rijen=[(S.WEDERHOOR, S.IN_ONDERZOEK)],
    zichtbaar=lambda r, m: _leidt(r, m) and m.wederhoren.filter(beantwoord_op__isnull=True).exists(),
    procedurestap=True,
)
_registreren(
    "afsluiten",
    _("Melding afsluiten na het standpunt (Art. 12)"),
    RedenForm,
    lambda r, m, d: services.melding_afsluiten_na_standpunt(melding=m, reden=d["reden"], door=r.user),
    rijen=[(S.STANDPUNT_VERZONDEN, S.AFGESLOTEN), (S.WEDERHOOR, S.AFGESLOTEN)],
)

# --- The investigators' steps (Art. 10), on the case screen of their own investigation ---

_registreren(
    "uitnodigen",
    _("De melder uitnodigen om gehoord te worden (Art. 10.1)"),
    forms.UitnodigingForm,
    lambda r, m, d: services.melder_uitnodigen_voor_verhoor(
        onderzoek=d["onderzoek"], toelichting=d["toelichting"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)
_registreren(
    "verhoor_melder",
    _("Verhoor van de melder vastleggen (Art. 10.1)"),
    forms.VerhoorMelderForm,
    lambda r, m, d: services.verhoor_melder_vastleggen(
        onderzoek=d["onderzoek"], titel=d["titel"], tekst=d["tekst"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)
_registreren(
    "verhoor_ander",
    _("Verhoor van een ander vastleggen (Art. 10.2)"),
    forms.VerhoorAnderForm,
    lambda r, m, d: services.verhoor_ander_vastleggen(
        onderzoek=d["onderzoek"], naam_gehoorde=d["naam_gehoorde"], titel=d["titel"], tekst=d["tekst"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)
_registreren(
    "verhoor_papier",
    _("Getekend verslag van een verhoor uploaden (Art. 10.1–10.2)"),
    forms.VerhoorPapierForm,
    lambda r, m, d: services.verhoor_op_papier_goedgekeurd(
        verhoor=d["verhoor"], getekend_pdf=d["getekend"].read(), door=r.user
    ),
    zichtbaar=lambda r, m: selectors.verhoren_te_tekenen(user=r.user, melding=m).exists(),
)
_registreren(
    "verhoor_niet_goedgekeurd",
    _("Vastleggen dat een verslag niet is goedgekeurd (Art. 10.1–10.2)"),
    forms.VerhoorNietGoedgekeurdForm,
    lambda r, m, d: services.verhoor_niet_goedgekeurd_vastleggen(verhoor=d["verhoor"], reden=d["reden"], door=r.user),
    zichtbaar=lambda r, m: selectors.verhoren_te_tekenen(user=r.user, melding=m).exists(),
)
_registreren(
    "verhoor_afschrift",
    _("Vastleggen dat de gehoorde een afschrift kreeg (Art. 10.2)"),
    forms.VerhoorAfschriftForm,
    lambda r, m, d: services.verhoor_afschrift_gegeven(verhoor=d["verhoor"], door=r.user),
    zichtbaar=lambda r, m: selectors.verhoren_zonder_afschrift(user=r.user, melding=m).exists(),
)
_registreren(
    "stuk",
    _("Document toevoegen aan het onderzoek (Art. 10.3–10.4)"),
    forms.StukForm,
    lambda r, m, d: services.onderzoeksstuk_toevoegen(
        onderzoek=d["onderzoek"],
        herkomst=d["herkomst"],
        omschrijving=d["omschrijving"],
        bestandsnaam=d["bestand"].name,
        inhoud=d["bestand"].read(),
        door=r.user,
    ),
    zichtbaar=_onderzoekt,
)
_registreren(
    "concept",
    _("Conceptrapport schrijven (Art. 10.5)"),
    forms.RapportForm,
    lambda r, m, d: services.rapport_concept_opslaan(onderzoek=d["onderzoek"], tekst=d["tekst"], door=r.user),
    zichtbaar=_onderzoekt,
)
_registreren(
    "concept_voorleggen",
    _("Conceptrapport aan de melder voorleggen (Art. 10.5)"),
    forms.ConceptVoorleggenForm,
    lambda r, m, d: services.rapport_concept_voorleggen(
        onderzoek=d["onderzoek"], ernstige_bezwaren=d["ernstige_bezwaren"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)


def _rapport_vaststellen(request, melding, d):
    rapport = selectors.concept_van(onderzoek=d["onderzoek"])
    if rapport is None:
        raise ValidationError(_("Schrijf eerst een conceptrapport."))
    return services.rapport_vaststellen(
        rapport=rapport,
        ernstige_bezwaren=d["ernstige_bezwaren"],
        zonder_opmerkingen_reden=d["zonder_opmerkingen_reden"],
        door=request.user,
    )


_registreren(
    "rapport_vaststellen",
    _("Onderzoeksrapport vaststellen (Art. 10.6)"),
    forms.RapportVaststellenForm,
    _rapport_vaststellen,
    onderzoek_rijen=[(OS.LOOPT, OS.AFGEROND)],
)
