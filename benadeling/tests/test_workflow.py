"""The tables of benadeling.workflow (docs/toestanden.md): every row walked
through the service it names, from an object that reached the row's start
through the services too; every staff row has a case-screen action; the terms of
Art. 6.3 and 13.1; the motivation given to the person concerned (Art. 5.4)."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from benadeling import handelingen
from benadeling.constants import (
    BENADELINGSMELDING,
    STANDPUNT_REACTIE_BENADELING,
    VERZOEK_BENADELING,
    BenadelingOordeel,
    BenadelingType,
    ClaimUitkomst,
    MaatregelSoort,
    VoornemenStatus,
)
from benadeling.models import Afschrift, Benadelingsmelding
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from benadeling.services.maatregelen import maatregel_vastleggen
from benadeling.services.motivering import (
    maatregel_als_genomen_vastleggen,
    maatregel_voornemen,
    motivering_vastleggen,
    motivering_verstrekken,
    motivering_vragen,
)
from benadeling.services.reactie import onderzoeksverzoek_reactie_beantwoorden
from benadeling.services.vastleggingen import benadeling_melden_door_melder, benadeling_vastleggen
from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from benadeling.tests.factories import bij_melder, zaak
from benadeling.workflow import (
    CLAIM,
    MELDER,
    PROCEDURES,
    VERZOEK,
    VOORNEMEN,
    ClaimStatus,
    VerzoekStatus,
    claim_status,
    verzoek_status,
)
from meldingen import uitbreidingen
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Herinnering, Meldingsbox, Termijn, Verzoek
from meldingen.services.meldingsbox import (
    brief_doorsturen_door_vertrouwenspersoon,
    meldingsbox_aanmaken,
    verzoek_beantwoorden,
)
from meldingen.services.termijnen.bewaking import termijnen_bewaken
from onderzoek.tests.factories import onderzoek_lopend_maken, rapport_vaststellen_na_hoor

pytestmark = pytest.mark.django_db

C, V, N = ClaimStatus, VerzoekStatus, VoornemenStatus


# --- reaching each start through the services -------------------------------------------


def _claim(z, van):
    if van == C.TER_GOEDKEURING:
        return benadeling_vastleggen(
            melding=z.melding, omschrijving="Buitengesloten van overleg.", types=["5_5_a"], door=z.contactpersoon
        )
    assert van == C.DOORGESTUURD
    return benadeling_melden_door_melder(melding=z.melding, omschrijving="Overgeplaatst.", types=["5_2_g"])


def _onderzoek_afronden(z, verzoek):
    # The Art. 13.2 investigation the real way (Art. 9.4-10.6): an independent
    # investigator, the melder told and invited to be heard, the report fixed.
    onderzoek = verzoek.onderzoek
    onderzoek.refresh_from_db()
    onderzoeker = onderzoek_lopend_maken(onderzoek, z.hl)
    rapport_vaststellen_na_hoor(onderzoek, onderzoeker)


def _box(z):
    return Meldingsbox.objects.filter(melding=z.melding).first() or meldingsbox_aanmaken(melding=z.melding).meldingsbox


def _verzoek(z, van):
    verzoek = onderzoeksverzoek_indienen(melding=z.melding, verzoek="Onderzoek mijn behandeling.")
    if van == V.INGEDIEND:
        return verzoek
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Onderzoek de behandeling.", door=z.hl.gebruiker, totp_code=z.hl.code()
    )
    _onderzoek_afronden(z, verzoek)
    if van == V.INGEWILLIGD:
        return verzoek
    dienst = VERZOEK.rijen[(V.INGEWILLIGD, V.STANDPUNT_GEGEVEN)].dienst
    verzoek = import_string(dienst)(**_argumenten(z, verzoek, V.STANDPUNT_GEGEVEN, dienst.rsplit(".", 1)[-1]))
    if van == V.STANDPUNT_GEGEVEN:
        return verzoek
    # Art. 12.1-12.2 via 13.2: the melder objects, reasoned, in the mailbox.
    reactieverzoek = Verzoek.objects.get(melding=z.melding, soort=STANDPUNT_REACTIE_BENADELING)
    bij_melder(reactieverzoek, ontvanger=z.ontvanger)
    verzoek_beantwoorden(
        meldingsbox=_box(z), verzoek=reactieverzoek, akkoord=False, antwoord="De overplaatsing is niet onderzocht."
    )
    verzoek.refresh_from_db()
    if van == V.WEDERHOOR:
        return verzoek
    assert van == V.BEANTWOORD
    return onderzoeksverzoek_reactie_beantwoorden(verzoek=verzoek, antwoord="Wel onderzocht.", door=z.hl.gebruiker)


def _voornemen(z, van):
    binnen = van != N.VOORGENOMEN
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=z.melder,
        soort=BenadelingType.VERPLAATST,
        beoogd_op=z.gemeld_op + timedelta(days=90 if binnen else 37 * 31),
        door=z.hl.gebruiker,
    )
    if van == N.MOTIVERING_GEVRAAGD:
        motivering_vragen(voornemen=voornemen, door=z.ontvanger)
    if van == N.GEMOTIVEERD:
        motivering_vastleggen(
            voornemen=voornemen,
            waarom_nodig="Vestiging sluit.",
            geen_verband="Al besloten.",
            door=z.hl.gebruiker,
            totp_code=z.hl.code(),
        )
    voornemen.refresh_from_db()
    return voornemen


START = {CLAIM.naam: _claim, VERZOEK.naam: _verzoek, VOORNEMEN.naam: _voornemen}


def _argumenten(z, obj, naar, dienst: str) -> dict:
    hl = z.hl
    return {
        "vastlegging_papier_goedgekeurd": lambda: {
            "vastlegging": obj,
            "ondertekend_exemplaar": b"%PDF-1.4 getekend",
            "door": z.contactpersoon,
        },
        "vastlegging_correctie_gevraagd_door_melder": lambda: {"vastlegging": obj, "correctie": "Datum klopt niet."},
        "benadelingsmelding_afhandelen": lambda: {
            "benadelingsmelding": obj,
            "uitkomst": ClaimUitkomst.GEEN_BENADELING,
            "toelichting": "Onderzocht.",
            "door": hl.gebruiker,
        },
        "onderzoeksverzoek_inwilligen": lambda: {
            "verzoek": obj,
            "opdracht": "Onderzoek.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "onderzoeksverzoek_afwijzen": lambda: {
            "verzoek": obj,
            "reden": "Al onderzocht.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "onderzoeksverzoek_standpunt_vaststellen": lambda: {
            "verzoek": obj,
            "uitkomst": BenadelingOordeel.GEEN_BENADELING,
            "standpunt": "Geen benadeling.",
            "vervolgstappen": "Teamgesprek.",
            "kennisgeving_melden": False,
            "kennisgeving_motivering": "Interne kwestie.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "onderzoeksverzoek_reactie_registreren": lambda: {
            "verzoek": obj,
            "reactie": "De overplaatsing is niet onderzocht.",
            "onderbouwd_bezwaar": True,
        },
        "onderzoeksverzoek_reactie_beantwoorden": lambda: {
            "verzoek": obj,
            "antwoord": "De overplaatsing is onderzocht; zie het rapport.",
            "door": hl.gebruiker,
        },
        "onderzoeksverzoek_afsluiten": lambda: {"verzoek": obj, "reden": "Afgerond.", "door": hl.gebruiker},
        "motivering_vragen": lambda: {"voornemen": obj, "door": z.ontvanger},
        "motivering_vastleggen": lambda: {
            "voornemen": obj,
            "waarom_nodig": "Nodig.",
            "geen_verband": "Los van de melding.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "maatregel_als_genomen_vastleggen": lambda: {"voornemen": obj, "door": z.contactpersoon},
        "maatregel_afzien": lambda: {"voornemen": obj, "door": hl.gebruiker},
    }[dienst]()


RIJEN = [(procedure, van, naar) for procedure in PROCEDURES for (van, naar) in procedure.rijen]


@pytest.mark.parametrize(("procedure", "van", "naar"), RIJEN, ids=lambda x: getattr(x, "naam", None) or str(x))
def test_elke_rij_van_elke_benadelingstabel_via_haar_dienst(procedure, van, naar):
    z = zaak()
    overgang = procedure.rijen[(van, naar)]
    obj = START[procedure.naam](z, van)
    assert procedure.status(procedure.status_van(obj)) == van
    if "motivering_verstrekt" in overgang.voorwaarden:
        # Art. 5.4: refused until the motivation reached the person concerned.
        with pytest.raises(ValidationError, match=r"Art\. 5\.4"):
            import_string(overgang.dienst)(**_argumenten(z, obj, naar, overgang.dienst.rsplit(".", 1)[-1]))
        motivering_verstrekken(motivering=obj.motiveringen.get(), door=z.hl.gebruiker)
    nemen = import_string(overgang.dienst)
    argumenten = _argumenten(z, obj, naar, overgang.dienst.rsplit(".", 1)[-1])
    if "benadeling_reactietermijn_verstreken" in overgang.voorwaarden:
        # Art. 12.1 via 13.2: refused while the melder may still react to the standpunt.
        with pytest.raises(ValidationError, match=r"Art\. 12\.1"):
            nemen(**argumenten)
        with time_machine.travel(timezone.now() + timedelta(days=settings.MELDPUNT_REACTIETERMIJN_DAGEN + 1)):
            nemen(**argumenten)
    else:
        if "benadeling_antwoord_bij_melder" in overgang.voorwaarden:
            # Art. 12.2 via 13.2 with 7.3: refused until the answer reached the melder.
            with pytest.raises(ValidationError, match=r"Art\. 7\.3"):
                nemen(**argumenten)
            bij_melder(z.melding.brieven.get(soort="benadeling_reactie_antwoord"), ontvanger=z.ontvanger)
        nemen(**argumenten)
    obj = type(obj).objects.get(pk=obj.pk)
    assert procedure.status(procedure.status_van(obj)) == naar


def test_elke_personeelsrij_van_een_benadelingstabel_heeft_een_handeling():
    genomen = {(p.naam, rij) for rijen in handelingen.RIJEN.values() for p, rij in rijen}
    for naam in handelingen.RIJEN:
        assert naam in HANDELINGEN
    ontbrekend = [
        (procedure.naam, rij)
        for procedure in PROCEDURES
        for rij, overgang in procedure.rijen.items()
        if overgang.door != MELDER and (procedure.naam, rij) not in genomen
    ]
    assert not ontbrekend


def test_stappen_buiten_de_tabel_worden_geweigerd():
    z = zaak()
    claim = _claim(z, C.TER_GOEDKEURING)
    # The HL cannot handle a claim the melder has not approved (no row from "ter goedkeuring").
    afhandelen = import_string(CLAIM.rijen[(C.DOORGESTUURD, C.AFGEHANDELD)].dienst)
    with pytest.raises(ValidationError):
        afhandelen(**_argumenten(z, claim, C.AFGEHANDELD, "benadelingsmelding_afhandelen"))
    verzoek = _verzoek(z, V.INGEDIEND)
    # Only the HL decides on a request (Art. 13.1).
    with pytest.raises(PermissionDenied):
        onderzoeksverzoek_inwilligen(verzoek=verzoek, opdracht="x", door=z.contactpersoon, totp_code="000000")
    assert verzoek_status(verzoek) == V.INGEDIEND
    assert not VERZOEK.mag(verzoek, V.INGEWILLIGD, z.contactpersoon)
    assert VERZOEK.mag(verzoek, V.INGEWILLIGD, z.hl.gebruiker)


# --- Art. 6.3: acting on a claim -----------------------------------------------------


def test_art_6_3_doorgestuurde_claim_krijgt_eigen_termijn_met_herinnering_en_sluit_bij_maatregel():
    z = zaak()
    eerste = _claim(z, C.DOORGESTUURD)
    tweede = benadeling_melden_door_melder(melding=z.melding, omschrijving="Genegeerd.", types=["5_5_a"])
    termijnen = Termijn.objects.filter(melding=z.melding, soort=BENADELINGSMELDING)
    assert sorted(termijnen.values_list("onderwerp", flat=True)) == sorted([f"claim:{eerste.pk}", f"claim:{tweede.pk}"])
    termijn = termijnen.get(onderwerp=f"claim:{eerste.pk}")
    assert termijn.start == timezone.localdate()
    assert (timezone.localtime(termijn.due).date() - termijn.start).days == 14
    # The reminder comes from the deadline sweep, to the HL of the case.
    termijnen_bewaken(nu=termijn.due - timedelta(days=1))
    assert Herinnering.objects.filter(termijn=termijn, ontvanger=z.hl.gebruiker).exists()
    # A signed measure for this claim is the HL acting on it: its term closes, the other stays open.
    maatregel_vastleggen(
        melding=z.melding,
        soort=MaatregelSoort.TEGENGAAN,
        omschrijving="Andere leidinggevende.",
        benadelingsmelding=eerste,
        door=z.hl.gebruiker,
        totp_code=z.hl.code(),
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.artikel == "Art. 6.3"
    assert termijnen.get(onderwerp=f"claim:{tweede.pk}").gesloten_op is None


def test_art_6_3_claim_termijn_sluit_bij_afhandelen_en_loopt_pas_na_goedkeuring():
    z = zaak()
    claim = _claim(z, C.TER_GOEDKEURING)
    # Not before the melder approved the record and it went to the HL (Art. 6.2).
    assert not Termijn.objects.filter(melding=z.melding, soort=BENADELINGSMELDING).exists()
    import_string(CLAIM.rijen[(C.TER_GOEDKEURING, C.DOORGESTUURD)].dienst)(
        **_argumenten(z, claim, C.DOORGESTUURD, "vastlegging_papier_goedgekeurd")
    )
    termijn = Termijn.objects.get(melding=z.melding, soort=BENADELINGSMELDING, onderwerp=f"claim:{claim.pk}")
    claim = Benadelingsmelding.objects.get(pk=claim.pk)
    assert claim_status(claim) == C.DOORGESTUURD
    import_string(CLAIM.rijen[(C.DOORGESTUURD, C.AFGEHANDELD)].dienst)(
        **_argumenten(z, claim, C.AFGEHANDELD, "benadelingsmelding_afhandelen")
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None


# --- Art. 13.1: deciding on a request ---------------------------------------------------


def test_art_13_1_verzoek_krijgt_eigen_beslistermijn_die_sluit_bij_het_besluit():
    z = zaak()
    eerste = _verzoek(z, V.INGEDIEND)
    tweede = onderzoeksverzoek_indienen(melding=z.melding, verzoek="Nog een.", door=z.contactpersoon)
    termijn = Termijn.objects.get(melding=z.melding, soort=VERZOEK_BENADELING, onderwerp=f"verzoek:{eerste.pk}")
    assert (timezone.localtime(termijn.due).date() - termijn.start).days == 28
    termijnen_bewaken(nu=termijn.due - timedelta(days=1))
    assert Herinnering.objects.filter(termijn=termijn, ontvanger=z.hl.gebruiker).exists()
    import_string(VERZOEK.rijen[(V.INGEDIEND, V.AFGEWEZEN)].dienst)(
        **_argumenten(z, eerste, V.AFGEWEZEN, "onderzoeksverzoek_afwijzen")
    )
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert termijn.gesloten_door_gebeurtenis.artikel == "Art. 13.1"
    ander = Termijn.objects.get(melding=z.melding, soort=VERZOEK_BENADELING, onderwerp=f"verzoek:{tweede.pk}")
    assert ander.gesloten_op is None
    onderzoeksverzoek_inwilligen(verzoek=tweede, opdracht="Onderzoek.", door=z.hl.gebruiker, totp_code=z.hl.code())
    ander.refresh_from_db()
    assert ander.gesloten_op is not None


# --- Art. 5.4: the motivation given to the person concerned -----------------------------


def test_art_5_4_motivering_gaat_naar_de_melder_in_de_meldingsbox_met_datum():
    z = zaak()
    voornemen = _voornemen(z, N.GEMOTIVEERD)
    motivering = voornemen.motiveringen.get()
    assert motivering.verstrekt_op is None
    # Not taken before the motivation reached the person concerned.
    with pytest.raises(ValidationError, match=r"Art\. 5\.4"):
        maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker)
    # The melder has no address but the mailbox; handing over by post is refused.
    with pytest.raises(ValidationError):
        motivering_verstrekken(
            motivering=motivering, wijze="post", verstrekt_op=timezone.localdate(), door=z.hl.gebruiker
        )
    with pytest.raises(PermissionDenied):
        motivering_verstrekken(motivering=motivering, door=z.ontvanger)
    motivering = motivering_verstrekken(motivering=motivering, door=z.hl.gebruiker)
    afschrift = Afschrift.objects.get(soort="motivering", object_uuid=str(motivering.uuid))
    assert afschrift.brief is not None
    assert motivering.verstrekt_op == afschrift.bezorgd_op
    assert motivering.verstrekt_wijze == "meldingsbox"
    with pytest.raises(ValidationError):
        motivering_verstrekken(motivering=motivering, door=z.hl.gebruiker)
    assert maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker).status == N.GENOMEN


def test_art_5_4_nieuwe_versie_moet_opnieuw_worden_gegeven_en_ander_beschermd_persoon_op_datum():
    z = zaak()
    collega = beschermd_persoon_toevoegen(
        melding=z.melding,
        rol="betrokken_derde",
        naam="Collega",
        personeelsnummer="P-1",
        email="",
        beschermd_vanaf=z.gemeld_op,
        door=z.ontvanger,
    )
    voornemen = maatregel_voornemen(
        melding=z.melding,
        beschermd_persoon=collega,
        soort=BenadelingType.VERPLAATST,
        beoogd_op=z.gemeld_op + timedelta(days=60),
        door=z.hl.gebruiker,
    )
    eerste = motivering_vastleggen(
        voornemen=voornemen, waarom_nodig="A.", geen_verband="B.", door=z.hl.gebruiker, totp_code=z.hl.code()
    )
    motivering_verstrekken(
        motivering=eerste, wijze="persoonlijk", verstrekt_op=timezone.localdate(), door=z.contactpersoon
    )
    tweede = motivering_vastleggen(
        voornemen=voornemen, waarom_nodig="A, beter.", geen_verband="B.", door=z.hl.gebruiker, totp_code=z.hl.code()
    )
    # The latest version counts: given again before the measure is taken.
    with pytest.raises(ValidationError, match=r"Art\. 5\.4"):
        maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker)
    with pytest.raises(ValidationError):
        motivering_verstrekken(
            motivering=tweede, wijze="post", verstrekt_op=timezone.localdate() + timedelta(days=1), door=z.hl.gebruiker
        )
    motivering_verstrekken(motivering=tweede, wijze="post", verstrekt_op=timezone.localdate(), door=z.hl.gebruiker)
    assert not Afschrift.objects.filter(soort="motivering").exists()
    assert maatregel_als_genomen_vastleggen(voornemen=voornemen, door=z.hl.gebruiker).status == N.GENOMEN


def test_art_6_3_13_1_claim_en_verzoektermijn_blijven_na_afsluiten():
    # The protection of Art. 5 outlasts the report: closing the case (which voids
    # its other open terms, tests/test_afsluiten_termijnen.py) leaves these running.
    blijvend = uitbreidingen.termijnsoorten_na_afsluiten()
    assert BENADELINGSMELDING in blijvend
    assert VERZOEK_BENADELING in blijvend


def test_art_13_2_standpunt_na_onderzoek_naar_benadeling_sluit_de_eigen_termijn():
    z = zaak()
    verzoek = _verzoek(z, V.INGEWILLIGD)
    eigen = Termijn.objects.get(melding=z.melding, soort="standpunt", onderwerp=f"onderzoek:{verzoek.onderzoek.pk}")
    assert eigen.gesloten_op is None
    dienst = VERZOEK.rijen[(V.INGEWILLIGD, V.STANDPUNT_GEGEVEN)].dienst
    import_string(dienst)(**_argumenten(z, verzoek, V.STANDPUNT_GEGEVEN, dienst.rsplit(".", 1)[-1]))
    eigen.refresh_from_db()
    # Reported through the vertrouwenspersoon (Art. 7.3): the term closes when the
    # letter reaches the melder, i.e. when the vertrouwenspersoon forwards it.
    assert eigen.gesloten_op is None
    brief = z.melding.brieven.get(soort="benadeling_standpunt_benadeling")
    brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=z.ontvanger)
    eigen.refresh_from_db()
    assert eigen.gesloten_op is not None
