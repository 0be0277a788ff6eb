"""Decisions, investigations and standpunt: Art. 9–11, signed by the HL."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404

from kern import toegang
from kern.ondertekening import is_ongewijzigd
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status
from meldingen.models import Betrokkene
from meldingen.overgangen import mag_overgang
from meldingen.services.register import melding_status_wijzigen
from onderzoek import jaarcijfers, selectors
from onderzoek.constants import BesluitSoort, OnderzoekSoort, OnderzoekStatus, StandpuntUitkomst
from onderzoek.models import Besluit
from onderzoek.services import (
    besluit_corrigeren,
    besluit_nemen,
    onderzoek_instellen,
    onderzoeker_toewijzen,
    standpunt_vaststellen,
)
from onderzoek.services.basis import onderzoek_status_wijzigen
from onderzoek.tests.factories import Ondertekenaar, melding_met_hl, onderzoek_afronden

pytestmark = pytest.mark.django_db


def _onderzoek(melding, hl):
    besluit_nemen(melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code())
    return onderzoek_instellen(
        melding=melding,
        soort=OnderzoekSoort.FEITENONDERZOEK,
        opdracht="Onderzoek de facturen 2026.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )


@pytest.mark.parametrize("soort", [BesluitSoort.GEEN_REDELIJKE_GRONDEN, BesluitSoort.GEEN_MISSTAND])
def test_art_9_2_geen_onderzoek_vereist_reden(soort):
    melding, hl = melding_met_hl()
    with pytest.raises(ValidationError):
        besluit_nemen(melding=melding, soort=soort, motivering=" ", door=hl.gebruiker, totp_code=hl.code())
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING
    besluit = besluit_nemen(
        melding=melding, soort=soort, motivering="Geen eigen waarneming.", door=hl.gebruiker, totp_code=hl.code()
    )
    melding.refresh_from_db()
    assert melding.status == Status.NIET_IN_ONDERZOEK
    assert "Geen eigen waarneming." in pdf_tekst(besluit.document.read())


def test_besluit_vereist_verse_tweede_factor():
    melding, hl = melding_met_hl()
    with pytest.raises(ValidationError):
        besluit_nemen(
            melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code="000000"
        )
    assert not Besluit.objects.exists()


def test_ondertekend_besluit_gewijzigd_document_wordt_ontdekt():
    melding, hl = melding_met_hl()
    besluit = besluit_nemen(
        melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
    )
    origineel = besluit.document.read()
    assert is_ongewijzigd(ondertekening=besluit.ondertekening, inhoud=origineel)
    # Someone alters the stored file behind the application's back.
    with besluit.document.storage.open(besluit.document.name) as fh:
        assert fh.read() == origineel
    besluit.document.storage.delete(besluit.document.name)

    besluit.document.storage.save(
        besluit.document.name, ContentFile(origineel.replace(b"%%EOF", b"%%EOF\n% gewijzigd"))
    )
    besluit.refresh_from_db()
    assert not is_ongewijzigd(ondertekening=besluit.ondertekening, inhoud=besluit.document.read())


def test_correctie_is_een_nieuwe_ondertekende_versie():
    melding, hl = melding_met_hl()
    eerste = besluit_nemen(
        melding=melding, soort=BesluitSoort.GEEN_MISSTAND, motivering="Eerste.", door=hl.gebruiker, totp_code=hl.code()
    )
    tweede = besluit_corrigeren(besluit=eerste, motivering="Verbeterd.", door=hl.gebruiker, totp_code=hl.code())
    assert (tweede.versie, tweede.vervangt) == (2, eerste)
    eerste.refresh_from_db()
    assert eerste.motivering == "Eerste."
    with pytest.raises(ValidationError):
        besluit_corrigeren(besluit=eerste, motivering="Nogmaals.", door=hl.gebruiker, totp_code=hl.code())


def test_art_8_4_hoogste_leidinggevende_besluit_niet_over_omgeleide_melding():
    # The HL cannot be assigned to a routed case (meldingen.services), so cannot decide.
    melding, hl = melding_met_hl(hl_betrokken=True)
    with pytest.raises(PermissionDenied):
        besluit_nemen(
            melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=hl.gebruiker, totp_code=hl.code()
        )
    rvc = Ondertekenaar(melding, rol=Rol.HOOGSTE_VERANTWOORDELIJKE)
    besluit_nemen(
        melding=melding, soort=BesluitSoort.ONDERZOEK, motivering="", door=rvc.gebruiker, totp_code=rvc.code()
    )


def test_art_9_3_doorverwijzen_vereist_toelichting():
    melding, hl = melding_met_hl()
    with pytest.raises(ValidationError):
        besluit_nemen(
            melding=melding, soort=BesluitSoort.DOORVERWIJZEN, motivering="", door=hl.gebruiker, totp_code=hl.code()
        )
    besluit_nemen(
        melding=melding,
        soort=BesluitSoort.DOORVERWIJZEN,
        motivering="Naar de integriteitscommissie.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    melding.refresh_from_db()
    assert melding.status == Status.DOORVERWEZEN


def test_art_9_4_betrokkene_kan_geen_onderzoeker_zijn():
    melding, hl = melding_met_hl()
    onderzoek = _onderzoek(melding, hl)
    collega = GebruikerFactory(rol=Rol.ONDERZOEKER)
    Betrokkene.objects.create(melding=melding, naam="Collega", gebruiker=collega)
    with pytest.raises(ValidationError, match=r"Art\. 9\.4"):
        onderzoeker_toewijzen(
            onderzoek=onderzoek,
            gebruiker=collega,
            verklaring="Ik ben onafhankelijk.",
            verklaart_geen_betrokkenheid=True,
            door=hl.gebruiker,
        )


def test_art_9_4_onderzoeker_verklaart_geen_betrokkenheid():
    melding, hl = melding_met_hl()
    onderzoek = _onderzoek(melding, hl)
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    with pytest.raises(ValidationError):
        onderzoeker_toewijzen(
            onderzoek=onderzoek,
            gebruiker=onderzoeker,
            verklaring="Misschien betrokken.",
            verklaart_geen_betrokkenheid=False,
            door=hl.gebruiker,
        )
    extern = onderzoeker_toewijzen(
        onderzoek=onderzoek,
        externe_naam="Bureau Integriteit B.V.",
        verklaring="Geen banden met de organisatie.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    assert str(extern) == "Bureau Integriteit B.V."


def test_art_9_4_onderzoeker_ziet_alleen_het_eigen_onderzoek():
    melding, hl = melding_met_hl()
    onderzoek = _onderzoek(melding, hl)
    andere_melding, ander_hl = melding_met_hl()
    ander_onderzoek = _onderzoek(andere_melding, ander_hl)
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    assert selectors.onderzoek_ophalen_voor(user=onderzoeker, uuid=onderzoek.uuid) == onderzoek
    with pytest.raises(Http404):
        selectors.onderzoek_ophalen_voor(user=onderzoeker, uuid=ander_onderzoek.uuid)
    assert not toegang.mag(user=onderzoeker, perm="meldingen.view_melding", obj=andere_melding)
    # No identity for the investigator without the melder's consent (Art. 7.2).
    assert not toegang.mag(user=onderzoeker, perm="meldingen.identiteit_inzien", obj=melding)


def test_art_11_1_standpunt_ondertekend_met_inhoud_en_stappen():
    melding, hl = melding_met_hl()
    _onderzoek(melding, hl)
    onderzoek_afronden(melding, hl)
    with pytest.raises(ValidationError):
        standpunt_vaststellen(
            uitkomst=StandpuntUitkomst.GEGROND,
            melding=melding,
            inhoud="Gegrond.",
            vervolgstappen="",
            door=hl.gebruiker,
            totp_code=hl.code(),
        )
    standpunt = standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="De betalingen worden teruggevorderd.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    melding.refresh_from_db()
    assert melding.status == Status.STANDPUNT_VERZONDEN
    tekst = pdf_tekst(standpunt.document.read())
    assert "De melding is gegrond." in tekst
    assert "teruggevorderd" in tekst
    assert melding.registernummer in tekst


def test_art_9_2_geen_onderzoek_alleen_met_ondertekend_besluit():
    """Art. 9.1-9.2: the report goes to "niet in onderzoek" only on the HL's signed
    decision, which is the letter to the melder; the one service that moves the
    state refuses the step without it, even by the HL assigned to the case."""
    melding, hl = melding_met_hl()
    with pytest.raises(ValidationError, match=r"Art\. 9\.1-9\.2") as info:
        melding_status_wijzigen(
            melding=melding, naar=Status.NIET_IN_ONDERZOEK, door=hl.gebruiker, reden="Geen redelijke gronden."
        )
    assert "ondertekend besluit" in " ".join(info.value.messages)
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING
    assert not melding.gebeurtenissen.filter(naar_status=Status.NIET_IN_ONDERZOEK).exists()
    # The screen still offers the decision: the evidence is made by the step itself.
    assert mag_overgang(melding=melding, naar=Status.NIET_IN_ONDERZOEK, gebruiker=hl.gebruiker)

    besluit = besluit_nemen(
        melding=melding,
        soort=BesluitSoort.GEEN_REDELIJKE_GRONDEN,
        motivering="Geen eigen waarneming.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    melding.refresh_from_db()
    assert melding.status == Status.NIET_IN_ONDERZOEK
    assert besluit.ondertekening_id is not None
    assert melding.brieven.filter(soort=f"besluit_{BesluitSoort.GEEN_REDELIJKE_GRONDEN}").exists()


def test_art_11_1_standpunt_verzonden_alleen_met_ondertekend_standpunt():
    """Art. 11.1: "standpunt verzonden" only with the HL's signed standpunt, also
    when the investigation ended and Art. 11.3 was assessed (the preconditions)."""
    melding, hl = melding_met_hl()
    _onderzoek(melding, hl)
    onderzoek_afronden(melding, hl)
    with pytest.raises(ValidationError, match=r"Art\. 11\.1"):
        melding_status_wijzigen(melding=melding, naar=Status.STANDPUNT_VERZONDEN, door=hl.gebruiker)
    melding.refresh_from_db()
    assert melding.status == Status.IN_ONDERZOEK
    standpunt_vaststellen(
        uitkomst=StandpuntUitkomst.GEGROND,
        melding=melding,
        inhoud="De melding is gegrond.",
        vervolgstappen="De betalingen worden teruggevorderd.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    melding.refresh_from_db()
    assert melding.status == Status.STANDPUNT_VERZONDEN
    assert melding.standpunten.filter(ondertekening__isnull=False).count() == 1


def test_art_11_1_zonder_rapport_alleen_met_ondertekende_reden():
    """Art. 11.1: an investigation ends without a report only on the HL's signed
    reason (onderzoek_zonder_rapport_beeindigen signs it before the state moves)."""
    melding, hl = melding_met_hl()
    onderzoek = _onderzoek(melding, hl)
    with pytest.raises(ValidationError, match=r"Art\. 11\.1"):
        onderzoek_status_wijzigen(
            onderzoek=onderzoek, naar=OnderzoekStatus.ZONDER_RAPPORT, door=hl.gebruiker, reden="Niet nodig."
        )
    onderzoek.refresh_from_db()
    assert onderzoek.status == OnderzoekStatus.INGESTELD


def test_art_11_1_geen_standpunt_zonder_afgerond_onderzoek():
    """No skipped steps: the standpunt needs the melder told who investigates
    (Art. 9.5) and the report fixed (Art. 10.6)."""
    melding, hl = melding_met_hl()
    _onderzoek(melding, hl)

    def standpunt():
        return standpunt_vaststellen(
            uitkomst=StandpuntUitkomst.GEGROND,
            melding=melding,
            inhoud="Gegrond.",
            vervolgstappen="Stap.",
            door=hl.gebruiker,
            totp_code=hl.code(),
        )

    with pytest.raises(ValidationError, match=r"Art\. 9\.5"):
        standpunt()
    onderzoek_afronden(melding, hl)
    standpunt()
    melding.refresh_from_db()
    assert melding.status == Status.STANDPUNT_VERZONDEN


def test_art_11_1_standpunt_vereist_een_uitkomst():
    melding, hl = melding_met_hl()
    _onderzoek(melding, hl)
    onderzoek_afronden(melding, hl)
    with pytest.raises(ValidationError):
        standpunt_vaststellen(
            melding=melding,
            uitkomst="",
            inhoud="Gegrond.",
            vervolgstappen="Stap.",
            door=hl.gebruiker,
            totp_code=hl.code(),
        )


def test_art_14_2_b_jaarcijfers_besluiten_onderzoeken_en_standpunten():

    melding, hl = melding_met_hl()
    _onderzoek(melding, hl)
    onderzoek_afronden(melding, hl)
    standpunt_vaststellen(
        melding=melding,
        uitkomst=StandpuntUitkomst.DEELS_GEGROND,
        inhoud="Deels.",
        vervolgstappen="Stap.",
        door=hl.gebruiker,
        totp_code=hl.code(),
    )
    andere, ander_hl = melding_met_hl(organisatie=melding.organisatie)
    besluit = besluit_nemen(
        melding=andere,
        soort=BesluitSoort.GEEN_MISSTAND,
        motivering="Geen misstand.",
        door=ander_hl.gebruiker,
        totp_code=ander_hl.code(),
    )
    besluit_corrigeren(
        besluit=besluit, motivering="Beter gemotiveerd.", door=ander_hl.gebruiker, totp_code=ander_hl.code()
    )
    cijfers = jaarcijfers.cijfers(organisatie=melding.organisatie, jaar=melding.registerjaar)
    besluiten = dict(cijfers["onderzoeken"][0]["rijen"])
    assert besluiten[str(BesluitSoort.ONDERZOEK.label)] == 1
    assert besluiten[str(BesluitSoort.GEEN_MISSTAND.label)] == 1  # the correction replaces, it does not add
    assert cijfers["onderzoeken"][0]["totaal"] == 2
    uitkomsten = dict(cijfers["standpunten"][0]["rijen"])
    assert uitkomsten[str(StandpuntUitkomst.DEELS_GEGROND.label)] == 1
