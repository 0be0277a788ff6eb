"""The same attacks as a superuser (issue 12; docs/threat-model.md).
Each test is named after the attack it stops."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.services import auditregel_schrijven
from kern.tests.factories import GebruikerFactory
from meldingen.models import Functionaris
from meldingen.services import rolwijzigingen
from meldingen.tests.factories import MeldingFactory
from tests.beheerdersgrens.hulp import ingelogd_als

pytestmark = pytest.mark.django_db


# --- The same attacks as a superuser ---------------------------------------------------


def test_superuser_kan_niet_goedkeuren_en_ziet_geen_geheimen(client, beheerder, organisatie):
    baas = GebruikerFactory(is_superuser=True)
    vp = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    apparaat = TOTPApparaat.objects.create(user=vp, confirmed=True)
    wijziging = rolwijzigingen.rolwijziging_voorstellen(
        organisatie=organisatie,
        betreft=baas,
        soort="functie_toekennen",
        functie=Functionaris.Functie.VERTROUWENSPERSOON,
        reden="zichzelf ontvanger maken",
        door=beheerder,
    )
    with pytest.raises(PermissionDenied):
        rolwijzigingen.rolwijziging_goedkeuren(wijziging=wijziging, door=baas)
    zaakregel = auditregel_schrijven(door=vp, actie="bekeken", object=MeldingFactory())
    ingelogd_als(client, baas)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get(f"/admin/kern/totpapparaat/{apparaat.pk}/change/").status_code == 404
    assert client.get(f"/admin/kern/gebruiker/{vp.pk}/password/").status_code == 403
    assert client.get(reverse("admin:kern_auditregel_change", args=[zaakregel.pk])).status_code == 404
    assert not Functionaris.objects.filter(gebruiker=baas).exists()


def test_beheerder_kan_zichzelf_geen_superuser_of_rechten_geven(client, beheerder):
    ingelogd_als(client, beheerder)
    client.post(
        f"/admin/kern/gebruiker/{beheerder.pk}/change/",
        {
            "username": beheerder.username,
            "email": beheerder.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "user_permissions": [Permission.objects.get(codename="goedkeuren_rolwijziging").pk],
        },
    )
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()
