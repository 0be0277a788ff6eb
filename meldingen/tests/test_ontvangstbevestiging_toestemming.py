"""Acknowledgement (Art. 8.5) and written consent to disclose the identity (Art. 7.2)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern import toegang
from kern.models import AuditActie, AuditRegel
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, Soort, TermijnSoort, ToestemmingSoort, ToewijzingRol, Wijze
from meldingen.models import Termijn
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.meldingsbox import brief_pdf_lezen, meldingsbox_aanmaken, verzoek_beantwoorden
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.services.toestemming import toestemming_op_papier, toestemming_vragen
from meldingen.tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def geval():
    organisatie = OrganisatieFactory(ontvanger_handelt_namens_hl=True)
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="Facturen van Bouwbedrijf Jansen worden dubbel betaald.",
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
    )
    evp = GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=evp, rol=ToewijzingRol.ONTVANGER, door=None)
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    # Art. 8.1: the phone report's written record is offered before the acknowledgement.
    from meldingen.services.meldingsbox import vastlegging_voorleggen

    vastlegging_voorleggen(melding=melding, titel="Telefoongesprek", tekst="Verslag.", artikel="Art. 8.1", door=evp)
    return melding, evp, box


def test_art_8_5_ontvangstbevestiging_met_beschrijving_datum_en_afschrift(geval):
    melding, evp, _box = geval
    brief = ontvangstbevestiging_sturen(melding=melding, samenvatting="Vermoeden van dubbele betalingen.", door=evp)
    tekst = pdf_tekst(brief_pdf_lezen(brief=brief, door=None))
    assert "Vermoeden van dubbele betalingen." in tekst
    assert melding.registernummer in tekst
    assert "Bouwbedrijf Jansen" in tekst  # the copy of the report
    assert melding.ontvangen_op.strftime("%Y") in tekst
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING)
    assert termijn.gesloten_op is not None
    with pytest.raises(ValidationError):
        ontvangstbevestiging_sturen(melding=melding, samenvatting="Nogmaals.", door=evp)


def test_art_8_5_ontvanger_alleen_namens_hl_als_organisatie_dat_toestaat(geval):
    melding, evp, _box = geval
    melding.organisatie.ontvanger_handelt_namens_hl = False
    melding.organisatie.save()
    melding.refresh_from_db()
    with pytest.raises(PermissionDenied):
        ontvangstbevestiging_sturen(melding=melding, samenvatting="Samenvatting.", door=evp)
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    ontvangstbevestiging_sturen(melding=melding, samenvatting="Samenvatting.", door=hl)


def test_art_7_2_identiteit_pas_na_schriftelijke_toestemming_in_de_meldingsbox(geval):
    melding, evp, box = geval
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    assert not toegang.mag(user=hl, perm="meldingen.identiteit_inzien", obj=melding)
    with pytest.raises(PermissionDenied):
        toestemming_vragen(melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=hl)
    toestemming = toestemming_vragen(
        melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=evp
    )
    assert not toegang.mag(user=hl, perm="meldingen.identiteit_inzien", obj=melding)
    verzoek_beantwoorden(meldingsbox=box, verzoek=toestemming.verzoek, akkoord=True)
    assert toegang.mag(user=hl, perm="meldingen.identiteit_inzien", obj=melding)
    assert AuditRegel.objects.filter(
        object_uuid=str(melding.uuid), actie=AuditActie.TOEGANG_VERLEEND, toelichting__contains=str(hl.uuid)
    ).exists()


def test_art_7_2_geweigerde_toestemming_verandert_niets(geval):
    melding, evp, box = geval
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    toestemming = toestemming_vragen(
        melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=evp
    )
    verzoek_beantwoorden(meldingsbox=box, verzoek=toestemming.verzoek, akkoord=False, antwoord="Liever niet.")
    assert not toegang.mag(user=hl, perm="meldingen.identiteit_inzien", obj=melding)


def test_art_7_2_toestemming_alleen_voor_wie_aan_de_melding_werkt(geval):
    melding, evp, _box = geval
    buitenstaander = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    with pytest.raises(ValidationError):
        toestemming_vragen(
            melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[buitenstaander], door=evp
        )


def test_art_7_2_getekende_toestemming_op_papier(geval):
    melding, evp, _box = geval
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=contact, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    toestemming_op_papier(
        melding=melding,
        soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN,
        ontvangers=[contact],
        getekend_pdf=b"%PDF-1.4 getekend",
        getekend_op=timezone.localdate(),
        door=evp,
    )
    assert toegang.mag(user=contact, perm="meldingen.identiteit_inzien", obj=melding)


def test_adviesvraag_wordt_formeel_na_toestemming_in_meldingsbox():
    organisatie = OrganisatieFactory()
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="Mag dit?",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.GESPREK,
        formeel=False,
    )
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    assert not Termijn.objects.filter(melding=melding).exists()
    toestemming = toestemming_vragen(melding=melding, soort=ToestemmingSoort.FORMELE_BEHANDELING, door=vp)
    verzoek_beantwoorden(meldingsbox=box, verzoek=toestemming.verzoek, akkoord=True)
    melding.refresh_from_db()
    assert melding.soort == Soort.MELDING
    assert Termijn.objects.filter(melding=melding, soort=TermijnSoort.ONTVANGSTBEVESTIGING).exists()
