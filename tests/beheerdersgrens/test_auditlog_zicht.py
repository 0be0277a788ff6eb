"""§4 The audit log tells the functioneel beheerder nothing about cases (issue 12; docs/threat-model.md).
Each test is named after the attack it stops."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.models import AuditCategorie, AuditRegel, TOTPApparaat
from kern.services import auditregel_schrijven
from kern.tests.factories import GebruikerFactory
from meldingen.tests.factories import MeldingFactory
from tests.beheerdersgrens.hulp import ADMIN, ingelogd_als

pytestmark = pytest.mark.django_db


# --- §4 The audit log tells the functioneel beheerder nothing about cases ----------------


def test_auditlog_toont_beheerder_geen_zaakregels(client, beheerder):
    melding = MeldingFactory()
    zaakregel = auditregel_schrijven(door=GebruikerFactory(), actie="bekeken", object=melding)
    beheerregel = auditregel_schrijven(door=beheerder, actie="gewijzigd", object=GebruikerFactory())
    ingelogd_als(client, beheerder)
    lijst = client.get(reverse("admin:kern_auditregel_changelist")).content.decode()
    assert str(melding.uuid) not in lijst
    assert beheerregel.object_uuid in lijst
    assert client.get(reverse("admin:kern_auditregel_change", args=[zaakregel.pk])).status_code == 404
    # Searching for the case's uuid finds nothing either.
    zoeken = client.get(reverse("admin:kern_auditregel_changelist"), {"q": str(melding.uuid)}).content.decode()
    assert "0 resultaten" in zoeken


def test_beheerder_ziet_inloggen_in_de_auditlog(client, beheerder):
    from django_otp.oath import totp

    from kern.tests.factories import WACHTWOORD

    apparaat = TOTPApparaat.objects.create(user=beheerder, confirmed=True)
    client.post(reverse("kern:inloggen"), {"username": beheerder.username, "password": WACHTWOORD})
    client.post(reverse("kern:tweede_factor"), {"token": f"{totp(apparaat.bin_key):06d}", "next": ADMIN})
    assert AuditRegel.objects.filter(actie="ingelogd", categorie=AuditCategorie.INLOGGEN, actor=beheerder).exists()
    assert "ingelogd" in client.get(reverse("admin:kern_auditregel_changelist")).content.decode()


def _hr_toets(organisatie, hr, personeelsnummer, capture):
    from benadeling.constants import BenadelingType
    from benadeling.services.toetsen import maatregel_toetsen

    with capture(execute=True):
        maatregel_toetsen(
            organisatie=organisatie,
            soort=BenadelingType.VERPLAATST,
            beoogd_op=timezone.localdate() + timedelta(days=30),
            personeelsnummer=personeelsnummer,
            door=hr,
        )


def test_hr_toets_met_treffer_laat_geen_ander_spoor_voor_hr_of_beheerder(
    client, beheerder, django_capture_on_commit_callbacks
):
    from benadeling.models import VoorgenomenMaatregel
    from benadeling.tests.factories import personeelszaken_voor, zaak

    z = zaak(personeelsnummer="P-4711")
    hr = personeelszaken_voor(z.melding.organisatie)
    ingelogd_als(client, beheerder)
    url = reverse("admin:kern_auditregel_changelist")

    def zichtbaar_voor_beheerder():
        return set(AuditRegel.objects.filter(categorie__in=["beheer", "inloggen"]).values_list("id", flat=True))

    voor = zichtbaar_voor_beheerder()
    _hr_toets(z.melding.organisatie, hr, "P-0000", django_capture_on_commit_callbacks)  # no match
    na_misser = zichtbaar_voor_beheerder()
    _hr_toets(z.melding.organisatie, hr, "P-4711", django_capture_on_commit_callbacks)  # match
    na_treffer = zichtbaar_voor_beheerder()
    assert VoorgenomenMaatregel.objects.filter(toets__isnull=False).count() == 1
    # Neither check adds anything the beheerder can see, so they cannot differ.
    assert voor == na_misser == na_treffer
    pagina = client.get(url).content.decode()
    assert "systeem" not in pagina
    assert "beschermd" not in pagina
    assert not hr.has_perm("kern.view_auditregel")


# --- §4 Filters in the address do not reach the cases ------------------------------------


def _omgekeerde_relaties(model):
    return [veld.name for veld in model._meta.get_fields() if veld.auto_created and not veld.concrete]


def test_beheerder_telt_geen_meldingen_via_filters_in_het_adres(client, beheerder):
    """Django's admin accepts any one-step lookup in the query string, also over a reverse
    relation: `/admin/meldingen/organisatie/?meldingen__gte=273` listed the organisation
    while it had a case with that number, `/admin/kern/gebruiker/?toewijzingen__gte=…` the
    staff members who got an assignment since: enough to count each organisation's reports
    and see who receives a new one (a report to the hoogste verantwoordelijke is about the HL).
    No list accepts a lookup over a reverse relation."""
    from django.contrib import admin

    melding = MeldingFactory()
    ingelogd_als(client, beheerder)
    organisaties = reverse("admin:meldingen_organisatie_changelist")
    assert client.get(organisaties, {"meldingen__gte": melding.pk}).status_code == 400
    assert melding.organisatie.naam not in client.get(organisaties, {"meldingen": melding.pk}).content.decode()
    superuser = GebruikerFactory(is_superuser=True)
    ingelogd_als(client, superuser)
    gecontroleerd = 0
    for model in admin.site._registry:
        opts = model._meta
        lijst = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if client.get(lijst).status_code != 200:
            continue
        for naam in _omgekeerde_relaties(model):
            for lookup in (f"{naam}__isnull", f"{naam}__gte", naam):
                antwoord = client.get(lijst, {lookup: "1" if not lookup.endswith("isnull") else "False"})
                assert antwoord.status_code == 400, f"{lijst}?{lookup}: {antwoord.status_code}"
                gecontroleerd += 1
    assert gecontroleerd
