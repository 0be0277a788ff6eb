"""The retaliation dossier of one case in time order, for the HL's export to a
court or the Huis voor Klokkenluiders."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from django.utils.translation import gettext as _

from benadeling.models import (
    Afschrift,
    DossierExport,
    Maatregel,
    Motivering,
    Verwijzing,
)
from benadeling.selectors.standpunt import standpunt_kennisgeving
from kern.vastleggingen import Goedkeuringswijze
from meldingen.constants import ToewijzingRol
from meldingen.models import Melding, Toewijzing
from onderzoek.models import AfzienVanRapport


def contactpersoon_aangewezen_op(*, melding: Melding) -> datetime | None:
    return (
        Toewijzing.objects.filter(melding=melding, rol=ToewijzingRol.CONTACTPERSOON)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def _standpunt_vervolg(verzoek, voeg_toe) -> None:
    """After the Art. 13.2 standpunt: the HL's signed Art. 11.3 assessment, the
    melder's reaction and its answer (Art. 12.1-12.2), and the closing."""
    kennisgeving = standpunt_kennisgeving(verzoek=verzoek)
    if kennisgeving is not None:
        regels = [
            _("Een externe instantie wordt op de hoogte gebracht.")
            if kennisgeving.melden
            else _("Er wordt geen externe instantie op de hoogte gebracht."),
            kennisgeving.motivering,
        ]
        if kennisgeving.melden:
            regels += [f"{_('Externe instantie')}: {kennisgeving.instantie}", kennisgeving.inhoud]
        voeg_toe(
            kennisgeving.created_at,
            _("Beoordeling externe kennisgeving"),
            "Art. 13.2, 11.3",
            regels,
            kennisgeving.ondertekening.document_hash,
        )
    voeg_toe(verzoek.reactie_op, _("Reactie van de melder op het standpunt"), "Art. 13.2, 12.1", [verzoek.reactie])
    voeg_toe(verzoek.beantwoord_op, _("Antwoord op de reactie van de melder"), "Art. 13.2, 12.2", [verzoek.antwoord])
    voeg_toe(verzoek.afgesloten_op, _("Onderzoek naar benadeling afgesloten"), "Art. 13.2, 12", [verzoek.afsluitreden])


def dossier_gebeurtenissen(*, melding: Melding) -> list[SimpleNamespace]:
    """The whole retaliation history of a case in the order it was recorded, for
    the dossier (court, Huis voor Klokkenluiders). Each event: tijdstip, titel,
    artikel, regels (lines of text) and, when signed or approved, the SHA-256.
    The caller has checked access to `melding`."""

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
            # Art. 13.2 with 11.1: or it ended without a report, for the HL's signed reason.
            afzien = (
                AfzienVanRapport.objects.filter(onderzoek_id=o.onderzoek_id).select_related("ondertekening").first()
            )
            if afzien is not None:
                voeg_toe(
                    afzien.created_at,
                    _("Onderzoek beëindigd zonder rapport"),
                    "Art. 11.1",
                    [afzien.reden],
                    afzien.ondertekening.document_hash,
                )
        if o.standpunt_op:
            voeg_toe(
                o.standpunt_op,
                _("Standpunt na het onderzoek naar benadeling"),
                "Art. 13.2, 11.1",
                [o.get_standpunt_uitkomst_display(), o.standpunt, o.vervolgstappen],
                o.standpunt_ondertekening.document_hash,
            )
        _standpunt_vervolg(o, voeg_toe)
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
