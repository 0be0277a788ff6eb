"""The officers' "new report" e-mail runs bundled (issue 16): a web process queues
at most one run per window, and the run sends for every report still waiting,
exactly once (docs/adr/0008-intake-onder-last.md)."""

from unittest import mock

import pytest

from kern.models import UitgaandBericht
from meldingen import tasks
from meldingen.constants import Kanaal
from meldingen.models import Melding
from meldingen.services import notificaties
from meldingen.services.melder import Meldinginhoud, melding_indienen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundel(settings):
    settings.MELDPUNT_NOTIFICATIE_BUNDEL_SECONDEN = 60
    notificaties._laatst_ingepland = float("-inf")
    yield
    notificaties._laatst_ingepland = float("-inf")


def _indienen(organisatie):
    return melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="De kas klopt niet."),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        formeel=True,
    ).melding


def test_een_run_per_venster_voor_een_reeks_meldingen(bundel, django_capture_on_commit_callbacks):
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON)
    with mock.patch.object(tasks.nieuwe_meldingen_notificeren, "apply_async") as inplannen:
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                _indienen(organisatie)
    # One message to the broker for three submissions, delayed by the window so
    # that every report of the window is committed before the run.
    inplannen.assert_called_once_with(countdown=60, retry=False)
    # The run sends for all three, once each; a second run finds nothing.
    assert notificaties.nieuwe_meldingen_notificeren() == 3
    assert notificaties.nieuwe_meldingen_notificeren() == 0
    assert UitgaandBericht.objects.filter(soort="nieuwe_melding").count() == 3
    assert not Melding.objects.filter(organisatie=organisatie, ontvangers_genotificeerd_op__isnull=True).exists()


def test_broker_onbereikbaar_volgende_indiening_probeert_opnieuw(bundel, django_capture_on_commit_callbacks):
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON)
    with mock.patch.object(tasks.nieuwe_meldingen_notificeren, "apply_async", side_effect=ConnectionError) as inplannen:
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                melding = _indienen(organisatie)
    # A failed attempt does not count as queued: the next submission tries again.
    assert inplannen.call_count == 2
    # Nothing lost: the reports wait for the catch-up run.
    assert Melding.objects.get(pk=melding.pk).ontvangers_genotificeerd_op is None
