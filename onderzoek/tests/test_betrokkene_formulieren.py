"""The two forms of telling a person concerned (Art. 9.6 about the report, Art.
11.4 about the standpunt) share their fields; each keeps its own rule."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from meldingen.handelingen import HANDELINGEN
from meldingen.services.betrokkenen import betrokkene_toevoegen
from onderzoek.forms import BetrokkeneInformerenForm, StandpuntMededelingForm
from onderzoek.tests.factories import Zaak

pytestmark = pytest.mark.django_db


def _formulier(klasse, **gegevens):
    zaak = Zaak()
    betrokkene = betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    return klasse({"betrokkene": betrokkene.pk, **gegevens}, user=zaak.hl.gebruiker, melding=zaak.melding)


def test_art_9_6_uitstellen_vraagt_een_herzieningsdatum():
    zonder = _formulier(BetrokkeneInformerenForm, keuze="uitstellen", reden="Onderzoek loopt.")
    assert not zonder.is_valid()
    assert "herzien_op" in zonder.errors
    met = _formulier(
        BetrokkeneInformerenForm, keuze="uitstellen", reden="Onderzoek loopt.", herzien_op=timezone.localdate()
    )
    assert met.is_valid(), met.errors


def test_art_11_4_uitstellen_vraagt_het_belang():
    zonder = _formulier(StandpuntMededelingForm, keuze="uitstellen", herzien_op=timezone.localdate())
    assert not zonder.is_valid()
    assert "reden" in zonder.errors
    assert _formulier(StandpuntMededelingForm, keuze="informeren").is_valid()
    # Each form names what was told in its own words.
    keuzes = dict(_formulier(StandpuntMededelingForm).fields["keuze"].choices)
    assert "standpunt" in str(keuzes["informeren"])


def test_art_9_6_en_11_4_acties_geven_reden_en_datum_alleen_bij_uitstellen():
    zaak = Zaak()
    betrokkene = betrokkene_toevoegen(melding=zaak.melding, naam="Hoofd Financiën", door=zaak.hl.gebruiker)
    verzoek = SimpleNamespace(user=zaak.hl.gebruiker)
    herzien = timezone.localdate() + timedelta(days=30)
    HANDELINGEN["betrokkenen"].uitvoeren(
        verzoek,
        zaak.melding,
        {"betrokkene": betrokkene, "keuze": "uitstellen", "reden": "Onderzoek loopt.", "herzien_op": herzien},
    )
    betrokkene.refresh_from_db()
    assert betrokkene.herzien_op == herzien
