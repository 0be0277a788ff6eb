"""The melder's pages in English: texts built at import (a help text with its
limits filled in, the consequences of withdrawing) are translated when shown,
not frozen in Dutch; a label says "optional" once."""

import pytest
from django.urls import reverse

from meldingen.tests.melderpaginas import indienen_en_code, melden_url, organisatie_met_vertrouwenspersoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisatie():
    return organisatie_met_vertrouwenspersoon()


def test_bijlagenhulp_in_het_engels_op_formulier_en_in_de_box(client, organisatie):
    formulier = client.get(melden_url(organisatie), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "At most 10 files of at most 20 MB each" in formulier
    assert "Hoogstens" not in formulier
    code = indienen_en_code(client, organisatie)
    client.post(reverse("meldingen:box_openen"), {"code": code})
    box = client.get(reverse("meldingen:box"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "At most 10 files of at most 20 MB each" in box
    assert "Hoogstens" not in box


def test_bijlagenhulp_blijft_nederlands_in_het_nederlands(client, organisatie):
    formulier = client.get(melden_url(organisatie), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Hoogstens 10 bestanden van elk hoogstens 20 MB" in formulier


def test_intrekken_in_het_engels_met_een_keer_optioneel(client, organisatie):
    code = indienen_en_code(client, organisatie)
    client.post(reverse("meldingen:box_openen"), {"code": code})
    box = client.get(reverse("meldingen:box"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "If you withdraw your report, it is not handled any further" in box
    assert "Als u uw melding intrekt" not in box
    assert "(optional) <span" not in box
    assert box.count("Why are you withdrawing your report?") == 1
    nl = client.get(reverse("meldingen:box"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "(niet verplicht) <span" not in nl
