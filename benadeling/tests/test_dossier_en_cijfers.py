"""The dossier PDF (every event in order, table of contents, signature hashes;
audited export with recipients), the annual figures, and protected persons."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from benadeling import jaarcijfers
from benadeling.constants import (
    BenadelingType,
    BeschermdeRol,
    ClaimUitkomst,
    MaatregelSoort,
    VerwijzingSoort,
    VerzoekUitkomst,
    VoornemenStatus,
)
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.dossier import dossier_exporteren
from benadeling.services.maatregelen import benadelingsmelding_afhandelen, maatregel_vastleggen
from benadeling.services.motivering import (
    maatregel_als_genomen_vastleggen,
    maatregel_voornemen,
    motivering_vastleggen,
    motivering_verstrekken,
)
from benadeling.services.vastleggingen import (
    benadeling_melden_door_melder,
    risicoanalyse_vastleggen,
    vastlegging_goedgekeurd_door_melder,
)
from benadeling.services.verwijzingen import verwijzing_aanbieden
from benadeling.services.verzoeken import huis_route_genomen, onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from benadeling.tests.factories import zaak
from kern.crypto import blinde_index
from kern.models import AuditActie, AuditRegel
from kern.pdf import pdf_tekst
from meldingen.tests.test_toegang import _geverifieerd

pytestmark = pytest.mark.django_db


def _geschiedenis(z):
    """One of everything, in a known order; returns the marker texts in that order."""
    vandaag = timezone.localdate()
    beschermd_persoon_toevoegen(
        melding=z.melding,
        rol=BeschermdeRol.BIJSTAND,
        naam="Vakbondsjurist V.",
        beschermd_vanaf=z.gemeld_op,
        door=z.contactpersoon,
    )
    analyse = risicoanalyse_vastleggen(
        melding=z.melding,
        gesprek_op=vandaag,
        risicos="RISICO-ALFA",
        beperking="Andere leidinggevende.",
        wat_melder_kan_doen="Bellen.",
        door=z.contactpersoon,
    )
    vastlegging_goedgekeurd_door_melder(vastlegging=analyse)
    claim = benadeling_melden_door_melder(melding=z.melding, omschrijving="CLAIM-BETA", types=["5_5_a"])
    maatregel_vastleggen(
        melding=z.melding,
        soort=MaatregelSoort.TEGENGAAN,
        omschrijving="MAATREGEL-GAMMA",
        benadelingsmelding=claim,
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    benadelingsmelding_afhandelen(
        benadelingsmelding=claim, uitkomst=ClaimUitkomst.MAATREGELEN, toelichting="Opgelost.", door=z.hl.gebruiker
    )
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=z.melder,
        soort=BenadelingType.VERLOF_AFGEWEZEN,
        beoogd_op=z.gemeld_op + timedelta(days=40),
        door=z.hl.gebruiker,
    )
    motivering = motivering_vastleggen(
        voornemen=voornemen,
        waarom_nodig="MOTIVERING-DELTA",
        geen_verband="Drukte in de zomer.",
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    motivering_verstrekken(motivering=motivering, door=z.hl.gebruiker)
    maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker)
    verzoek = onderzoeksverzoek_indienen(melding=z.melding, verzoek="VERZOEK-EPSILON")
    onderzoeksverzoek_inwilligen(verzoek=verzoek, opdracht="OPDRACHT-ZETA", door=z.hl.gebruiker, totp_code=z.hl.code())
    verwijzing_aanbieden(
        melding=z.melding,
        soort=VerwijzingSoort.MEDIATION,
        aangeboden_op=vandaag,
        toelichting="MEDIATION-ETA",
        door=z.contactpersoon,
    )
    huis_route_genomen(melding=z.melding, op=vandaag, toelichting="HUIS-THETA")
    return [
        "Vakbondsjurist V.",
        "RISICO-ALFA",
        "CLAIM-BETA",
        "MAATREGEL-GAMMA",
        "MOTIVERING-DELTA",
        "VERZOEK-EPSILON",
        "OPDRACHT-ZETA",
        "MEDIATION-ETA",
        "HUIS-THETA",
    ]


def test_dossier_pdf_bevat_elke_gebeurtenis_in_volgorde_met_inhoudsopgave_en_hashes():
    z = zaak()
    volgorde = _geschiedenis(z)
    export = dossier_exporteren(melding=z.melding, ontvangers="Kantonrechter Den Haag", door=z.hl.gebruiker)
    tekst = pdf_tekst(export.document.open("rb").read())
    begin = tekst.rfind("1. Chronologie van de benadeling")  # the section, after the table of contents
    posities = [tekst.find(marker, begin) for marker in volgorde]
    assert all(p > 0 for p in posities), dict(zip(volgorde, posities, strict=True))
    assert posities == sorted(posities)
    assert "Inhoudsopgave" in tekst
    assert "Kantonrechter Den Haag" in tekst
    # Every signature hash is in the PDF (whitespace-insensitive: long hashes wrap).
    platte_tekst = "".join(tekst.split())
    for hash_ in [
        *z.melding.benadeling_maatregelen.values_list("ondertekening__document_hash", flat=True),
        *z.melding.voorgenomen_maatregelen.values_list("motiveringen__ondertekening__document_hash", flat=True),
    ]:
        assert hash_ in platte_tekst
    # The export is audited, with its recipients recorded.
    assert export.ontvangers == "Kantonrechter Den Haag"
    assert AuditRegel.objects.filter(
        object_uuid=str(z.melding.uuid), actie=AuditActie.GEEXPORTEERD, actor=z.hl.gebruiker
    ).exists()


def test_dossier_alleen_door_de_hoogste_leidinggevende_en_download_geaudit(client):
    z = zaak()
    with pytest.raises(PermissionDenied):
        dossier_exporteren(melding=z.melding, ontvangers="Huis", door=z.contactpersoon)
    export = dossier_exporteren(melding=z.melding, ontvangers="Huis voor Klokkenluiders", door=z.hl.gebruiker)
    url = reverse("admin:benadeling_dossierexport_download", args=[export.pk])
    _geverifieerd(client, z.contactpersoon)
    assert client.get(url).status_code == 404
    client.logout()
    client.force_login(z.hl.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = z.hl.apparaat.persistent_id
    sessie.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert AuditRegel.objects.filter(object_uuid=str(export.uuid), actie=AuditActie.GEDOWNLOAD).exists()


def test_jaarcijfers_benadeling_uitkomsten_verzoeken_en_motiveringen():
    z = zaak()
    _geschiedenis(z)
    cijfers = jaarcijfers.cijfers(organisatie=z.melding.organisatie, jaar=timezone.localdate().year)
    tabellen = {t["totaal_sleutel"]: t for deel in cijfers.values() for t in deel}

    def rij(sleutel, label):
        return dict(tabellen[sleutel]["rijen"])[str(label)]

    assert set(cijfers) == {"benadeling_verzoeken", "benadeling_maatregelen"}
    assert tabellen["benadelingsmeldingen"]["totaal"] == 1
    assert rij("benadelingsmeldingen", ClaimUitkomst.MAATREGELEN.label) == 1
    assert tabellen["benadeling_onderzoeksverzoeken"]["totaal"] == 1
    assert rij("benadeling_onderzoeksverzoeken", VerzoekUitkomst.INGESTELD.label) == 1
    assert rij("benadeling_motiveringsplicht", VoornemenStatus.GENOMEN.label) == 1
    assert rij("benadeling_maatregelen", MaatregelSoort.TEGENGAAN.label) == 1
    assert rij("benadeling_verwijzingen", VerwijzingSoort.HUIS_ONDERZOEK.label) == 1
    for tabel in tabellen.values():
        assert sum(n for _label, n in tabel["rijen"]) == tabel["totaal"]
    leeg = jaarcijfers.cijfers(organisatie=z.melding.organisatie, jaar=timezone.localdate().year - 1)
    assert all(t["totaal"] == 0 for deel in leeg.values() for t in deel)


def test_art_5_1_beschermde_personen_met_blinde_index_en_zonder_naam_van_de_melder():
    z = zaak()
    assert z.melder.naam == ""
    assert z.melder.personeelsnummer_index == blinde_index(" p-004711 ", doel="personeelsnummer")
    assert "004711" not in z.melder.personeelsnummer_index
    for rol in (BeschermdeRol.BIJSTAND, BeschermdeRol.BETROKKEN_DERDE, BeschermdeRol.ONAFHANKELIJKE_FUNCTIONARIS):
        persoon = beschermd_persoon_toevoegen(
            melding=z.melding,
            rol=rol,
            naam="Iemand",
            email="iemand@voorbeeld.test",
            beschermd_vanaf=z.gemeld_op,
            door=z.ontvanger,
        )
        assert persoon.email_index == blinde_index("iemand@voorbeeld.test", doel="email")
        assert persoon.personeelsnummer_index == ""
    assert z.melding.beschermde_personen.count() == 4
