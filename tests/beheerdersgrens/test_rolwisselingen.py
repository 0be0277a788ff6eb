"""§3 No account takeover by role juggling (issue 12; docs/threat-model.md).
Each test is named after the attack it stops."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from kern.models import AuditCategorie, AuditRegel, RolHistorie
from kern.rollen import Rol, groepsnaam, is_beschermd
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris, Rolwijziging, RolwijzigingStatus
from meldingen.services import rolwijzigingen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from tests.beheerdersgrens.hulp import ingelogd_als

pytestmark = pytest.mark.django_db


# --- §3 No account takeover by role juggling -------------------------------------------


def test_wachtwoord_herstel_geweigerd_na_rol_eerst_intrekken(client, beheerder):
    """Attack: remove the case role, reset the password, give the role back."""
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    vp.groups.clear()
    assert RolHistorie.objects.filter(gebruiker=vp, groep=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    ingelogd_als(client, beheerder)
    assert client.get(f"/admin/kern/gebruiker/{vp.pk}/password/").status_code == 403


def test_wachtwoord_herstel_geweigerd_bij_toewijzing_of_objectrecht(client, beheerder):
    from meldingen.constants import ToewijzingRol
    from meldingen.services.register import toewijzing_verlenen

    zonder_rol = GebruikerFactory()
    assert not is_beschermd(zonder_rol)
    toewijzing_verlenen(melding=MeldingFactory(), gebruiker=zonder_rol, rol=ToewijzingRol.ONTVANGER, door=None)
    assert is_beschermd(zonder_rol)
    ingelogd_als(client, beheerder)
    assert client.get(f"/admin/kern/gebruiker/{zonder_rol.pk}/password/").status_code == 403
    gewoon = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    assert client.get(f"/admin/kern/gebruiker/{gewoon.pk}/password/").status_code == 200


def test_rolhistorie_ook_bij_ruwe_sql_en_niet_te_wissen():
    gebruiker = GebruikerFactory()
    groep = Group.objects.get_or_create(name=groepsnaam(Rol.ONDERZOEKER))[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kern_gebruiker_groups (gebruiker_id, group_id) VALUES (%s, %s)", [gebruiker.pk, groep.pk]
        )
        cursor.execute("DELETE FROM kern_gebruiker_groups WHERE gebruiker_id = %s", [gebruiker.pk])
    assert is_beschermd(gebruiker)
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM kern_rolhistorie WHERE gebruiker_id = %s", [gebruiker.pk])


def test_beheerder_kan_geen_zaakrol_geven_via_het_gebruikersformulier(client, beheerder):
    slachtoffer = GebruikerFactory(rol=Rol.ONDERNEMINGSRAAD)
    vp_groep = Group.objects.get(name=groepsnaam(Rol.VERTROUWENSPERSOON))
    ingelogd_als(client, beheerder)
    formulier = client.get(f"/admin/kern/gebruiker/{slachtoffer.pk}/change/").content.decode()
    assert f'value="{vp_groep.pk}"' not in formulier
    client.post(
        f"/admin/kern/gebruiker/{slachtoffer.pk}/change/",
        {
            "username": slachtoffer.username,
            "first_name": "",
            "last_name": "",
            "email": slachtoffer.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [vp_groep.pk],
        },
    )
    assert not slachtoffer.groups.filter(pk=vp_groep.pk).exists()


def test_beheerder_behoudt_zaakrollen_bij_opslaan_van_een_gebruiker(client, beheerder):
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    ingelogd_als(client, beheerder)
    antwoord = client.post(
        f"/admin/kern/gebruiker/{vp.pk}/change/",
        {"first_name": "Nieuw", "last_name": "", "is_active": "on", "is_staff": "on", "groups": []},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert vp.groups.filter(name=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    vp.refresh_from_db()
    assert vp.first_name == "Nieuw"


def test_beheerder_kan_e_mailadres_van_beschermd_account_niet_wijzigen(client, beheerder):
    """Attack: change the address, then have the enrolment link sent there."""
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    ingelogd_als(client, beheerder)
    antwoord = client.post(
        f"/admin/kern/gebruiker/{vp.pk}/change/",
        {"email": "beheerder@kwaad.test", "is_active": "on", "is_staff": "on"},
    )
    assert antwoord.status_code == 302  # saved, but without the address
    vp.refresh_from_db()
    assert vp.email != "beheerder@kwaad.test"


def test_beheerder_kan_geen_ontvanger_aanwijzen_buiten_vier_ogen_om(beheerder):
    for code in ("add_functionaris", "change_functionaris", "delete_functionaris", "goedkeuren_rolwijziging"):
        assert not beheerder.has_perm(f"meldingen.{code}")


def test_rol_wijziging_vereist_tweede_persoon(beheerder, organisatie, mailoutbox, django_capture_on_commit_callbacks):
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=kandidaat,
        soort="rol_toekennen",
        rol=Rol.VERTROUWENSPERSOON,
        reden="nieuwe vertrouwenspersoon",
        door=beheerder,
    )
    # Nothing changes before approval.
    assert not kandidaat.groups.exists()
    # The proposer cannot approve; neither can the subject or the receiving officer.
    for geen_tweede_persoon in (beheerder, kandidaat, organisatie.vp, organisatie.hv):
        with pytest.raises(PermissionDenied):
            rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=geen_tweede_persoon)
    with django_capture_on_commit_callbacks(execute=True):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    assert kandidaat.groups.filter(name=groepsnaam(Rol.VERTROUWENSPERSOON)).exists()
    assert AuditRegel.objects.filter(
        object_uuid=str(wijziging.uuid), categorie=AuditCategorie.BEHEER, toelichting__startswith="goedgekeurd"
    ).exists()
    # Announced to the current receiving officers, without case content.
    aankondiging = [m for m in mailoutbox if organisatie.vp.email in m.to]
    assert len(aankondiging) == 1
    assert str(kandidaat) in aankondiging[0].body
    assert "melding " not in aankondiging[0].body.lower().replace("meldingen", "")


def test_hoogste_leidinggevende_als_onderwerp_vereist_hoogste_verantwoordelijke(beheerder, organisatie):
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=organisatie.hl,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="ook vertrouwenspersoon",
        door=beheerder,
    )
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hv)
    assert Functionaris.objects.filter(gebruiker=organisatie.hl, functie="vertrouwenspersoon").exists()


@pytest.mark.parametrize("soort", ["functie_toekennen", "functie_intrekken"])
def test_art_8_4_hoogste_leidinggevende_beslist_niet_over_de_hoogste_verantwoordelijke(beheerder, organisatie, soort):
    """The hoogste verantwoordelijke replaces the HL when the HL is involved (Art. 8.4) and
    receives reports about the HL (Art. 3.2). The HL approved who holds that function: with
    the beheerder, the HL could remove the supervisory body or add an ally to it."""
    betreft = organisatie.hv if soort == "functie_intrekken" else GebruikerFactory()
    tweede_hv = FunctionarisFactory(
        organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
    ).gebruiker
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=betreft,
        soort=soort,
        functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE,
        reden="toezicht",
        door=beheerder,
    )
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_afwijzen(wijziging=wijziging, door=organisatie.hl)
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=tweede_hv)
    heeft = Functionaris.objects.filter(
        organisatie=organisatie, gebruiker=betreft, functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
    ).exists()
    assert heeft == (soort == "functie_toekennen")


def test_eerste_hoogste_verantwoordelijke_door_de_hoogste_leidinggevende_goedgekeurd(beheerder):
    """Without any hoogste verantwoordelijke (Art. 1 l) the HL approves the first one."""
    org = OrganisatieFactory()
    hl = FunctionarisFactory(organisatie=org, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE).gebruiker
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=org,
        betreft=kandidaat,
        soort="functie_toekennen",
        functie=Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE,
        reden="raad van toezicht ingesteld",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=hl)
    assert Functionaris.objects.filter(organisatie=org, gebruiker=kandidaat).exists()


def test_afgewezen_rolwijziging_verandert_niets(beheerder, organisatie):
    kandidaat = GebruikerFactory()
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=kandidaat,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="x",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_afwijzen(wijziging=wijziging, door=organisatie.hl)
    assert wijziging.__class__.objects.get(pk=wijziging.pk).status == RolwijzigingStatus.AFGEWEZEN
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)


def test_nieuwe_ontvanger_ziet_geen_eerdere_meldingen(beheerder, organisatie, django_capture_on_commit_callbacks):
    from meldingen.constants import Kanaal
    from meldingen.selectors import meldingen_zichtbaar_voor
    from meldingen.services.melder import Meldinginhoud, melding_indienen

    def indienen():
        return melding_indienen(
            organisatie=organisatie,
            inhoud=Meldinginhoud(omschrijving="Steigers zonder keuring."),
            kanaal=Kanaal.VERTROUWENSPERSOON,
            formeel=True,
        ).melding

    eerder = indienen()
    nieuw = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=nieuw,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="tweede vertrouwenspersoon",
        door=beheerder,
    )
    rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=organisatie.hl)
    later = indienen()
    zichtbaar = set(meldingen_zichtbaar_voor(user=nieuw))
    assert eerder not in zichtbaar
    assert later in zichtbaar


def test_beheerder_stelt_voor_via_het_admin_en_hl_keurt_goed(client, beheerder, organisatie):
    kandidaat = GebruikerFactory()
    ingelogd_als(client, beheerder)
    antwoord = client.post(
        reverse("admin:meldingen_rolwijziging_add"),
        {
            "organisatie": organisatie.pk,
            "betreft": kandidaat.pk,
            "soort": "functie_toekennen",
            "rol": "",
            "functie": "vertrouwenspersoon",
            "reden": "nieuwe collega",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    wijziging = Rolwijziging.objects.get(betreft=kandidaat)
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    # The beheerder has no approve action; posting it anyway changes nothing.
    client.post(
        reverse("admin:meldingen_rolwijziging_changelist"),
        {"action": "goedkeuren", "_selected_action": [wijziging.pk]},
    )
    assert not Functionaris.objects.filter(gebruiker=kandidaat).exists()
    client.logout()
    ingelogd_als(client, organisatie.hl)
    client.post(
        reverse("admin:meldingen_rolwijziging_changelist"),
        {"action": "goedkeuren", "_selected_action": [wijziging.pk]},
    )
    assert Functionaris.objects.filter(gebruiker=kandidaat, functie="vertrouwenspersoon").exists()


def test_eerste_leiding_alleen_zolang_er_geen_is():
    """Bootstrapping a new organisation needs operations once; never again."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    org = OrganisatieFactory()
    hl, hv = GebruikerFactory(), GebruikerFactory()
    call_command("leiding_eerst_aanwijzen", org.slug, "--hl", hl.username, "--hv", hv.username)
    assert Functionaris.objects.filter(organisatie=org, gebruiker=hl, functie="hoogste_leidinggevende").exists()
    assert AuditRegel.objects.filter(categorie=AuditCategorie.BEHEER, toelichting__startswith="eerste").count() == 2
    with pytest.raises(CommandError):
        call_command("leiding_eerst_aanwijzen", org.slug, "--hl", hv.username, "--hv", hl.username)


def _leiding(organisatie, functie, rol):
    gebruiker = FunctionarisFactory(organisatie=organisatie, functie=functie).gebruiker
    gebruiker.groups.add(Group.objects.get(name=groepsnaam(rol)))
    return gebruiker


def test_hl_ziet_geen_rolwijzigingen_van_een_andere_organisatie(client, beheerder, organisatie):
    """Attack: an HL of one client of a shared installation reads (and tries to
    decide on) who is to receive the reports of another client. The list shows
    only the organisations where the user is HL or hoogste verantwoordelijke;
    another organisation's proposal answers 404, as a missing one does."""
    andere = OrganisatieFactory()
    hl_ander = _leiding(andere, Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE, Rol.HOOGSTE_LEIDINGGEVENDE)
    eigen_kandidaat, andere_kandidaat = GebruikerFactory(), GebruikerFactory()
    eigen, ander = (
        rolwijzigingen.rolwijziging_voorstellen(
            organisatie=org,
            betreft=kandidaat,
            soort="functie_toekennen",
            functie="vertrouwenspersoon",
            reden="nieuwe collega",
            door=beheerder,
        )
        for org, kandidaat in ((organisatie, eigen_kandidaat), (andere, andere_kandidaat))
    )

    def adres(wijziging):
        return reverse("admin:meldingen_rolwijziging_change", args=[wijziging.pk])

    for leiding in (organisatie.hl, organisatie.hv):
        client.logout()
        ingelogd_als(client, leiding)
        lijst = client.get(reverse("admin:meldingen_rolwijziging_changelist")).content.decode()
        assert adres(eigen) in lijst
        assert adres(ander) not in lijst
        assert str(andere_kandidaat) not in lijst
        assert client.get(adres(eigen)).status_code == 200
        assert client.get(adres(ander)).status_code == 404
        assert client.get(reverse("admin:meldingen_rolwijziging_history", args=[ander.pk])).status_code == 404
        assert client.get(adres(ander).replace(str(ander.pk), str(ander.pk + 1000))).status_code == 404

    # Deciding on it through the list's action does nothing either.
    client.logout()
    ingelogd_als(client, organisatie.hl)
    client.post(
        reverse("admin:meldingen_rolwijziging_changelist"),
        {"action": "goedkeuren", "_selected_action": [ander.pk]},
    )
    ander.refresh_from_db()
    assert ander.status == RolwijzigingStatus.VOORGESTELD

    # Its own HL sees it and approves it; the functioneel beheerder, who proposes
    # for every organisation of the installation, sees both.
    client.logout()
    ingelogd_als(client, hl_ander)
    assert client.get(adres(ander)).status_code == 200
    assert client.get(adres(eigen)).status_code == 404
    client.logout()
    ingelogd_als(client, beheerder)
    lijst = client.get(reverse("admin:meldingen_rolwijziging_changelist")).content.decode()
    assert adres(eigen) in lijst
    assert adres(ander) in lijst


def test_hl_rol_zonder_functie_bij_een_organisatie_ziet_geen_rolwijzigingen(client, beheerder, organisatie):
    """The HL group opens the screen; only a function at an organisation shows its proposals."""
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=GebruikerFactory(),
        soort="functie_toekennen",
        functie="vertrouwenspersoon",
        reden="nieuwe collega",
        door=beheerder,
    )
    alleen_rol = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    ingelogd_als(client, alleen_rol)
    lijst = client.get(reverse("admin:meldingen_rolwijziging_changelist"))
    assert lijst.status_code == 200
    assert reverse("admin:meldingen_rolwijziging_change", args=[wijziging.pk]) not in lijst.content.decode()
    assert client.get(reverse("admin:meldingen_rolwijziging_change", args=[wijziging.pk])).status_code == 404
