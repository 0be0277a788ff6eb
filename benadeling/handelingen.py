"""Retaliation on the case screen (docs/toestanden.md): each action -> one
service, its form, and the rows of benadeling.workflow it takes. Registered
through meldingen.handelingen.handeling_registreren; a button is shown exactly
when the tables' guard allows one of its rows for this user on one of the case's
claims, requests or intended measures (`_rijen`), or, for a side step that is no
row (a record, a measure, a referral), when the user is the step's actor in the
tables' one actor check (`_actor`). The services check again; this module holds
no visibility rules of its own."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benadeling import forms, workflow
from benadeling.constants import VerwijzingUitkomst
from benadeling.services import (
    beschermd,
    dossier,
    maatregelen,
    motivering,
    reactie,
    vastleggingen,
    verwijzingen,
    verzoeken,
)
from benadeling.workflow import (
    CLAIM,
    CONTACTPERSOON,
    LEIDING,
    LEIDING_OF_CONTACTPERSOON,
    ONTVANGER_OF_CONTACTPERSOON,
    VERZOEK,
    VOORNEMEN,
    ClaimStatus,
    VerzoekStatus,
)
from meldingen.handelingen import handeling_registreren

N = workflow.VoornemenStatus


def _actor(door: str):
    return lambda r, m: workflow.is_actor(melding=m, door=door, gebruiker=r.user)


def _rijen(procedure, objecten, *naar):
    """Visible when the table allows a step to one of `naar` on one of the case's objects."""
    return lambda r, m: bool(workflow.met_stap(procedure, objecten(m), naar, r.user))


def _verwijzing(r, m, d):
    v = verwijzingen.verwijzing_aanbieden(
        melding=m, soort=d["soort"], aangeboden_op=d["aangeboden_op"], toelichting=d["toelichting"], door=r.user
    )
    if d["uitkomst"] != VerwijzingUitkomst.AANGEBODEN:
        verwijzingen.verwijzing_uitkomst_vastleggen(
            verwijzing=v, uitkomst=d["uitkomst"], uitkomst_op=d["uitkomst_op"], door=r.user
        )


def _verzoek_beslissen(r, m, d):
    if d["inwilligen"]:
        verzoeken.onderzoeksverzoek_inwilligen(
            verzoek=d["verzoek"], opdracht=d["opdracht_of_reden"], door=r.user, totp_code=d["totp_code"]
        )
    else:
        verzoeken.onderzoeksverzoek_afwijzen(
            verzoek=d["verzoek"], reden=d["opdracht_of_reden"], door=r.user, totp_code=d["totp_code"]
        )


def _papier_zichtbaar(r, m) -> bool:
    # A claim: its row TER_GOEDKEURING -> DOORGESTUURD. The risk record is no row of
    # a table (kern.vastleggingen's lifecycle): the contactpersoon, while one awaits approval.
    return bool(forms.papier_keuzes(melding=m, user=r.user))


# The rows of the tables each action takes: (procedure, (van, naar)); read by the
# test that fails when a staff row has no action.
RIJEN = {
    "benadeling_papier": [(CLAIM, (ClaimStatus.TER_GOEDKEURING, ClaimStatus.DOORGESTUURD))],
    "benadeling_afhandelen": [(CLAIM, (ClaimStatus.DOORGESTUURD, ClaimStatus.AFGEHANDELD))],
    "benadeling_verzoek_beslissen": [
        (VERZOEK, (VerzoekStatus.INGEDIEND, VerzoekStatus.INGEWILLIGD)),
        (VERZOEK, (VerzoekStatus.INGEDIEND, VerzoekStatus.AFGEWEZEN)),
    ],
    "benadeling_standpunt": [(VERZOEK, (VerzoekStatus.INGEWILLIGD, VerzoekStatus.STANDPUNT_GEGEVEN))],
    "benadeling_reactie_beantwoorden": [(VERZOEK, (VerzoekStatus.WEDERHOOR, VerzoekStatus.BEANTWOORD))],
    "benadeling_verzoek_afsluiten": [
        (VERZOEK, (VerzoekStatus.STANDPUNT_GEGEVEN, VerzoekStatus.AFGESLOTEN)),
        (VERZOEK, (VerzoekStatus.BEANTWOORD, VerzoekStatus.AFGESLOTEN)),
    ],
    "benadeling_motivering_vragen": [(VOORNEMEN, (N.MOTIVERING_VEREIST, N.MOTIVERING_GEVRAAGD))],
    "benadeling_motivering": [
        (VOORNEMEN, (N.MOTIVERING_VEREIST, N.GEMOTIVEERD)),
        (VOORNEMEN, (N.MOTIVERING_GEVRAAGD, N.GEMOTIVEERD)),
        (VOORNEMEN, (N.GEMOTIVEERD, N.GEMOTIVEERD)),
    ],
    "benadeling_genomen": [(VOORNEMEN, (N.VOORGENOMEN, N.GENOMEN)), (VOORNEMEN, (N.GEMOTIVEERD, N.GENOMEN))],
    "benadeling_afzien": [(VOORNEMEN, (van, N.AFGEZIEN)) for van in N if (van, N.AFGEZIEN) in VOORNEMEN.rijen],
}

ACTIES = [
    (
        "benadeling_beschermd",
        _("Beschermd persoon toevoegen (Art. 5.1)"),
        forms.BeschermdPersoonForm,
        lambda r, m, d: beschermd.beschermd_persoon_toevoegen(
            melding=m,
            rol=d["rol"],
            naam=d["naam"],
            personeelsnummer=d["personeelsnummer"],
            email=d["email"] or "",
            beschermd_vanaf=d["beschermd_vanaf"],
            door=r.user,
        ),
        _actor(workflow.BENADELING),
    ),
    (
        "benadeling_risicoanalyse",
        _("Risicogesprek vastleggen (Art. 6.1)"),
        forms.RisicoanalyseForm,
        lambda r, m, d: vastleggingen.risicoanalyse_vastleggen(melding=m, door=r.user, **d),
        _actor(CONTACTPERSOON),
    ),
    (
        "benadeling_vastleggen",
        _("Benadeling vastleggen na gesprek met de melder (Art. 6.2)"),
        forms.BenadelingForm,
        lambda r, m, d: vastleggingen.benadeling_vastleggen(
            melding=m, omschrijving=d["omschrijving"], types=d["types"], door=r.user
        ),
        _actor(CONTACTPERSOON),
    ),
    (
        "benadeling_papier",
        _("Ondertekend papieren verslag van de melder toevoegen"),
        forms.PapierGoedkeuringForm,
        lambda r, m, d: vastleggingen.vastlegging_papier_goedgekeurd(
            vastlegging=d["vastlegging"], ondertekend_exemplaar=d["ondertekend_exemplaar"].read(), door=r.user
        ),
        _papier_zichtbaar,
    ),
    (
        "benadeling_maatregel",
        _("Maatregel tegen benadeling nemen en ondertekenen (Art. 6.3, 5.6)"),
        forms.MaatregelForm,
        lambda r, m, d: maatregelen.maatregel_vastleggen(
            melding=m,
            soort=d["soort"],
            omschrijving=d["omschrijving"],
            mededeling_aan_melder=d["mededeling_aan_melder"],
            benadelingsmelding=d["benadelingsmelding"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        _actor(LEIDING),
    ),
    (
        "benadeling_afhandelen",
        _("Benadelingsmelding afhandelen (Art. 6.3)"),
        forms.AfhandelenForm,
        lambda r, m, d: maatregelen.benadelingsmelding_afhandelen(
            benadelingsmelding=d["benadelingsmelding"],
            uitkomst=d["uitkomst"],
            toelichting=d["toelichting"],
            door=r.user,
        ),
        _rijen(CLAIM, workflow.claims, ClaimStatus.AFGEHANDELD),
    ),
    (
        "benadeling_voornemen",
        _("Voorgenomen benadelende maatregel vastleggen (Art. 5.2, 5.4)"),
        forms.VoornemenForm,
        lambda r, m, d: motivering.maatregel_voornemen(
            melding=m,
            beschermd_persoon=d["beschermd_persoon"],
            soort=d["soort"],
            beoogd_op=d["beoogd_op"],
            omschrijving=d["omschrijving"],
            door=r.user,
        ),
        lambda r, m: _actor(LEIDING_OF_CONTACTPERSOON)(r, m) and m.beschermde_personen.exists(),
    ),
    (
        "benadeling_motivering_vragen",
        _("Motivering vragen aan de hoogste leidinggevende (Art. 5.4)"),
        forms.MotiveringVragenForm,
        lambda r, m, d: motivering.motivering_vragen(voornemen=d["voornemen"], door=r.user),
        _rijen(VOORNEMEN, workflow.voornemens, N.MOTIVERING_GEVRAAGD),
    ),
    (
        "benadeling_motivering",
        _("Motivering vastleggen en ondertekenen (Art. 5.4)"),
        forms.MotiveringForm,
        lambda r, m, d: motivering.motivering_vastleggen(
            voornemen=d["voornemen"],
            waarom_nodig=d["waarom_nodig"],
            geen_verband=d["geen_verband"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        _rijen(VOORNEMEN, workflow.voornemens, N.GEMOTIVEERD),
    ),
    (
        "benadeling_motivering_verstrekken",
        _("Motivering aan de betrokkene geven (Art. 5.4)"),
        forms.MotiveringVerstrekkenForm,
        lambda r, m, d: motivering.motivering_verstrekken(
            motivering=d["motivering"], wijze=d["wijze"], verstrekt_op=d["verstrekt_op"], door=r.user
        ),
        lambda r, m: _actor(LEIDING_OF_CONTACTPERSOON)(r, m) and bool(forms.te_verstrekken_motiveringen(melding=m)),
    ),
    (
        "benadeling_genomen",
        _("Maatregel als genomen vastleggen"),
        forms.GenomenForm,
        lambda r, m, d: motivering.maatregel_als_genomen_vastleggen(voornemen=d["voornemen"], door=r.user),
        _rijen(VOORNEMEN, workflow.voornemens, N.GENOMEN),
    ),
    (
        "benadeling_afzien",
        _("Afzien van de voorgenomen maatregel"),
        forms.AfzienForm,
        lambda r, m, d: motivering.maatregel_afzien(voornemen=d["voornemen"], door=r.user),
        _rijen(VOORNEMEN, workflow.voornemens, N.AFGEZIEN),
    ),
    (
        "benadeling_onderzoeksverzoek",
        _("Verzoek om onderzoek naar benadeling vastleggen (Art. 13.1)"),
        forms.OnderzoeksverzoekForm,
        lambda r, m, d: verzoeken.onderzoeksverzoek_indienen(melding=m, verzoek=d["verzoek"], door=r.user),
        _actor(ONTVANGER_OF_CONTACTPERSOON),
    ),
    (
        "benadeling_verzoek_beslissen",
        _("Beslissen op verzoek om onderzoek naar benadeling (Art. 13)"),
        forms.VerzoekBeslissenForm,
        _verzoek_beslissen,
        _rijen(VERZOEK, workflow.verzoeken, VerzoekStatus.INGEWILLIGD, VerzoekStatus.AFGEWEZEN),
    ),
    (
        "benadeling_standpunt",
        _("Standpunt na het onderzoek naar benadeling (Art. 13.2, 11.1)"),
        forms.BenadelingStandpuntForm,
        lambda r, m, d: verzoeken.onderzoeksverzoek_standpunt_vaststellen(
            verzoek=d["verzoek"],
            uitkomst=d["uitkomst"],
            standpunt=d["standpunt"],
            vervolgstappen=d["vervolgstappen"],
            kennisgeving_melden=d["kennisgeving_melden"],
            kennisgeving_motivering=d["kennisgeving_motivering"],
            instantie=d["instantie"],
            kennisgeving=d["kennisgeving"],
            ernstige_bezwaren_afschrift=d["ernstige_bezwaren_afschrift"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        _rijen(VERZOEK, workflow.verzoeken, VerzoekStatus.STANDPUNT_GEGEVEN),
    ),
    (
        "benadeling_reactie_beantwoorden",
        _("Reactie van de melder op het standpunt na onderzoek naar benadeling beantwoorden (Art. 13.2, 12.2)"),
        forms.BenadelingReactieAntwoordForm,
        lambda r, m, d: reactie.onderzoeksverzoek_reactie_beantwoorden(
            verzoek=d["verzoek"], antwoord=d["antwoord"], door=r.user
        ),
        _rijen(VERZOEK, workflow.verzoeken, VerzoekStatus.BEANTWOORD),
    ),
    (
        "benadeling_verzoek_afsluiten",
        _("Onderzoek naar benadeling afsluiten na het standpunt (Art. 13.2, 12)"),
        forms.VerzoekAfsluitenForm,
        lambda r, m, d: reactie.onderzoeksverzoek_afsluiten(verzoek=d["verzoek"], reden=d["reden"], door=r.user),
        _rijen(VERZOEK, workflow.verzoeken, VerzoekStatus.AFGESLOTEN),
    ),
    (
        "benadeling_verwijzing",
        _("Verwijzing of ondersteuning vastleggen"),
        forms.VerwijzingForm,
        _verwijzing,
        _actor(workflow.BENADELING),
    ),
    (
        "benadeling_dossier",
        _("Dossier benadeling exporteren (PDF)"),
        forms.DossierForm,
        lambda r, m, d: dossier.dossier_exporteren(melding=m, ontvangers=d["ontvangers"], door=r.user),
        _actor(LEIDING),
    ),
]

for naam, titel, form_class, uitvoeren, zichtbaar in ACTIES:
    handeling_registreren(naam, titel, form_class, uitvoeren, zichtbaar=zichtbaar)
