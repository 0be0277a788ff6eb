"""Reads of the retaliation app, already filtered by permission (STYLE.md).

Retaliation content of a case is for those who work on it against retaliation:
the receiving officer, the HL (or hoogste verantwoordelijke), a behandelaar and
the contactpersoon. An investigator of the case, a role without assignment, HR
and the works council see none of it. Missing and forbidden both answer 404.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from benadeling.constants import Goedkeuringswijze, VastleggingStatus, VoornemenBron, VoornemenStatus
from benadeling.models import (
    BenadelingInstelling,
    Benadelingsmelding,
    BeschermdPersoon,
    Onderzoeksverzoek,
    Risicoanalyse,
    VoorgenomenMaatregel,
)
from kern.models import Gebruiker
from meldingen.constants import TermijnSoort, ToewijzingRol
from meldingen.models import Melding, Organisatie, Toewijzing
from meldingen.selectors import melding_list_visible_for

BENADELING_ROLLEN = (
    ToewijzingRol.ONTVANGER,
    ToewijzingRol.BEHANDELAAR,
    ToewijzingRol.HOOGSTE_LEIDINGGEVENDE,
    ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE,
    ToewijzingRol.CONTACTPERSOON,
)


def meldingen_met_benadeling_voor(*, user: Gebruiker) -> QuerySet[Melding]:
    """Cases this user may see and works on against retaliation."""
    zichtbaar = melding_list_visible_for(user=user)
    return zichtbaar.filter(
        toewijzingen__gebruiker=user,
        toewijzingen__rol__in=[str(r) for r in BENADELING_ROLLEN],
        toewijzingen__beeindigd_op__isnull=True,
    ).distinct()


def melding_get_voor_benadeling(*, user: Gebruiker, uuid) -> Melding:
    try:
        return meldingen_met_benadeling_voor(user=user).get(uuid=uuid)
    except (Melding.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404("Melding niet gevonden") from exc


def zichtbaar_voor(*, model: type[Model], user: Gebruiker) -> QuerySet:
    """The rows of a case model of this app that the user may see."""
    return model.objects.filter(melding__in=meldingen_met_benadeling_voor(user=user).values("pk"))


def instelling_voor(*, organisatie: Organisatie) -> BenadelingInstelling:
    """The organisation's settings, or the defaults (an unsaved row) when none exist."""
    instelling = BenadelingInstelling.objects.filter(organisatie=organisatie).first()
    return instelling or BenadelingInstelling(organisatie=organisatie)


def organisaties_voor_personeelszaken(*, user: Gebruiker) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(benadelinginstelling__personeelszaken=user).order_by("naam")


def beschermde_personen_van(*, melding: Melding) -> QuerySet[BeschermdPersoon]:
    return melding.beschermde_personen.all()


def risicogesprekken_te_voeren(*, user: Gebruiker) -> list[SimpleNamespace]:
    """Art. 6.1: the open risk-conversation terms (deadline engine) of the cases
    where this user is contactpersoon, earliest first."""
    from meldingen.models import Termijn

    mijn = Toewijzing.objects.filter(
        gebruiker=user, rol=ToewijzingRol.CONTACTPERSOON, beeindigd_op__isnull=True
    ).values("melding_id")
    termijnen = (
        Termijn.objects.open()
        .filter(soort=TermijnSoort.RISICOGESPREK, melding_id__in=mijn)
        .select_related("melding__organisatie")
        .order_by("due")
    )
    return [SimpleNamespace(melding=t.melding, uiterlijk=t.due) for t in termijnen]


def motiveringstaken_voor_ontvanger(*, user: Gebruiker) -> QuerySet[VoorgenomenMaatregel]:
    """Art. 5.4 tasks of the receiving officer: an HR check matched a protected
    person of their case within the period, and the HL's motivation is needed.
    (A measure recorded on the case goes to the HL directly.)"""
    meldingen = Toewijzing.objects.filter(
        gebruiker=user, rol=ToewijzingRol.ONTVANGER, beeindigd_op__isnull=True
    ).values("melding_id")
    return VoorgenomenMaatregel.objects.filter(
        melding_id__in=meldingen, bron=VoornemenBron.PERSONEELSZAKEN, status=VoornemenStatus.MOTIVERING_VEREIST
    ).select_related("melding")


def motiveringen_te_ondertekenen(*, user: Gebruiker) -> QuerySet[VoorgenomenMaatregel]:
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    return VoorgenomenMaatregel.objects.filter(
        melding_id__in=meldingen,
        status__in=[VoornemenStatus.MOTIVERING_VEREIST, VoornemenStatus.MOTIVERING_GEVRAAGD],
    ).select_related("melding")


def benadelingsmeldingen_te_behandelen(*, user: Gebruiker) -> QuerySet[Benadelingsmelding]:
    """Forwarded claims without an outcome, for the HL (or RvC) of the case (Art. 6.2–6.3)."""
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    return Benadelingsmelding.objects.filter(
        melding_id__in=meldingen, status=VastleggingStatus.GOEDGEKEURD, uitkomst=""
    ).select_related("melding")


def onderzoeksverzoeken_open(*, user: Gebruiker) -> QuerySet[Onderzoeksverzoek]:
    meldingen = Toewijzing.objects.filter(
        gebruiker=user,
        rol__in=[ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE],
        beeindigd_op__isnull=True,
    ).values("melding_id")
    return Onderzoeksverzoek.objects.filter(melding_id__in=meldingen, uitkomst="open").select_related("melding")


def contactpersoon_aangewezen_op(*, melding: Melding) -> datetime | None:
    return (
        Toewijzing.objects.filter(melding=melding, rol=ToewijzingRol.CONTACTPERSOON)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def dossier_gebeurtenissen(*, melding: Melding) -> list[SimpleNamespace]:
    """The whole retaliation history of a case in the order it was recorded, for
    the dossier (court, Huis voor Klokkenluiders). Each event: tijdstip, titel,
    artikel, regels (lines of text) and, when signed or approved, the SHA-256.
    The caller has checked access to `melding`."""
    from benadeling.models import Afschrift, DossierExport, Maatregel, Motivering, Verwijzing

    g = []

    def voeg_toe(tijdstip, titel, artikel="", regels=(), hash_=""):
        if tijdstip is not None:
            g.append(SimpleNamespace(tijdstip=tijdstip, titel=titel, artikel=artikel, regels=list(regels), hash=hash_))

    for p in melding.beschermde_personen.all():
        regels = [f"{_('Rol')}: {p.get_rol_display()}", f"{_('Beschermd vanaf')}: {p.beschermd_vanaf:%d-%m-%Y}"]
        if p.naam:
            regels.append(f"{_('Naam')}: {p.naam}")
        voeg_toe(p.created_at, _("Beschermd persoon vastgelegd"), "Art. 5.1", regels)
    for r in melding.risicoanalyses.all():
        voeg_toe(
            r.created_at,
            _("Risicogesprek vastgelegd"),
            "Art. 6.1",
            [
                f"{_('Gesprek op')}: {r.gesprek_op:%d-%m-%Y}",
                f"{_('Risico’s')}: {r.risicos}",
                f"{_('Vermindering')}: {r.beperking}",
                f"{_('Wat de melder kan doen')}: {r.wat_melder_kan_doen}",
            ],
            r.document_hash,
        )
        voeg_toe(
            r.goedgekeurd_op,
            _("Risicoanalyse goedgekeurd door de melder"),
            "Art. 6.1",
            [r.get_goedkeuringswijze_display()],
            r.document_hash,
        )
    for b in melding.benadelingsmeldingen.all():
        voeg_toe(
            b.created_at,
            _("Benadeling gemeld"),
            "Art. 6.2",
            [f"{_('Soorten')}: {'; '.join(b.type_labels())}", b.omschrijving],
            b.document_hash,
        )
        voeg_toe(
            # The melder's own text in the mailbox needs no separate approval.
            None if b.goedkeuringswijze == Goedkeuringswijze.ZELF_GESCHREVEN else b.goedgekeurd_op,
            _("Verslag van benadeling goedgekeurd door de melder"),
            "Art. 6.2",
            [b.get_goedkeuringswijze_display()],
            b.document_hash,
        )
        voeg_toe(b.doorgestuurd_op, _("Benadelingsmelding doorgestuurd"), "Art. 6.2", [b.doorgestuurd_aan])
        voeg_toe(
            b.afgehandeld_op,
            _("Benadelingsmelding afgehandeld"),
            "Art. 6.3",
            [b.get_uitkomst_display(), b.uitkomst_toelichting],
        )
    for m in Maatregel.objects.filter(melding=melding).select_related("ondertekening"):
        regels = [m.omschrijving]
        if m.mededeling_aan_melder:
            regels.append(f"{_('Aan de melder')}: {m.mededeling_aan_melder}")
        artikel = "Art. 6.3" if m.soort == "tegengaan" else "Art. 5.6"
        voeg_toe(m.created_at, m.get_soort_display(), artikel, regels, m.ondertekening.document_hash)
    for v in melding.voorgenomen_maatregelen.all():
        voeg_toe(
            v.created_at,
            _("Benadelende maatregel voorgenomen"),
            "Art. 5.2",
            [
                v.get_soort_display(),
                f"{_('Beoogd op')}: {v.beoogd_op:%d-%m-%Y}",
                f"{_('Bron')}: {v.get_bron_display()}",
                _("Motivering vereist (Art. 5.4)") if v.motivering_vereist else _("Geen motiveringsplicht"),
            ],
        )
        voeg_toe(v.motivering_gevraagd_op, _("Motivering gevraagd aan de hoogste leidinggevende"), "Art. 5.4")
        voeg_toe(v.genomen_op, _("Maatregel genomen"), "Art. 5.4", [v.get_soort_display()])
    for mo in Motivering.objects.filter(voornemen__melding=melding).select_related("ondertekening", "voornemen"):
        voeg_toe(
            mo.created_at,
            _("Motivering ondertekend"),
            "Art. 5.4",
            [mo.voornemen.get_soort_display(), mo.waarom_nodig, mo.geen_verband],
            mo.ondertekening.document_hash,
        )
    for o in melding.benadeling_verzoeken.select_related(
        "onderzoek__opdracht_ondertekening", "ondertekening", "standpunt_ondertekening"
    ):
        voeg_toe(o.created_at, _("Verzoek om onderzoek naar benadeling"), "Art. 13.1", [o.verzoek])
        hash_ = o.ondertekening.document_hash if o.ondertekening_id else ""
        if o.onderzoek_id:
            hash_ = o.onderzoek.opdracht_ondertekening.document_hash
        regels = [o.get_uitkomst_display()] + ([o.reden] if o.reden else [])
        if o.onderzoek_id:
            regels.append(o.onderzoek.opdracht)
        voeg_toe(o.beslist_op, _("Besluit op het verzoek om onderzoek"), "Art. 13.2", regels, hash_)
        if o.onderzoek_id:
            for rapport in o.onderzoek.rapporten.exclude(vastgesteld_op=None):
                voeg_toe(rapport.vastgesteld_op, _("Onderzoeksrapport vastgesteld"), "Art. 10.6", [rapport.tekst])
        if o.standpunt_op:
            voeg_toe(
                o.standpunt_op,
                _("Standpunt na het onderzoek naar benadeling"),
                "Art. 13.2, 11.1",
                [o.get_standpunt_uitkomst_display(), o.standpunt, o.vervolgstappen],
                o.standpunt_ondertekening.document_hash,
            )
    for w in Verwijzing.objects.filter(melding=melding):
        regels = [f"{_('Datum')}: {w.aangeboden_op:%d-%m-%Y}", w.get_uitkomst_display()]
        if w.uitkomst_op:
            regels.append(f"{_('Datum uitkomst')}: {w.uitkomst_op:%d-%m-%Y}")
        if w.toelichting:
            regels.append(w.toelichting)
        artikel = "Art. 13.3" if w.soort == "huis_onderzoek" else ""
        voeg_toe(w.created_at, w.get_soort_display(), artikel, regels)
    for a in Afschrift.objects.filter(melding=melding):
        voeg_toe(a.created_at, _("Afschrift aan de melder"), "", [a.onderwerp], a.document_hash)
    for e in DossierExport.objects.filter(melding=melding):
        voeg_toe(e.created_at, _("Dossier geëxporteerd"), "", [f"{_('Ontvangers')}: {e.ontvangers}"], e.document_hash)
    g.sort(key=lambda x: x.tijdstip)
    for nummer, gebeurtenis in enumerate(g, start=1):
        gebeurtenis.nummer = nummer
    return g


def melder_overzicht(*, melding: Melding) -> dict:
    """What the melder sees of retaliation in their mailbox (benadeling.melder.box_sectie
    renders templates/benadeling/melder_overzicht.html with this): their own claims and
    what became of them, the copies sent to them, their requests for investigation,
    the support offered, and the route to the Huis voor Klokkenluiders (Art. 13.3).
    Never the HL's internal texts: measures reach the melder only as the copy of
    what concerns them (Art. 5.6, 6.3). The caller has opened this mailbox."""
    from benadeling.models import Afschrift, Verwijzing
    from benadeling.services.verzoeken import huis_voor_klokkenluiders_route

    return {
        "benadelingsmeldingen": [
            SimpleNamespace(
                datum=b.created_at,
                soorten=b.type_labels(),
                status=b.get_status_display(),
                doorgestuurd_op=b.doorgestuurd_op,
                uitkomst=b.get_uitkomst_display() if b.uitkomst else "",
            )
            for b in melding.benadelingsmeldingen.all()
        ],
        # Art. 7.3: a copy held at the vertrouwenspersoon is not yet the melder's.
        "afschriften": list(
            Afschrift.objects.filter(melding=melding, brief__bij_melder_op__isnull=False)
            .select_related("brief")
            .only("uuid", "onderwerp", "created_at", "brief__uuid", "brief__pdf", "brief__bij_melder_op")
        ),
        "verzoeken": [
            SimpleNamespace(
                datum=v.created_at,
                uitkomst=v.get_standpunt_uitkomst_display() if v.standpunt_uitkomst else v.get_uitkomst_display(),
            )
            for v in melding.benadeling_verzoeken.all()
        ],
        "verwijzingen": [
            SimpleNamespace(soort=w.get_soort_display(), datum=w.aangeboden_op, uitkomst=w.get_uitkomst_display())
            for w in Verwijzing.objects.filter(melding=melding)
        ],
        "huis": huis_voor_klokkenluiders_route(),
    }


def vastlegging_weergave(*, verzoek):
    """What the melder reads in the mailbox of a record put to them for approval
    (Art. 6.1–6.2): the text of the PDF they approve, as plain text. Registered
    with meldingen.verzoeken.weergave_registreren; the mailbox has already checked
    that the request is this melder's."""
    from meldingen.verzoeken import Onderwerpweergave

    modellen = {"benadeling.risicoanalyse": Risicoanalyse, "benadeling.benadelingsmelding": Benadelingsmelding}
    model = modellen.get(verzoek.object_type)
    if model is None:
        return None
    vastlegging = model.objects.filter(uuid=verzoek.object_uuid, melding_id=verzoek.melding_id).first()
    if vastlegging is None:
        return None
    if isinstance(vastlegging, Risicoanalyse):
        return Onderwerpweergave(
            titel=_("Verslag van het risicogesprek (Art. 6.1)"),
            tekst="\n\n".join(
                [
                    f"{_('Datum van het gesprek')}: {vastlegging.gesprek_op:%d-%m-%Y}",
                    f"{_('Risico’s op benadeling')}:\n{vastlegging.risicos}",
                    f"{_('Hoe die risico’s worden verminderd')}:\n{vastlegging.beperking}",
                    f"{_('Wat u kunt doen bij benadeling')}:\n{vastlegging.wat_melder_kan_doen}",
                ]
            ),
        )
    return Onderwerpweergave(
        titel=_("Melding van benadeling (Art. 6.2)"),
        tekst="\n\n".join(
            [f"{_('Soorten benadeling')}:\n" + "\n".join(vastlegging.type_labels()), vastlegging.omschrijving]
        ),
    )
