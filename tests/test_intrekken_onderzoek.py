"""Withdrawal ends a running investigation of the report itself
(docs/toestanden.md): the melder withdraws in the mailbox, meldingen calls the hook
onderzoek registered (meldingen.uitbreidingen.bij_intrekking_registreren), and the
investigation takes its row to `beeindigd_intrekking` (onderzoek.workflow) with a
timeline entry and an audit row; its investigators lose access to the case
(Art. 7.1). An Art. 13 investigation of the melder's treatment goes on (Art. 5,
13.2). Through the mailbox page and the admin the users have."""

import pytest
from django.urls import reverse
from django.utils import translation

from benadeling.services.verzoeken import onderzoeksverzoek_indienen, onderzoeksverzoek_inwilligen
from kern.models import AuditActie, AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Status, TermijnSoort, ToewijzingRol
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Termijn, Toewijzing
from meldingen.services.afsluiten import GEVOLGEN_INTREKKEN
from onderzoek.constants import ONDERZOEK_BEEINDIGD_INTREKKING, OnderzoekSoort, OnderzoekStatus, termijnonderwerp
from onderzoek.services import onderzoeker_toewijzen, wederhoor_beantwoorden
from onderzoek.tests.factories import Zaak, onderzoek_lopend_maken, rapport_vaststellen_na_hoor
from tests.beheerdersgrens.hulp import ingelogd_als
from tests.test_stappen_na_einde import _verzoek
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status
OS = OnderzoekStatus


def _in_onderzoek():
    """A report under investigation (Art. 9.1, 9.4): decision and mandate by the HL."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    return zaak, zaak.melding.onderzoeken.get()


def _art_13_onderzoek(zaak):
    """A granted Art. 13.1 request: an investigation of the melder's treatment."""
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    return zaak.melding.onderzoeken.get(soort=OnderzoekSoort.BENADELING)


def _intrekken_in_de_meldingsbox(client, zaak):
    """The melder withdraws on the mailbox page, as the melder does."""
    client.logout()
    client.post(reverse("meldingen:box_openen"), {"code": zaak.code})
    antwoord = client.post(reverse("meldingen:box_intrekken"), {"reden": "Ik trek mijn melding in.", "bevestigd": "on"})
    assert antwoord.status_code == 302
    client.post(reverse("meldingen:box_sluiten"))
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.INGETROKKEN


def _status(client, gebruiker, pad) -> int:
    ingelogd_als(client, gebruiker)
    status = client.get(pad).status_code
    client.logout()
    return status


def _zaakpagina(zaak) -> str:
    return f"/admin/meldingen/melding/{zaak.melding.pk}/change/"


def _onderzoekspagina(onderzoek) -> str:
    return f"/admin/onderzoek/onderzoek/{onderzoek.pk}/change/"


def _toegangsregels(gebruiker, onderzoek) -> tuple[bool, bool]:
    """The audit rows of the revoked access: on the case (the assignment) and on the investigation."""
    op_melding = AuditRegel.objects.filter(
        object_uuid=str(onderzoek.melding.uuid),
        actie=AuditActie.TOEGANG_INGETROKKEN,
        toelichting=f"{ToewijzingRol.ONDERZOEKER} {gebruiker.uuid}",
    ).exists()
    op_onderzoek = AuditRegel.objects.filter(
        object_uuid=str(onderzoek.uuid), actie=AuditActie.TOEGANG_INGETROKKEN, toelichting="onderzoeker"
    ).exists()
    return op_melding, op_onderzoek


def test_intrekken_beeindigt_lopend_onderzoek_van_de_melding(client):
    zaak, onderzoek = _in_onderzoek()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 200
    assert _status(client, onderzoeker, _onderzoekspagina(onderzoek)) == 200

    _intrekken_in_de_meldingsbox(client, zaak)

    onderzoek.refresh_from_db()
    assert onderzoek.status == OS.BEEINDIGD_DOOR_INTREKKING
    # The row of onderzoek.workflow, audited with its article, and the case's timeline.
    assert AuditRegel.objects.filter(
        object_uuid=str(onderzoek.uuid),
        actie=AuditActie.STATUS_GEWIJZIGD,
        toelichting__startswith=f"{OS.LOOPT} -> {OS.BEEINDIGD_DOOR_INTREKKING} (",
    ).exists()
    assert zaak.melding.gebeurtenissen.filter(soort=ONDERZOEK_BEEINDIGD_INTREKKING).count() == 1
    # Art. 7.1: the investigator no longer sees the case nor the investigation: 404.
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 404
    assert _status(client, onderzoeker, _onderzoekspagina(onderzoek)) == 404
    assert not Toewijzing.objects.filter(
        melding=zaak.melding, gebruiker=onderzoeker, beeindigd_op__isnull=True
    ).exists()
    assert _toegangsregels(onderzoeker, onderzoek) == (True, True)
    assert not onderzoek.onderzoekers.filter(beeindigd_op__isnull=True).exists()
    # Nothing is left for the HL to end by hand.
    assert not HANDELINGEN["zonder_rapport"].is_zichtbaar(_verzoek(zaak.hl.gebruiker), zaak.melding)


def test_intrekken_beeindigt_ook_een_onderzoek_waarvan_de_melder_nog_niet_hoorde(client):
    """Art. 9.4-9.5: a mandate given and an investigator assigned, the melder not yet
    told by whom (`ingesteld`): it ends too, and the investigator loses access."""
    zaak, onderzoek = _in_onderzoek()
    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=zaak.hl.gebruiker,
    )
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 200

    _intrekken_in_de_meldingsbox(client, zaak)

    onderzoek.refresh_from_db()
    assert onderzoek.status == OS.BEEINDIGD_DOOR_INTREKKING
    assert AuditRegel.objects.filter(
        object_uuid=str(onderzoek.uuid),
        actie=AuditActie.STATUS_GEWIJZIGD,
        toelichting__startswith=f"{OS.INGESTELD} -> {OS.BEEINDIGD_DOOR_INTREKKING} (",
    ).exists()
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 404


def test_intrekken_na_vastgesteld_rapport_onderzoeker_verliest_toegang(client):
    """The report of the investigation was fixed (Art. 10.6), the standpunt not yet
    given: the investigation stays `afgerond`, its investigator has nothing left to
    do on a withdrawn report and loses access too."""
    zaak, onderzoek = _in_onderzoek()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    rapport_vaststellen_na_hoor(onderzoek, onderzoeker)
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 200

    _intrekken_in_de_meldingsbox(client, zaak)

    onderzoek.refresh_from_db()
    assert onderzoek.status == OS.AFGEROND
    assert not zaak.melding.gebeurtenissen.filter(soort=ONDERZOEK_BEEINDIGD_INTREKKING).exists()
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 404
    assert _toegangsregels(onderzoeker, onderzoek) == (True, True)


def test_intrekken_laat_art_13_2_onderzoek_doorlopen(client):
    """Art. 5, 13.2: protection continues after withdrawal. The investigation of the
    melder's treatment keeps running with its investigator and its standpunt term;
    only the investigation of the report ends."""
    zaak, onderzoek = _in_onderzoek()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    art_13 = _art_13_onderzoek(zaak)
    onderzoeker_13 = onderzoek_lopend_maken(art_13, zaak.hl)

    _intrekken_in_de_meldingsbox(client, zaak)

    onderzoek.refresh_from_db()
    art_13.refresh_from_db()
    assert (onderzoek.status, art_13.status) == (OS.BEEINDIGD_DOOR_INTREKKING, OS.LOOPT)
    assert zaak.melding.gebeurtenissen.filter(soort=ONDERZOEK_BEEINDIGD_INTREKKING).count() == 1
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 404
    assert _status(client, onderzoeker_13, _zaakpagina(zaak)) == 200
    assert _status(client, onderzoeker_13, _onderzoekspagina(art_13)) == 200
    assert art_13.onderzoekers.filter(gebruiker=onderzoeker_13, beeindigd_op__isnull=True).exists()
    # Its standpunt is still owed (Art. 13.2 with 11.1): the term runs.
    termijn = Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(art_13)
    )
    assert termijn.vervallen_op is None
    assert termijn.gesloten_op is None
    # The investigator keeps working on it (Art. 10.1 via 13.2).
    assert HANDELINGEN["uitnodigen"].is_zichtbaar(_verzoek(onderzoeker_13), zaak.melding)


def test_intrekken_onderzoeker_van_beide_onderzoeken_houdt_alleen_het_art_13_onderzoek(client):
    """One investigator on both investigations: the case stays open to them for the
    Art. 13.2 investigation (Art. 5), the report's investigation does not."""
    zaak, onderzoek = _in_onderzoek()
    onderzoeker = onderzoek_lopend_maken(onderzoek, zaak.hl)
    art_13 = _art_13_onderzoek(zaak)
    onderzoeker_toewijzen(
        onderzoek=art_13,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=zaak.hl.gebruiker,
    )

    _intrekken_in_de_meldingsbox(client, zaak)

    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 200
    assert _status(client, onderzoeker, _onderzoekspagina(art_13)) == 200
    assert _status(client, onderzoeker, _onderzoekspagina(onderzoek)) == 404
    assert _toegangsregels(onderzoeker, onderzoek) == (False, True)


def test_aanvullend_onderzoek_na_wederhoor_stopt_ook_en_termijn_vervalt(client):
    """Art. 12.2: an additional investigation after the melder's reasoned reaction is
    an investigation of the report too: withdrawal ends it and voids its own
    standpunt term (reason "ingetrokken")."""
    zaak, _eerste = _in_onderzoek()
    for stap in [(S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN), (S.STANDPUNT_VERZONDEN, S.WEDERHOOR)]:
        _nemen(zaak, *stap)
    wederhoor_beantwoorden(
        wederhoor=zaak.melding.wederhoren.get(),
        antwoord="We onderzoeken het opnieuw.",
        aanvullend_onderzoek=True,
        opdracht="Onderzoek aanvullend.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    aanvullend = zaak.melding.onderzoeken.get(soort=OnderzoekSoort.AANVULLEND)
    onderzoeker = onderzoek_lopend_maken(aanvullend, zaak.hl)

    _intrekken_in_de_meldingsbox(client, zaak)

    aanvullend.refresh_from_db()
    assert aanvullend.status == OS.BEEINDIGD_DOOR_INTREKKING
    termijn = Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(aanvullend)
    )
    assert termijn.vervallen_op is not None
    assert _status(client, onderzoeker, _zaakpagina(zaak)) == 404


def test_intrekken_tekst_zegt_dat_een_lopend_onderzoek_stopt(client):
    """What the melder reads before withdrawing says what happens to a running
    investigation of the report, in Dutch and English (lazy, read when shown)."""
    with translation.override("nl"):
        assert "dan wordt dat beëindigd en hebben de onderzoekers geen toegang meer" in str(GEVOLGEN_INTREKKEN)
    with translation.override("en"):
        assert "it is ended and the investigators no longer have access" in str(GEVOLGEN_INTREKKEN)
    zaak = Zaak(doorsturen=False)
    client.post(reverse("meldingen:box_openen"), {"code": zaak.code})
    assert "dan wordt dat beëindigd" in client.get(reverse("meldingen:box")).content.decode()
