"""Art. 8.4 after the end (docs/rollen.md): the HL's involvement comes out only
after the case was closed or withdrawn. Re-routing to the hoogste verantwoordelijke
is refused then (it would give an ended case a new reader), so the receiving
officer revokes the HL's access on its own: with a reason, on the timeline,
audited; the procedure does not reopen, and nobody gains access unless a duty that
outlives the case needs the hoogste verantwoordelijke to lead it. Through the case
screen the receiving officer uses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benadeling.services.verzoeken import onderzoeksverzoek_indienen
from kern import toegang
from kern.models import AuditActie, AuditRegel
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import GebeurtenisSoort, Status, ToewijzingRol
from meldingen.handelingen import HANDELINGEN
from meldingen.models import Functionaris, Toewijzing
from meldingen.services.register import toewijzing_verlenen
from meldingen.services.triage import hl_toegang_intrekken
from meldingen.tests.factories import FunctionarisFactory
from onderzoek.tests.factories import Zaak
from tests.beheerdersgrens.hulp import ingelogd_als
from tests.test_stappen_na_einde import EINDE, _met_rvc, _verzoek
from tests.test_workflow_rijen import _nemen

pytestmark = pytest.mark.django_db
S = Status
REDEN = "Uit de stukken bleek later dat de directeur de facturen zelf goedkeurde."


def _beeindigd(einde):
    zaak = Zaak(doorsturen=False)
    if einde == S.INGETROKKEN:
        # Forwarded to the HL first (Art. 8.3), then withdrawn by the melder.
        _nemen(zaak, S.ONTVANGEN, S.IN_BEHANDELING)
    EINDE[einde](zaak)
    assert Toewijzing.objects.filter(
        melding=zaak.melding, gebruiker=zaak.hl.gebruiker, beeindigd_op__isnull=True
    ).exists()
    return zaak


def _zaakpagina(zaak) -> str:
    return f"/admin/meldingen/melding/{zaak.melding.pk}/change/"


def _actie(zaak) -> str:
    return f"/admin/meldingen/melding/{zaak.melding.pk}/hl_toegang_intrekken/"


def _status(client, gebruiker, pad) -> int:
    ingelogd_als(client, gebruiker)
    status = client.get(pad).status_code
    client.logout()
    return status


def _actieve_toewijzingen(zaak) -> set[tuple[int, str]]:
    return set(
        Toewijzing.objects.filter(melding=zaak.melding, beeindigd_op__isnull=True).values_list("gebruiker_id", "rol")
    )


def _intrekken_op_het_scherm(client, zaak):
    ingelogd_als(client, zaak.ontvanger)
    pagina = client.get(_zaakpagina(zaak)).content.decode()
    assert _actie(zaak) in pagina
    antwoord = client.post(_actie(zaak), {"reden": REDEN})
    assert antwoord.status_code == 302
    client.logout()


@pytest.mark.parametrize("einde", list(EINDE), ids=str)
def test_art_8_4_hl_betrokken_na_einde_toegang_ingetrokken(client, einde):
    zaak = _beeindigd(einde)
    rvc = _met_rvc(zaak)
    hl = zaak.hl.gebruiker
    assert _status(client, hl, _zaakpagina(zaak)) == 200
    voor = _actieve_toewijzingen(zaak)

    _intrekken_op_het_scherm(client, zaak)

    zaak.melding.refresh_from_db()
    # The procedure does not reopen; the HL is recorded as involved.
    assert zaak.melding.status == einde
    assert zaak.melding.hl_betrokken
    # The HL no longer sees the case: 404, as for any case they are not assigned to.
    assert _status(client, hl, _zaakpagina(zaak)) == 404
    # Nobody gained access: only the HL's assignment ended; the supervisory body got none.
    assert _actieve_toewijzingen(zaak) == voor - {(hl.pk, ToewijzingRol.HOOGSTE_LEIDINGGEVENDE)}
    assert not Toewijzing.objects.filter(melding=zaak.melding, gebruiker=rvc).exists()
    # On the timeline with its reason, and audited: the step and the ended assignment.
    gebeurtenis = zaak.melding.gebeurtenissen.get(soort=GebeurtenisSoort.HL_TOEGANG_INGETROKKEN)
    assert (gebeurtenis.artikel, gebeurtenis.door, gebeurtenis.toelichting) == ("Art. 8.4", zaak.ontvanger, REDEN)
    regels = AuditRegel.objects.filter(object_uuid=str(zaak.melding.uuid), actie=AuditActie.TOEGANG_INGETROKKEN)
    assert regels.filter(actor=zaak.ontvanger, toelichting="HL-toegang na einde").exists()
    assert regels.filter(toelichting=f"{ToewijzingRol.HOOGSTE_LEIDINGGEVENDE} {hl.uuid}").exists()
    # Once recorded, no HL can be given the case again (Art. 8.4), and the action is gone.
    with pytest.raises(ValidationError):
        toewijzing_verlenen(melding=zaak.melding, gebruiker=hl, rol=ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, door=None)
    assert not HANDELINGEN["hl_toegang_intrekken"].is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)


def test_art_1_l_hl_betrokken_na_afsluiten_toegang_ingetrokken(client):
    """Art. 1 l: without a supervisory body the HL is also the hoogste verantwoordelijke.
    Found involved after closing, the HL still loses access, and nobody gains any."""
    zaak = _beeindigd(S.AFGESLOTEN)
    hl = zaak.hl.gebruiker
    FunctionarisFactory(
        organisatie=zaak.melding.organisatie, gebruiker=hl, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
    )
    voor = _actieve_toewijzingen(zaak)

    _intrekken_op_het_scherm(client, zaak)

    assert _status(client, hl, _zaakpagina(zaak)) == 404
    assert _actieve_toewijzingen(zaak) == voor - {(hl.pk, ToewijzingRol.HOOGSTE_LEIDINGGEVENDE)}
    assert AuditRegel.objects.filter(
        object_uuid=str(zaak.melding.uuid), actie=AuditActie.TOEGANG_INGETROKKEN, toelichting="HL-toegang na einde"
    ).exists()


def test_art_8_4_hl_in_een_andere_rol_verliest_ook_die_toegang(client):
    """An HL user assigned in another role (here contactpersoon, Art. 8.6) loses that too."""
    zaak = _beeindigd(S.AFGESLOTEN)
    tweede_hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    FunctionarisFactory(
        organisatie=zaak.melding.organisatie,
        gebruiker=tweede_hl,
        functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE,
    )
    toewijzing_verlenen(melding=zaak.melding, gebruiker=tweede_hl, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    assert _status(client, tweede_hl, _zaakpagina(zaak)) == 200

    _intrekken_op_het_scherm(client, zaak)

    assert _status(client, tweede_hl, _zaakpagina(zaak)) == 404


@pytest.mark.parametrize("einde", list(EINDE), ids=str)
def test_art_8_4_hl_toegang_intrekken_alleen_door_de_ontvanger(client, einde):
    zaak = _beeindigd(einde)
    hl = zaak.hl.gebruiker
    contactpersoon = GebruikerFactory(rol=Rol.CONTACTPERSOON)
    toewijzing_verlenen(melding=zaak.melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=None)
    for gebruiker in (hl, contactpersoon):
        assert not HANDELINGEN["hl_toegang_intrekken"].is_zichtbaar(_verzoek(gebruiker), zaak.melding)
        ingelogd_als(client, gebruiker)
        assert client.post(_actie(zaak), {"reden": REDEN}).status_code == 404
        client.logout()
        with pytest.raises(PermissionDenied):
            hl_toegang_intrekken(melding=zaak.melding, reden=REDEN, door=gebruiker)
    zaak.melding.refresh_from_db()
    assert not zaak.melding.hl_betrokken
    assert _status(client, hl, _zaakpagina(zaak)) == 200


def test_art_8_4_hl_toegang_intrekken_vraagt_een_reden():
    zaak = _beeindigd(S.AFGESLOTEN)
    with pytest.raises(ValidationError):
        hl_toegang_intrekken(melding=zaak.melding, reden="  ", door=zaak.ontvanger)
    zaak.melding.refresh_from_db()
    assert not zaak.melding.hl_betrokken


def test_art_8_4_op_een_lopende_melding_omleiden_niet_intrekken(client):
    """While the procedure runs the case is re-routed to the hoogste verantwoordelijke
    (which still offers it); revoking alone is neither offered nor taken."""
    zaak = Zaak()
    _met_rvc(zaak)
    assert HANDELINGEN["omleiden"].is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)
    assert not HANDELINGEN["hl_toegang_intrekken"].is_zichtbaar(_verzoek(zaak.ontvanger), zaak.melding)
    with pytest.raises(ValidationError, match="leid haar om"):
        hl_toegang_intrekken(melding=zaak.melding, reden=REDEN, door=zaak.ontvanger)
    zaak.melding.refresh_from_db()
    assert not zaak.melding.hl_betrokken
    assert _status(client, zaak.hl.gebruiker, _zaakpagina(zaak)) == 200


def test_art_8_4_13_1_lopende_plicht_na_einde_gaat_naar_de_hoogste_verantwoordelijke(client):
    """A duty that outlives the case and belongs to its leader (here deciding on an
    Art. 13.1 request) would have nobody once the HL's access is revoked: the
    hoogste verantwoordelijke is assigned to lead it, as re-routing would (Art. 8.4)."""
    zaak = _beeindigd(S.AFGESLOTEN)
    rvc = _met_rvc(zaak)
    onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Ik word sinds mijn melding genegeerd.")
    assert _status(client, rvc, _zaakpagina(zaak)) == 404

    _intrekken_op_het_scherm(client, zaak)

    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.AFGESLOTEN
    assert toegang.leiding_van(melding=zaak.melding) == [rvc]
    assert _status(client, rvc, _zaakpagina(zaak)) == 200
    assert _status(client, zaak.hl.gebruiker, _zaakpagina(zaak)) == 404
