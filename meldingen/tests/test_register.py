"""Registration at receipt (Art. 3.5) and assignment to the channel's officers."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from kern import toegang
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen import selectors
from meldingen.constants import Kanaal, Soort, Wijze
from meldingen.models import Functionaris, Melding
from meldingen.services.register import melding_registreren
from meldingen.tests.factories import FunctionarisFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def _registreer(organisatie, **kwargs):
    return melding_registreren(
        organisatie=organisatie,
        omschrijving=kwargs.pop("omschrijving", "Er worden steigers zonder keuring gebruikt."),
        kanaal=kwargs.pop("kanaal", Kanaal.VERTROUWENSPERSOON),
        wijze=Wijze.WEBFORMULIER,
        **kwargs,
    )


def test_art_3_5_registernummer_per_organisatie_en_jaar_oplopend():
    a, b = OrganisatieFactory(), OrganisatieFactory()
    eerste, tweede, ander = _registreer(a), _registreer(a), _registreer(b)
    jaar = eerste.registerjaar
    assert (eerste.registernummer, tweede.registernummer) == (f"{jaar}-0001", f"{jaar}-0002")
    assert ander.registernummer == f"{jaar}-0001"


def test_art_3_5_registerjaar_is_het_jaar_in_amsterdam():
    organisatie = OrganisatieFactory()
    # 00:30 on 1 January in Amsterdam is still 31 December in UTC.
    melding = _registreer(organisatie, ontvangen_op=datetime(2027, 1, 1, 0, 30, tzinfo=AMS))
    assert melding.registernummer == "2027-0001"


@pytest.mark.django_db(transaction=True)
def test_art_3_5_registernummer_uniek_bij_gelijktijdige_meldingen():
    organisatie = OrganisatieFactory()
    fouten, start = [], threading.Barrier(8)

    def melden():
        try:
            start.wait()
            _registreer(organisatie)
        except Exception as exc:  # collected and asserted below
            fouten.append(exc)
        finally:
            close_old_connections()

    draden = [threading.Thread(target=melden) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    nummers = sorted(Melding.objects.filter(organisatie=organisatie).values_list("volgnummer", flat=True))
    assert nummers == list(range(1, 9))


def test_keuze_van_ontvanger_wijst_de_functionarissen_van_dat_kanaal_toe():
    organisatie = OrganisatieFactory()
    vp = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.VERTROUWENSPERSOON).gebruiker
    evp = FunctionarisFactory(
        organisatie=organisatie, functie=Functionaris.Functie.EXTERNE_VERTROUWENSPERSOON
    ).gebruiker
    melding = _registreer(organisatie, kanaal=Kanaal.EXTERNE_VERTROUWENSPERSOON)
    assert toegang.mag(user=evp, perm="meldingen.view_melding", obj=melding)
    assert toegang.mag(user=evp, perm="meldingen.identiteit_inzien", obj=melding)
    assert not toegang.mag(user=vp, perm="meldingen.view_melding", obj=melding)


def test_functionaris_die_mondelinge_melding_registreert_krijgt_toegang():
    organisatie = OrganisatieFactory()
    lg = GebruikerFactory(rol=Rol.LEIDINGGEVENDE)
    melding = _registreer(organisatie, kanaal=Kanaal.LEIDINGGEVENDE, door=lg)
    assert selectors.melding_ophalen_voor(user=lg, uuid=melding.uuid) == melding


def test_zonder_toestemming_voor_formele_behandeling_een_adviesvraag():
    melding = _registreer(OrganisatieFactory(), formeel=False)
    assert melding.soort == Soort.ADVIESVRAAG


def test_lege_omschrijving_wordt_geweigerd_en_niets_opgeslagen():

    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError):
        _registreer(organisatie, omschrijving="   ")
    assert not Melding.objects.exists()
