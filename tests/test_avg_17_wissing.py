"""The melder's right to erasure (AVG art. 17) across the apps: after the receiving
officer erased the identity it reappears nowhere: not on any page of the officer or
anyone else, not in the mailbox, a letter, an e-mail, a log line, the case file
export or the retaliation dossier (benadeling.DossierExport), not in any row of any
table. benadeling drops its copies of the blind indexes, so HR's check no longer
recognises the melder (Art. 5.4), as the mailbox said beforehand; what a check
already matched stays. docs/retention.md, "The melder's right to erasure"."""

import io
import json
import logging
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benadeling.constants import BenadelingType, BeschermdeRol
from benadeling.melder import TOETS_HERKENT_NIET_MEER, TOETS_HERKENT_NOG, TOETSEN_BLIJVEN
from benadeling.models import BeschermdPersoon, Personeelstoets, VoorgenomenMaatregel
from benadeling.services.dossier import dossier_exporteren as benadeling_dossier_exporteren
from benadeling.services.toetsen import maatregel_toetsen
from benadeling.tests.factories import personeelszaken_voor
from kern import toegang
from kern.crypto import blinde_index
from kern.pdf import pdf_tekst
from kern.post import post_verzenden
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import BlokkadeReden, Identiteitskeuze, Kanaal, TermijnSoort, ToestemmingSoort
from meldingen.models import Brief, Functionaris, MelderIdentiteit, Meldingsbox, Termijn, Wissingsverzoek
from meldingen.selectors.bewaring import vernietigingskandidaten
from meldingen.services import bewaring
from meldingen.services import identiteit as wissing
from meldingen.services.bewaarblokkade import bewaarblokkade_plaatsen
from meldingen.services.export import dossier_exporteren, ontsleutelen
from meldingen.services.melder import IdentiteitGegevens, Meldinginhoud, melding_indienen
from meldingen.services.meldingsbox import bericht_aan_melder, verzoek_beantwoorden
from meldingen.services.toestemming import IDENTITEIT, toestemming_vragen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.tests.test_toegang import _geverifieerd
from tests.bewaring.test_vernietiging import NA_TWEE_JAAR
from tests.bewaring.zaken import afgesloten_zaak
from tests.test_vertrouwelijkheid import EMAIL, NAAM, TELEFOON, _bezoek_alles, _inhoud, _procedure

pytestmark = pytest.mark.django_db

PERSONEELSNUMMER = "P-47110815"
POSTADRES = "Zonneveldtstraat 12, Nieuwkoop"
AFDELING = "Inkoop Quistorp-vleugel"
# What of the identity must not reappear: the values, a part of the name, and the
# blind indexes that recognise the melder to whoever holds the key.
GEHEIM = (
    NAAM,
    "Quistorp",
    EMAIL,
    TELEFOON,
    "98765432",
    PERSONEELSNUMMER,
    POSTADRES,
    AFDELING,
    blinde_index(PERSONEELSNUMMER, doel="personeelsnummer"),
    blinde_index(EMAIL, doel="email"),
)


def _geen_identiteit(tekst: str, waar: str) -> None:
    for waarde in GEHEIM:
        assert waarde not in tekst, f"identity ({waarde}) reappeared in {waar}"


def _indienen():
    """A confidential web report with every identity field and an address for
    notices, to an external vertrouwenspersoon; the melder becomes a protected
    person with blind indexes (benadeling's hook on submission)."""
    organisatie = OrganisatieFactory(ontvanger_handelt_namens_hl=True)
    evp = FunctionarisFactory(
        organisatie=organisatie,
        functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON,
        gebruiker=GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON, email="evp@organisatie.test"),
    ).gebruiker
    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="De inkoper laat facturen van een bevriende aannemer dubbel betalen."),
        kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        formeel=True,
        identiteitskeuze=Identiteitskeuze.VERTROUWELIJK,
        identiteit=IdentiteitGegevens(
            naam=NAAM,
            email=EMAIL,
            telefoon=TELEFOON,
            postadres=POSTADRES,
            personeelsnummer=PERSONEELSNUMMER,
            afdeling=AFDELING,
        ),
        notificatie_email=EMAIL,
    )
    return organisatie, bewijs, evp


def _melder(code: str) -> Client:
    melder = Client()
    assert melder.post(reverse("meldingen:box_openen"), {"code": code}).status_code == 302
    return melder


def _brieven_van_melder(melder: Client, melding) -> str:
    teksten = []
    for brief in Brief.objects.filter(melding=melding, bij_melder_op__isnull=False):
        antwoord = melder.get(reverse("meldingen:box_brief", kwargs={"uuid": brief.uuid}))
        teksten.append(_inhoud(antwoord))
    return "\n".join(teksten)


def _rijen_met(geheimen) -> list:
    """Every row of every model (through tables included), every field as the
    application reads it (encrypted fields decrypted): where a value still is."""
    gevonden = []
    for model in apps.get_models(include_auto_created=True):
        velden = model._meta.concrete_fields
        for obj in model._base_manager.all():
            tekst = " ".join(str(getattr(obj, veld.attname)) for veld in velden)
            gevonden += [(model._meta.label, obj.pk, geheim) for geheim in geheimen if geheim in tekst]
    return gevonden


def test_avg_17_melder_vraagt_wissing_identiteit_en_functionaris_voert_uit(caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        organisatie, bewijs, evp = _indienen()
        melding = bewijs.melding
        hl, contact, onderzoeker = _procedure(organisatie, melding, evp)
    box = Meldingsbox.objects.get(melding=melding)
    melder_rij = BeschermdPersoon.objects.get(melding=melding, rol=BeschermdeRol.MELDER)
    assert melder_rij.personeelsnummer_index == blinde_index(PERSONEELSNUMMER, doel="personeelsnummer")
    # Art. 7.2: the melder consented to the contactpersoon knowing who they are.
    with django_capture_on_commit_callbacks(execute=True):
        toestemming = toestemming_vragen(
            melding=melding, soort=ToestemmingSoort.IDENTITEIT_BEKENDMAKEN, ontvangers=[contact], door=evp
        )
        verzoek_beantwoorden(meldingsbox=box, verzoek=toestemming.verzoek, akkoord=True, antwoord="")
    assert toegang.mag(user=contact, perm=IDENTITEIT, obj=melding)
    assert NAAM in _inhoud(
        _geverifieerd(Client(), contact).get(reverse("admin:meldingen_melding_identiteit", args=[melding.pk]))
    )

    # The melder, in the mailbox: first what it means (benadeling's part too), then the confirmation.
    melder = _melder(bewijs.code)
    uitleg = melder.get(reverse("meldingen:box_identiteit_wissen")).content.decode()
    assert "Daarna bent u voor deze melding anoniem" in uitleg
    assert str(TOETS_HERKENT_NIET_MEER)[:60] in uitleg
    assert str(TOETSEN_BLIJVEN)[:60] in uitleg
    with django_capture_on_commit_callbacks(execute=True):
        assert melder.post(reverse("meldingen:box_identiteit_wissen"), {"bevestigd": "on"}).status_code == 302
    verzoek = Wissingsverzoek.objects.get(melding=melding)
    termijn = Termijn.objects.get(melding=melding, soort=TermijnSoort.IDENTITEIT_WISSEN)
    assert termijn.gesloten_op is None

    # Before: the sweep below finds the identity where it lives (the test would notice a blind sweep).
    assert {"meldingen.MelderIdentiteit", "benadeling.BeschermdPersoon", "meldingen.Meldingsbox"} <= {
        label for label, _pk, _waarde in _rijen_met(GEHEIM)
    }

    # The receiving officer erases it from the case screen.
    functionaris = _geverifieerd(Client(), evp)
    verstuurd_voor_wissen = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = functionaris.post(
            reverse("admin:meldingen_melding_identiteit_wissen", args=[melding.pk]), {"bevestigd": "on"}
        )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "uitgevoerd"
    assert not MelderIdentiteit.objects.filter(melding=melding).exists()
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    # benadeling: the protection stays, its copies of the blind indexes go.
    melder_rij.refresh_from_db()
    assert (melder_rij.personeelsnummer_index, melder_rij.email_index) == ("", "")
    # Art. 7.2: the consent lapsed with the identity, and the access it gave.
    assert not toegang.mag(user=contact, perm=IDENTITEIT, obj=melding)

    # The letter in the mailbox says what was done and what benadeling keeps, and nothing of who.
    brieven = _brieven_van_melder(melder, melding)
    assert "nu anoniem" in " ".join(brieven.split())
    assert "herkent die toets u niet meer" in " ".join(brieven.split())
    _geen_identiteit(brieven, "the letters in the mailbox")
    _geen_identiteit(melder.get(reverse("meldingen:box")).content.decode(), "the mailbox")

    # Nobody's pages show it again: the receiving officer, the contactpersoon who had
    # consent, the HL and the investigator, every page they can reach.
    with django_capture_on_commit_callbacks(execute=True):
        bericht_aan_melder(melding=melding, tekst="Wij hebben nog een vraag.", door=evp)
    for wie, gebruiker in {
        "receiving officer": evp,
        "contactpersoon": contact,
        "HL": hl,
        "investigator": onderzoeker,
    }.items():
        client = _geverifieerd(Client(), gebruiker)
        assert _bezoek_alles(client, wie) > 0
    assert "gewist op verzoek van de melder" in _inhoud(
        functionaris.get(reverse("admin:meldingen_melding_identiteit", args=[melding.pk]))
    )

    # The exports: the case file (as the officer, who could see the identity before) ...
    export = dossier_exporteren(melding=melding, wachtwoordzin="paard batterij nietje", doel="rechter", door=evp)
    with zipfile.ZipFile(io.BytesIO(ontsleutelen(export, wachtwoordzin="paard batterij nietje"))) as zf:
        dossier = json.loads(zf.read("dossier.json"))
        assert not dossier["meldingen"].get("melder")
        for naam in zf.namelist():
            inhoud = zf.read(naam)
            tekst = pdf_tekst(inhoud) if inhoud.startswith(b"%PDF-") else inhoud.decode(errors="replace")
            _geen_identiteit(tekst, f"the case file export ({naam})")
    # ... and the retaliation dossier for a court or the Huis voor Klokkenluiders.
    dossier_export = benadeling_dossier_exporteren(melding=melding, ontvangers="Kantonrechter", door=hl)
    with dossier_export.document.open("rb") as fh:
        _geen_identiteit(pdf_tekst(fh.read()), "the retaliation dossier")

    # E-mail: nothing more to the melder's address; nothing of the identity in any e-mail.
    post_verzenden()
    for bericht in mail.outbox[verstuurd_voor_wissen:]:
        assert EMAIL not in bericht.to
        _geen_identiteit(bericht.subject + bericht.body, f"an e-mail to {bericht.to}")
    # The logs of the whole flow.
    _geen_identiteit(caplog.text, "the logs")
    # Every row of every table.
    assert _rijen_met(GEHEIM) == []


def _geval_met_toets(django_capture_on_commit_callbacks):
    """A protected melder against whom HR checked an intended measure before any
    erasure: the match opened an Art. 5.4 task on the case."""
    organisatie, bewijs, evp = _indienen()
    hr = personeelszaken_voor(organisatie)
    with django_capture_on_commit_callbacks(execute=True):
        maatregel_toetsen(
            organisatie=organisatie,
            soort=BenadelingType.DISCIPLINAIR,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            door=hr,
            personeelsnummer=PERSONEELSNUMMER,
            omschrijving="Berisping.",
        )
    assert VoorgenomenMaatregel.objects.filter(melding=bewijs.melding).count() == 1
    return organisatie, bewijs, evp, hr


def _opnieuw_toetsen(organisatie, hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        maatregel_toetsen(
            organisatie=organisatie,
            soort=BenadelingType.VERPLAATST,
            beoogd_op=timezone.localdate() + timedelta(days=40),
            door=hr,
            personeelsnummer=PERSONEELSNUMMER,
            email=EMAIL,
        )


def test_avg_17_na_wissing_herkent_de_toets_van_personeelszaken_de_melder_niet_meer(
    django_capture_on_commit_callbacks,
):
    organisatie, bewijs, evp, hr = _geval_met_toets(django_capture_on_commit_callbacks)
    box = Meldingsbox.objects.get(melding=bewijs.melding)
    verzoek = wissing.wissing_aanvragen(meldingsbox=box)
    wissing.identiteit_wissen(verzoek=verzoek, door=evp)
    # What already matched is the Art. 5.4 trail: kept (AVG art. 17(3)(b), (e)), and the letter says so.
    assert VoorgenomenMaatregel.objects.filter(melding=bewijs.melding).count() == 1
    assert Personeelstoets.objects.count() == 1
    # But not the blind index HR typed in: with the key it would still recognise the melder.
    toets = Personeelstoets.objects.get()
    assert (toets.personeelsnummer_index, toets.email_index) == ("", "")
    brief = Brief.objects.get(melding=bewijs.melding, soort=wissing.SOORT_BRIEF)
    assert str(TOETSEN_BLIJVEN) in brief.tekst
    # The honest consequence: a new check against the same employee no longer reaches the case.
    _opnieuw_toetsen(organisatie, hr, django_capture_on_commit_callbacks)
    assert Personeelstoets.objects.count() == 2
    assert VoorgenomenMaatregel.objects.filter(melding=bewijs.melding).count() == 1
    # Protection itself stays on the case.
    assert BeschermdPersoon.objects.filter(melding=bewijs.melding, rol=BeschermdeRol.MELDER).exists()


def test_avg_17_deels_geweigerd_blijft_de_toets_de_melder_herkennen(django_capture_on_commit_callbacks):
    organisatie, bewijs, evp, hr = _geval_met_toets(django_capture_on_commit_callbacks)
    # A retaliation dispute is before the court: a legal hold; only the contact details go.
    bewaarblokkade_plaatsen(
        melding=bewijs.melding, reden=BlokkadeReden.GESCHIL_NADELIGE_BEHANDELING, toelichting="", door=evp
    )
    verzoek = wissing.wissing_aanvragen(meldingsbox=Meldingsbox.objects.get(melding=bewijs.melding))
    wissing.wissingsverzoek_weigeren(
        verzoek=verzoek,
        grond="bewaarblokkade",
        reden="Uw melding speelt in het geschil over uw overplaatsing.",
        contactgegevens_wissen=True,
        door=evp,
    )
    identiteit = MelderIdentiteit.objects.get(melding=bewijs.melding)
    assert (identiteit.email, identiteit.telefoon, identiteit.postadres) == ("", "", "")
    assert identiteit.naam == NAAM
    brief = Brief.objects.get(melding=bewijs.melding, soort=wissing.SOORT_BRIEF)
    assert str(TOETS_HERKENT_NOG) in brief.tekst
    # Who the melder is stays, with the blind indexes: HR's check still recognises them.
    _opnieuw_toetsen(organisatie, hr, django_capture_on_commit_callbacks)
    assert VoorgenomenMaatregel.objects.filter(melding=bewijs.melding).count() == 2


def test_avg_17_een_open_verzoek_houdt_de_vernietiging_op_en_gaat_mee(settings, django_capture_on_commit_callbacks):
    settings.MELDPUNT_VERNIETIGING_AAN = True
    zaak = afgesloten_zaak()
    verzoek = wissing.wissing_aanvragen(meldingsbox=zaak.box)
    # Open: the answer is still owed (AVG art. 12(3)), so the case waits for it.
    assert zaak.melding not in [k.melding for k in vernietigingskandidaten(tot_en_met=NA_TWEE_JAAR)]
    reden = "Quistbouw-procedure bij de rechtbank loopt nog."
    wissing.wissingsverzoek_weigeren(
        verzoek=verzoek, grond="rechtsvordering", reden=reden, contactgegevens_wissen=False, door=zaak.ontvanger
    )
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert resultaat.vernietigd == 1
    # The request and its reason go with the case; its term stays (dates only).
    assert not Wissingsverzoek.objects.filter(melding=zaak.melding).exists()
    assert Termijn.objects.filter(melding=zaak.melding, soort=TermijnSoort.IDENTITEIT_WISSEN).exists()
    assert _rijen_met([reden]) == []
