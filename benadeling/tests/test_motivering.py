"""Art. 5.4: the motivation duty for adverse measures within the period."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from benadeling.constants import BenadelingType, BeschermdeRol, VoornemenStatus
from benadeling.deadlines import binnen_motiveringsperiode
from benadeling.models import BenadelingInstelling, Motivering
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.motivering import (
    maatregel_als_genomen_vastleggen,
    maatregel_voornemen,
    motivering_vastleggen,
    motivering_verstrekken,
)
from benadeling.tests.factories import zaak
from kern.ondertekening import is_ongewijzigd

pytestmark = pytest.mark.django_db


def test_art_5_4_maatregel_binnen_periode_niet_genomen_zonder_ondertekende_motivering_wel_erna():
    z = zaak()
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=z.melder,
        soort=BenadelingType.TIJDELIJK_BEEINDIGD,
        beoogd_op=z.gemeld_op + timedelta(days=60),
        omschrijving="Contract niet verlengen.",
        door=z.hl.gebruiker,
    )
    assert voornemen.motivering_vereist
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST
    with pytest.raises(ValidationError, match=r"Art\. 5\.4"):
        maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker)
    voornemen.refresh_from_db()
    assert voornemen.status == VoornemenStatus.MOTIVERING_VEREIST
    # A wrong code signs nothing and records nothing.
    with pytest.raises(ValidationError):
        motivering_vastleggen(
            voornemen=voornemen,
            waarom_nodig="Reorganisatie.",
            geen_verband="Al gepland.",
            door=z.hl.gebruiker,
            totp_code="000000",
        )
    assert not Motivering.objects.exists()
    motivering = motivering_vastleggen(
        voornemen=voornemen,
        waarom_nodig="De afdeling wordt opgeheven per 1 juli.",
        geen_verband="Het besluit tot opheffing dateert van voor de melding.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    assert is_ongewijzigd(ondertekening=motivering.ondertekening, inhoud=motivering.document.open("rb").read())
    motivering_verstrekken(motivering=motivering, door=z.contactpersoon)
    genomen = maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.contactpersoon)
    assert genomen.status == VoornemenStatus.GENOMEN


def test_art_5_4_motivering_vraagt_beide_onderdelen_en_de_hoogste_leidinggevende():
    z = zaak()
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=z.melder,
        soort=BenadelingType.DISCIPLINAIR,
        beoogd_op=z.gemeld_op + timedelta(days=10),
        door=z.contactpersoon,
    )
    with pytest.raises(ValidationError, match="geen verband"):
        motivering_vastleggen(
            voornemen=voornemen, waarom_nodig="Nodig.", geen_verband="", door=z.hl.gebruiker, totp_code=z.hl.code()
        )
    with pytest.raises(PermissionDenied):
        motivering_vastleggen(
            voornemen=voornemen, waarom_nodig="Nodig.", geen_verband="Los.", door=z.contactpersoon, totp_code="123456"
        )


def test_art_5_4_buiten_de_periode_geen_motiveringsplicht():
    z = zaak()
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=z.melder,
        soort=BenadelingType.VERPLAATST,
        beoogd_op=z.gemeld_op + timedelta(days=37 * 31),
        door=z.hl.gebruiker,
    )
    assert not voornemen.motivering_vereist
    assert maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker).status == VoornemenStatus.GENOMEN


def test_art_5_4_alleen_maatregelen_van_de_lijst_van_art_5_2():
    z = zaak()
    with pytest.raises(ValidationError):
        maatregel_voornemen(
            melding=z.melding,
            beschermd_persoon=z.melder,
            soort=BenadelingType.NEGEREN,
            beoogd_op=z.gemeld_op,
            door=z.hl.gebruiker,
        )


def test_art_5_4_geldt_standaard_voor_elke_beschermde_persoon_en_is_instelbaar():
    z = zaak()
    derde = beschermd_persoon_toevoegen(
        melding=z.melding,
        rol=BeschermdeRol.BETROKKEN_DERDE,
        naam="Collega K.",
        beschermd_vanaf=z.gemeld_op,
        door=z.contactpersoon,
    )
    kwargs = {
        "melding": z.melding,
        "beschermd_persoon": derde,
        "soort": BenadelingType.PROMOTIE_ONTHOUDEN,
        "beoogd_op": z.gemeld_op + timedelta(days=5),
        "door": z.hl.gebruiker,
    }
    assert maatregel_voornemen(**kwargs).motivering_vereist
    BenadelingInstelling.objects.create(organisatie=z.melding.organisatie, motivering_voor_alle_beschermden=False)
    assert not maatregel_voornemen(**kwargs).motivering_vereist


@pytest.mark.parametrize(
    ("vanaf", "op", "maanden", "binnen"),
    [
        ("2026-01-31", "2026-01-31", 12, True),
        ("2026-01-31", "2027-01-31", 12, True),
        ("2026-01-31", "2027-02-01", 12, False),
        ("2026-08-31", "2029-08-31", 36, True),
        ("2028-02-29", "2029-02-28", 12, True),
        ("2026-03-01", "2026-02-28", 12, False),
    ],
)
def test_art_5_4_periode_in_kalendermaanden(vanaf, op, maanden, binnen):

    assert (
        binnen_motiveringsperiode(
            beschermd_vanaf=date.fromisoformat(vanaf), maatregel_op=date.fromisoformat(op), maanden=maanden
        )
        is binnen
    )


def test_art_5_4_periode_korter_dan_twaalf_maanden_wordt_geweigerd():

    z = zaak()
    with pytest.raises(IntegrityError):
        BenadelingInstelling.objects.create(organisatie=z.melding.organisatie, motiveringsperiode_maanden=6)
