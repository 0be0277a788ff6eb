"""The Art. 13.2 investigation into the melder's treatment outlives the report
(Art. 5, docs/termijnen.md): after the report is withdrawn it can still end
without a report and get its standpunt, as the report's own investigation can
(Art. 11.1 via Art. 13.2, "artikelen 10 t/m 13 van overeenkomstige toepassing"),
and withdrawal leaves its requests to the melder open (Art. 10.1, 10.5 via 13.2).
Through the services the case screen and the mailbox call."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from benadeling.constants import BenadelingOordeel
from benadeling.selectors import dossier_gebeurtenissen
from benadeling.services.vastleggingen import benadeling_vastleggen
from benadeling.services.verzoeken import (
    onderzoeksverzoek_indienen,
    onderzoeksverzoek_inwilligen,
    onderzoeksverzoek_standpunt_vaststellen,
)
from benadeling.tests.factories import bij_melder, hl_op_het_zaakscherm
from benadeling.workflow import VERZOEK, VerzoekStatus, verzoek_status
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status, TermijnSoort, ToewijzingRol
from meldingen.constants import VerzoekStatus as MelderverzoekStatus
from meldingen.models import Termijn, Verzoek
from meldingen.services.afsluiten import GEVOLGEN_INTREKKEN, melding_intrekken
from meldingen.services.meldingsbox import (
    verzoek_beantwoorden,
)
from meldingen.services.register import toewijzing_verlenen
from onderzoek.constants import OnderzoekStatus, termijnonderwerp
from onderzoek.models import Rapport
from onderzoek.services import (
    onderzoek_zonder_rapport_beeindigen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    verhoor_melder_vastleggen,
)
from onderzoek.tests.factories import Zaak, onderzoek_lopend_maken
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status
REDEN_ZONDER_RAPPORT = "De leidinggevende is vertrokken; de melder werkt op een andere afdeling."


def _in_onderzoek_met_verzoek():
    """A report under investigation (Art. 9.1) and a granted Art. 13.1 request:
    an investigation of the kind "benadeling" with its own standpunt term."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    return zaak, verzoek


def _standpunttermijn(zaak, verzoek):
    return Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(verzoek.onderzoek)
    )


def _zonder_rapport(zaak, verzoek):
    """Art. 11.1 via 13.2: the HL ends the investigation without a report, with a signed reason."""
    onderzoek_zonder_rapport_beeindigen(
        onderzoek=verzoek.onderzoek, reden=REDEN_ZONDER_RAPPORT, door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    verzoek.refresh_from_db()
    assert verzoek.onderzoek.status == OnderzoekStatus.ZONDER_RAPPORT


def _bij_melder(zaak, brief_of_verzoek):
    return bij_melder(brief_of_verzoek, ontvanger=zaak.ontvanger)


# --- Defect 1: the Art. 13.2 standpunt after an investigation without a report ------------


def test_art_13_2_standpunt_wacht_op_het_einde_van_het_onderzoek():
    """Art. 13.2 with 10.6 and 11.1: while the investigation runs, no standpunt;
    the service refuses and the table's guard (which the screen asks) says no."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    assert not VERZOEK.mag(verzoek, VerzoekStatus.STANDPUNT_GEGEVEN, zaak.hl.gebruiker)
    with pytest.raises(ValidationError, match=r"Art\. 11\.1"):
        onderzoeksverzoek_standpunt_vaststellen(
            verzoek=verzoek,
            uitkomst=BenadelingOordeel.GEEN_BENADELING,
            standpunt="Te vroeg.",
            vervolgstappen="Geen.",
            kennisgeving_melden=False,
            kennisgeving_motivering="Geen externe instantie: een interne kwestie.",
            door=zaak.hl.gebruiker,
            totp_code=zaak.hl.code(),
        )
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is None


def test_art_13_2_standpunt_na_onderzoek_zonder_rapport_sluit_de_eigen_termijn_ook_na_intrekken():
    """The defect: an investigation ended `zonder_rapport` never got its standpunt,
    so its term stayed open and escalated for ever. As on the report itself
    (onderzoek_afgerond accepts the signed reason), the HL now gives the standpunt
    on the signed reason; its letter closes the investigation's term, also after
    the report was withdrawn (Art. 5: the protection outlives the report)."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.INGETROKKEN
    _zonder_rapport(zaak, verzoek)
    termijn = _standpunttermijn(zaak, verzoek)
    assert termijn.gesloten_op is None
    assert termijn.vervallen_op is None
    assert VERZOEK.mag(verzoek, VerzoekStatus.STANDPUNT_GEGEVEN, zaak.hl.gebruiker)
    onderzoeksverzoek_standpunt_vaststellen(
        verzoek=verzoek,
        uitkomst=BenadelingOordeel.GEEN_BENADELING,
        standpunt="Zonder rapport: de overplaatsing hield geen verband met de melding.",
        vervolgstappen="Geen.",
        kennisgeving_melden=False,
        kennisgeving_motivering="Geen externe instantie: een interne kwestie.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    verzoek.refresh_from_db()
    assert verzoek_status(verzoek) == VerzoekStatus.STANDPUNT_GEGEVEN
    _bij_melder(zaak, zaak.melding.brieven.get(soort="benadeling_standpunt_benadeling"))
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert termijn.vervallen_op is None
    # Nothing of the investigation is left running.
    assert not Termijn.objects.open().filter(melding=zaak.melding, soort=TermijnSoort.STANDPUNT).exists()


def test_art_13_2_standpunt_na_onderzoek_zonder_rapport_op_het_zaakscherm(client):
    """The case screen offers the step exactly when the service takes it: not while
    the investigation runs, and after it ended without a report (Art. 11.1 via
    13.2) it offers the request and the standpunt goes out from the screen."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    hl_op_het_zaakscherm(client, zaak.hl)
    url = reverse("admin:meldingen_melding_benadeling_standpunt", args=[zaak.melding.pk])
    scherm = reverse("admin:meldingen_melding_change", args=[zaak.melding.pk])
    assert client.get(url).status_code == 404
    assert url not in client.get(scherm).content.decode()
    _zonder_rapport(zaak, verzoek)
    assert url in client.get(scherm).content.decode()
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert list(formulier.context["form"].fields["verzoek"].queryset) == [verzoek]
    antwoord = client.post(
        url,
        {
            "verzoek": verzoek.pk,
            "uitkomst": BenadelingOordeel.GEEN_BENADELING,
            "standpunt": "Er is geen benadeling gebleken.",
            "vervolgstappen": "Geen.",
            "kennisgeving_melden": "0",
            "kennisgeving_motivering": "Geen externe instantie: een interne kwestie.",
            "totp_code": zaak.hl.code(),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is not None
    # Given once: the screen no longer offers it.
    assert client.get(url).status_code == 404


def test_art_13_2_dossier_noemt_de_ondertekende_reden_zonder_rapport():
    """The retaliation dossier (court, Huis voor Klokkenluiders) shows why the
    investigation ended without a report (Art. 11.1), signed, before the standpunt."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    _zonder_rapport(zaak, verzoek)
    regels = [g for g in dossier_gebeurtenissen(melding=zaak.melding) if g.artikel == "Art. 11.1"]
    assert len(regels) == 1
    assert regels[0].regels == [REDEN_ZONDER_RAPPORT]
    assert regels[0].hash == verzoek.onderzoek.afzien_van_rapport.ondertekening.document_hash


# --- Defect 2: withdrawal leaves the requests of the protection procedures open ------------


def test_art_13_2_intrekken_laat_de_verzoeken_van_het_lopende_onderzoek_naar_benadeling_open():
    """Withdrawal ends the report's procedure: the comments asked on the concept of
    the report's own investigation are withdrawn. The Art. 13.2 investigation runs
    on: the melder can still comment on its concept (Art. 10.5 via 13.2) and
    approve the record of their hearing (Art. 10.1 via 13.2) in the mailbox."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    eigen = zaak.melding.onderzoeken.get(soort="feitenonderzoek")
    eigen_onderzoeker = onderzoek_lopend_maken(eigen, zaak.hl)
    rapport_concept_opslaan(onderzoek=eigen, tekst="Concept over de facturen.", door=eigen_onderzoeker)
    eigen_concept = rapport_concept_voorleggen(onderzoek=eigen, door=eigen_onderzoeker)

    onderzoek = verzoek.onderzoek
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    verhoor = verhoor_melder_vastleggen(
        onderzoek=onderzoek, titel="Verhoor melder", tekst="De melder vertelt over de overplaatsing.", door=onderzoeker
    )
    rapport_concept_opslaan(onderzoek=onderzoek, tekst="Concept over de behandeling.", door=onderzoeker)
    concept = rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)

    def _verzoek_over(obj):
        return Verzoek.objects.get(melding=zaak.melding, object_uuid=str(obj.uuid))

    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")

    assert _verzoek_over(eigen_concept).status == MelderverzoekStatus.INGETROKKEN
    conceptverzoek, verslagverzoek = _verzoek_over(concept), _verzoek_over(verhoor.vastlegging)
    assert conceptverzoek.status == MelderverzoekStatus.OPEN
    assert verslagverzoek.status == MelderverzoekStatus.OPEN
    # The melder answers both in the mailbox; the investigation receives the answers.
    verzoek_beantwoorden(
        meldingsbox=zaak.box,
        verzoek=_bij_melder(zaak, conceptverzoek),
        akkoord=None,
        antwoord="De datum van de overplaatsing klopt niet.",
    )
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=_bij_melder(zaak, verslagverzoek), akkoord=True)
    assert Rapport.objects.get(pk=concept.pk).commentaar_melder.startswith("De datum van de overplaatsing")
    verhoor.vastlegging.refresh_from_db()
    assert verhoor.vastlegging.status == "goedgekeurd"


def test_art_13_2_intrekken_trekt_de_verzoeken_van_een_onderzoek_met_standpunt_wel_in():
    """Only a running Art. 13.2 procedure keeps its requests: once its standpunt was
    given, a request left open in it ends with the report like any other."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    onderzoeker = onderzoek_lopend_maken(verzoek.onderzoek, zaak.hl)
    verhoor = verhoor_melder_vastleggen(
        onderzoek=verzoek.onderzoek, titel="Verhoor melder", tekst="Verslag.", door=onderzoeker
    )
    _zonder_rapport(zaak, verzoek)
    onderzoeksverzoek_standpunt_vaststellen(
        verzoek=verzoek,
        uitkomst=BenadelingOordeel.GEEN_BENADELING,
        standpunt="Geen benadeling.",
        vervolgstappen="Geen.",
        kennisgeving_melden=False,
        kennisgeving_motivering="Geen externe instantie: een interne kwestie.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    verslagverzoek = Verzoek.objects.get(melding=zaak.melding, object_uuid=str(verhoor.vastlegging.uuid))
    assert verslagverzoek.status == MelderverzoekStatus.INGETROKKEN


def test_art_6_2_intrekken_laat_het_verslag_van_benadeling_ter_goedkeuring_open():
    """The contactpersoon's record of retaliation (Art. 6.2) is part of the
    protection, not of the report: the HL must act on it (Art. 6.3, a term that
    outlives the case), so the melder can still approve it after withdrawing."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_BEHANDELING]:
        _nemen(zaak, *stap)
    contactpersoon = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=zaak.melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    claim = benadeling_vastleggen(
        melding=zaak.melding, omschrijving="Buitengesloten van overleg.", types=["5_5_a"], door=contactpersoon
    )
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    verzoek = Verzoek.objects.get(melding=zaak.melding, object_uuid=str(claim.uuid))
    assert verzoek.status == MelderverzoekStatus.OPEN
    verzoek_beantwoorden(meldingsbox=zaak.box, verzoek=_bij_melder(zaak, verzoek), akkoord=True)
    claim.refresh_from_db()
    assert claim.doorgestuurd_op is not None


# --- Defect 3: what the melder reads about withdrawing -------------------------------------


def test_intrekken_tekst_zegt_wat_stopt_en_wat_doorloopt():
    """The text no longer says every term lapses: the report's terms do, those of
    the protection (Art. 5, 6.3, 13.1, 13.2) keep running; in Dutch and English,
    read in the melder's language when shown (lazy), not at import."""
    with translation.override("nl"):
        tekst = str(GEVOLGEN_INTREKKEN)
    assert "de termijnen vervallen" not in tekst
    assert "termijnen daarvoor vervallen" in tekst
    for artikel in ("Art. 5", "Art. 6.3", "Art. 13.1", "Art. 13.2"):
        assert artikel in tekst
    with translation.override("en"):
        engels = str(GEVOLGEN_INTREKKEN)
    assert engels.startswith("If you withdraw your report, it is not handled any further")
    assert "Art. 13.2" in engels


def test_intrekken_tekst_staat_in_de_meldingsbox(client):
    zaak = Zaak(doorsturen=False)
    client.post(reverse("meldingen:box_openen"), {"code": zaak.code})
    pagina = client.get(reverse("meldingen:box")).content.decode()
    assert "Loopt dat onderzoek al, dan gaat het door" in pagina
