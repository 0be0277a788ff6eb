"""Every row of the report's transition table (meldingen.workflow), walked through
the service the row names, from a case that reached the row's start through the
services too (issue 14: no low-level transition function, no stored state)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.module_loading import import_string

from meldingen.constants import Status
from meldingen.models import Vernietigingsbatch
from meldingen.workflow import SYSTEEM, TOEGESTANE_OVERGANGEN
from onderzoek.constants import BesluitSoort, OnderzoekSoort, StandpuntUitkomst
from onderzoek.tests.factories import Zaak, onderzoek_afronden, ontvangst_en_contactpersoon

pytestmark = pytest.mark.django_db

S = Status
BESLUIT = {
    S.NIET_IN_ONDERZOEK: BesluitSoort.GEEN_REDELIJKE_GRONDEN,
    S.IN_ONDERZOEK: BesluitSoort.ONDERZOEK,
    S.DOORVERWEZEN: BesluitSoort.DOORVERWIJZEN,
}


def _argumenten(zaak, van, naar) -> dict:
    """The keyword arguments each named service takes, as the screen or mailbox gives them."""
    hl = zaak.hl
    dienst = TOEGESTANE_OVERGANGEN[(van, naar)].dienst.rsplit(".", 1)[-1]
    m = zaak.melding
    return {
        "melding_doorsturen": lambda: {"melding": m, "door": zaak.ontvanger},
        "besluit_nemen": lambda: {
            "melding": m,
            "soort": BESLUIT[naar],
            "motivering": "Gemotiveerd besluit.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "standpunt_vaststellen": lambda: {
            "melding": m,
            "uitkomst": StandpuntUitkomst.GEGROND,
            "inhoud": "De melding is gegrond.",
            "vervolgstappen": "Terugvordering.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "wederhoor_registreren": lambda: {"melding": m, "reactie": "Niet juist.", "onderbouwd_bezwaar": True},
        "wederhoor_beantwoorden": lambda: {
            "wederhoor": m.wederhoren.get(),
            "antwoord": "Inhoudelijk antwoord.",
            "aanvullend_onderzoek": naar == S.IN_ONDERZOEK,
            "opdracht": "Onderzoek aanvullend.",
            "door": hl.gebruiker,
            "totp_code": hl.code(),
        },
        "melding_afsluiten_na_standpunt": lambda: {"melding": m, "reden": "Afgerond.", "door": hl.gebruiker},
        "melding_afsluiten": lambda: {"melding": m, "reden": "Brief verstuurd, geen reactie.", "door": zaak.ontvanger},
        "melding_intrekken": lambda: {"meldingsbox": zaak.box, "reden": "Ik trek mijn melding in."},
    }[dienst]()


def _nemen(zaak, van, naar):
    zaak.melding.refresh_from_db()
    assert zaak.melding.status == van
    if (van, naar) == (S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN):
        # Art. 9.5-10.6: the investigation is finished first (precondition of the row).
        onderzoek_afronden(zaak.melding, zaak.hl)
    if naar == S.AFGESLOTEN:
        # Art. 8.5-8.6: no case closes while the acknowledgement or the contactpersoon is owed.
        ontvangst_en_contactpersoon(zaak.melding, zaak.hl)
    import_string(TOEGESTANE_OVERGANGEN[(van, naar)].dienst)(**_argumenten(zaak, van, naar))
    zaak.melding.refresh_from_db()
    if (van, naar) == (S.IN_BEHANDELING, S.IN_ONDERZOEK):
        # Art. 9.4: the investigation mandate follows the decision.
        from onderzoek.services import onderzoek_instellen

        onderzoek_instellen(
            melding=zaak.melding,
            soort=OnderzoekSoort.FEITENONDERZOEK,
            opdracht="Onderzoek de facturen.",
            door=zaak.hl.gebruiker,
            totp_code=zaak.hl.code(),
        )


# The way to each state, row by row from receipt.
PAD = {
    S.ONTVANGEN: [],
    S.IN_BEHANDELING: [(S.ONTVANGEN, S.IN_BEHANDELING)],
    S.NIET_IN_ONDERZOEK: [(S.ONTVANGEN, S.IN_BEHANDELING), (S.IN_BEHANDELING, S.NIET_IN_ONDERZOEK)],
    S.DOORVERWEZEN: [(S.ONTVANGEN, S.IN_BEHANDELING), (S.IN_BEHANDELING, S.DOORVERWEZEN)],
    S.IN_ONDERZOEK: [(S.ONTVANGEN, S.IN_BEHANDELING), (S.IN_BEHANDELING, S.IN_ONDERZOEK)],
}
PAD[S.STANDPUNT_VERZONDEN] = [*PAD[S.IN_ONDERZOEK], (S.IN_ONDERZOEK, S.STANDPUNT_VERZONDEN)]
PAD[S.WEDERHOOR] = [*PAD[S.STANDPUNT_VERZONDEN], (S.STANDPUNT_VERZONDEN, S.WEDERHOOR)]

RIJEN = sorted(TOEGESTANE_OVERGANGEN)


@pytest.mark.parametrize(("van", "naar"), RIJEN, ids=lambda s: str(s))
def test_elke_rij_via_haar_dienst(van, naar):
    overgang = TOEGESTANE_OVERGANGEN[(van, naar)]
    zaak = Zaak(doorsturen=False)
    if overgang.door == SYSTEEM:
        # The retention job's rows (docs/retention.md): the case is closed or
        # withdrawn through its services, then destroyed by the job's one service
        # once the retention period has passed.
        assert naar == S.VERNIETIGD
        if van == S.INGETROKKEN:
            _nemen(zaak, S.ONTVANGEN, S.INGETROKKEN)
        else:
            for stap in PAD[S.NIET_IN_ONDERZOEK]:
                _nemen(zaak, *stap)
            with time_machine.travel(timezone.now() + timedelta(days=16)):
                _nemen(zaak, S.NIET_IN_ONDERZOEK, S.AFGESLOTEN)
        later = timezone.localdate() + timedelta(days=3 * 366)
        batch = Vernietigingsbatch.objects.create(peildatum=later)
        import_string(overgang.dienst)(melding=zaak.melding, batch=batch, vandaag=later)
        zaak.melding.refresh_from_db()
        assert zaak.melding.status == S.VERNIETIGD
        assert zaak.melding.gebeurtenissen.filter(van_status=van, naar_status=naar).get().artikel == overgang.artikel
        return
    for stap in PAD[van]:
        _nemen(zaak, *stap)
    if (van, naar) == (S.WEDERHOOR, S.AFGESLOTEN):
        # Art. 12.2: the reaction is answered first (without a new investigation).
        from onderzoek.services import wederhoor_beantwoorden

        wederhoor_beantwoorden(wederhoor=zaak.melding.wederhoren.get(), antwoord="Beantwoord.", door=zaak.hl.gebruiker)
    if "reactietermijn_verstreken" in overgang.voorwaarden:
        # Art. 12.1, docs/rollen.md: refused while the melder may still react.
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            _nemen(zaak, van, naar)
        with time_machine.travel(timezone.now() + timedelta(days=16)):
            _nemen(zaak, van, naar)
    else:
        _nemen(zaak, van, naar)
    assert zaak.melding.status == naar
    gebeurtenis = zaak.melding.gebeurtenissen.filter(van_status=van, naar_status=naar).get()
    assert gebeurtenis.artikel == overgang.artikel
