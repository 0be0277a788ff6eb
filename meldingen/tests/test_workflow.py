"""The transition table, row by row, through the one service that performs it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kern.models import AuditActie, AuditRegel
from kern.overgangen import OvergangNietToegestaan
from kern.tests.factories import GebruikerFactory
from meldingen.constants import GESLOTEN_STATUSSEN, Kanaal, Status, Wijze
from meldingen.handelingen import handelingen_voor_rij
from meldingen.models import Functionaris, Gebeurtenis
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.meldingsbox import meldingsbox_aanmaken, vastlegging_voorleggen
from meldingen.services.register import melding_registreren, melding_status_wijzigen
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from meldingen.workflow import MELDER, REDEN_VERPLICHT, SYSTEEM, TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db

ALLE_PAREN = [(van, naar) for van in Status for naar in Status if van != naar]


MET_VOORWAARDEN = sorted(
    p for p, o in TOEGESTANE_OVERGANGEN.items() if o.voorwaarden and o.voorwaarden != ("reactie_beantwoord",)
)
ZONDER_VOORWAARDEN = sorted(p for p, o in TOEGESTANE_OVERGANGEN.items() if not o.voorwaarden)


@pytest.mark.parametrize(("van", "naar"), ZONDER_VOORWAARDEN, ids=lambda s: str(s))
def test_toegestane_overgang(van, naar, django_capture_on_commit_callbacks):
    melding = MeldingFactory(status=van)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding_status_wijzigen(melding=melding, naar=naar, door=None, reden="Reden vastgelegd.")
    melding.refresh_from_db()
    assert melding.status == naar
    gebeurtenis = Gebeurtenis.objects.get(melding=melding, naar_status=naar)
    assert gebeurtenis.van_status == van
    # Each row cites the article that allows it.
    assert gebeurtenis.artikel == TOEGESTANE_OVERGANGEN[(van, naar)].artikel
    assert AuditRegel.objects.filter(object_uuid=str(melding.uuid), actie=AuditActie.STATUS_GEWIJZIGD).count() == 1
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("van", "naar"), [p for p in ALLE_PAREN if p not in TOEGESTANE_OVERGANGEN], ids=lambda s: str(s)
)
def test_niet_toegestane_overgang_wordt_geweigerd(van, naar):
    melding = MeldingFactory(status=van)
    with pytest.raises(OvergangNietToegestaan):
        melding_status_wijzigen(melding=melding, naar=naar, door=None, reden="Reden.")
    melding.refresh_from_db()
    assert melding.status == van
    assert not Gebeurtenis.objects.filter(melding=melding).exists()


@pytest.mark.parametrize(("van", "naar"), sorted(REDEN_VERPLICHT), ids=lambda s: str(s))
def test_reden_verplicht_bij_afsluiten_intrekken_en_geen_onderzoek(van, naar):
    melding = MeldingFactory(status=van)
    with pytest.raises(ValidationError):
        melding_status_wijzigen(melding=melding, naar=naar, door=None, reden="  ")
    melding.refresh_from_db()
    assert melding.status == van


def test_art_9_2_geen_onderzoek_vereist_reden():
    melding = MeldingFactory(in_behandeling=True)
    with pytest.raises(ValidationError):
        melding_status_wijzigen(melding=melding, naar=Status.NIET_IN_ONDERZOEK, door=None)


def test_intrekken_kan_vanuit_elke_open_status():
    for status in Status:
        if status in GESLOTEN_STATUSSEN:
            assert (status, Status.INGETROKKEN) not in TOEGESTANE_OVERGANGEN
        else:
            assert (status, Status.INGETROKKEN) in TOEGESTANE_OVERGANGEN


def test_vernietigd_is_eindstation():
    assert not [naar for (van, naar) in TOEGESTANE_OVERGANGEN if van == Status.VERNIETIGD]


def test_gebeurtenis_toelichting_versleuteld_opgeslagen():

    melding = MeldingFactory(in_behandeling=True)
    melding_status_wijzigen(melding=melding, naar=Status.NIET_IN_ONDERZOEK, door=None, reden="Geen redelijke gronden")
    with connection.cursor() as cursor:
        # Kept apart from the append-only timeline row, so retention can delete it
        # (docs/threat-model.md §6), and encrypted.
        cursor.execute(
            "SELECT t.tekst FROM meldingen_gebeurtenistoelichting t "
            "JOIN meldingen_gebeurtenis g ON g.id = t.gebeurtenis_id WHERE g.melding_id = %s",
            [melding.pk],
        )
        assert "redelijke" not in cursor.fetchone()[0]
    assert melding.gebeurtenissen.get(naar_status=Status.NIET_IN_ONDERZOEK).toelichting == "Geen redelijke gronden"


@pytest.mark.parametrize(
    ("van", "naar"),
    MET_VOORWAARDEN,
    ids=lambda s: str(s),
)
def test_rij_met_voorwaarden_geweigerd_zolang_ze_niet_gelden(van, naar):
    # e.g. closing after "geen onderzoek" without the letter at the melder (docs/rollen.md).
    melding = MeldingFactory(status=van, wijze="telefonisch")
    with pytest.raises(ValidationError):
        melding_status_wijzigen(melding=melding, naar=naar, door=None, reden="Reden.")


def test_elke_rij_heeft_een_handeling():
    """A row without an action is a defect (issue 14): staff rows need a case-screen
    action, melder rows are taken in the mailbox, and the rows of the retention job
    (door="systeem", branch i15) by that job."""

    zonder = [
        paar
        for paar, o in TOEGESTANE_OVERGANGEN.items()
        if o.door not in (MELDER, SYSTEEM) and not handelingen_voor_rij(*paar)
    ]
    assert zonder == []


def test_art_8_1_mondelinge_melding_pas_bevestigd_en_doorgestuurd_na_aangeboden_vastlegging():
    """Art. 8.1-8.2: the written record of an oral report is offered before the
    acknowledgement and before forwarding."""

    organisatie = OrganisatieFactory(ontvanger_handelt_namens_hl=True)
    officier = GebruikerFactory()
    FunctionarisFactory(organisatie=organisatie, gebruiker=officier, functie=Kanaal.VERTROUWENSPERSOON)
    FunctionarisFactory(
        organisatie=organisatie, gebruiker=GebruikerFactory(), functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    melding = melding_registreren(
        organisatie=organisatie,
        omschrijving="Gemeld aan de telefoon.",
        kanaal=Kanaal.VERTROUWENSPERSOON,
        wijze=Wijze.TELEFONISCH,
        door=officier,
    )
    meldingsbox_aanmaken(melding=melding)
    with pytest.raises(ValidationError, match=r"Art\. 8\.1"):
        ontvangstbevestiging_sturen(melding=melding, samenvatting="Telefonische melding.", door=officier)
    with pytest.raises(ValidationError, match=r"Art\. 8\.1"):
        melding_doorsturen(melding=melding, door=officier)
    vastlegging_voorleggen(
        melding=melding, titel="Gesprek", tekst="Wat de melder vertelde.", artikel="Art. 8.2", door=officier
    )
    ontvangstbevestiging_sturen(melding=melding, samenvatting="Telefonische melding.", door=officier)
    melding_doorsturen(melding=melding, door=officier)
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING
