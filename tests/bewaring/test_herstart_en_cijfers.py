"""A crash halfway leaves no half-destroyed case and the job resumes cleanly;
the annual figures of a past year are the same before and after destruction
(docs/rollen.md; docs/retention.md)."""

import os

import pytest
from django.db import connection
from django.utils import timezone

from kern.kalender import plus_maanden
from kern.opslag import versleutelde_opslag
from meldingen.constants import Status
from meldingen.models import Bijlage, Melding, TeVerwijderenBestand, Vernietigingsverslag
from meldingen.services import bewaring
from meldingen.services.afsluiten import melding_intrekken
from onderzoek.constants import StandpuntUitkomst
from onderzoek.models import Standpunt
from rapportage.cijfers import jaarcijfers
from tests.bewaring.zaken import afgesloten_zaak, afsluiten, in_onderzoek, volle_zaak

NA_TWEE_JAAR = plus_maanden(timezone.localdate(), 24)

STORING = """
CREATE FUNCTION test_storing() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'injected failure: the server went away halfway';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER test_storing BEFORE UPDATE OF status ON meldingen_melding
FOR EACH ROW WHEN (NEW.id = %s AND NEW.status = 'vernietigd') EXECUTE FUNCTION test_storing();
"""


def _bestanden(melding) -> list[str]:
    namen = [b.bestand.name for b in Bijlage.objects.filter(melding=melding)]
    return namen + [s.document.name for s in Standpunt.objects.filter(melding=melding)]


@pytest.mark.django_db(transaction=True)
def test_storing_halverwege_laat_geen_half_vernietigde_melding_en_de_job_hervat(settings):
    settings.MELDPUNT_VERNIETIGING_AAN = True
    eerste, tweede, derde = afgesloten_zaak(), afgesloten_zaak(), afgesloten_zaak()
    bestanden_tweede = _bestanden(tweede.melding)
    # A failure injected in the database, after the higher apps' rows of the
    # second case were already deleted in its transaction.
    with connection.cursor() as cursor:
        cursor.execute(STORING % int(tweede.melding.pk))
    try:
        resultaat = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER test_storing ON meldingen_melding; DROP FUNCTION test_storing();")
    assert (resultaat.vernietigd, resultaat.mislukt) == (2, 1)
    # The failed case is whole: its rows, identity and files are all there.
    melding = Melding.objects.get(pk=tweede.melding.pk)
    assert melding.status == Status.AFGESLOTEN
    assert melding.omschrijving
    assert melding.identiteit.naam
    assert Standpunt.objects.filter(melding=melding).exists()
    assert all(versleutelde_opslag.exists(n) for n in bestanden_tweede)
    assert not Vernietigingsverslag.objects.filter(melding=melding).exists()
    assert {m.status for m in Melding.objects.filter(pk__in=[eerste.melding.pk, derde.melding.pk])} == {
        Status.VERNIETIGD
    }

    # The next night resumes: only the second case is left to destroy.
    opnieuw = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert (opnieuw.vernietigd, opnieuw.mislukt, opnieuw.bestanden_over) == (1, 0, 0)
    assert not any(versleutelde_opslag.exists(n) for n in bestanden_tweede)
    # And a run after that changes nothing.
    stil = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert (stil.vernietigd, stil.mislukt, Vernietigingsverslag.objects.count()) == (0, 0, 3)


@pytest.mark.django_db(transaction=True)
def test_bestand_dat_niet_weg_kan_blijft_op_de_herhaallijst_tot_het_lukt(settings):
    settings.MELDPUNT_VERNIETIGING_AAN = True
    zaak = afgesloten_zaak()
    [naam, *_rest] = _bestanden(zaak.melding)
    pad = versleutelde_opslag.path(naam)
    # A real storage failure: the stored file became a non-empty directory,
    # which the storage cannot remove.
    os.remove(pad)
    os.makedirs(os.path.join(pad, "vast"))
    resultaat = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert resultaat.vernietigd == 1
    assert resultaat.bestanden_over == 1
    rij = TeVerwijderenBestand.objects.get()
    assert rij.naam == naam
    assert rij.pogingen >= 1
    assert rij.laatste_fout
    os.rmdir(os.path.join(pad, "vast"))
    os.rmdir(pad)
    opnieuw = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert (opnieuw.vernietigd, opnieuw.bestanden_over) == (0, 0)


def _zonder_tijdstip(cijfers: dict) -> dict:
    return {k: v for k, v in cijfers.items() if k != "berekend_op"}


@pytest.mark.django_db
def test_jaarcijfers_van_een_voorbij_jaar_gelijk_voor_en_na_vernietiging(settings, django_capture_on_commit_callbacks):
    from benadeling.constants import ClaimUitkomst
    from benadeling.services.maatregelen import benadelingsmelding_afhandelen
    from benadeling.services.vastleggingen import benadeling_melden_door_melder

    settings.MELDPUNT_VERNIETIGING_AAN = True
    vorig_jaar = timezone.localdate().year - 1
    zaken = [afgesloten_zaak(ontvangen_dagen_geleden=400)]
    ongegrond = afsluiten(in_onderzoek(volle_zaak(ontvangen_dagen_geleden=400)), uitkomst=StandpuntUitkomst.ONGEGROND)
    zaken.append(ongegrond)
    claim = benadeling_melden_door_melder(melding=ongegrond.melding, omschrijving="Overgeplaatst.", types=["5_2_b"])
    # Art. 6.3: acted on, or its term would keep the case from destruction.
    benadelingsmelding_afhandelen(
        benadelingsmelding=claim,
        uitkomst=ClaimUitkomst.GEEN_BENADELING,
        toelichting="Niet gebleken.",
        door=ongegrond.hl.gebruiker,
    )
    # Withdrawn by the melder from the mailbox: it has its own, shorter period.
    ingetrokken = volle_zaak(ontvangen_dagen_geleden=400)
    melding_intrekken(meldingsbox=ingetrokken.box, reden="Melder trekt in.")
    zaken.append(ingetrokken)
    organisaties = {z.melding.organisatie for z in zaken}
    assert {z.melding.registerjaar for z in zaken} == {vorig_jaar}
    voor = {o.pk: _zonder_tijdstip(jaarcijfers(organisatie=o, jaar=vorig_jaar, drempel=0)) for o in organisaties}

    with django_capture_on_commit_callbacks(execute=True):
        resultaat = bewaring.bewaartermijnen_toepassen(vandaag=NA_TWEE_JAAR)
    assert resultaat.vernietigd == 3
    assert Melding.objects.filter(status=Status.VERNIETIGD).count() == 3
    na = {o.pk: _zonder_tijdstip(jaarcijfers(organisatie=o, jaar=vorig_jaar, drempel=0)) for o in organisaties}
    assert na == voor
    # And the figures were not empty to begin with.
    standpunten = [
        rij
        for o in voor.values()
        for d in o["onderdelen"]
        if d["sleutel"] == "standpunten"
        for t in d["tabellen"]
        for rij in t["rijen"]
    ]
    assert sorted(str(rij[1]) for rij in standpunten if str(rij[1]) not in ("0", "-")) == ["1", "1"], standpunten
