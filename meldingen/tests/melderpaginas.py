"""What the tests of the melder's pages share (meldingen/tests/test_views_melder_*.py):
a valid submission of the public form, the form's address, submitting it and
reading the receipt code, and an organisation with a vertrouwenspersoon."""

from django.urls import reverse

from meldingen.constants import Kanaal
from meldingen.models import Functionaris
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory


def geldig(**extra):
    data = {
        "omschrijving": "Steigers worden zonder keuring gebruikt.",
        "hl_betrokken": "nee",
        "categorie": "veiligheid",
        "kanaal": Kanaal.VERTROUWENSPERSOON,
        "identiteitskeuze": "anoniem",
        "toestemming": "ja",
    }
    data.update(extra)
    return data


def organisatie_met_vertrouwenspersoon():
    organisatie = OrganisatieFactory(slug="woonstichting")
    FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON)
    return organisatie


def melden_url(organisatie):
    return reverse("meldingen:melden", kwargs={"slug": organisatie.slug})


def indienen_en_code(client, organisatie, **extra):
    antwoord = client.post(melden_url(organisatie), geldig(**extra))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return client.get(antwoord["Location"]).context["code"]
