"""Retaliation through the melder's mailbox, the one channel to the melder
(docs/melderzijde.md): copies arrive as letters (Art. 6.2, 6.3, 13), records are put to
the melder as requests of benadeling's own kind (Art. 6.1–6.2), the melder reports
retaliation, asks for an investigation and tells about the Huis route in the
mailbox (Art. 6.2, 13.1, 13.3), and a melder with an identity is protected from
the report on (Art. 5.1, 5.4)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from benadeling.constants import BenadelingType, BeschermdeRol
from benadeling.models import (
    Afschrift,
    Benadelingsmelding,
    BeschermdPersoon,
    Onderzoeksverzoek,
    Verwijzing,
    VoorgenomenMaatregel,
)
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.toetsen import maatregel_toetsen
from benadeling.services.vastleggingen import (
    benadeling_melden_door_melder,
    benadeling_vastleggen,
    risicoanalyse_vastleggen,
)
from benadeling.tests.factories import personeelszaken_voor, zaak
from kern.crypto import blinde_index
from kern.kalender import lokale_datum
from kern.vastleggingen import VastleggingStatus
from meldingen.constants import Identiteitskeuze, Kanaal, VerzoekStatus
from meldingen.models import Functionaris
from meldingen.services.melder import IdentiteitGegevens, Meldinginhoud, melding_indienen
from meldingen.services.meldingsbox import meldingsbox_aanmaken
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.views import SESSIE_BOX

pytestmark = pytest.mark.django_db


def _box_openen(client, melding):
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    sessie = client.session
    sessie[SESSIE_BOX] = str(box.uuid)
    sessie.save()
    return box


def test_art_6_2_afschrift_komt_als_brief_met_de_pdf_in_de_meldingsbox():
    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd in overleg.", types=["5_5_a"])
    afschrift = Afschrift.objects.get(object_uuid=str(claim.uuid))
    brief = afschrift.brief
    assert brief.melding == z.melding
    assert brief.bij_melder_op is not None  # no Art. 7.3 on this case
    assert afschrift.bezorgd_op == brief.verzonden_op
    assert brief.pdf.open("rb").read() == afschrift.document.open("rb").read()


def test_art_7_3_afschrift_wacht_bij_de_vertrouwenspersoon():
    z = zaak()  # reported to the vertrouwenspersoon, no consent to disclose the identity
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    brief = Afschrift.objects.get(object_uuid=str(claim.uuid)).brief
    assert brief.via_vertrouwenspersoon
    assert brief.bij_melder_op is None


def test_art_6_2_melder_leest_en_keurt_het_verslag_van_de_contactpersoon_goed_in_de_meldingsbox(client):
    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    _box_openen(client, z.melding)
    claim = benadeling_vastleggen(
        melding=z.melding, omschrijving="Beoordeling onvoldoende na de melding.", types=["5_3"], door=z.contactpersoon
    )
    verzoek = z.melding.verzoeken.get()
    html = client.get(reverse("meldingen:box")).content.decode()
    # The melder reads what they approve (meldingen.verzoeken weergave, no import of benadeling).
    assert "Melding van benadeling (Art. 6.2)" in html
    assert "Beoordeling onvoldoende na de melding." in html
    url = reverse("meldingen:box_verzoek", kwargs={"uuid": verzoek.uuid})
    antwoord = client.post(url, {f"{verzoek.uuid}-akkoord": "ja"})
    assert antwoord.status_code == 302
    claim.refresh_from_db()
    assert claim.status == VastleggingStatus.GOEDGEKEURD
    assert claim.doorgestuurd_op is not None
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.BEANTWOORD
    # The copy arrives as a letter in the same mailbox.
    html = client.get(reverse("meldingen:box")).content.decode()
    assert "Afschrift van uw melding van benadeling" in html


def test_art_6_1_melder_vraagt_correctie_op_het_risicoverslag_in_de_meldingsbox(client):

    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    _box_openen(client, z.melding)
    analyse = risicoanalyse_vastleggen(
        melding=z.melding,
        gesprek_op=timezone.localdate(),
        risicos="Teamleider reageerde boos.",
        beperking="Andere beoordelaar.",
        wat_melder_kan_doen="De contactpersoon bellen.",
        door=z.contactpersoon,
    )
    verzoek = z.melding.verzoeken.get()
    assert "Teamleider reageerde boos." in client.get(reverse("meldingen:box")).content.decode()
    url = reverse("meldingen:box_verzoek", kwargs={"uuid": verzoek.uuid})
    client.post(url, {f"{verzoek.uuid}-akkoord": "nee", f"{verzoek.uuid}-antwoord": "Het was in maart."})
    analyse.refresh_from_db()
    assert analyse.status == VastleggingStatus.CORRECTIE_GEVRAAGD
    assert analyse.correctie == "Het was in maart."


def test_art_6_2_13_1_13_3_melder_meldt_vraagt_onderzoek_en_geeft_huis_route_door(client):
    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    pagina = reverse("benadeling_melder:benadeling")
    assert client.get(pagina)["Location"] == reverse("meldingen:box_openen")  # no mailbox session
    _box_openen(client, z.melding)
    box = client.get(reverse("meldingen:box")).content.decode()
    assert 'id="benadeling-kop"' in box
    assert pagina in box
    assert client.get(pagina).status_code == 200

    fout = client.post(reverse("benadeling_melder:melden"), {"omschrijving": ""})
    assert fout.status_code == 400
    assert "Er moet nog iets worden aangepast" in fout.content.decode()
    assert not Benadelingsmelding.objects.exists()

    antwoord = client.post(
        reverse("benadeling_melder:melden"), {"types": ["5_5_a", "5_2_f"], "omschrijving": "Niet meer uitgenodigd."}
    )
    assert antwoord.status_code == 302
    claim = Benadelingsmelding.objects.get()
    assert claim.omschrijving == "Niet meer uitgenodigd."
    assert claim.doorgestuurd_op is not None

    client.post(reverse("benadeling_melder:onderzoek"), {"verzoek": "Onderzoek mijn overplaatsing."})
    assert Onderzoeksverzoek.objects.get().verzoek == "Onderzoek mijn overplaatsing."

    morgen = timezone.localdate() + timedelta(days=1)
    assert client.post(reverse("benadeling_melder:huis"), {"op": morgen.isoformat()}).status_code == 400
    client.post(reverse("benadeling_melder:huis"), {"op": timezone.localdate().isoformat()})
    assert Verwijzing.objects.get().uitkomst_op == timezone.localdate()

    box = client.get(reverse("meldingen:box")).content.decode()
    assert "Negeren van de melder" in box
    assert "Afschrift van uw melding van benadeling" in box


def _indienen(identiteitskeuze, **identiteit):

    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON)
    return melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Steigers zonder keuring."),
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        formeel=True,
        identiteitskeuze=identiteitskeuze,
        identiteit=IdentiteitGegevens(**identiteit) if identiteit else None,
    ).melding


def test_art_5_1_5_4_melder_met_identiteit_wordt_beschermd_en_de_hr_toets_vindt_hem(
    django_capture_on_commit_callbacks,
):

    with django_capture_on_commit_callbacks(execute=True):
        melding = _indienen(
            Identiteitskeuze.VERTROUWELIJK, naam="J. Jansen", personeelsnummer="P-0815", email="j.jansen@org.test"
        )
    melder = BeschermdPersoon.objects.get(melding=melding)
    assert melder.rol == BeschermdeRol.MELDER
    assert melder.naam == ""  # the identity stays in MelderIdentiteit (Art. 7.2)
    assert melder.personeelsnummer_index == blinde_index("P-0815", doel="personeelsnummer")
    assert melder.email_index == blinde_index("j.jansen@org.test", doel="email")
    assert melder.beschermd_vanaf == lokale_datum(melding.ontvangen_op)

    hr = personeelszaken_voor(melding.organisatie)
    with django_capture_on_commit_callbacks(execute=True):
        maatregel_toetsen(
            organisatie=melding.organisatie,
            soort=BenadelingType.VERPLAATST,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            personeelsnummer=" p-0815 ",
            door=hr,
        )
    assert VoorgenomenMaatregel.objects.get().melding == melding


def test_art_5_1_anonieme_melder_geen_beschermde_rij_zonder_gegevens(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        melding = _indienen(Identiteitskeuze.ANONIEM)
    assert not BeschermdPersoon.objects.filter(melding=melding).exists()


def test_art_5_1_een_melder_per_melding_ook_vanaf_het_zaakscherm():

    z = zaak()  # the factory already protects the melder
    with pytest.raises(ValidationError):
        beschermd_persoon_toevoegen(
            melding=z.melding, rol=BeschermdeRol.MELDER, beschermd_vanaf=z.gemeld_op, door=z.contactpersoon
        )


def test_de_benadelingspagina_van_de_melder_in_het_engels(client):
    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    _box_openen(client, z.melding)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("benadeling_melder:benadeling")).content.decode()
    assert '<html lang="en">' in html
    assert "Report retaliation (Art. 6.2)" in html
    assert "Ask for an investigation of how you are treated (Art. 13.1)" in html


def test_een_melding_met_tijdlijn_kan_niet_worden_verwijderd():
    # The case timeline is append-only for real (docs/threat-model.md §6): deleting
    # a case would delete its timeline rows, which the database refuses, so
    # retention destroys content and keeps the register row (docs/retention.md).
    from django.db import DatabaseError, transaction

    from meldingen.models import Brief

    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        z.melding.delete()
    assert Afschrift.objects.exists()
    assert Brief.objects.exists()


def test_een_melding_met_afschriften_wordt_vernietigd_met_alles_erop(settings):
    # Retention destroys a case with everything on it (docs/retention.md); the
    # copy's letter goes with it. Withdrawn by the melder from the mailbox; the HL
    # acts on the claim first (Art. 6.3): while its term runs the case waits.
    from benadeling.constants import ClaimUitkomst
    from benadeling.services.maatregelen import benadelingsmelding_afhandelen
    from meldingen.models import Brief, Vernietigingsbatch
    from meldingen.services.afsluiten import melding_intrekken
    from meldingen.services.bewaring import melding_vernietigen

    z = zaak(kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    box = meldingsbox_aanmaken(melding=z.melding).meldingsbox
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    assert Afschrift.objects.exists()
    melding_intrekken(meldingsbox=box, reden="Melder trekt in.")
    benadelingsmelding_afhandelen(
        benadelingsmelding=claim, uitkomst=ClaimUitkomst.INGETROKKEN, toelichting="Ingetrokken.", door=z.hl.gebruiker
    )
    over_een_jaar = timezone.localdate() + timedelta(days=366)
    melding_vernietigen(
        melding=z.melding, batch=Vernietigingsbatch.objects.create(peildatum=over_een_jaar), vandaag=over_een_jaar
    )
    assert not Afschrift.objects.exists()
    assert not Brief.objects.exists()
    assert not Benadelingsmelding.objects.exists()
