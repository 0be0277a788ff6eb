"""Art. 6.1 (risk conversation) and Art. 6.2 (retaliation claim): written records
the melder approves, forwarded to the HL, with a copy for the melder."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benadeling import selectors
from benadeling.constants import RISICOGESPREK, VASTLEGGING_GOEDKEUREN, BenadelingType
from benadeling.models import Afschrift
from benadeling.services.vastleggingen import (
    benadeling_melden_door_melder,
    benadeling_vastleggen,
    risicoanalyse_vastleggen,
    vastlegging_correctie_gevraagd_door_melder,
    vastlegging_goedgekeurd_door_melder,
    vastlegging_papier_goedgekeurd,
    verzoek_afhandelen,
)
from benadeling.tests.factories import zaak
from kern.models import AuditRegel
from kern.ondertekening import document_hash
from kern.pdf import pdf_tekst
from kern.vastleggingen import Goedkeuringswijze, VastleggingStatus
from meldingen.constants import ToewijzingRol, VerzoekStatus
from meldingen.models import Termijn, Verzoek
from meldingen.services.register import toewijzing_beeindigen

pytestmark = pytest.mark.django_db


def _risicoanalyse(z, **kwargs):
    return risicoanalyse_vastleggen(
        melding=z.melding,
        gesprek_op=timezone.localdate(),
        risicos="Teamleider reageerde boos op de melding.",
        beperking="Andere leidinggevende voor beoordelingen.",
        wat_melder_kan_doen="Direct de contactpersoon bellen.",
        door=kwargs.pop("door", z.contactpersoon),
        **kwargs,
    )


def test_art_6_1_contactpersoon_legt_risicogesprek_vast_ter_goedkeuring_van_de_melder():
    z = zaak()
    analyse = _risicoanalyse(z)
    assert analyse.status == VastleggingStatus.TER_GOEDKEURING
    pdf = analyse.document.open("rb").read()
    assert analyse.document_hash == document_hash(pdf)
    tekst = pdf_tekst(pdf)
    assert "Teamleider reageerde boos" in tekst
    assert "Direct de contactpersoon bellen" in tekst
    # The melder is asked in the mailbox, with benadeling's own request kind.
    verzoek = Verzoek.objects.get(object_uuid=str(analyse.uuid))
    assert verzoek.soort == VASTLEGGING_GOEDKEUREN
    assert verzoek.object_type == "benadeling.risicoanalyse"
    vastlegging_goedgekeurd_door_melder(vastlegging=analyse)
    analyse.refresh_from_db()
    assert analyse.status == VastleggingStatus.GOEDGEKEURD
    assert analyse.goedkeuringswijze == Goedkeuringswijze.MAILBOX
    # Like every written record, the melder gets a copy of the approved version.
    assert Afschrift.objects.filter(object_uuid=str(analyse.uuid), soort="risicoanalyse").exists()


def test_art_6_1_alleen_de_contactpersoon_van_de_melding_en_alle_onderdelen_verplicht():
    z = zaak()
    with pytest.raises(PermissionDenied):
        _risicoanalyse(z, door=z.hl.gebruiker)
    with pytest.raises(ValidationError, match=r"Art\. 6\.1"):
        risicoanalyse_vastleggen(
            melding=z.melding,
            gesprek_op=timezone.localdate(),
            risicos="X",
            beperking="",
            wat_melder_kan_doen="Y",
            door=z.contactpersoon,
        )


def test_art_6_1_onverwijld_termijn_staat_bij_de_contactpersoon_tot_het_gesprek_is_vastgelegd():
    z = zaak()
    taken = selectors.risicogesprekken_te_voeren(user=z.contactpersoon)
    assert [t.melding for t in taken] == [z.melding]
    assert taken[0].uiterlijk.date() == timezone.localdate() + timedelta(days=5)
    _risicoanalyse(z)
    assert selectors.risicogesprekken_te_voeren(user=z.contactpersoon) == []


def test_art_6_1_goedkeuring_op_papier_door_de_contactpersoon():
    z = zaak()
    analyse = _risicoanalyse(z)
    vastlegging_papier_goedgekeurd(vastlegging=analyse, ondertekend_exemplaar=b"%PDF-1.4 scan", door=z.contactpersoon)
    analyse.refresh_from_db()
    assert analyse.goedkeuringswijze == Goedkeuringswijze.PAPIER
    assert analyse.ondertekend_exemplaar.open("rb").read() == b"%PDF-1.4 scan"
    # The mailbox request for the same record is withdrawn: the melder is not asked twice.
    assert Verzoek.objects.get(object_uuid=str(analyse.uuid)).status == VerzoekStatus.INGETROKKEN


def test_art_6_2_melder_meldt_benadeling_in_de_meldingsbox_gaat_onverwijld_naar_hl_met_afschrift(
    django_capture_on_commit_callbacks,
):
    z = zaak()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = benadeling_melden_door_melder(
            melding=z.melding,
            omschrijving="Sinds mijn melding word ik niet meer uitgenodigd voor overleg.",
            types=[BenadelingType.NEGEREN, BenadelingType.TAKEN_GEWIJZIGD],
        )
    assert claim.status == VastleggingStatus.GOEDGEKEURD
    assert claim.doorgestuurd_op is not None
    assert claim.doorgestuurd_aan == ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
    assert list(selectors.benadelingsmeldingen_te_behandelen(user=z.hl.gebruiker)) == [claim]
    afschrift = Afschrift.objects.get(object_uuid=str(claim.uuid), soort="benadelingsmelding")
    assert "niet meer uitgenodigd" in pdf_tekst(afschrift.document.open("rb").read())
    # The HL is told without content (docs/vertrouwelijkheid.md); so is the vertrouwenspersoon,
    # who holds the copy for the melder (Art. 7.3: this case came in through them).
    assert sorted(m.to[0] for m in mail.outbox) == sorted([z.hl.gebruiker.email, z.ontvanger.email])
    assert all(z.melding.registernummer not in m.body and "uitgenodigd" not in m.body for m in mail.outbox)


def test_art_6_2_contactpersoon_legt_vast_melder_keurt_goed_dan_pas_naar_hl_en_afschrift():
    z = zaak()
    claim = benadeling_vastleggen(
        melding=z.melding, omschrijving="Negatieve beoordeling na de melding.", types=["5_3"], door=z.contactpersoon
    )
    assert claim.doorgestuurd_op is None
    assert not selectors.benadelingsmeldingen_te_behandelen(user=z.hl.gebruiker).exists()
    assert not Afschrift.objects.filter(soort="benadelingsmelding").exists()
    vastlegging_goedgekeurd_door_melder(vastlegging=claim)
    claim.refresh_from_db()
    assert claim.doorgestuurd_op is not None
    assert Afschrift.objects.filter(object_uuid=str(claim.uuid), soort="benadelingsmelding").exists()
    assert AuditRegel.objects.filter(object_uuid=str(claim.uuid), toelichting="doorgestuurd Art. 6.2").exists()


def test_art_6_2_op_een_omgeleide_melding_naar_de_hoogste_verantwoordelijke():
    z = zaak(hl_betrokken=True)
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="Berisping.", types=["5_2_c"])
    assert claim.doorgestuurd_aan == ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE


def test_art_6_2_soorten_zijn_verplicht_en_uit_de_lijst():
    z = zaak()
    with pytest.raises(ValidationError):
        benadeling_melden_door_melder(melding=z.melding, omschrijving="X", types=[])
    with pytest.raises(ValidationError):
        benadeling_melden_door_melder(melding=z.melding, omschrijving="X", types=["5_2_z"])


def test_art_6_2_melder_vraagt_correctie_via_het_mailboxantwoord():
    z = zaak()
    claim = benadeling_vastleggen(
        melding=z.melding, omschrijving="Eerste versie.", types=["anders"], door=z.contactpersoon
    )
    verzoek = SimpleNamespace(
        object_type="benadeling.benadelingsmelding",
        object_uuid=str(claim.uuid),
        melding_id=z.melding.pk,
        akkoord=False,
        antwoord="Het was in maart, niet in april.",
        beantwoord_op=timezone.now(),
    )
    verzoek_afhandelen(verzoek=verzoek)
    claim.refresh_from_db()
    assert claim.status == VastleggingStatus.CORRECTIE_GEVRAAGD
    assert claim.correctie == "Het was in maart, niet in april."
    assert claim.doorgestuurd_op is None
    with pytest.raises(ValidationError):
        vastlegging_correctie_gevraagd_door_melder(vastlegging=claim, correctie="")


def test_art_6_2_zonder_hoogste_leidinggevende_op_de_melding_hoort_de_ontvanger_het(
    django_capture_on_commit_callbacks,
):

    z = zaak()
    toewijzing_beeindigen(toewijzing=z.melding.toewijzingen.get(gebruiker=z.hl.gebruiker), door=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        benadeling_melden_door_melder(melding=z.melding, omschrijving="Ontslagdreiging.", types=["5_2_a"])
    # The task, and (Art. 7.3) the copy waiting to be forwarded: both to the ontvanger only.
    assert {m.to[0] for m in mail.outbox} == {z.ontvanger.email}


def test_art_6_1_risicogesprek_termijn_loopt_in_termijnbewaking_vanaf_aanwijzing_tot_vastlegging():

    z = zaak()
    termijn = Termijn.objects.get(melding=z.melding, soort=RISICOGESPREK)
    assert termijn.start == timezone.localdate()
    assert timezone.localdate(termijn.due) == timezone.localdate() + timedelta(days=5)  # "onverwijld", configurable
    taken = selectors.risicogesprekken_te_voeren(user=z.contactpersoon)
    assert [t.melding for t in taken] == [z.melding]
    risicoanalyse_vastleggen(
        melding=z.melding,
        gesprek_op=timezone.localdate(),
        risicos="Overplaatsing dreigt.",
        beperking="Geen wijziging zonder overleg.",
        wat_melder_kan_doen="Melden bij de contactpersoon.",
        door=z.contactpersoon,
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert selectors.risicogesprekken_te_voeren(user=z.contactpersoon) == []
