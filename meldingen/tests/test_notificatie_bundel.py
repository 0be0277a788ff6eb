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


def test_een_mislukte_melding_houdt_de_andere_niet_op(django_capture_on_commit_callbacks):
    organisatie = OrganisatieFactory()
    FunctionarisFactory(organisatie=organisatie, functie=Kanaal.VERTROUWENSPERSOON)
    with mock.patch.object(notificaties, "nieuwe_melding_inplannen"):
        eerste, tweede, derde = (_indienen(organisatie) for _ in range(3))
    echt = notificaties.nieuwe_melding_notificeren

    def faalt_voor_de_eerste(*, melding_id):
        if melding_id == eerste.pk:
            raise ConnectionError("mailserver weg")
        return echt(melding_id=melding_id)

    with (
        mock.patch.object(notificaties, "nieuwe_melding_notificeren", side_effect=faalt_voor_de_eerste),
        pytest.raises(notificaties.NotificatiesMislukt),
    ):
        notificaties.nieuwe_meldingen_notificeren()
    # The later reports are notified; the failed one stays due for the retry.
    wachtend = set(Melding.objects.filter(ontvangers_genotificeerd_op__isnull=True).values_list("pk", flat=True))
    assert eerste.pk in wachtend
    assert not {tweede.pk, derde.pk} & wachtend
    assert notificaties.nieuwe_meldingen_notificeren() == 1
