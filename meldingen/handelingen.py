"""The case-screen actions of a report (docs/toestanden.md): action -> service,
form, and the row of meldingen.workflow it takes. The generic case screen
(meldingen.admin.acties) shows a button exactly when `zichtbaar` says so: for a
step of the table the guard meldingen.overgangen decides (the same answer the
service gives); for a side step (acknowledgement, records, consent) the rule
below. Higher apps add theirs with `handeling_registreren` in their own
handelingen.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kern import toegang
from meldingen import selectors
from meldingen.admin.formulieren import (
    AdviseurForm,
    AdviseurToestemmingForm,
    BerichtForm,
    BevestigForm,
    BriefDoorsturenForm,
    CategorieForm,
    ContactpersoonForm,
    DiscriminatiegrondenForm,
    GesprekForm,
    IdentiteitWissenForm,
    KoppelForm,
    OntvangstbevestigingForm,
    RedenForm,
    TerugkoppelingForm,
    ToestemmingForm,
    ToestemmingPapierForm,
    VastleggingForm,
    VastleggingPapierForm,
    VerzoekDoorsturenForm,
    WissingsverzoekVastleggenForm,
    WissingWeigerenForm,
)
from meldingen.constants import Kanaal, Status, TermijnSoort, ToewijzingRol, WissingStatus
from meldingen.overgangen import WISSING, mag_overgang, procedure_loopt
from meldingen.services import adviseur, afsluiten, brieven, gesprek, identiteit, meldingsbox, toestemming, triage

S = Status


@dataclass(frozen=True)
class Handeling:
    naam: str
    titel: object
    form_class: type
    # uitvoeren(request, melding, cleaned_data) calls one service.
    uitvoeren: Callable
    # The rows of meldingen.workflow this action takes: offered only when the
    # guard allows one of them for this user now.
    rijen: tuple[tuple[Status, Status], ...] = ()
    # A side step's own rule (request, melding) -> bool; None: always offered
    # (the service still refuses what is not allowed).
    zichtbaar: Callable | None = None
    # A step of the report's own procedure (Art. 8-12): not offered once the case
    # is closed or withdrawn, as its service refuses it then
    # (meldingen.overgangen.vereis_lopende_procedure). Steps that protect the
    # melder (Art. 5, 6, 13), retention holds and ending access are not marked.
    procedurestap: bool = False

    def is_zichtbaar(self, request, melding) -> bool:
        if self.procedurestap and not procedure_loopt(melding):
            return False
        if self.rijen and not any(
            melding.status == van and mag_overgang(melding=melding, naar=naar, gebruiker=request.user)
            for van, naar in self.rijen
        ):
            return False
        return self.zichtbaar is None or self.zichtbaar(request, melding)


HANDELINGEN: dict[str, Handeling] = {}


def handeling_registreren(
    naam: str, titel, form_class, uitvoeren, *, rijen=(), zichtbaar=None, procedurestap=False
) -> None:
    """Extension point for higher apps: add an action to the case screen. Forms may
    accept `user` and `melding` keyword arguments (see KoppelForm)."""
    HANDELINGEN[naam] = Handeling(naam, titel, form_class, uitvoeren, tuple(rijen), zichtbaar, procedurestap)


def handelingen_voor_rij(van: Status, naar: Status) -> list[Handeling]:
    return [h for h in HANDELINGEN.values() if (Status(van), Status(naar)) in h.rijen]


def _toegewezen(request, melding, *rollen) -> bool:
    return toegang.heeft_toewijzing(melding=melding, user=request.user, rollen=rollen)


def _ontvanger(r, m) -> bool:
    return _toegewezen(r, m, ToewijzingRol.ONTVANGER)


handeling_registreren(
    "doorsturen",
    _("Doorsturen naar de hoogste leidinggevende of hoogste verantwoordelijke (Art. 8.3–8.4)"),
    BevestigForm,
    lambda r, m, d: triage.melding_doorsturen(melding=m, door=r.user),
    rijen=[(S.ONTVANGEN, S.IN_BEHANDELING)],
)
handeling_registreren(
    "omleiden",
    _("Omleiden: de hoogste leidinggevende is betrokken (Art. 8.4)"),
    RedenForm,
    lambda r, m, d: triage.melding_omleiden_naar_hoogste_verantwoordelijke(melding=m, door=r.user, reden=d["reden"]),
    zichtbaar=lambda r, m: not m.hl_betrokken and _ontvanger(r, m),
    # Art. 3.2, 4.1, 8.4: re-routing gives the hoogste verantwoordelijke access to
    # the case; not on a closed or withdrawn case.
    procedurestap=True,
)
handeling_registreren(
    "hl_toegang_intrekken",
    _("Toegang van de hoogste leidinggevende intrekken: betrokken, bleek na het einde (Art. 8.4)"),
    RedenForm,
    lambda r, m, d: triage.hl_toegang_intrekken(melding=m, reden=d["reden"], door=r.user),
    # Art. 8.4 on a closed or withdrawn case, where re-routing is refused: HL access
    # ends, nobody gains any. Ending access, not a step of the procedure.
    zichtbaar=lambda r, m: triage.mag_hl_toegang_intrekken(melding=m, gebruiker=r.user),
)
handeling_registreren(
    "contactpersoon",
    _("Contactpersoon aanwijzen (Art. 8.6)"),
    ContactpersoonForm,
    lambda r, m, d: triage.contactpersoon_aanwijzen(
        melding=m,
        contactpersoon=d["contactpersoon"],
        afgestemd_met_melder=d["afgestemd_met_melder"],
        door=r.user,
    ),
    # Art. 8.6: the contactpersoon follows forwarding; the HL's step, the
    # receiving officer's only when the organisation allows it.
    zichtbaar=lambda r, m: (
        triage.namens_hl_toegestaan(m, r.user)
        and m.gebeurtenissen.filter(van_status=S.ONTVANGEN, naar_status=S.IN_BEHANDELING).exists()
    ),
)
handeling_registreren(
    "koppelen",
    _("Koppelen aan een andere melding"),
    KoppelForm,
    lambda r, m, d: triage.melding_koppelen(melding=m, andere=d["registernummer"], reden=d["reden"], door=r.user),
)
handeling_registreren(
    "categorie",
    _("Aard van de melding vastleggen"),
    CategorieForm,
    lambda r, m, d: triage.melding_categorie_wijzigen(melding=m, categorie=d["categorie"], door=r.user),
    zichtbaar=lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER, m.leiding_rol),
)
handeling_registreren(
    "discriminatiegronden",
    _("Discriminatiegronden vastleggen"),
    DiscriminatiegrondenForm,
    lambda r, m, d: triage.melding_discriminatiegronden_wijzigen(melding=m, gronden=d["gronden"], door=r.user),
    zichtbaar=lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER, m.leiding_rol),
)
handeling_registreren(
    "vastlegging",
    _("Mondelinge melding schriftelijk vastleggen en ter goedkeuring voorleggen (Art. 8.1–8.2)"),
    VastleggingForm,
    lambda r, m, d: meldingsbox.vastlegging_voorleggen(
        melding=m,
        titel=d["titel"],
        tekst=d["tekst"],
        artikel="Art. 8.2" if m.kanaal == Kanaal.VERTROUWENSPERSOON else "Art. 8.1",
        door=r.user,
    ),
    zichtbaar=_ontvanger,
    # Art. 8.1-8.2: a new request to the melder about the report itself.
    procedurestap=True,
)
handeling_registreren(
    "vastlegging_papier",
    _("Getekende vastlegging uploaden (Art. 8.1–8.2)"),
    VastleggingPapierForm,
    lambda r, m, d: meldingsbox.vastlegging_op_papier_goedgekeurd(
        vastlegging=d["vastlegging"], getekend_pdf=d["document"].read(), door=r.user
    ),
    zichtbaar=lambda r, m: _ontvanger(r, m) and m.vastleggingen.exclude(status="goedgekeurd").exists(),
)
handeling_registreren(
    "ontvangstbevestiging",
    _("Ontvangstbevestiging sturen (Art. 8.5)"),
    OntvangstbevestigingForm,
    lambda r, m, d: brieven.ontvangstbevestiging_sturen(melding=m, samenvatting=d["samenvatting"], door=r.user),
    # The HL's letter (Art. 8.5); the receiving officer's only when the
    # organisation allows it, so the button is not a dead end.
    zichtbaar=lambda r, m: (
        triage.namens_hl_toegestaan(m, r.user) and not m.brieven.filter(soort="ontvangstbevestiging").exists()
    ),
    # Art. 8.5: acknowledging a withdrawn report is no longer owed (its term is void).
    procedurestap=True,
)
handeling_registreren(
    "bericht",
    _("Bericht aan de melder"),
    BerichtForm,
    lambda r, m, d: meldingsbox.bericht_aan_melder(melding=m, tekst=d["tekst"], door=r.user),
)
handeling_registreren(
    "toestemming",
    _("Melder om schriftelijke toestemming vragen (Art. 7.2)"),
    ToestemmingForm,
    lambda r, m, d: toestemming.toestemming_vragen(
        melding=m, soort=d["soort"], ontvangers=d["ontvangers"], door=r.user
    ),
    zichtbaar=_ontvanger,
)
handeling_registreren(
    "toestemming_papier",
    _("Getekende toestemming uploaden (Art. 7.2)"),
    ToestemmingPapierForm,
    lambda r, m, d: toestemming.toestemming_op_papier(
        melding=m,
        soort=d["soort"],
        ontvangers=d["ontvangers"],
        getekend_pdf=d["document"].read(),
        getekend_op=d["getekend_op"],
        door=r.user,
    ),
    zichtbaar=_ontvanger,
)
handeling_registreren(
    "adviseur_vastleggen",
    _("Adviseur van de melder vastleggen (Art. 7.4)"),
    AdviseurForm,
    lambda r, m, d: adviseur.adviseur_vastleggen(
        melding=m, naam=d["naam"], organisatie=d["organisatie"], email=d["email"], telefoon=d["telefoon"], door=r.user
    ),
    zichtbaar=_ontvanger,
)
handeling_registreren(
    "adviseur_toestemming",
    _("Getekende toestemming van de adviseur uploaden (Art. 7.4)"),
    AdviseurToestemmingForm,
    lambda r, m, d: adviseur.adviseur_toestemming_vastleggen(
        toestemming=d["toestemming"], getekend_pdf=d["document"].read(), getekend_op=d["getekend_op"], door=r.user
    ),
    zichtbaar=lambda r, m: _ontvanger(r, m) and selectors.adviseurtoestemmingen_open(melding=m).exists(),
)
handeling_registreren(
    "brief_doorsturen",
    _("Brief doorsturen aan de melder (Art. 7.3)"),
    BriefDoorsturenForm,
    lambda r, m, d: meldingsbox.brief_doorsturen_door_vertrouwenspersoon(brief=d["brief"], door=r.user),
    zichtbaar=lambda r, m: (
        _ontvanger(r, m) and m.brieven.filter(via_vertrouwenspersoon=True, bij_melder_op__isnull=True).exists()
    ),
)
handeling_registreren(
    "verzoek_doorsturen",
    _("Verzoek doorsturen aan de melder (Art. 7.3)"),
    VerzoekDoorsturenForm,
    lambda r, m, d: meldingsbox.verzoek_doorsturen_door_vertrouwenspersoon(verzoek=d["verzoek"], door=r.user),
    zichtbaar=lambda r, m: _ontvanger(r, m) and selectors.verzoeken_bij_vertrouwenspersoon(melding=m).exists(),
)
handeling_registreren(
    "afsluiten_zonder_onderzoek",
    _("Melding afsluiten: geen onderzoek of doorverwezen (Art. 9.2–9.3)"),
    RedenForm,
    lambda r, m, d: afsluiten.melding_afsluiten(melding=m, reden=d["reden"], door=r.user),
    rijen=[(S.NIET_IN_ONDERZOEK, S.AFGESLOTEN), (S.DOORVERWEZEN, S.AFGESLOTEN)],
)
handeling_registreren(
    "tussentijdse_terugkoppeling",
    _("Tussentijdse terugkoppeling sturen (Wbk art. 2, uiterlijk drie maanden)"),
    TerugkoppelingForm,
    lambda r, m, d: brieven.tussentijdse_terugkoppeling_sturen(
        melding=m, beoordeling=d["beoordeling"], vervolg=d["vervolg"], door=r.user
    ),
    # Offered while the feedback cap runs: the standpunt (or another letter that
    # serves as feedback) closes it, and then this letter is no longer needed.
    zichtbaar=lambda r, m: (
        _toegewezen(r, m, ToewijzingRol.ONTVANGER, m.leiding_rol)
        and selectors.termijn_loopt(melding=m, soort=TermijnSoort.TERUGKOPPELING)
    ),
    procedurestap=True,
)
handeling_registreren(
    "gesprek",
    _("Gesprek met de melder vastleggen: gevoerd of aangeboden (Art. 3.4)"),
    GesprekForm,
    lambda r, m, d: gesprek.gesprek_vastleggen(melding=m, uitkomst=d["uitkomst"], door=r.user),
    # Offered while the meeting the melder asked for is still due.
    zichtbaar=lambda r, m: _ontvanger(r, m) and selectors.termijn_loopt(melding=m, soort=TermijnSoort.GESPREK),
    procedurestap=True,
)


# --- The melder's request to erase their identity (AVG art. 17) ---------------------------
# Not steps of the report's procedure: the right holds after closing and withdrawal
# too. The rows of meldingen.workflow.WISSING_OVERGANGEN, each with its action; a
# button is offered exactly when the guard (meldingen.overgangen.WISSING) allows it.

W = WissingStatus
WISSING_HANDELINGEN = {
    (W.GEVRAAGD, W.UITGEVOERD): "identiteit_wissen",
    (W.GEVRAAGD, W.DEELS_GEWEIGERD): "wissing_weigeren",
    (W.GEVRAAGD, W.GEWEIGERD): "wissing_weigeren",
}


def _open_wissingsverzoek(melding):
    verzoek = selectors.wissingsverzoek_open(melding=melding)
    if verzoek is None:
        raise ValidationError(_("Er staat geen verzoek om wissing open."))
    return verzoek


def _wissing_mag(*naar):
    def zichtbaar(request, melding) -> bool:
        verzoek = selectors.wissingsverzoek_open(melding=melding)
        return verzoek is not None and any(WISSING.mag(verzoek, stap, request.user) for stap in naar)

    return zichtbaar


handeling_registreren(
    "wissingsverzoek_vastleggen",
    _("Verzoek van de melder om de identiteit te wissen vastleggen: post, e-mail, telefoon (AVG art. 17)"),
    WissingsverzoekVastleggenForm,
    lambda r, m, d: identiteit.wissingsverzoek_vastleggen(
        melding=m,
        ontvangen_op=d["ontvangen_op"],
        bron=d["bron"],
        herkomst_vastgesteld=d["herkomst_vastgesteld"],
        door=r.user,
    ),
    zichtbaar=lambda r, m: _ontvanger(r, m) and selectors.wissingsstand(melding=m).mag_vragen,
)
handeling_registreren(
    "identiteit_wissen",
    _("Identiteit van de melder wissen op verzoek van de melder (AVG art. 17)"),
    IdentiteitWissenForm,
    lambda r, m, d: identiteit.identiteit_wissen(verzoek=_open_wissingsverzoek(m), door=r.user),
    zichtbaar=_wissing_mag(W.UITGEVOERD),
)
handeling_registreren(
    "wissing_weigeren",
    _("Verzoek om wissing van de identiteit weigeren, geheel of deels (AVG art. 17 lid 3)"),
    WissingWeigerenForm,
    lambda r, m, d: identiteit.wissingsverzoek_weigeren(
        verzoek=_open_wissingsverzoek(m),
        grond=d["grond"],
        reden=d["reden"],
        contactgegevens_wissen=d["omvang"] == "contactgegevens",
        door=r.user,
    ),
    zichtbaar=_wissing_mag(W.GEWEIGERD, W.DEELS_GEWEIGERD),
)
