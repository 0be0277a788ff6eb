"""Demo: the decisions on the forwarded demo cases (Art. 9.1-9.5).

Taken through the services of the case screen (onderzoek.handelingen) by whoever
leads the case, the HL or the hoogste verantwoordelijke when the HL is involved
(Art. 8.4): the decision, signed and sent to the melder (Art. 9.1-9.2); for an
investigation the signed mandate (Art. 9.4), an independent investigator (Art.
9.4) and the letter telling the melder by whom (Art. 9.5). Each signature asks a
fresh second-factor code of the signer's demo authenticator (kern.demo). Like
every step after receipt these are stamped now (meldingen/demo.py): the refusal
of the case of 40 days reaches the melder on day 40, so the overview shows the
Art. 9.2 term (two weeks) as met late.
"""

from __future__ import annotations

from dataclasses import dataclass

from kern import toegang
from kern.demo import verse_code
from kern.rollen import Rol
from meldingen.demo import brieven_doorsturen_als_vertrouwenspersoon
from onderzoek.constants import BesluitSoort, OnderzoekSoort
from onderzoek.services import besluit_nemen, onderzoek_instellen, onderzoek_melder_informeren, onderzoeker_toewijzen

ONAFHANKELIJKHEID = (
    "Ik ben niet betrokken bij de gemelde feiten, sta in geen persoonlijke of zakelijke relatie tot de "
    "betrokkenen en kan het onderzoek onafhankelijk en onpartijdig uitvoeren (Art. 9.4)."
)


@dataclass(frozen=True)
class Besluitplan:
    soort: BesluitSoort
    motivering: str
    # When an investigation follows (Art. 9.4): the mandate and who investigates,
    # a staff investigator (their role) or an external one (a name).
    opdracht: str = ""
    onderzoekssoort: OnderzoekSoort = OnderzoekSoort.FEITENONDERZOEK
    onderzoeker: Rol | None = None
    externe_onderzoeker: str = ""


# By the keys of meldingen/demo.py's cases; the cases not named here stay as that
# module left them.
BESLUITEN = {
    "in_onderzoek": Besluitplan(
        BesluitSoort.ONDERZOEK,
        "De melding is concreet en noemt meerdere momenten en getuigen: het vermoeden berust op redelijke gronden.",
        opdracht="Stel vast of de teamleider in het afgelopen jaar discriminerende opmerkingen heeft gemaakt, "
        "tegen wie en bij welke gelegenheden. Hoor de melder en de genoemde getuigen.",
        onderzoeker=Rol.ONDERZOEKER,
    ),
    "niet_in_onderzoek": Besluitplan(
        BesluitSoort.GEEN_REDELIJKE_GRONDEN,
        "Wij hebben de klachtenregistratie van het afgelopen jaar nagelopen: alle meldingen van huurders over "
        "schimmel zijn geregistreerd en opgevolgd. Het vermoeden berust daarom niet op redelijke gronden.",
    ),
    "hl_betrokken": Besluitplan(
        BesluitSoort.ONDERZOEK,
        "De melding noemt concrete opdrachten en een familierelatie die na te gaan zijn: het vermoeden "
        "berust op redelijke gronden.",
        opdracht="Onderzoek de gunning van opdrachten sinds 2023 aan het genoemde bedrijf: de procedure, wie "
        "besliste, en of een familierelatie met de directeur-bestuurder bestaat en gemeld is.",
        # The HL is involved: an investigator from outside the organisation (Art. 9.4).
        externe_onderzoeker="Bureau Integriteitsonderzoek Van Dam",
    ),
}


def vullen(ctx):
    gebruikers = ctx["gebruikers"]
    meldingen = ctx.get("demo_meldingen", {})
    for sleutel, plan in BESLUITEN.items():
        melding = meldingen.get(sleutel)
        if melding is None:
            continue
        leider = toegang.leiding_van(melding=melding)[0]
        besluit_nemen(
            melding=melding,
            soort=plan.soort,
            motivering=plan.motivering,
            door=leider,
            totp_code=verse_code(gebruiker=leider),
        )
        if plan.opdracht:
            onderzoek = onderzoek_instellen(
                melding=melding,
                soort=plan.onderzoekssoort,
                opdracht=plan.opdracht,
                door=leider,
                totp_code=verse_code(gebruiker=leider),
            )
            onderzoeker_toewijzen(
                onderzoek=onderzoek,
                gebruiker=gebruikers[plan.onderzoeker] if plan.onderzoeker else None,
                externe_naam=plan.externe_onderzoeker,
                verklaring=ONAFHANKELIJKHEID,
                verklaart_geen_betrokkenheid=True,
                door=leider,
            )
            onderzoek_melder_informeren(onderzoek=onderzoek, door=leider)
        brieven_doorsturen_als_vertrouwenspersoon(melding=melding)
