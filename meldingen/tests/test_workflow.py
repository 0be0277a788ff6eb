"""The transition table, row by row, through the one service that performs it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from kern.models import AuditActie, AuditRegel
from kern.overgangen import OvergangNietToegestaan
from kern.tests.factories import GebruikerFactory
from meldingen.constants import GESLOTEN_STATUSSEN, Kanaal, Status, ToewijzingRol, Wijze
from meldingen.handelingen import handelingen_voor_rij
from meldingen.models import Functionaris, Gebeurtenis
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.meldingsbox import meldingsbox_aanmaken, vastlegging_voorleggen
from meldingen.services.register import melding_registreren, melding_status_wijzigen, toewijzing_verlenen
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from meldingen.workflow import LEIDING, MELDER, ONTVANGER, REDEN_VERPLICHT, SYSTEEM, TOEGESTANE_OVERGANGEN

pytestmark = pytest.mark.django_db

ALLE_PAREN = [(van, naar) for van in Status for naar in Status if van != naar]


MET_VOORWAARDEN = sorted(
    p for p, o in TOEGESTANE_OVERGANGEN.items() if o.voorwaarden and o.voorwaarden != ("reactie_beantwoord",)
)
# Rows whose step needs neither a precondition nor evidence the step itself makes
# (the rows with evidence are walked through their services in tests/test_workflow_rijen.py).
ZONDER_VOORWAARDEN = sorted(p for p, o in TOEGESTANE_OVERGANGEN.items() if not o.voorwaarden and not o.bewijs)
# Rows with evidence and no precondition: only the missing evidence can refuse them
# (the standpunt row, with its preconditions, is tested in onderzoek).
MET_BEWIJS = sorted(p for p, o in TOEGESTANE_OVERGANGEN.items() if o.bewijs and not o.voorwaarden)


def _actor(melding, van, naar):
    """The row's actor on this case: nobody for the melder's and the system's rows,
    else a user assigned in the row's role."""
    door = TOEGESTANE_OVERGANGEN[(van, naar)].door
    if door in (MELDER, SYSTEEM):
        return None
    rol = {ONTVANGER: ToewijzingRol.ONTVANGER, LEIDING: melding.leiding_rol}[door]
    gebruiker = GebruikerFactory()
    toewijzing_verlenen(melding=melding, gebruiker=gebruiker, rol=rol, door=None)
    return gebruiker


@pytest.mark.parametrize(("van", "naar"), ZONDER_VOORWAARDEN, ids=lambda s: str(s))
def test_toegestane_overgang(van, naar, django_capture_on_commit_callbacks):
    melding = MeldingFactory(status=van)
    door = _actor(melding, van, naar)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        melding_status_wijzigen(melding=melding, naar=naar, door=door, reden="Reden vastgelegd.")
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
    # The melder withdraws from the mailbox, with a reason (a step with a reason, taken as the UI takes it).
    box = meldingsbox_aanmaken(melding=melding).meldingsbox
    melding_intrekken(meldingsbox=box, reden="Geen redelijke gronden")
    with connection.cursor() as cursor:
        # Kept apart from the append-only timeline row, so retention can delete it
        # (docs/threat-model.md §6), and encrypted.
        cursor.execute(
            "SELECT t.tekst FROM meldingen_gebeurtenistoelichting t "
            "JOIN meldingen_gebeurtenis g ON g.id = t.gebeurtenis_id WHERE g.melding_id = %s",
            [melding.pk],
        )
        assert "redelijke" not in cursor.fetchone()[0]
    assert melding.gebeurtenissen.get(naar_status=Status.INGETROKKEN).toelichting == "Geen redelijke gronden"


@pytest.mark.parametrize(
    ("van", "naar"),
    MET_VOORWAARDEN,
    ids=lambda s: str(s),
)
def test_rij_met_voorwaarden_geweigerd_zolang_ze_niet_gelden(van, naar):
    # e.g. closing after "geen onderzoek" without the letter at the melder (docs/rollen.md).
    melding = MeldingFactory(status=van, wijze="telefonisch")
    # Taken by the row's actor: what refuses is the precondition, not the person.
    door = _actor(melding, van, naar)
    with pytest.raises(ValidationError):
        melding_status_wijzigen(melding=melding, naar=naar, door=door, reden="Reden.")
    melding.refresh_from_db()
    assert melding.status == van


@pytest.mark.parametrize(("van", "naar"), MET_BEWIJS, ids=lambda s: str(s))
def test_rij_met_bewijs_geweigerd_zonder_het_ondertekende_stuk(van, naar):
    """A row that freezes a signed document moves only once that document exists
    (Art. 9.1-9.3: the decision, Art. 11.1: the standpunt), even taken by the
    row's own actor and with its preconditions met; refused with the article."""

    melding = MeldingFactory(status=van)
    door = _actor(melding, van, naar)
    with pytest.raises(ValidationError) as info:
        melding_status_wijzigen(melding=melding, naar=naar, door=door, reden="Reden.")
    assert TOEGESTANE_OVERGANGEN[(van, naar)].artikel in " ".join(info.value.messages)
    melding.refresh_from_db()
    assert melding.status == van
    assert not melding.gebeurtenissen.filter(naar_status=naar).exists()


@pytest.mark.parametrize(
    ("van", "naar"),
    sorted(p for p, o in TOEGESTANE_OVERGANGEN.items() if o.door not in (MELDER, SYSTEEM)),
    ids=lambda s: str(s),
)
def test_stap_van_een_persoon_niet_zonder_persoon(van, naar):
    """A row taken by a person on the case (the receiving officer, the HL) is never
    taken by nobody: door=None is the melder's or the system's, and is refused."""

    melding = MeldingFactory(status=van)
    with pytest.raises(PermissionDenied):
        melding_status_wijzigen(melding=melding, naar=naar, door=None, reden="Reden.")
    melding.refresh_from_db()
    assert melding.status == van


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
