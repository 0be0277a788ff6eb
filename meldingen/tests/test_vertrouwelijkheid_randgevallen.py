"""Edge cases of confidentiality found in review (Art. 7.2, 8.4, 10.2)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import assign_perm

from kern import toegang
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import ToestemmingSoort, ToewijzingRol
from meldingen.models import Functionaris, Toestemming
from meldingen.services.meldingsbox import vastlegging_op_papier_goedgekeurd, vastlegging_voorleggen
from meldingen.services.ontvangstcode import meldingsbox_aanmaken, ontvangstcode_vernieuwen
from meldingen.services.register import toewijzing_beeindigen, toewijzing_verlenen
from meldingen.services.toestemming import toestemming_vragen
from meldingen.services.triage import melding_omleiden_naar_hoogste_verantwoordelijke
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, ontvanger_van

pytestmark = pytest.mark.django_db


def _met_toestemming(melding, gebruiker):
    toestemming = Toestemming.objects.create(
        melding=melding,
        soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN,
        gegeven_op=timezone.now(),
        vastgelegd_door=gebruiker,
    )

    assign_perm("meldingen.identiteit_inzien", gebruiker, melding)
    return toestemming


def test_art_7_2_toestemming_maakt_niemand_ontvanger_geen_nieuwe_code_of_nieuwe_toestemming():
    melding = MeldingFactory()
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    _met_toestemming(melding, hl)
    with pytest.raises(PermissionDenied):
        ontvangstcode_vernieuwen(meldingsbox=box, door=hl)
    with pytest.raises(PermissionDenied):
        toestemming_vragen(melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=hl)
    ontvangstcode_vernieuwen(meldingsbox=box, door=ontvanger_van(melding))


def test_art_7_2_identiteit_via_toestemming_vervalt_met_de_laatste_toewijzing():

    melding = MeldingFactory()
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing = toewijzing_verlenen(melding=melding, gebruiker=contact, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    _met_toestemming(melding, contact)
    toewijzing_beeindigen(toewijzing=toewijzing, door=None)
    assert not toegang.mag(user=contact, perm="meldingen.identiteit_inzien", obj=melding)


def test_art_7_2_getekend_exemplaar_draagt_identiteit_alleen_met_identiteitsrecht():
    melding = MeldingFactory()
    ontvanger = ontvanger_van(melding)
    vastlegging = vastlegging_voorleggen(melding=melding, titel="Gesprek", tekst="Verslag.", door=ontvanger)
    vastlegging = vastlegging_op_papier_goedgekeurd(
        vastlegging=vastlegging, getekend_pdf=b"%PDF-1.4 getekend door de melder", door=ontvanger
    )
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    scan = vastlegging.getekend_exemplaar
    assert scan not in selectors.bijlagen_voor(melding=melding, user=hl)
    with pytest.raises(Http404):
        selectors.bijlage_ophalen_voor(user=hl, uuid=scan.uuid)
    assert selectors.bijlage_ophalen_voor(user=ontvanger, uuid=scan.uuid) == scan


def test_art_8_1_alleen_ontvanger_of_wie_voorlegde_uploadt_getekend_exemplaar():
    melding = MeldingFactory()
    ontvanger = ontvanger_van(melding)
    vastlegging = vastlegging_voorleggen(melding=melding, titel="Gesprek", tekst="Verslag.", door=ontvanger)
    contact = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=melding, gebruiker=contact, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    with pytest.raises(PermissionDenied):
        vastlegging_op_papier_goedgekeurd(vastlegging=vastlegging, getekend_pdf=b"%PDF-1.4 nep", door=contact)


def test_art_8_4_hl_in_een_andere_rol_verliest_toegang_bij_omleiden_en_kan_niet_terug():
    melding = MeldingFactory()
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    FunctionarisFactory(
        organisatie=melding.organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    ontvanger = ontvanger_van(melding)
    melding_omleiden_naar_hoogste_verantwoordelijke(melding=melding, door=ontvanger, reden="Directie betrokken.")
    assert not selectors.meldingen_zichtbaar_voor(user=hl).exists()
    melding.refresh_from_db()
    with pytest.raises(ValidationError):
        toewijzing_verlenen(melding=melding, gebruiker=hl, rol=ToewijzingRol.ONDERZOEKER, door=None)


def test_art_7_2_melder_hoort_van_een_nieuwe_ontvangstcode(mailoutbox, django_capture_on_commit_callbacks):
    """A renewed code opens the mailbox for whoever holds it: an officer who kept
    it could act as the melder (approve records, withdraw the report). A melder who
    left an address now hears of every renewal; the e-mail holds no content."""
    melding = MeldingFactory()
    box = meldingsbox_aanmaken(melding=melding, notificatie_email="melder@voorbeeld.nl").meldingsbox
    with django_capture_on_commit_callbacks(execute=True):
        ontvangstcode_vernieuwen(meldingsbox=box, door=ontvanger_van(melding))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["melder@voorbeeld.nl"]
    assert mail.subject == "De ontvangstcode van uw meldingsbox is vervangen"
    assert "Vroeg u er niet om?" in mail.body
    assert melding.registernummer not in mail.body
    assert melding.omschrijving not in mail.body


def test_nieuwe_ontvangstcode_zonder_adres_stuurt_niets(mailoutbox, django_capture_on_commit_callbacks):
    melding = MeldingFactory()
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    with django_capture_on_commit_callbacks(execute=True):
        ontvangstcode_vernieuwen(meldingsbox=box, door=ontvanger_van(melding))
    assert mailoutbox == []
