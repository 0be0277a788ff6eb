"""The melder's right to erasure before the retention period ends (AVG art. 17,
docs/retention.md): asked in the mailbox after the consequences, or recorded by
the receiving officer; answered within a month (AVG art. 12(3)) by erasing, or by
refusing (whole, or the contact details only) with a reason, in a letter either
way. Through the mailbox views and the case-screen actions the officer uses."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from kern import toegang
from kern.kalender import AMSTERDAM, einde_van_dag
from kern.models import AuditActie, AuditRegel, UitgaandBericht
from kern.opslag import versleutelde_opslag
from kern.pdf import pdf_tekst
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import deadlines, uitbreidingen
from meldingen.constants import (
    BlokkadeReden,
    GebeurtenisSoort,
    Identiteitskeuze,
    Kanaal,
    TermijnSoort,
    ToestemmingSoort,
    ToewijzingRol,
    VerzoekStatus,
    WeigeringsGrond,
    WissingStatus,
)
from meldingen.handelingen import HANDELINGEN, WISSING_HANDELINGEN
from meldingen.models import (
    Bijlage,
    Brief,
    Gebeurtenis,
    MelderIdentiteit,
    Meldingsbox,
    Termijn,
    TeVerwijderenBestand,
    Toestemming,
    Wissingsverzoek,
)
from meldingen.overgangen import WISSING
from meldingen.services import identiteit as wissing
from meldingen.services.adviseur import ADVISEUR, adviseur_inzien, adviseur_toestemming_vastleggen, adviseur_vastleggen
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.betrokkenen import betrokkene_toevoegen
from meldingen.services.bewaarblokkade import bewaarblokkade_plaatsen
from meldingen.services.inzage import inzageverzoek_afhandelen, inzageverzoek_registreren
from meldingen.services.melder import IdentiteitGegevens, Meldinginhoud, melding_indienen
from meldingen.services.meldingsbox import (
    bericht_aan_melder,
    brief_doorsturen_door_vertrouwenspersoon,
    verzoek_beantwoorden,
)
from meldingen.services.register import toewijzing_verlenen
from meldingen.services.toestemming import IDENTITEIT, toestemming_op_papier, toestemming_vragen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.tests.test_toegang import _geverifieerd
from meldingen.views import SESSIE_BOX
from meldingen.workflow import ONTVANGER, WISSING_OVERGANGEN
from tests.termijnbewaking_hulp import herinnerd_geescaleerd_en_zichtbaar

pytestmark = pytest.mark.django_db

NAAM, EMAIL, TELEFOON, ADRES = (
    "Quirijn Oudekerk-Vlasblom",
    "q.oudekerk@voorbeeld.nl",
    "06-13572468",
    "Laan 3, Nieuwkoop",
)
GEHEIM = (NAAM, "Oudekerk", EMAIL, TELEFOON, ADRES, "P-8080")


class Geval:
    """A confidential web report with an identity and an address for notices, to an
    external vertrouwenspersoon (letters reach the melder at once, Art. 7.3)."""

    def __init__(
        self,
        *,
        identiteit=True,
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        omschrijving="De uitvoerder sluit keuringen af zonder te keuren.",
    ):
        self.organisatie = OrganisatieFactory()
        self.evp = FunctionarisFactory(
            organisatie=self.organisatie,
            functie=kanaal,
            gebruiker=GebruikerFactory(rol=Rol(kanaal), email="evp@organisatie.test"),
        ).gebruiker
        bewijs = melding_indienen(
            organisatie=self.organisatie,
            inhoud=Meldinginhoud(omschrijving=omschrijving),
            kanaal=kanaal,
            formeel=True,
            identiteitskeuze=Identiteitskeuze.VERTROUWELIJK if identiteit else Identiteitskeuze.ANONIEM,
            identiteit=IdentiteitGegevens(
                naam=NAAM, email=EMAIL, telefoon=TELEFOON, postadres=ADRES, personeelsnummer="P-8080"
            )
            if identiteit
            else None,
            notificatie_email=EMAIL,
        )
        self.melding, self.code = bewijs.melding, bewijs.code
        self.box = Meldingsbox.objects.get(melding=self.melding)

    def melder(self) -> Client:
        client = Client()
        sessie = client.session
        sessie[SESSIE_BOX] = str(self.box.uuid)
        sessie.save()
        return client

    def functionaris(self) -> Client:
        return _geverifieerd(Client(), self.evp)

    def actie(self, naam: str) -> str:
        return reverse(f"admin:meldingen_melding_{naam}", args=[self.melding.pk])

    def brief(self) -> Brief:
        return Brief.objects.get(melding=self.melding, soort=wissing.SOORT_BRIEF)

    def termijn(self) -> Termijn:
        return Termijn.objects.get(melding=self.melding, soort=TermijnSoort.IDENTITEIT_WISSEN)


@pytest.fixture
def geval():
    return Geval()


def _brieftekst(brief: Brief) -> str:
    # The PDF's text, its line breaks read as spaces.
    with brief.pdf.open("rb") as fh:
        return " ".join(pdf_tekst(fh.read()).split())


def test_avg_17_melder_leest_eerst_de_gevolgen_en_bevestigt_dan(geval):
    melder = geval.melder()
    box = melder.get(reverse("meldingen:box")).content.decode()
    assert reverse("meldingen:box_identiteit_wissen") in box
    pagina = melder.get(reverse("meldingen:box_identiteit_wissen")).content.decode()
    for zin in (
        "Daarna bent u voor deze melding anoniem",
        "U krijgt geen e-mail meer als er nieuws is",
        "toestemming",
        "Wissen kan niet ongedaan worden gemaakt.",
        "binnen een maand",
    ):
        assert zin in pagina
    # The confirmation is a labelled checkbox; without it nothing is asked.
    assert '<label for="id_bevestigd">' in pagina
    zonder = melder.post(reverse("meldingen:box_identiteit_wissen"), {})
    assert zonder.status_code == 400
    assert "Bevestig dat u uw identiteit wilt laten wissen." in zonder.content.decode()
    assert not Wissingsverzoek.objects.exists()
    met = melder.post(reverse("meldingen:box_identiteit_wissen"), {"bevestigd": "on"}, follow=True)
    verzoek = Wissingsverzoek.objects.get(melding=geval.melding)
    assert (verzoek.status, verzoek.bron, verzoek.vastgelegd_door) == (WissingStatus.GEVRAAGD, "meldingsbox", None)
    html = met.content.decode()
    assert "Uw verzoek om uw identiteit te wissen is verstuurd." in html
    assert "Uiterlijk op" in html
    # A second request waits for the first: the page sends the melder back.
    assert melder.get(reverse("meldingen:box_identiteit_wissen")).status_code == 302
    with pytest.raises(ValidationError):
        wissing.wissing_aanvragen(meldingsbox=geval.box)
    # The timeline and the audit say that it was asked, nothing of the identity.
    assert Gebeurtenis.objects.filter(melding=geval.melding, soort=GebeurtenisSoort.WISSING_GEVRAAGD).exists()
    regel = AuditRegel.objects.get(object_uuid=str(verzoek.uuid))
    assert (regel.actor_soort, regel.toelichting) == ("melder", "AVG art. 17; meldingsbox")


def test_avg_17_functionaris_wist_vanuit_het_zaakscherm(geval):
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    functionaris = geval.functionaris()
    scherm = functionaris.get(reverse("admin:meldingen_melding_change", args=[geval.melding.pk])).content.decode()
    assert geval.actie("identiteit_wissen") in scherm
    assert geval.actie("wissing_weigeren") in scherm
    formulier = functionaris.get(geval.actie("identiteit_wissen")).content.decode()
    assert "antwoord uiterlijk op" in formulier
    assert "kan niet ongedaan worden gemaakt" in formulier
    assert functionaris.post(geval.actie("identiteit_wissen"), {}).status_code == 200
    assert MelderIdentiteit.objects.filter(melding=geval.melding).exists()
    assert functionaris.post(geval.actie("identiteit_wissen"), {"bevestigd": "on"}).status_code == 302

    assert not MelderIdentiteit.objects.filter(melding=geval.melding).exists()
    geval.box.refresh_from_db()
    assert geval.box.notificatie_email == ""
    verzoek = Wissingsverzoek.objects.get()
    assert (verzoek.status, verzoek.besloten_door) == (WissingStatus.UITGEVOERD, geval.evp)
    gebeurtenis = Gebeurtenis.objects.get(melding=geval.melding, soort=GebeurtenisSoort.IDENTITEIT_GEWIST)
    assert (gebeurtenis.artikel, gebeurtenis.toelichting) == ("AVG art. 17", "")
    assert AuditRegel.objects.filter(actie=AuditActie.VERWIJDERD, toelichting="identiteit gewist; AVG art. 17").exists()
    # The letter: in the mailbox at once, closing the month's term; no e-mail, the address is gone.
    brief = geval.brief()
    assert brief.bij_melder_op is not None
    assert "U bent voor melding" in brief.tekst
    assert "nu anoniem" in brief.tekst
    assert "nu anoniem" in _brieftekst(brief)
    termijn = geval.termijn()
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.soort == GebeurtenisSoort.BRIEF_VERZONDEN
    assert not [b for b in UitgaandBericht.objects.filter(soort="melder") if b.adres == EMAIL]
    # The officer's identity page says what happened, not "reported anonymously".
    pagina = functionaris.get(reverse("admin:meldingen_melding_identiteit", args=[geval.melding.pk]))
    assert "gewist op verzoek van de melder" in pagina.content.decode()
    # The mailbox shows the answer; there is nothing left to ask for.
    box = geval.melder().get(reverse("meldingen:box")).content.decode()
    assert "Uitgevoerd: identiteit gewist" in box
    assert reverse("meldingen:box_identiteit_wissen") not in box
    for waarde in GEHEIM:
        assert waarde not in box
        assert waarde not in brief.tekst
        assert waarde not in _brieftekst(brief)


def test_avg_17_weigering_vereist_reden_en_brief_aan_melder(geval):
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    functionaris = geval.functionaris()
    zonder_reden = functionaris.post(
        geval.actie("wissing_weigeren"), {"grond": "wettelijke_plicht", "reden": "", "omvang": "niets"}
    )
    assert zonder_reden.status_code == 200
    assert "errorlist" in zonder_reden.content.decode()
    with pytest.raises(ValidationError, match="reden"):
        wissing.wissingsverzoek_weigeren(
            verzoek=Wissingsverzoek.objects.get(),
            grond="wettelijke_plicht",
            reden="  ",
            contactgegevens_wissen=False,
            door=geval.evp,
        )
    assert Wissingsverzoek.objects.get().status == WissingStatus.GEVRAAGD
    reden = "De Belastingdienst vraagt deze administratie zeven jaar te bewaren."
    antwoord = functionaris.post(
        geval.actie("wissing_weigeren"), {"grond": "wettelijke_plicht", "reden": reden, "omvang": "niets"}
    )
    assert antwoord.status_code == 302
    verzoek = Wissingsverzoek.objects.get()
    assert (verzoek.status, verzoek.weigeringsgrond, verzoek.weigeringsreden) == (
        WissingStatus.GEWEIGERD,
        "wettelijke_plicht",
        reden,
    )
    # Nothing was erased.
    identiteit = MelderIdentiteit.objects.get(melding=geval.melding)
    assert (identiteit.naam, identiteit.email, identiteit.personeelsnummer_index != "") == (NAAM, EMAIL, True)
    # AVG art. 12(4): the letter gives the ground, the reason and where to complain.
    brief = geval.brief()
    for tekst in (brief.tekst, _brieftekst(brief)):
        assert "Wij wissen uw identiteit niet." in tekst
        assert "wettelijke plicht" in tekst
        assert "zeven jaar" in tekst
        assert "Autoriteit Persoonsgegevens" in tekst
        assert NAAM not in tekst
    assert geval.termijn().gesloten_op is not None
    # The address stays, so the melder gets the content-free notice of the letter.
    assert [b.onderwerp for b in UitgaandBericht.objects.filter(soort="melder") if b.adres == EMAIL]
    assert Gebeurtenis.objects.filter(melding=geval.melding, soort=GebeurtenisSoort.WISSING_GEWEIGERD).exists()
    # After an answer the melder may ask again.
    assert geval.melder().get(reverse("meldingen:box_identiteit_wissen")).status_code == 200


def test_avg_17_juridische_bewaarplicht_weigert_wissing(geval):
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    bewaarblokkade_plaatsen(
        melding=geval.melding, reden=BlokkadeReden.RECHTSZAAK, toelichting="Kantonrechter", door=geval.evp
    )
    functionaris = geval.functionaris()
    # AVG art. 17(3)(e): while the hold is on, erasing is not offered and the service refuses.
    scherm = functionaris.get(reverse("admin:meldingen_melding_change", args=[geval.melding.pk])).content.decode()
    assert geval.actie("identiteit_wissen") not in scherm
    assert functionaris.get(geval.actie("identiteit_wissen")).status_code == 404
    with pytest.raises(ValidationError, match="bewaarblokkade"):
        wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    assert MelderIdentiteit.objects.filter(melding=geval.melding).exists()
    # The refusal form says why; refused in part: the contact details go, who the melder is stays.
    assert "bewaarblokkade" in functionaris.get(geval.actie("wissing_weigeren")).content.decode()
    antwoord = functionaris.post(
        geval.actie("wissing_weigeren"),
        {
            "grond": "bewaarblokkade",
            "reden": "Uw melding is nodig in een rechtszaak over de keuringen.",
            "omvang": "contactgegevens",
        },
    )
    assert antwoord.status_code == 302
    verzoek = Wissingsverzoek.objects.get()
    assert verzoek.status == WissingStatus.DEELS_GEWEIGERD
    identiteit = MelderIdentiteit.objects.get(melding=geval.melding)
    assert (identiteit.naam, identiteit.personeelsnummer) == (NAAM, "P-8080")
    assert (identiteit.email, identiteit.telefoon, identiteit.postadres) == ("", "", "")
    # The blind indexes are who the melder is, not how to reach them: they stay.
    assert identiteit.email_index
    assert identiteit.personeelsnummer_index
    geval.box.refresh_from_db()
    assert geval.box.notificatie_email == ""
    brief = geval.brief()
    for tekst in (brief.tekst, _brieftekst(brief)):
        assert "Wij wissen uw identiteit niet helemaal." in tekst
        assert "Bewaard blijven uw naam, personeelsnummer en afdeling." in tekst
        assert "rechtszaak" in tekst
        assert "Autoriteit Persoonsgegevens" in tekst
    assert Gebeurtenis.objects.filter(melding=geval.melding, soort=GebeurtenisSoort.WISSING_DEELS_GEWEIGERD).exists()


def test_avg_17_grond_bewaarblokkade_alleen_als_er_een_ligt(geval):
    verzoek = wissing.wissing_aanvragen(meldingsbox=geval.box)
    with pytest.raises(ValidationError, match="geen bewaarblokkade"):
        wissing.wissingsverzoek_weigeren(
            verzoek=verzoek, grond="bewaarblokkade", reden="Rechtszaak.", contactgegevens_wissen=True, door=geval.evp
        )
    assert MelderIdentiteit.objects.get(melding=geval.melding).email == EMAIL


@pytest.mark.parametrize(
    ("ontvangen", "dagen", "uiterlijk"),
    [
        # AVG art. 12(3): one month, as EU 1182/71 counts months (never "30 days").
        (date(2026, 3, 15), 0, date(2026, 4, 15)),
        (date(2026, 1, 31), 0, date(2026, 2, 28)),
        (date(2028, 1, 31), 0, date(2028, 2, 29)),
        (date(2026, 12, 31), 0, date(2027, 1, 31)),
        # The installation may make it shorter ...
        (date(2026, 3, 15), 14, date(2026, 3, 29)),
        # ... never longer: past the month, the month holds.
        (date(2026, 1, 31), 30, date(2026, 2, 28)),
    ],
)
def test_avg_12_3_termijn_van_een_maand(ontvangen, dagen, uiterlijk):
    berekening = deadlines.identiteit_wissen_termijn(ontvangen, dagen)
    assert berekening.soort == TermijnSoort.IDENTITEIT_WISSEN
    assert (berekening.start, berekening.uiterlijk) == (ontvangen, einde_van_dag(uiterlijk))


def test_avg_12_3_termijn_herinnert_escaleert_en_blijft_na_intrekken(geval, settings):
    # A request at 00:30 in Amsterdam on 31 January: the month runs from that day.
    with time_machine.travel(datetime(2027, 1, 31, 0, 30, tzinfo=AMSTERDAM)):
        wissing.wissing_aanvragen(meldingsbox=geval.box)
    termijn = geval.termijn()
    assert (termijn.start, termijn.due) == (date(2027, 1, 31), einde_van_dag(date(2027, 2, 28)))
    assert termijn.onderwerp == f"wissingsverzoek:{Wissingsverzoek.objects.get().pk}"
    # The melder's right does not end with the report: withdrawing voids the other terms, not this one.
    melding_intrekken(meldingsbox=geval.box, reden="")
    termijn.refresh_from_db()
    assert termijn.vervallen_op is None
    assert Termijn.objects.filter(melding=geval.melding, soort=TermijnSoort.STANDPUNT).get().vervallen_op
    # Reminded and escalated like every term; not forwarded, so the receiving officer hears both.
    herinnerd_geescaleerd_en_zichtbaar(termijn, wie=geval.evp, artikel="AVG art. 17")
    assert termijn.herinneren_vanaf == datetime(2027, 2, 21, tzinfo=AMSTERDAM)
    # Still answerable on a withdrawn case.
    wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    assert geval.termijn().gesloten_op is not None


def test_avg_12_3_kortere_termijn_als_instelling(geval, settings):
    settings.MELDPUNT_TERMIJN_IDENTITEIT_WISSEN_DAGEN = 10
    verzoek = wissing.wissing_aanvragen(meldingsbox=geval.box)
    assert timezone.localtime(geval.termijn().due).date() == timezone.localdate(verzoek.ontvangen_op) + timedelta(10)


def test_avg_17_functionaris_legt_verzoek_per_post_vast():
    # The report came in ten days ago; the melder's letter asking for erasure three days ago.
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        geval = Geval()
    functionaris = geval.functionaris()
    vandaag = timezone.localdate()
    url = geval.actie("wissingsverzoek_vastleggen")
    assert url in functionaris.get(reverse("admin:meldingen_melding_change", args=[geval.melding.pk])).content.decode()
    # AVG art. 12(6): only once the officer has established that the melder asked.
    zonder = functionaris.post(url, {"ontvangen_op": vandaag.isoformat(), "bron": "post"})
    assert zonder.status_code == 200
    assert not Wissingsverzoek.objects.exists()
    toekomst = functionaris.post(
        url, {"ontvangen_op": (vandaag + timedelta(days=1)).isoformat(), "bron": "post", "herkomst_vastgesteld": "on"}
    )
    assert "toekomst" in toekomst.content.decode()
    assert not Wissingsverzoek.objects.exists()
    ontvangen = vandaag - timedelta(days=3)
    antwoord = functionaris.post(
        url, {"ontvangen_op": ontvangen.isoformat(), "bron": "post", "herkomst_vastgesteld": "on"}
    )
    assert antwoord.status_code == 302
    verzoek = Wissingsverzoek.objects.get()
    assert (verzoek.bron, verzoek.vastgelegd_door, timezone.localdate(verzoek.ontvangen_op)) == (
        "post",
        geval.evp,
        ontvangen,
    )
    # The month runs from the day the letter arrived, not from the day it was recorded.
    assert geval.termijn().start == ontvangen
    # The same flow: the melder sees it waiting in the mailbox, the officer answers.
    assert "U vroeg op" in geval.melder().get(reverse("meldingen:box")).content.decode()
    assert (
        url not in functionaris.get(reverse("admin:meldingen_melding_change", args=[geval.melding.pk])).content.decode()
    )
    functionaris.post(geval.actie("identiteit_wissen"), {"bevestigd": "on"})
    assert not MelderIdentiteit.objects.filter(melding=geval.melding).exists()
    assert geval.brief().bij_melder_op is not None


def test_avg_17_toestemmingen_die_personen_noemen_vervallen_en_getekende_stukken_gaan(
    geval, django_capture_on_commit_callbacks
):
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    toewijzing_verlenen(melding=geval.melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    # Art. 7.2: consent in the mailbox, and one on paper with the melder's signature.
    gegeven = toestemming_vragen(
        melding=geval.melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=geval.evp
    )
    verzoek_beantwoorden(meldingsbox=geval.box, verzoek=gegeven.verzoek, akkoord=True, antwoord="")
    papier = toestemming_op_papier(
        melding=geval.melding,
        soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN,
        ontvangers=[hl],
        getekend_pdf=b"%PDF-1.4 getekend door " + NAAM.encode(),
        getekend_op=timezone.localdate(),
        door=geval.evp,
    )
    scan = papier.getekend_document
    # Art. 7.4: the adviser disclosed to the HL with both consents.
    adviseur_vastleggen(melding=geval.melding, naam="Mr. B. Raadsman", door=geval.evp)
    adviseur = toestemming_op_papier(
        melding=geval.melding,
        soort=ToestemmingSoort.ADVISEUR_BEKENDMAKEN,
        ontvangers=[hl],
        getekend_pdf=b"%PDF-1.4 melder",
        getekend_op=timezone.localdate(),
        door=geval.evp,
    )
    adviseur_toestemming_vastleggen(
        toestemming=adviseur, getekend_pdf=b"%PDF-1.4 adviseur", getekend_op=timezone.localdate(), door=geval.evp
    )
    assert toegang.mag(user=hl, perm=IDENTITEIT, obj=geval.melding)
    assert toegang.mag(user=hl, perm=ADVISEUR, obj=geval.melding)
    open_gevraagd = toestemming_vragen(
        melding=geval.melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[hl], door=geval.evp
    )
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    with django_capture_on_commit_callbacks(execute=True):
        wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    assert not toegang.mag(user=hl, perm=IDENTITEIT, obj=geval.melding)
    assert not toegang.mag(user=hl, perm=ADVISEUR, obj=geval.melding)
    # The receiving officer keeps theirs by assignment (and sees that it was erased).
    assert toegang.mag(user=geval.evp, perm=IDENTITEIT, obj=geval.melding)
    # The rows stay with their dates, as the record; the signed scans are gone, files included.
    assert all(t.ingetrokken_op for t in Toestemming.objects.filter(melding=geval.melding))
    assert not Bijlage.objects.filter(melding=geval.melding).exists()
    assert not versleutelde_opslag.exists(scan.bestand.name)
    assert not TeVerwijderenBestand.objects.exists()
    open_gevraagd.verzoek.refresh_from_db()
    assert open_gevraagd.verzoek.status == VerzoekStatus.INGETROKKEN
    # The adviser's own record stays for the receiving officer: the adviser's data, not the melder's.
    assert adviseur_inzien(melding=geval.melding, door=geval.evp) is not None


def test_avg_17_wachtende_berichten_aan_het_adres_gaan_mee(geval):
    bericht_aan_melder(melding=geval.melding, tekst="Wij hebben een vraag.", door=geval.evp)
    assert [b for b in UitgaandBericht.objects.filter(soort="melder", status="te_verzenden") if b.adres == EMAIL]
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    assert not [b for b in UitgaandBericht.objects.filter(soort="melder") if b.adres == EMAIL]
    # And what comes after no longer goes to it, also from a case object read before the erasure.
    bericht_aan_melder(melding=geval.melding, tekst="Nog een vraag.", door=geval.evp)
    assert not [b for b in UitgaandBericht.objects.filter(soort="melder") if b.adres == EMAIL]


def test_avg_17_anonieme_melder_heeft_niets_te_wissen():
    geval = Geval(identiteit=False)
    melder = geval.melder()
    assert reverse("meldingen:box_identiteit_wissen") not in melder.get(reverse("meldingen:box")).content.decode()
    assert melder.get(reverse("meldingen:box_identiteit_wissen")).status_code == 302
    with pytest.raises(ValidationError, match="niets te wissen"):
        wissing.wissing_aanvragen(meldingsbox=geval.box)
    functionaris = geval.functionaris()
    assert functionaris.get(geval.actie("wissingsverzoek_vastleggen")).status_code == 404


def test_avg_17_niet_beperkt_per_ip_adres():
    # Many employees share one company address (docs/melderzijde.md): each asks in turn.
    for _ in range(3):
        geval = Geval()
        melder = geval.melder()
        antwoord = melder.post(
            reverse("meldingen:box_identiteit_wissen"), {"bevestigd": "on"}, REMOTE_ADDR="203.0.113.7"
        )
        assert antwoord.status_code == 302
        assert Wissingsverzoek.objects.filter(melding=geval.melding).exists()


@pytest.mark.parametrize("actie", ["wissingsverzoek_vastleggen", "identiteit_wissen", "wissing_weigeren"])
def test_avg_17_acties_alleen_voor_de_ontvanger_van_de_melding(geval, actie):
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    for gebruiker in (GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON), GebruikerFactory(rol=Rol.CONTACTPERSOON)):
        client = _geverifieerd(Client(), gebruiker)
        assert client.get(geval.actie(actie)).status_code == 404
        assert client.post(geval.actie(actie), {"bevestigd": "on"}).status_code == 404
    assert MelderIdentiteit.objects.filter(melding=geval.melding).exists()


def test_avg_17_elke_rij_heeft_een_handeling_en_wordt_door_haar_dienst_genomen():
    assert set(WISSING_HANDELINGEN) == set(WISSING_OVERGANGEN)
    assert all(naam in HANDELINGEN for naam in WISSING_HANDELINGEN.values())
    for (van, naar), overgang in WISSING_OVERGANGEN.items():
        assert overgang.door == ONTVANGER
        geval = Geval()
        verzoek = wissing.wissing_aanvragen(meldingsbox=geval.box)
        assert WISSING.status_van(verzoek) == van
        argumenten = {"verzoek": verzoek, "door": geval.evp}
        if overgang.dienst.endswith("weigeren"):
            argumenten |= {
                "grond": "rechtsvordering",
                "reden": "Nodig in een geschil.",
                "contactgegevens_wissen": naar == WissingStatus.DEELS_GEWEIGERD,
            }
        import_string(overgang.dienst)(**argumenten)
        verzoek.refresh_from_db()
        assert verzoek.status == naar
        # Answered once: a second answer is not a step of the table.
        with pytest.raises(ValidationError):
            import_string(overgang.dienst)(**argumenten)


def test_avg_17_hogere_app_hoort_van_de_wissing_via_het_uitbreidingspunt(geval):
    gehoord = []

    def wissen(*, melding, velden, door):
        gehoord.append((melding, velden, door))
        return ["Proef bewaart niets."]

    deelnemer = uitbreidingen.Identiteitsdeelnemer(naam="proef", gevolgen=lambda **_: ["Proefgevolg."], wissen=wissen)
    uitbreidingen.identiteitswissing_registreren(deelnemer)
    try:
        assert "Proefgevolg." in geval.melder().get(reverse("meldingen:box_identiteit_wissen")).content.decode()
        wissing.wissing_aanvragen(meldingsbox=geval.box)
        wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    finally:
        uitbreidingen.identiteitswissing_verwijderen("proef")
    assert gehoord == [(geval.melding, wissing.ALLE_VELDEN, geval.evp)]
    assert "Proef bewaart niets." in geval.brief().tekst


def test_avg_17_een_fout_in_een_hogere_app_laat_de_identiteit_staan(geval):
    def kapot(**_):
        raise RuntimeError("stuk")

    uitbreidingen.identiteitswissing_registreren(
        uitbreidingen.Identiteitsdeelnemer(naam="kapot", gevolgen=lambda **_: [], wissen=kapot)
    )
    try:
        wissing.wissing_aanvragen(meldingsbox=geval.box)
        with pytest.raises(RuntimeError):
            wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    finally:
        uitbreidingen.identiteitswissing_verwijderen("kapot")
    # One transaction: nothing half-erased.
    assert MelderIdentiteit.objects.get(melding=geval.melding).naam == NAAM
    assert Wissingsverzoek.objects.get().status == WissingStatus.GEVRAAGD
    geval.box.refresh_from_db()
    assert geval.box.notificatie_email == EMAIL


def test_avg_17_open_verzoek_staat_op_de_werkplek_van_de_ontvanger(geval):
    verzoek = wissing.wissing_aanvragen(meldingsbox=geval.box)
    # Also once the case is withdrawn, when it no longer counts among the open cases.
    melding_intrekken(meldingsbox=geval.box, reden="")
    uiterlijk = timezone.localtime(geval.termijn().due).strftime("%d-%m-%Y")
    index = geval.functionaris().get(reverse("admin:index")).content.decode()
    assert "Verzoeken om wissing van de identiteit (AVG art. 17)" in index
    assert f"{geval.melding.registernummer} · antwoord uiterlijk {uiterlijk}" in index
    # Nobody else's: another officer of the organisation without the case sees nothing.
    ander = _geverifieerd(Client(), GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON))
    assert "Verzoeken om wissing" not in ander.get(reverse("admin:index")).content.decode()
    wissing.identiteit_wissen(verzoek=verzoek, door=geval.evp)
    assert "Verzoeken om wissing" not in geval.functionaris().get(reverse("admin:index")).content.decode()


def test_art_7_3_antwoord_via_de_vertrouwenspersoon_sluit_de_termijn_bij_doorsturen():
    # Reported via the vertrouwenspersoon without consent to disclose: the answer too goes
    # through the vertrouwenspersoon, and the month is met when it reaches the melder.
    geval = Geval(kanaal=Kanaal.VERTROUWENSPERSOON)
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    brief = geval.brief()
    assert brief.via_vertrouwenspersoon
    assert brief.bij_melder_op is None
    assert geval.termijn().gesloten_op is None
    # Until then the melder's mailbox shows the request as waiting, not the answer.
    box = geval.melder().get(reverse("meldingen:box")).content.decode()
    assert "U vroeg op" in box
    assert "Uitgevoerd: identiteit gewist" not in box
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=geval.evp)
    assert geval.termijn().gesloten_op is not None
    assert "Uitgevoerd: identiteit gewist" in geval.melder().get(reverse("meldingen:box")).content.decode()


def test_avg_17_15_naam_in_de_meldingtekst_wordt_melder_en_inzage_van_een_betrokkene_noemt_haar_niet():
    """Erased, the identity can no longer black the melder out of the file a person
    concerned receives (AVG art. 15, meldingen.services.inzage): erasing puts
    "[melder]" in its place in the report's own text."""
    geval = Geval(
        omschrijving=(
            f"Ik, {NAAM} (P-8080, {TELEFOON}), zag dat De Wit keuringen afsluit. Mevrouw Oudekerk mag "
            "gebeld worden. De afdeling Keuringen weet ervan."
        )
    )
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)

    geval.melding.refresh_from_db()
    assert geval.melding.omschrijving == (
        "Ik, [melder] ([melder], [melder]), zag dat De Wit keuringen afsluit. Mevrouw [melder] mag gebeld "
        "worden. De afdeling Keuringen weet ervan."
    )
    betrokkene = betrokkene_toevoegen(melding=geval.melding, naam="Dirk de Wit", door=geval.evp)
    verzoek = inzageverzoek_registreren(betrokkene=betrokkene, ontvangen_op=timezone.localdate(), door=geval.evp)
    dossier = " ".join(pdf_tekst(inzageverzoek_afhandelen(verzoek=verzoek, door=geval.evp)).split())
    assert "keuringen afsluit" in dossier
    for waarde in GEHEIM:
        assert waarde not in dossier


def test_avg_17_deels_geweigerd_laat_de_meldingtekst_en_de_inzage_weglating_staan(geval):
    # Refused in part, the name stays in the identity, so the access request still
    # blacks it out; the report's text is not touched.
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    wissing.wissingsverzoek_weigeren(
        verzoek=Wissingsverzoek.objects.get(),
        grond=WeigeringsGrond.WETTELIJKE_PLICHT,
        reden="De melding is nodig voor een wettelijke plicht.",
        contactgegevens_wissen=True,
        door=geval.evp,
    )
    geval.melding.refresh_from_db()
    assert geval.melding.omschrijving == "De uitvoerder sluit keuringen af zonder te keuren."
    assert MelderIdentiteit.objects.get(melding=geval.melding).naam == NAAM


def test_avg_17_3_e_wissen_vergrendelt_eerst_de_melding_zoals_een_bewaarblokkade(geval):
    """A legal hold placed at the same moment as the erasure: bewaarblokkade_plaatsen
    locks the case row, so the erasure locks it too before it reads whether a hold
    lies, and never erases under a hold it did not see."""
    wissing.wissing_aanvragen(meldingsbox=geval.box)
    with CaptureQueriesContext(connection) as vastgelegd:
        wissing.identiteit_wissen(verzoek=Wissingsverzoek.objects.get(), door=geval.evp)
    statements = [q["sql"] for q in vastgelegd.captured_queries]
    slot = next(i for i, sql in enumerate(statements) if 'FROM "meldingen_melding"' in sql and "FOR UPDATE" in sql)
    blokkade = next(i for i, sql in enumerate(statements) if "meldingen_bewaarblokkade" in sql)
    assert slot < blokkade, "\n".join(statements)
