"""The screens: next week's destruction list (register numbers and dates only),
the legal hold, and no path in the admin that destroys a case (docs/retention.md)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import BlokkadeReden, Status
from meldingen.models import Bewaarblokkade, Melding
from meldingen.services import bewaring
from meldingen.tests.test_toegang import _geverifieerd
from tests.bewaring.zaken import GEHEIM, MELDER, afgesloten_zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def direct_te_vernietigen(settings):
    # The installation minimum is a setting; 0 lets a case closed today be due
    # today, so the list and the job can be shown without waiting two years.
    settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = 0
    settings.MELDPUNT_VERNIETIGING_AAN = True

    def zaak():
        z = afgesloten_zaak()
        bewaring.bewaarbeleid_instellen(organisatie=z.melding.organisatie, maanden_met_onderzoek=0, door=None)
        return z

    return zaak


def test_vernietigingslijst_toont_alleen_nummers_en_datums_van_eigen_meldingen(client, direct_te_vernietigen):
    zaak, andere = direct_te_vernietigen(), direct_te_vernietigen()
    _geverifieerd(client, zaak.ontvanger)
    pagina = client.get(reverse("admin:meldingen_tevernietigenmelding_changelist")).content.decode()
    assert zaak.melding.registernummer in pagina
    assert timezone.localdate().strftime("%d-%m-%Y") in pagina
    for geheim in (GEHEIM, MELDER, "Quistbouw"):
        assert geheim not in pagina
    # Another organisation's case (another receiving officer) is not listed.
    assert reverse("admin:meldingen_melding_change", args=[andere.melding.pk]) not in pagina


def test_bewaarblokkade_op_het_zaakscherm_en_geen_verwijderknop(client, direct_te_vernietigen):
    zaak = direct_te_vernietigen()
    _geverifieerd(client, zaak.ontvanger)
    scherm = client.get(reverse("admin:meldingen_melding_change", args=[zaak.melding.pk])).content.decode()
    assert "/delete/" not in scherm
    assert client.post(reverse("admin:meldingen_melding_delete", args=[zaak.melding.pk])).status_code in (403, 404)
    url = reverse("admin:meldingen_melding_bewaarblokkade", args=[zaak.melding.pk])
    antwoord = client.post(
        url, {"reden": BlokkadeReden.GESCHIL_NADELIGE_BEHANDELING, "toelichting": "Zaak bij de kantonrechter."}
    )
    assert antwoord.status_code == 302
    assert Bewaarblokkade.objects.get(melding=zaak.melding).reden == BlokkadeReden.GESCHIL_NADELIGE_BEHANDELING
    bewaring.bewaartermijnen_toepassen()
    assert Melding.objects.get(pk=zaak.melding.pk).status == Status.AFGESLOTEN


def test_niet_toegewezen_krijgt_404_op_blokkade_en_ziet_de_melding_niet_op_de_lijst(client, direct_te_vernietigen):
    zaak = direct_te_vernietigen()
    vreemde = GebruikerFactory(rol=Rol.VERTROUWENSPERSOON)
    _geverifieerd(client, vreemde)
    url = reverse("admin:meldingen_melding_bewaarblokkade", args=[zaak.melding.pk])
    assert client.post(url, {"reden": BlokkadeReden.RECHTSZAAK}).status_code == 404
    pagina = client.get(reverse("admin:meldingen_tevernietigenmelding_changelist")).content.decode()
    assert zaak.melding.registernummer not in pagina


def test_dossier_export_vanaf_het_zaakscherm_is_een_download(client, direct_te_vernietigen):
    zaak = direct_te_vernietigen()
    _geverifieerd(client, zaak.ontvanger)
    url = reverse("admin:meldingen_melding_dossier_exporteren", args=[zaak.melding.pk])
    zin = "een lange wachtwoordzin"
    antwoord = client.post(url, {"doel": "archief", "wachtwoordzin": zin, "herhaling": zin})
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment")
    assert antwoord.content.startswith(b"MELDPUNT-DOSSIER-1")


def test_bewaarbeleid_op_de_organisatie_korter_dan_minimum_geweigerd(client, settings):
    from meldingen.tests.factories import OrganisatieFactory

    settings.MELDPUNT_BEWAARTERMIJN_MINIMUM_MAANDEN = 3
    beheerder = GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER)
    _geverifieerd(client, beheerder)
    organisatie = OrganisatieFactory()
    url = reverse("admin:meldingen_organisatie_change", args=[organisatie.pk])
    pagina = client.get(url).content.decode()
    assert "bewaarbeleid-0-maanden_ingetrokken" in pagina
    gegevens = {
        "naam": organisatie.naam,
        "slug": organisatie.slug,
        "briefhoofd": organisatie.briefhoofd,
        "heeft_toezichtorgaan": "on",
        **{
            f"{prefix}-{k}": v
            for prefix in ("functionarissen", "termijninstelling", "bewaarbeleid")
            for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1"))
        },
        "bewaarbeleid-TOTAL_FORMS": "1",
        "bewaarbeleid-0-maanden_met_onderzoek": "24",
        "bewaarbeleid-0-maanden_zonder_onderzoek": "12",
        "bewaarbeleid-0-maanden_ingetrokken": "2",
        "bewaarbeleid-0-maanden_adviesvraag": "6",
    }
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    assert "Ten minste 3 maanden" in antwoord.content.decode()
    gegevens["bewaarbeleid-0-maanden_ingetrokken"] = "9"
    assert client.post(url, gegevens).status_code == 302
    assert organisatie.bewaarbeleid.maanden_ingetrokken == 9


def test_vernietigingslijst_bekijken_staat_niet_in_de_auditlog_van_de_beheerder(client, direct_te_vernietigen):
    """The row that records a look at the destruction list said how many of this
    officer's cases are destroyed next week; it was a configuration row (its object is
    the user), so the functioneel beheerder read it (docs/threat-model.md §4)."""
    from kern.models import AuditCategorie, AuditRegel

    zaak = direct_te_vernietigen()
    _geverifieerd(client, zaak.ontvanger)
    client.get(reverse("admin:meldingen_tevernietigenmelding_changelist"))
    regel = AuditRegel.objects.get(toelichting__startswith="vernietigingslijst", actor=zaak.ontvanger)
    assert regel.categorie == AuditCategorie.GEVAL
    client.logout()
    _geverifieerd(client, GebruikerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER))
    lijst = client.get(reverse("admin:kern_auditregel_changelist"), {"q": zaak.ontvanger.username})
    assert "vernietigingslijst" not in lijst.content.decode()
    assert client.get(reverse("admin:kern_auditregel_change", args=[regel.pk])).status_code == 404
