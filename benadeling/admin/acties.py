"""Retaliation on the case screen: actions registered through the meldingen
extension point (meldingen.admin.acties.actie_registreren). Each calls one
service; `zichtbaar` only decides whether the button is offered, the services
decide what is allowed."""

from django.utils.translation import gettext_lazy as _

from benadeling import forms
from benadeling.constants import VerwijzingUitkomst, VoornemenStatus
from benadeling.selectors import BENADELING_ROLLEN
from benadeling.services import (
    beschermd,
    dossier,
    maatregelen,
    motivering,
    vastleggingen,
    verwijzingen,
    verzoeken,
)
from kern import toegang
from kern.vastleggingen import VastleggingStatus
from meldingen.admin.acties import actie_registreren
from meldingen.constants import ToewijzingRol

CP, ONTVANGER = ToewijzingRol.CONTACTPERSOON, ToewijzingRol.ONTVANGER


def _rol(*rollen):
    return lambda r, m: toegang.heeft_toewijzing(melding=m, user=r.user, rollen=rollen)


def _leiding(*extra):
    return lambda r, m: toegang.heeft_toewijzing(melding=m, user=r.user, rollen=[m.leiding_rol, *extra])


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
        _rol(*BENADELING_ROLLEN),
    ),
    (
        "benadeling_risicoanalyse",
        _("Risicogesprek vastleggen (Art. 6.1)"),
        forms.RisicoanalyseForm,
        lambda r, m, d: vastleggingen.risicoanalyse_vastleggen(melding=m, door=r.user, **d),
        _rol(CP),
    ),
    (
        "benadeling_vastleggen",
        _("Benadeling vastleggen na gesprek met de melder (Art. 6.2)"),
        forms.BenadelingForm,
        lambda r, m, d: vastleggingen.benadeling_vastleggen(
            melding=m, omschrijving=d["omschrijving"], types=d["types"], door=r.user
        ),
        _rol(CP),
    ),
    (
        "benadeling_papier",
        _("Ondertekend papieren verslag van de melder toevoegen"),
        forms.PapierGoedkeuringForm,
        lambda r, m, d: vastleggingen.vastlegging_papier_goedgekeurd(
            vastlegging=d["vastlegging"], ondertekend_exemplaar=d["ondertekend_exemplaar"].read(), door=r.user
        ),
        lambda r, m: (
            _rol(CP)(r, m)
            and (
                m.risicoanalyses.exclude(status=VastleggingStatus.GOEDGEKEURD).exists()
                or m.benadelingsmeldingen.exclude(status=VastleggingStatus.GOEDGEKEURD).exists()
            )
        ),
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
        _leiding(),
    ),
    (
        "benadeling_afhandelen",
        _("Benadelingsmelding afhandelen"),
        forms.AfhandelenForm,
        lambda r, m, d: maatregelen.benadelingsmelding_afhandelen(
            benadelingsmelding=d["benadelingsmelding"],
            uitkomst=d["uitkomst"],
            toelichting=d["toelichting"],
            door=r.user,
        ),
        lambda r, m: _leiding()(r, m) and m.benadelingsmeldingen.filter(uitkomst="").exists(),
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
        lambda r, m: _leiding(CP)(r, m) and m.beschermde_personen.exists(),
    ),
    (
        "benadeling_motivering_vragen",
        _("Motivering vragen aan de hoogste leidinggevende (Art. 5.4)"),
        forms.MotiveringVragenForm,
        lambda r, m, d: motivering.motivering_vragen(voornemen=d["voornemen"], door=r.user),
        lambda r, m: (
            _rol(ONTVANGER, CP)(r, m)
            and m.voorgenomen_maatregelen.filter(status=VoornemenStatus.MOTIVERING_VEREIST).exists()
        ),
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
        lambda r, m: _leiding()(r, m) and m.voorgenomen_maatregelen.filter(motivering_vereist=True).exists(),
    ),
    (
        "benadeling_genomen",
        _("Maatregel als genomen vastleggen"),
        forms.GenomenForm,
        lambda r, m, d: motivering.maatregel_als_genomen_vastleggen(voornemen=d["voornemen"], door=r.user),
        lambda r, m: _leiding(CP, ONTVANGER)(r, m) and m.voorgenomen_maatregelen.exists(),
    ),
    (
        "benadeling_onderzoeksverzoek",
        _("Verzoek om onderzoek naar benadeling vastleggen (Art. 13.1)"),
        forms.OnderzoeksverzoekForm,
        lambda r, m, d: verzoeken.onderzoeksverzoek_indienen(melding=m, verzoek=d["verzoek"], door=r.user),
        _rol(CP, ONTVANGER),
    ),
    (
        "benadeling_verzoek_beslissen",
        _("Beslissen op verzoek om onderzoek naar benadeling (Art. 13)"),
        forms.VerzoekBeslissenForm,
        _verzoek_beslissen,
        lambda r, m: _leiding()(r, m) and m.benadeling_verzoeken.filter(uitkomst="open").exists(),
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
            door=r.user,
            totp_code=d["totp_code"],
        ),
        lambda r, m: (
            _leiding()(r, m)
            and m.benadeling_verzoeken.filter(onderzoek__status="afgerond", standpunt_op__isnull=True).exists()
        ),
    ),
    (
        "benadeling_verwijzing",
        _("Verwijzing of ondersteuning vastleggen"),
        forms.VerwijzingForm,
        _verwijzing,
        _rol(*BENADELING_ROLLEN),
    ),
    (
        "benadeling_dossier",
        _("Dossier benadeling exporteren (PDF)"),
        forms.DossierForm,
        lambda r, m, d: dossier.dossier_exporteren(melding=m, ontvangers=d["ontvangers"], door=r.user),
        _leiding(),
    ),
]

for naam, titel, form_class, uitvoeren, zichtbaar in ACTIES:
    actie_registreren(naam, titel, form_class, uitvoeren, zichtbaar=zichtbaar)
