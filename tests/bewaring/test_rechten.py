"""Deleting what is clearly irrelevant (EU 2019/1937 art. 17) and a person
concerned's right of access (AVG art. 15) with redactions and delay (EU art. 22;
AVG art. 23)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.opslag import versleutelde_opslag
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import GebeurtenisSoort
from meldingen.models import Bericht, Bijlage, Gebeurtenis, Inhoudsverwijdering, Melding
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.inzage import (
    inzageverzoek_afhandelen,
    inzageverzoek_registreren,
    inzageverzoek_uitstellen,
    weglating_toevoegen,
)
from meldingen.services.verwijderen import irrelevant_verwijderen
from onderzoek.services import onderzoek_melder_informeren, onderzoeker_toewijzen, verhoor_ander_vastleggen
from tests.bewaring.zaken import BETROKKENE, MELDER, MELDER_EMAIL, afgesloten_zaak, in_onderzoek, volle_zaak

pytestmark = pytest.mark.django_db

GETUIGE = "Wilhelmina Tjepkema"


def test_eu_art_17_bericht_met_bijlage_verwijderd_met_reden_tijdlijn_zegt_alleen_dat(
    django_capture_on_commit_callbacks,
):
    zaak = volle_zaak()
    bericht = Bericht.objects.get(melding=zaak.melding)
    [bijlage] = Bijlage.objects.filter(bericht=bericht)
    naam = bijlage.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        irrelevant_verwijderen(
            melding=zaak.melding, bericht=bericht, reden="Medische gegevens van een collega.", door=zaak.ontvanger
        )
    assert not Bericht.objects.filter(pk=bericht.pk).exists()
    assert not versleutelde_opslag.exists(naam)
    gebeurtenis = Gebeurtenis.objects.filter(melding=zaak.melding, soort=GebeurtenisSoort.INHOUD_VERWIJDERD).get()
    assert gebeurtenis.toelichting == ""
    assert gebeurtenis.artikel == "EU 2019/1937 art. 17"
    assert Inhoudsverwijdering.objects.get(melding=zaak.melding).reden == "Medische gegevens van een collega."


def test_eu_art_17_passage_uit_de_omschrijving():
    zaak = volle_zaak()
    irrelevant_verwijderen(
        melding=zaak.melding, passage="van Quistbouw", reden="Naam leverancier niet nodig.", door=zaak.ontvanger
    )
    assert "Quistbouw" not in Melding.objects.get(pk=zaak.melding.pk).omschrijving


def test_eu_art_17_alleen_lopend_met_reden_en_door_wie_de_melding_houdt():
    zaak = volle_zaak()
    bericht = Bericht.objects.get(melding=zaak.melding)
    with pytest.raises(ValidationError, match="reden"):
        irrelevant_verwijderen(melding=zaak.melding, bericht=bericht, reden=" ", door=zaak.ontvanger)
    with pytest.raises(PermissionDenied):
        irrelevant_verwijderen(melding=zaak.melding, bericht=bericht, reden="x", door=GebruikerFactory())
    gesloten = afgesloten_zaak()
    with pytest.raises(ValidationError, match="lopende"):
        irrelevant_verwijderen(melding=gesloten.melding, passage="Quistbouw", reden="x", door=gesloten.ontvanger)


def _met_getuige():
    zaak = in_onderzoek(volle_zaak())
    melding = zaak.melding
    melding.omschrijving = (
        f"{MELDER} ({MELDER_EMAIL}) zag hoe {BETROKKENE} facturen dubbel boekte. Achterberg-Quist meldde het. "
        f"Ook {GETUIGE} was erbij, zij zit naast de kluis op de derde verdieping. "
        f"Volgens Tjepkema gebeurde het twee keer."
    )
    melding.save(update_fields=["omschrijving"])
    onderzoek = melding.onderzoeken.get()
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=zaak.hl.gebruiker,
    )
    # Art. 9.5: the investigators work once the melder knows who they are.
    onderzoek_melder_informeren(onderzoek=onderzoek, door=zaak.hl.gebruiker)
    verhoor_ander_vastleggen(
        onderzoek=onderzoek, naam_gehoorde=GETUIGE, titel="Verhoor getuige", tekst="Zij zag het.", door=onderzoeker
    )
    andere = betrokkene_toevoegen(melding=melding, naam="Karel Oosterwijk-Lamme", door=zaak.ontvanger)
    return zaak, andere


def test_avg_15_inzage_als_pdf_zonder_identiteit_van_melder_of_getuige():
    zaak, _andere = _met_getuige()
    verzoek = inzageverzoek_registreren(
        betrokkene=zaak.betrokkene, ontvangen_op=timezone.localdate(), door=zaak.ontvanger
    )
    assert verzoek.uiterlijk > verzoek.ontvangen_op
    weglating_toevoegen(
        verzoek=verzoek,
        passage="zij zit naast de kluis op de derde verdieping",
        reden="Herleidbaar tot een getuige.",
        door=zaak.ontvanger,
    )
    tekst = pdf_tekst(inzageverzoek_afhandelen(verzoek=verzoek, door=zaak.ontvanger))
    platte = " ".join(tekst.split())
    for geheim in (
        MELDER,
        "Achterberg",
        "Quist",
        MELDER_EMAIL,
        GETUIGE,
        "Tjepkema",
        "Wilhelmina",
        "Oosterwijk",
        "kluis",
    ):
        assert geheim.lower() not in platte.lower(), geheim
    # The person concerned sees their own data and the reasons for each redaction.
    assert BETROKKENE in platte
    assert "facturen dubbel" in platte
    assert "Herleidbaar tot een getuige." in platte
    assert "Identiteit van de melder" in platte
    verzoek.refresh_from_db()
    assert verzoek.afgehandeld_op
    assert verzoek.weglatingen.filter(automatisch=True).count() >= 3


def test_eu_art_22_avg_23_uitstel_met_reden_en_termijn():
    zaak, _andere = _met_getuige()
    verzoek = inzageverzoek_registreren(
        betrokkene=zaak.betrokkene, ontvangen_op=timezone.localdate(), door=zaak.ontvanger
    )
    with pytest.raises(ValidationError, match="reden"):
        inzageverzoek_uitstellen(
            verzoek=verzoek, reden="", tot=timezone.localdate() + timedelta(days=30), door=zaak.ontvanger
        )
    tot = timezone.localdate() + timedelta(days=30)
    inzageverzoek_uitstellen(verzoek=verzoek, reden="Getuigen nog niet gehoord.", tot=tot, door=zaak.ontvanger)
    with pytest.raises(ValidationError, match="uitgesteld"):
        inzageverzoek_afhandelen(verzoek=verzoek, door=zaak.ontvanger)
    assert inzageverzoek_afhandelen(verzoek=verzoek, door=zaak.ontvanger, vandaag=tot).startswith(b"%PDF")
