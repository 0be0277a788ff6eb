"""Audit notes read in the reader's language (kern.auditnotities).

The notes were stored as Dutch text ("goedgekeurd: rol_toekennen vertrouwenspersoon
voor <uuid>", "ontvanger <uuid>", "in_behandeling -> in_onderzoek"), so an English
functioneel beheerder or receiving officer read Dutch and raw codes in the audit
log and in a case's access log. Each kind of note now reads back from its stored
form, old rows included; parameters are codes and UUIDs, never content or names."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from kern.auditnotities import alle_notities, toelichting_weergeven
from kern.models import AuditActie, AuditCategorie, AuditRegel
from kern.rollen import Rol, groepsnaam, rollen_bijwerken
from kern.services import auditregel_schrijven
from kern.tests.factories import GebruikerFactory
from meldingen.constants import ToewijzingRol
from meldingen.models import Functionaris
from meldingen.services import rolwijzigingen
from meldingen.services.register import toewijzing_verlenen
from meldingen.services.triage import melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from tests.beheerdersgrens.hulp import ingelogd_als

UUID = "3f2b8c1e-0d4a-4e5b-9c7d-1a2b3c4d5e6f"


def test_er_zijn_notities_van_elke_app():
    # Guards the discovery: an app whose notes are not found would read as stored.
    opslag = {notitie.opslag for notitie in alle_notities()}
    assert {
        "passkey toegevoegd",
        "%(rol)s %(gebruiker)s",
        "besluit %(soort)s",
        "dossier %(export)s",
        "lid OR",
    } <= opslag


def test_elke_notitie_heeft_een_engelse_tekst():
    catalogus = trans_real.translation("en")._catalog
    assert [n.weergave for n in alle_notities() if n.weergave not in catalogus] == []


def test_elke_notitie_leest_alleen_zichzelf_terug():
    """Round trip, and no two kinds of note read the same stored text (the first
    that reads a row would decide its meaning)."""
    for notitie in alle_notities():
        opgeslagen = notitie.voorbeeld()
        lezers = [n for n in alle_notities() if n.lezen(opgeslagen) is not None]
        assert lezers == [notitie], opgeslagen


@pytest.mark.parametrize(
    ("opgeslagen", "nl", "en"),
    [
        # Written before this change, as the services wrote them then.
        (
            f"goedgekeurd: rol_toekennen vertrouwenspersoon voor {UUID}",
            f"goedgekeurd: zaakrol toekennen (Vertrouwenspersoon) voor gebruiker {UUID}",
            f"approved: grant case role (Confidential counsellor) for user {UUID}",
        ),
        (f"ontvanger {UUID}", f"Ontvangende functionaris: gebruiker {UUID}", f"Receiving officer: user {UUID}"),
        ("in_behandeling -> in_onderzoek", "In behandeling → In onderzoek", "Being handled → Under investigation"),
        ("tweede factor ingesteld", "tweede factor ingesteld", "second factor set up"),
        (
            "oidc: provider weigert (login_required)",
            "oidc: provider weigert (login_required)",
            "oidc: provider refuses (login_required)",
        ),
        ("lid OR", "lid van de ondernemingsraad", "works council member"),
    ],
)
def test_oude_en_nieuwe_regels_in_de_taal_van_de_lezer(opgeslagen, nl, en):
    with translation.override("nl"):
        assert toelichting_weergeven(opgeslagen) == nl
    with translation.override("en"):
        assert toelichting_weergeven(opgeslagen) == en


def test_onbekende_notitie_blijft_zoals_opgeslagen():
    with translation.override("en"):
        assert toelichting_weergeven("iets dat geen notitie kent") == "iets dat geen notitie kent"
        # A code outside the choices is not read as one of them.
        assert toelichting_weergeven(f"bestaat_niet {UUID}") == f"bestaat_niet {UUID}"
        assert toelichting_weergeven("") == ""


@pytest.mark.django_db
def test_auditlog_in_het_engels_voor_de_functioneel_beheerder(client):
    """The admin's audit log (configuration rows): a role change proposed and
    approved reads in English, the kind of actor too; the stored row is unchanged."""
    rollen_bijwerken()
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    organisatie = OrganisatieFactory()
    hl = FunctionarisFactory(organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    hl.groups.add(Group.objects.get(name=groepsnaam(Rol.HOOGSTE_LEIDINGGEVENDE)))
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=kandidaat,
        soort="rol_toekennen",
        rol=Rol.VERTROUWENSPERSOON,
        reden="nieuwe vertrouwenspersoon",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=hl)
    regel = AuditRegel.objects.get(object_uuid=str(wijziging.uuid), actie=AuditActie.TOEGANG_VERLEEND)
    assert regel.toelichting == f"goedgekeurd: rol_toekennen vertrouwenspersoon voor {kandidaat.uuid}"
    systeemregel = auditregel_schrijven(
        door=None, actie=AuditActie.GEWIJZIGD, object=kandidaat, categorie=AuditCategorie.BEHEER
    )

    ingelogd_als(client, beheerder)
    lijst = client.get(reverse("admin:kern_auditregel_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"approved: grant case role (Confidential counsellor) for user {kandidaat.uuid}" in lijst
    assert "proposed: grant case role" in lijst
    assert "goedgekeurd:" not in lijst
    detail = client.get(
        reverse("admin:kern_auditregel_change", args=[systeemregel.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert ">system<" in detail
    assert "nieuwe vertrouwenspersoon" not in lijst  # the reason stays on the proposal, not in the log


@pytest.mark.django_db
def test_inzagelog_van_een_melding_in_het_engels(client):
    """A case's access log (receiving officer): assignment and status change read in
    English, with the role's and the states' labels instead of codes."""
    melding = MeldingFactory()
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    FunctionarisFactory(
        organisatie=melding.organisatie,
        functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE,
        gebruiker=GebruikerFactory(),
    )
    toewijzing_verlenen(melding=melding, gebruiker=vp, rol=ToewijzingRol.ONTVANGER, door=None)
    melding_doorsturen(melding=melding, door=vp)
    ingelogd_als(client, vp)
    html = client.get(
        reverse("admin:meldingen_melding_inzage", args=[melding.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"Receiving officer: user {vp.uuid}" in html
    assert "Received → Being handled" in html
    assert "access log viewed" in html
    assert f"ontvanger {vp.uuid}" not in html
    assert "ontvangen -&gt; in_behandeling" not in html
    assert ">system<" in html
