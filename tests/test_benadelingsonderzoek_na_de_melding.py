"""The Art. 13.2 investigation into the melder's treatment outlives the report
(Art. 5, docs/termijnen.md): after the report is withdrawn it can still end
without a report and get its standpunt, as the report's own investigation can
(Art. 11.1 via Art. 13.2, "artikelen 10 t/m 13 van overeenkomstige toepassing"),
and withdrawal leaves its requests to the melder open (Art. 10.1, 10.5 via 13.2).
Through the services the case screen and the mailbox call."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from benadeling.constants import BenadelingOordeel
from benadeling.selectors import dossier_gebeurtenissen
from benadeling.services.verzoeken import (
    onderzoeksverzoek_indienen,
    onderzoeksverzoek_inwilligen,
    onderzoeksverzoek_standpunt_vaststellen,
)
from benadeling.workflow import VERZOEK, VerzoekStatus, verzoek_status
from meldingen.constants import Status, TermijnSoort
from meldingen.models import Termijn, Verzoek
from meldingen.services.afsluiten import melding_intrekken
from meldingen.services.meldingsbox import (
    brief_doorsturen_door_vertrouwenspersoon,
    verzoek_doorsturen_door_vertrouwenspersoon,
)
from onderzoek.constants import OnderzoekStatus, termijnonderwerp
from onderzoek.services import (
    onderzoek_zonder_rapport_beeindigen,
)
from onderzoek.tests.factories import Zaak
from tests.test_workflow_rijen import PAD, _nemen

pytestmark = pytest.mark.django_db
S = Status
REDEN_ZONDER_RAPPORT = "De leidinggevende is vertrokken; de melder werkt op een andere afdeling."


def _in_onderzoek_met_verzoek():
    """A report under investigation (Art. 9.1) and a granted Art. 13.1 request:
    an investigation of the kind "benadeling" with its own standpunt term."""
    zaak = Zaak(doorsturen=False)
    for stap in PAD[S.IN_ONDERZOEK]:
        _nemen(zaak, *stap)
    verzoek = onderzoeksverzoek_indienen(melding=zaak.melding, verzoek="Onderzoek hoe ik word behandeld.")
    verzoek = onderzoeksverzoek_inwilligen(
        verzoek=verzoek, opdracht="Hoe is de melder behandeld?", door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    return zaak, verzoek


def _standpunttermijn(zaak, verzoek):
    return Termijn.objects.get(
        melding=zaak.melding, soort=TermijnSoort.STANDPUNT, onderwerp=termijnonderwerp(verzoek.onderzoek)
    )


def _zonder_rapport(zaak, verzoek):
    """Art. 11.1 via 13.2: the HL ends the investigation without a report, with a signed reason."""
    onderzoek_zonder_rapport_beeindigen(
        onderzoek=verzoek.onderzoek, reden=REDEN_ZONDER_RAPPORT, door=zaak.hl.gebruiker, totp_code=zaak.hl.code()
    )
    verzoek.refresh_from_db()
    assert verzoek.onderzoek.status == OnderzoekStatus.ZONDER_RAPPORT


def _bij_melder(zaak, brief_of_verzoek):
    # Art. 7.3: reported through the vertrouwenspersoon, who passes it on to the melder.
    if brief_of_verzoek.via_vertrouwenspersoon and brief_of_verzoek.bij_melder_op is None:
        if isinstance(brief_of_verzoek, Verzoek):
            verzoek_doorsturen_door_vertrouwenspersoon(verzoek=brief_of_verzoek, door=zaak.ontvanger)
        else:
            brief_doorsturen_door_vertrouwenspersoon(brief=brief_of_verzoek, door=zaak.ontvanger)
        brief_of_verzoek.refresh_from_db()
    return brief_of_verzoek


# --- Defect 1: the Art. 13.2 standpunt after an investigation without a report ------------


def test_art_13_2_standpunt_wacht_op_het_einde_van_het_onderzoek():
    """Art. 13.2 with 10.6 and 11.1: while the investigation runs, no standpunt;
    the service refuses and the table's guard (which the screen asks) says no."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    assert not VERZOEK.mag(verzoek, VerzoekStatus.STANDPUNT_GEGEVEN, zaak.hl.gebruiker)
    with pytest.raises(ValidationError, match=r"Art\. 11\.1"):
        onderzoeksverzoek_standpunt_vaststellen(
            verzoek=verzoek,
            uitkomst=BenadelingOordeel.GEEN_BENADELING,
            standpunt="Te vroeg.",
            vervolgstappen="Geen.",
            door=zaak.hl.gebruiker,
            totp_code=zaak.hl.code(),
        )
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is None


def test_art_13_2_standpunt_na_onderzoek_zonder_rapport_sluit_de_eigen_termijn_ook_na_intrekken():
    """The defect: an investigation ended `zonder_rapport` never got its standpunt,
    so its term stayed open and escalated for ever. As on the report itself
    (onderzoek_afgerond accepts the signed reason), the HL now gives the standpunt
    on the signed reason; its letter closes the investigation's term, also after
    the report was withdrawn (Art. 5: the protection outlives the report)."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    melding_intrekken(meldingsbox=zaak.box, reden="Ik trek mijn melding in.")
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == S.INGETROKKEN
    _zonder_rapport(zaak, verzoek)
    termijn = _standpunttermijn(zaak, verzoek)
    assert termijn.gesloten_op is None
    assert termijn.vervallen_op is None
    assert VERZOEK.mag(verzoek, VerzoekStatus.STANDPUNT_GEGEVEN, zaak.hl.gebruiker)
    onderzoeksverzoek_standpunt_vaststellen(
        verzoek=verzoek,
        uitkomst=BenadelingOordeel.GEEN_BENADELING,
        standpunt="Zonder rapport: de overplaatsing hield geen verband met de melding.",
        vervolgstappen="Geen.",
        door=zaak.hl.gebruiker,
        totp_code=zaak.hl.code(),
    )
    verzoek.refresh_from_db()
    assert verzoek_status(verzoek) == VerzoekStatus.STANDPUNT_GEGEVEN
    _bij_melder(zaak, zaak.melding.brieven.get(soort="benadeling_standpunt_benadeling"))
    termijn.refresh_from_db()
    assert termijn.gesloten_op is not None
    assert termijn.vervallen_op is None
    # Nothing of the investigation is left running.
    assert not Termijn.objects.open().filter(melding=zaak.melding, soort=TermijnSoort.STANDPUNT).exists()


def _hl_op_het_zaakscherm(client, zaak):
    """The HL logged in with the second factor (the admin demands it), on the
    authenticator the HL also signs with."""
    client.force_login(zaak.hl.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = zaak.hl.apparaat.persistent_id
    sessie.save()
    return client


def test_art_13_2_standpunt_na_onderzoek_zonder_rapport_op_het_zaakscherm(client):
    """The case screen offers the step exactly when the service takes it: not while
    the investigation runs, and after it ended without a report (Art. 11.1 via
    13.2) it offers the request and the standpunt goes out from the screen."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    _hl_op_het_zaakscherm(client, zaak)
    url = reverse("admin:meldingen_melding_benadeling_standpunt", args=[zaak.melding.pk])
    scherm = reverse("admin:meldingen_melding_change", args=[zaak.melding.pk])
    assert client.get(url).status_code == 404
    assert url not in client.get(scherm).content.decode()
    _zonder_rapport(zaak, verzoek)
    assert url in client.get(scherm).content.decode()
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert list(formulier.context["form"].fields["verzoek"].queryset) == [verzoek]
    antwoord = client.post(
        url,
        {
            "verzoek": verzoek.pk,
            "uitkomst": BenadelingOordeel.GEEN_BENADELING,
            "standpunt": "Er is geen benadeling gebleken.",
            "vervolgstappen": "Geen.",
            "totp_code": zaak.hl.code(),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.standpunt_op is not None
    # Given once: the screen no longer offers it.
    assert client.get(url).status_code == 404


def test_art_13_2_dossier_noemt_de_ondertekende_reden_zonder_rapport():
    """The retaliation dossier (court, Huis voor Klokkenluiders) shows why the
    investigation ended without a report (Art. 11.1), signed, before the standpunt."""
    zaak, verzoek = _in_onderzoek_met_verzoek()
    _zonder_rapport(zaak, verzoek)
    regels = [g for g in dossier_gebeurtenissen(melding=zaak.melding) if g.artikel == "Art. 11.1"]
    assert len(regels) == 1
    assert regels[0].regels == [REDEN_ZONDER_RAPPORT]
    assert regels[0].hash == verzoek.onderzoek.afzien_van_rapport.ondertekening.document_hash
