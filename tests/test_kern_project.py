"""Project-level guarantees: migrations complete, roles idempotent, demo data."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from kern.rollen import Rol, groepsnaam
from meldingen.models import Melding

pytestmark = pytest.mark.django_db


def test_makemigrations_check_is_schoon():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_rollen_als_groepen_idempotent():
    call_command("rollen_bijwerken", verbosity=0)
    eerst = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("rollen_bijwerken", verbosity=0)
    daarna = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert eerst == daarna
    assert {groepsnaam(rol) for rol in Rol} <= set(daarna)


def test_rol_ondernemingsraad_en_personeelszaken_zien_geen_meldingen():
    call_command("rollen_bijwerken", verbosity=0)
    for rol in (Rol.ONDERNEMINGSRAAD, Rol.PERSONEELSZAKEN, Rol.FUNCTIONEEL_BEHEERDER):
        codes = set(Group.objects.get(name=groepsnaam(rol)).permissions.values_list("codename", flat=True))
        assert "view_melding" not in codes


def _demo_instellingen(settings):
    # As config.settings.demo: the command runs only there (it prints passwords and
    # enrols authenticators without an enrolment link).
    settings.MELDPUNT_DEMO = True
    settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT = False


def test_demo_vult_organisatie_gebruikers_en_meldingen_in_verschillende_fasen(capsys, settings):
    _demo_instellingen(settings)

    call_command("demo")
    uitvoer = capsys.readouterr().out
    assert "demo-meldpunt-2026" in uitvoer
    assert len({m.status for m in Melding.objects.all()}) >= 4
    # Idempotent: a second run adds nothing and fails nowhere.
    modellen = [
        m
        for app in ("kern", "meldingen", "onderzoek", "benadeling", "rapportage")
        for m in apps.get_app_config(app).get_models()
    ]
    eerst = {m._meta.label: m._default_manager.count() for m in modellen}
    call_command("demo")
    assert {m._meta.label: m._default_manager.count() for m in modellen} == eerst


@pytest.mark.parametrize(
    "instelling",
    [{"MELDPUNT_DEMO": False}, {"MELDPUNT_DEMO": True, "MELDPUNT_TWEEDE_FACTOR_VERPLICHT": True}],
    ids=["geen_demo", "tweede_factor_verplicht"],
)
def test_demo_weigert_buiten_de_demo_instellingen(settings, instelling):
    """Accounts with printed passwords and authenticators enrolled without a link
    never appear on a production database."""
    from django.core.management.base import CommandError

    from kern.models import Gebruiker

    for naam, waarde in instelling.items():
        setattr(settings, naam, waarde)
    with pytest.raises(CommandError):
        call_command("demo")
    assert not Gebruiker.objects.exists()
