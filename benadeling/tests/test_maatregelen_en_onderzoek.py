"""Art. 6.3 and 5.6 (the HL's signed measures), Art. 13 (investigation of the
treatment; the Huis voor Klokkenluiders), referrals and support."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from benadeling.constants import (
    BenadelingOordeel,
    ClaimUitkomst,
    MaatregelSoort,
    VerwijzingSoort,
    VerwijzingUitkomst,
    VerzoekUitkomst,
)
from benadeling.models import Afschrift, Verwijzing
from benadeling.selectors import huis_voor_klokkenluiders_route, melder_overzicht
from benadeling.services.maatregelen import benadelingsmelding_afhandelen, maatregel_vastleggen
from benadeling.services.vastleggingen import benadeling_melden_door_melder
from benadeling.services.verwijzingen import verwijzing_aanbieden, verwijzing_uitkomst_vastleggen
from benadeling.services.verzoeken import (
    huis_route_genomen,
    onderzoeksverzoek_afwijzen,
    onderzoeksverzoek_indienen,
    onderzoeksverzoek_inwilligen,
    onderzoeksverzoek_standpunt_vaststellen,
)
from benadeling.tests.factories import zaak
from kern.ondertekening import is_ongewijzigd
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status
from meldingen.selectors import brieven_bij_vertrouwenspersoon
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon
from onderzoek.constants import OnderzoekSoort
from onderzoek.services import (
    melder_uitnodigen_voor_verhoor,
    onderzoek_melder_informeren,
    onderzoeker_toewijzen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
)

pytestmark = pytest.mark.django_db


def test_art_6_3_hl_neemt_maatregel_ondertekend_en_melder_krijgt_wat_hem_aangaat():
    z = zaak()
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="Buitengesloten.", types=["5_5_a"])
    with pytest.raises(ValidationError, match=r"Art\. 6\.3"):
        benadelingsmelding_afhandelen(
            benadelingsmelding=claim, uitkomst=ClaimUitkomst.MAATREGELEN, toelichting="x", door=z.hl.gebruiker
        )
    maatregel = maatregel_vastleggen(
        melding=z.melding,
        soort=MaatregelSoort.TEGENGAAN,
        omschrijving="Melder krijgt een andere leidinggevende; teamoverleg weer met melder.",
        mededeling_aan_melder="U krijgt per direct een andere leidinggevende.",
        benadelingsmelding=claim,
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    assert is_ongewijzigd(ondertekening=maatregel.ondertekening, inhoud=maatregel.document.open("rb").read())
    afschrift = Afschrift.objects.get(object_uuid=str(maatregel.uuid))
    assert "andere leidinggevende" in pdf_tekst(afschrift.document.open("rb").read())
    afgehandeld = benadelingsmelding_afhandelen(
        benadelingsmelding=claim, uitkomst=ClaimUitkomst.MAATREGELEN, toelichting="Opgelost.", door=z.hl.gebruiker
    )
    assert afgehandeld.uitkomst == ClaimUitkomst.MAATREGELEN


def test_art_6_3_alleen_de_hoogste_leidinggevende_met_verse_code():
    z = zaak()
    with pytest.raises(PermissionDenied):
        maatregel_vastleggen(
            melding=z.melding,
            soort=MaatregelSoort.TEGENGAAN,
            omschrijving="X",
            door=z.contactpersoon,
            totp_code="123456",
        )
    with pytest.raises(ValidationError, match="klopt niet"):
        maatregel_vastleggen(
            melding=z.melding,
            soort=MaatregelSoort.TEGENGAAN,
            omschrijving="X",
            door=z.hl.gebruiker,
            totp_code="000000",
        )


def test_art_5_6_disciplinaire_maatregel_tegen_collega_melder_ziet_geen_details():
    z = zaak()
    maatregel = maatregel_vastleggen(
        melding=z.melding,
        soort=MaatregelSoort.DISCIPLINAIR,
        omschrijving="Schriftelijke berisping aan teamleider T. wegens pesten van de melder.",
        mededeling_aan_melder="De werkgever heeft de betrokken collega aangesproken.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    tekst = pdf_tekst(Afschrift.objects.get(object_uuid=str(maatregel.uuid)).document.open("rb").read())
    assert "aangesproken" in tekst
    assert "berisping" not in tekst
    assert "teamleider T." not in tekst


def test_art_13_1_verzoek_om_onderzoek_wordt_onderzoek_van_soort_benadeling_volgens_de_regels_van_art_13_2():
    z = zaak()
    assert z.melding.status == Status.IN_BEHANDELING  # any state: not tied to the decision of Art. 9
    verzoek = onderzoeksverzoek_indienen(melding=z.melding, verzoek="Onderzoek hoe mijn team mij behandelt.")
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek,
        opdracht="Onderzoek de omgang met de melder sinds maart.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    assert verzoek.uitkomst == VerzoekUitkomst.INGESTELD
    onderzoek = verzoek.onderzoek
    assert onderzoek.soort == OnderzoekSoort.BENADELING
    # Art. 13.2: the same rules as any investigation (Art. 9.4 independence, Art. 10 report).
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    with pytest.raises(ValidationError):
        onderzoeker_toewijzen(
            onderzoek=onderzoek,
            gebruiker=onderzoeker,
            verklaring="",
            verklaart_geen_betrokkenheid=True,
            door=z.hl.gebruiker,
        )
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=z.hl.gebruiker,
    )
    standpunt = {
        "uitkomst": BenadelingOordeel.GEEN_BENADELING,
        "standpunt": "Geen benadeling; de roosterwijziging gold voor het hele team.",
        "vervolgstappen": "Teamgesprek over de samenwerking.",
        # Art. 11.3 via 13.2: the HL's assessment, given with the standpunt.
        "kennisgeving_melden": False,
        "kennisgeving_motivering": "Een interne kwestie zonder externe toezichthouder.",
        "door": z.hl.gebruiker,
    }
    with pytest.raises(ValidationError, match=r"Art\. 10\.6"):
        onderzoeksverzoek_standpunt_vaststellen(verzoek=verzoek, totp_code=z.hl.code(), **standpunt)
    # onderzoek.workflow: the investigators work once the melder knows who they are,
    # and the report follows an invitation to be heard (Art. 10.1 via 13.2).
    onderzoek_melder_informeren(onderzoek=onderzoek, door=z.hl.gebruiker)
    melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    rapport = rapport_concept_opslaan(onderzoek=onderzoek, tekst="Geen benadeling gevonden.", door=onderzoeker)
    # Art. 10.5 applies to this investigation as to any other (Art. 13.2).
    rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    rapport_vaststellen(
        rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="De melder liet weten geen opmerkingen te hebben."
    )
    onderzoek.refresh_from_db()
    assert onderzoek.status == "afgerond"
    # Art. 13.2 with Art. 11.1: the employer's signed standpunt, a copy to the melder;
    # the case's own lifecycle stays where it was.
    verzoek = onderzoeksverzoek_standpunt_vaststellen(verzoek=verzoek, totp_code=z.hl.code(), **standpunt)
    assert verzoek.standpunt_ondertekening is not None
    tekst = pdf_tekst(Afschrift.objects.get(soort="standpunt_benadeling").document.open("rb").read())
    assert "roosterwijziging" in tekst
    assert "Huis voor Klokkenluiders" in tekst
    z.melding.refresh_from_db()
    assert z.melding.status == Status.IN_BEHANDELING


def test_art_13_1_afwijzing_is_ondertekend_met_reden_en_toont_de_route_naar_het_huis():
    z = zaak()
    verzoek = onderzoeksverzoek_indienen(melding=z.melding, verzoek="Onderzoek graag.", door=z.contactpersoon)
    with pytest.raises(ValidationError):
        onderzoeksverzoek_afwijzen(verzoek=verzoek, reden="", door=z.hl.gebruiker, totp_code=z.hl.code())
    verzoek = onderzoeksverzoek_afwijzen(
        verzoek=verzoek, reden="Loopt al een onderzoek.", door=z.hl.gebruiker, totp_code=z.hl.code()
    )
    assert verzoek.ondertekening is not None
    tekst = pdf_tekst(Afschrift.objects.get(object_uuid=str(verzoek.uuid)).document.open("rb").read())
    assert "Loopt al een onderzoek" in tekst
    assert "Huis voor Klokkenluiders" in tekst


def test_art_13_3_route_naar_het_huis_wordt_getoond_en_vastgelegd_als_genomen():
    z = zaak()
    route = huis_voor_klokkenluiders_route()
    assert route["artikel"] == "Art. 13.3"
    assert "huisvoorklokkenluiders.nl" in route["website"]
    verwijzing = huis_route_genomen(melding=z.melding, op=timezone.localdate())
    assert verwijzing.soort == VerwijzingSoort.HUIS_ONDERZOEK
    assert verwijzing.uitkomst == VerwijzingUitkomst.GENOMEN


def test_verwijzingen_en_ondersteuning_met_datum_en_uitkomst():
    z = zaak()
    vandaag = timezone.localdate()
    for soort in (
        VerwijzingSoort.HUIS_ADVIES,
        VerwijzingSoort.PSYCHOSOCIAAL,
        VerwijzingSoort.MEDIATION,
        VerwijzingSoort.JURIDISCH,
    ):
        verwijzing = verwijzing_aanbieden(melding=z.melding, soort=soort, aangeboden_op=vandaag, door=z.contactpersoon)
        verwijzing_uitkomst_vastleggen(
            verwijzing=verwijzing, uitkomst=VerwijzingUitkomst.AANGENOMEN, uitkomst_op=vandaag, door=z.contactpersoon
        )
    assert set(Verwijzing.objects.values_list("uitkomst", flat=True)) == {VerwijzingUitkomst.AANGENOMEN}
    with pytest.raises(PermissionDenied):
        verwijzing_aanbieden(
            melding=z.melding,
            soort=VerwijzingSoort.MEDIATION,
            aangeboden_op=vandaag,
            door=GebruikerFactory(rol=Rol.CONTACTPERSOON),
        )


def test_art_13_3_melder_ziet_in_de_meldingsbox_de_route_en_alleen_wat_hem_aangaat():

    z = zaak()
    benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    maatregel_vastleggen(
        melding=z.melding,
        soort=MaatregelSoort.DISCIPLINAIR,
        omschrijving="INTERN: berisping van collega T.",
        mededeling_aan_melder="De collega is aangesproken.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    html = render_to_string("benadeling/melder_overzicht.html", {"overzicht": melder_overzicht(melding=z.melding)})
    assert "Huis voor Klokkenluiders" in html
    assert "Art. 13.3" in html
    assert "Negeren van de melder" in html
    # Art. 7.3 (reported to the vertrouwenspersoon, no consent to disclose): the
    # copies wait for the vertrouwenspersoon, who forwards them.
    assert "Maatregel tegen benadeling" not in html
    for brief in brieven_bij_vertrouwenspersoon(melding=z.melding):
        brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=z.ontvanger)
    html = render_to_string("benadeling/melder_overzicht.html", {"overzicht": melder_overzicht(melding=z.melding)})
    assert "Maatregel tegen benadeling" in html  # the copy of what concerns the melder
    assert "INTERN" not in html
