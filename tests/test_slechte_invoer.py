"""Bad input on every public form (issue 16): property-based tests (hypothesis)
over the report form, the receipt-code form and the forms inside the mailbox,
including the retaliation pages. Whatever arrives, the answer is never a server
error, and nothing is half-stored: an answer that is not a redirect to the next
step changed none of the case tables, and an accepted report is complete
(register entry, mailbox, timeline, assignment).

Per form `standaard` runs 200 examples (1,400 in all); set
HYPOTHESIS_PROFILE=grondig for 3,000 per form (21,000 in all).
"""

import os

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benadeling.forms import MelderBenadelingFormulier, MelderHuisRouteFormulier, MelderOnderzoeksverzoekFormulier
from benadeling.models import Benadelingsmelding, BeschermdPersoon, Onderzoeksverzoek
from meldingen.constants import Kanaal
from meldingen.forms import BerichtFormulier, CodeFormulier, MeldFormulier, NotificatieFormulier
from meldingen.models import (
    Bericht,
    Bijlage,
    Gebeurtenis,
    MelderIdentiteit,
    Melding,
    Meldingsbox,
    MislukteCodepoging,
    Termijn,
    Toewijzing,
)
from meldingen.services.melder import Meldinginhoud, melding_indienen
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory
from meldingen.views import SESSIE_BOX

pytestmark = pytest.mark.django_db

_gemeenschappelijk = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    "derandomize": False,
}
settings.register_profile("standaard", max_examples=200, **_gemeenschappelijk)
settings.register_profile("grondig", max_examples=3000, **_gemeenschappelijk)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standaard"))

GEVOLGD = [
    Melding,
    Meldingsbox,
    MelderIdentiteit,
    Bijlage,
    Bericht,
    Toewijzing,
    Termijn,
    Gebeurtenis,
    Benadelingsmelding,
    Onderzoeksverzoek,
    BeschermdPersoon,
]

# Text as browsers and scripts send it: any Unicode (NUL and control characters
# included), sometimes far past a field's limit.
tekst = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.integers(min_value=1, max_value=60_000).map(lambda n: "x" * n),
    st.sampled_from(
        ["", " ", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "nee", "ja", "anoniem", "31-02-2026"]
    ),
)


def _waarde(veld: forms.Field):
    if isinstance(veld, forms.MultipleChoiceField):
        geldig = [str(k) for k, _ in veld.choices]
        return st.lists(st.one_of(st.sampled_from(geldig), tekst), max_size=4)
    if isinstance(veld, forms.ChoiceField):
        geldig = [str(k) for k, _ in veld.choices]
        return st.one_of(st.sampled_from(geldig), tekst)
    if isinstance(veld, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "0", "x"])
    if isinstance(veld, forms.DateField):
        return st.one_of(st.dates().map(lambda d: d.strftime("%d-%m-%Y")), st.dates().map(str), tekst)
    return tekst


def _gegevens(formulier: type[forms.Form]):
    """Each field left out, valid, or anything at all."""
    velden = {
        naam: _waarde(veld) for naam, veld in formulier.base_fields.items() if not isinstance(veld, forms.FileField)
    }
    return st.fixed_dictionaries({}, optional=velden)


bestand = st.builds(
    lambda naam, inhoud: SimpleUploadedFile(naam, inhoud),
    # Any name a browser can send for a chosen file (an empty one means "no file").
    st.one_of(
        st.sampled_from(["a.pdf", "foto.jpg", "b.png", "c.docx", "d.txt", "e.exe", ".pdf", "x" * 300 + ".pdf"]), tekst
    ).filter(lambda naam: os.path.basename(naam).strip("\x00") not in ("", ".", "..")),
    st.binary(max_size=2000),
)


def _tellingen() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in GEVOLGD}


def _is_door(antwoord) -> bool:
    return antwoord.status_code in (301, 302)


def _niets_half(antwoord, voor: dict[str, int]) -> dict[str, int]:
    assert antwoord.status_code < 500
    na = _tellingen()
    if not _is_door(antwoord):
        assert na == voor, "a refused form changed stored rows"
    return na


@pytest.fixture
def organisatie():
    organisatie = OrganisatieFactory(slug="slechte-invoer")
    for kanaal in (Kanaal.EXTERNE_VERTROUWENSPERSOON, Kanaal.VERTROUWENSPERSOON):
        FunctionarisFactory(organisatie=organisatie, functie=kanaal)
    return organisatie


@pytest.fixture
def box_client(client, organisatie):
    """A client with an opened mailbox, as after a correct receipt code."""
    bewijs = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Basis voor de meldingsbox"),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        formeel=True,
    )
    sessie = client.session
    sessie[SESSIE_BOX] = str(bewijs.melding.meldingsbox.uuid)
    sessie.save()
    client.bewijs = bewijs
    return client


def test_meldformulier_geen_serverfout_en_niets_half_opgeslagen(client, organisatie):
    @given(gegevens=_gegevens(MeldFormulier), bijlagen=st.lists(bestand, max_size=2) | st.just([]))
    def controleren(gegevens, bijlagen):
        voor = _tellingen()
        antwoord = client.post("/melden/slechte-invoer/", {**gegevens, **({"bijlagen": bijlagen} if bijlagen else {})})
        na = _niets_half(antwoord, voor)
        if _is_door(antwoord):
            # Accepted: one complete report, never a part of one.
            assert na["Melding"] == voor["Melding"] + 1
            assert na["Meldingsbox"] == voor["Meldingsbox"] + 1
            assert na["Gebeurtenis"] > voor["Gebeurtenis"]
            assert na["Toewijzing"] > voor["Toewijzing"]
            melding = Melding.objects.latest("id")
            assert melding.omschrijving.strip()
            assert Meldingsbox.objects.filter(melding=melding).exists()

    controleren()


def test_ontvangstcode_geen_serverfout(client, organisatie):
    echte = melding_indienen(
        organisatie=organisatie,
        inhoud=Meldinginhoud(omschrijving="Voor de code"),
        kanaal=Kanaal.VERTROUWENSPERSOON,
        formeel=True,
    ).code
    code = st.one_of(
        _gegevens(CodeFormulier),
        # Near misses of a real code: cut, changed case, extra characters.
        st.tuples(st.integers(0, len(echte)), tekst).map(lambda t: {"code": echte[: t[0]] + t[1]}),
        st.just({"code": echte.lower()}),
    )

    @given(gegevens=code)
    def controleren(gegevens):
        # Typos in earlier examples must not slow this one down (the guessing
        # limits are tested on their own in meldingen/tests).
        MislukteCodepoging.objects.all().delete()
        client.session.flush()
        voor = _tellingen()
        antwoord = client.post("/melden/box/", gegevens)
        _niets_half(antwoord, voor)
        if _is_door(antwoord):
            assert antwoord["Location"].endswith("/melden/box/inhoud/")

    controleren()


@pytest.mark.parametrize(
    ("pad", "formulier", "model"),
    [
        ("/melden/box/bericht/", BerichtFormulier, "Bericht"),
        ("/melden/box/e-mail/", NotificatieFormulier, None),
        ("/melden/box/benadeling/melden/", MelderBenadelingFormulier, "Benadelingsmelding"),
        ("/melden/box/benadeling/onderzoek/", MelderOnderzoeksverzoekFormulier, "Onderzoeksverzoek"),
        ("/melden/box/benadeling/huis/", MelderHuisRouteFormulier, None),
    ],
)
def test_formulieren_in_de_meldingsbox_geen_serverfout(box_client, pad, formulier, model):
    @given(gegevens=_gegevens(formulier))
    def controleren(gegevens):
        voor = _tellingen()
        antwoord = box_client.post(pad, gegevens)
        na = _niets_half(antwoord, voor)
        if _is_door(antwoord) and model:
            assert na[model] == voor[model] + 1

    controleren()
