"""All of meldingen's extension points, in one module (docs/architecture.md).

meldingen is the base layer: it never imports an app above it, nor names its
words. A higher app that has something to add registers it here, once, in its
AppConfig.ready():

| extension point        | register with                     | meldingen calls it                      |
|------------------------|-----------------------------------|-----------------------------------------|
| request kinds          | `verzoeksoort_registreren`        | choices of `Verzoek.soort`              |
| answer handlers        | `afhandeling_registreren`         | in the transaction storing the answer   |
| subject display        | `weergave_registreren`            | when the melder reads a request         |
| term kinds             | `termijnsoort_registreren`        | choices of `Termijn.soort`, reminders   |
| terms outliving a case | `blijvende_termijnen_registreren` | on closing and withdrawal               |
| requests outliving it  | `blijvende_verzoeken_registreren` | on withdrawal                           |
| timeline event kinds   | `gebeurtenissoort_registreren`    | choices of `Gebeurtenis.soort`          |
| on submission          | `bij_indiening_registreren`       | inside `melding_indienen`'s transaction |
| on assignment          | `bij_toewijzing_registreren`      | inside the assignment's transaction     |
| on a person concerned  | `bij_betrokkene_registreren`      | inside `betrokkene_toevoegen`'s one     |
| on withdrawal          | `bij_intrekking_registreren`      | in `melding_intrekken`'s transaction    |
| erasing the identity   | `identiteitswissing_registreren`  | the mailbox's explanation; inside the   |
|                        |                                   | erasure's transaction (AVG art. 17)     |
| mailbox sections       | `sectie_registreren`              | when the mailbox page renders           |
| regulation address     | `regeling_registreren`            | when the public form renders            |
| transition conditions  | `voorwaarde_registreren`          | meldingen.overgangen, before each step  |
| transition evidence    | `bewijs_registreren`              | melding_status_wijzigen, as state moves |

Hooks called inside a transaction run in it: what they write commits or rolls
back with the step that called them, and an error in a hook fails the step (no
side effect is lost silently after commit). The case-screen actions of the
admin are registered with meldingen.admin.acties.actie_registreren.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kern import overgangen
from meldingen.constants import GebeurtenisSoort, TermijnSoort, VerzoekSoort

if TYPE_CHECKING:
    from meldingen.models import Meldingsbox, Verzoek


# --- Request kinds and the melder's answers ------------------------------------------
# A request to the melder is answered in the mailbox (docs/architecture.md). The app
# that opened it is called back as handler(verzoek=verzoek) inside the transaction
# that stores the answer, so the answer and its consequence commit together.

_VERZOEKSOORTEN: dict[str, object] = {}
Afhandeling = Callable[..., None]
_AFHANDELINGEN: dict[str, list[Afhandeling]] = {}


def verzoeksoort_registreren(waarde: str, label) -> None:
    _VERZOEKSOORTEN[str(waarde)] = label


def verzoeksoort_verwijderen(waarde: str) -> None:
    _VERZOEKSOORTEN.pop(str(waarde), None)


def verzoeksoort_keuzes() -> list[tuple[str, object]]:
    """Choices of Verzoek.soort: meldingen's own kinds and the registered ones."""
    return [*VerzoekSoort.choices, *_VERZOEKSOORTEN.items()]


def afhandeling_registreren(soort: str, afhandeling: Afhandeling) -> None:
    lijst = _AFHANDELINGEN.setdefault(str(soort), [])
    if afhandeling not in lijst:
        lijst.append(afhandeling)


def afhandeling_verwijderen(soort: str, afhandeling: Afhandeling) -> None:
    lijst = _AFHANDELINGEN.get(str(soort), [])
    if afhandeling in lijst:
        lijst.remove(afhandeling)


def afhandelen(*, verzoek: Verzoek) -> None:
    for afhandeling in tuple(_AFHANDELINGEN.get(str(verzoek.soort), ())):
        afhandeling(verzoek=verzoek)


@dataclass(frozen=True)
class Onderwerpweergave:
    """What the melder reads of a request's subject in the mailbox: plain text."""

    titel: str
    tekst: str


Weergave = Callable[..., "Onderwerpweergave | None"]
_WEERGAVEN: dict[str, Weergave] = {}


def weergave_registreren(object_type: str, weergave: Weergave) -> None:
    """`weergave(verzoek=...)` returns an Onderwerpweergave for a subject that is
    not one of meldingen's own records (object type "app_label.model")."""
    _WEERGAVEN[str(object_type)] = weergave


def weergave_verwijderen(object_type: str) -> None:
    _WEERGAVEN.pop(str(object_type), None)


def onderwerp_weergave(*, verzoek: Verzoek) -> Onderwerpweergave | None:
    weergave = _WEERGAVEN.get(verzoek.object_type or "")
    return weergave(verzoek=verzoek) if weergave else None


# --- Term kinds -------------------------------------------------------------------------
# meldingen's term engine runs every statutory term as a row (docs/termijnen.md). A
# higher app registers the kinds it starts and closes itself.


@dataclass(frozen=True)
class Termijnsoort:
    waarde: str
    label: object
    # Days before the due day from which the responsible person is reminded.
    herinneren_dagen_voor: int
    # A term of an organisation rather than of one case (the annual report).
    per_organisatie: bool = False
    # A term that outlives the case: closing the report does not void it (e.g. acting
    # on a retaliation claim, Art. 6.3: the protection of Art. 5 outlasts the case).
    blijft_na_afsluiten: bool = False


_TERMIJNSOORTEN: dict[str, Termijnsoort] = {}


def termijnsoort_registreren(soort: Termijnsoort) -> None:
    _TERMIJNSOORTEN[soort.waarde] = soort


def termijnsoort_verwijderen(waarde: str) -> None:
    _TERMIJNSOORTEN.pop(str(waarde), None)


def termijnsoort_keuzes() -> list[tuple[str, object]]:
    """Choices of Termijn.soort: meldingen's own kinds and the registered ones."""
    return [*TermijnSoort.choices, *((s.waarde, s.label) for s in _TERMIJNSOORTEN.values())]


def geregistreerde_termijnsoort(waarde: str) -> Termijnsoort | None:
    return _TERMIJNSOORTEN.get(str(waarde))


def termijnsoorten_per_organisatie() -> tuple[str, ...]:
    return tuple(s.waarde for s in _TERMIJNSOORTEN.values() if s.per_organisatie)


def termijnsoorten_na_afsluiten() -> tuple[str, ...]:
    """The registered kinds that closing a case leaves running (blijft_na_afsluiten)."""
    return tuple(s.waarde for s in _TERMIJNSOORTEN.values() if s.blijft_na_afsluiten)


# --- Terms of one subject that outlive the case ---------------------------------------
# `blijft_na_afsluiten` keeps a whole kind running. Some terms of a kind meldingen
# owns belong to something that runs on after the report ends: the standpunt term of
# an Art. 13.2 investigation (a STANDPUNT term with its own Termijn.onderwerp) is
# owed whether or not the report is closed or withdrawn, while the report's own
# standpunt term (onderwerp "") ends with the case. The app that knows which subjects
# still run registers aanbieder(melding=...) -> the keys of those terms
# (meldingen.services.termijnen.termijnsleutel, "kind|subject").

Blijvend = Callable[..., Iterable[str]]
_BLIJVEND: list[Blijvend] = []


def blijvende_termijnen_registreren(aanbieder: Blijvend) -> None:
    if aanbieder not in _BLIJVEND:
        _BLIJVEND.append(aanbieder)


def blijvende_termijnen_verwijderen(aanbieder: Blijvend) -> None:
    if aanbieder in _BLIJVEND:
        _BLIJVEND.remove(aanbieder)


def termijnen_na_afsluiten(*, melding) -> tuple[str, ...]:
    """What closing or withdrawing this case leaves running, as term keys: each
    kind registered with blijft_na_afsluiten (every subject), and the subjects the
    registered providers name ("kind|subject")."""
    sleutels = [*termijnsoorten_na_afsluiten()]
    for aanbieder in tuple(_BLIJVEND):
        sleutels.extend(str(sleutel) for sleutel in aanbieder(melding=melding))
    return tuple(sleutels)


# --- Requests to the melder that outlive the report ---------------------------------------
# Withdrawing the report (meldingen.services.afsluiten.melding_intrekken) ends its
# procedure, and the requests still waiting for the melder in it are withdrawn. A
# request that belongs to something running on after the report stays open: the
# protection against retaliation (Art. 5) outlasts the report, and with it, for
# example, the melder's comments on the concept report of a still-running Art. 13.2
# investigation into their treatment (Art. 10.5 via 13.2). The app that knows
# registers aanbieder(melding=...) -> the primary keys of those open requests.

BlijvendeVerzoeken = Callable[..., Iterable[int]]
_BLIJVENDE_VERZOEKEN: list[BlijvendeVerzoeken] = []


def blijvende_verzoeken_registreren(aanbieder: BlijvendeVerzoeken) -> None:
    if aanbieder not in _BLIJVENDE_VERZOEKEN:
        _BLIJVENDE_VERZOEKEN.append(aanbieder)


def blijvende_verzoeken_verwijderen(aanbieder: BlijvendeVerzoeken) -> None:
    if aanbieder in _BLIJVENDE_VERZOEKEN:
        _BLIJVENDE_VERZOEKEN.remove(aanbieder)


def verzoeken_na_intrekken(*, melding) -> frozenset[int]:
    """The open requests of this case that withdrawing it leaves open (primary keys)."""
    return frozenset(pk for aanbieder in tuple(_BLIJVENDE_VERZOEKEN) for pk in aanbieder(melding=melding))


# --- Timeline event kinds -----------------------------------------------------------------

_GEBEURTENISSOORTEN: dict[str, object] = {}


def gebeurtenissoort_registreren(waarde: str, label) -> None:
    _GEBEURTENISSOORTEN[str(waarde)] = label


def gebeurtenissoort_keuzes() -> list[tuple[str, object]]:
    """Choices of Gebeurtenis.soort: meldingen's own kinds and the registered ones."""
    return [*GebeurtenisSoort.choices, *_GEBEURTENISSOORTEN.items()]


# --- Hooks inside meldingen's services ---------------------------------------------------

Indieningshook = Callable[..., None]
_BIJ_INDIENING: list[Indieningshook] = []
Toewijzingshook = Callable[..., None]
_BIJ_TOEWIJZING: list[Toewijzingshook] = []
Betrokkenehook = Callable[..., None]
_BIJ_BETROKKENE: list[Betrokkenehook] = []


def bij_indiening_registreren(hook: Indieningshook) -> None:
    """`hook(melding=..., identiteit=...)` runs inside the transaction of
    melding_indienen (identiteit: the stored MelderIdentiteit, or None when
    anonymous). Art. 5.1: the melder becomes a protected person here, so the
    report and the protection commit together or not at all."""
    if hook not in _BIJ_INDIENING:
        _BIJ_INDIENING.append(hook)


def na_indiening(*, melding, identiteit) -> None:
    for hook in tuple(_BIJ_INDIENING):
        hook(melding=melding, identiteit=identiteit)


def bij_toewijzing_registreren(hook: Toewijzingshook) -> None:
    """`hook(melding=..., rol=..., gebeurtenis=...)` runs inside the transaction
    that assigns a role on a case (e.g. the Art. 6.1 term starts when the
    contactpersoon is appointed)."""
    if hook not in _BIJ_TOEWIJZING:
        _BIJ_TOEWIJZING.append(hook)


def na_toewijzing(*, melding, rol, gebeurtenis) -> None:
    for hook in tuple(_BIJ_TOEWIJZING):
        hook(melding=melding, rol=rol, gebeurtenis=gebeurtenis)


def bij_betrokkene_registreren(hook: Betrokkenehook) -> None:
    """`hook(betrokkene=...)` runs inside the transaction of betrokkene_toevoegen,
    once the person concerned is stored. Someone recorded late is owed what the
    others were told already (Art. 11.4: the standpunt, "in overeenkomstige zin" as
    the melder): the app that owns that duty starts its term here, so the person
    recorded and the reminder commit together."""
    if hook not in _BIJ_BETROKKENE:
        _BIJ_BETROKKENE.append(hook)


def na_betrokkene_toevoegen(*, betrokkene) -> None:
    for hook in tuple(_BIJ_BETROKKENE):
        hook(betrokkene=betrokkene)


# Withdrawing the report (meldingen.services.afsluiten.melding_intrekken) ends its
# procedure (docs/toestanden.md). What a higher app runs as part of that
# procedure ends with it, in the same transaction: an investigation of the report
# itself stops, and whoever worked on it loses access to the case (Art. 7.1: only
# those who handle the report). What protects the melder goes on (Art. 5, 13.2), as
# the terms and requests registered above with blijvende_termijnen_registreren and
# blijvende_verzoeken_registreren do: the hook leaves it running.
Intrekkingshook = Callable[..., None]
_BIJ_INTREKKING: list[Intrekkingshook] = []


def bij_intrekking_registreren(hook: Intrekkingshook) -> None:
    """`hook(melding=...)` runs inside the transaction of melding_intrekken, after
    the case moved to `ingetrokken` (so the hook reads it withdrawn); an error in a
    hook fails the withdrawal as a whole."""
    if hook not in _BIJ_INTREKKING:
        _BIJ_INTREKKING.append(hook)


def bij_intrekking_verwijderen(hook: Intrekkingshook) -> None:
    if hook in _BIJ_INTREKKING:
        _BIJ_INTREKKING.remove(hook)


def na_intrekking(*, melding) -> None:
    for hook in tuple(_BIJ_INTREKKING):
        hook(melding=melding)


# --- Erasing the melder's identity (AVG art. 17) -----------------------------------------
# A higher app may hold something it derived from the melder's identity (a copy of its
# blind indexes, say) or do something that relies on recognising the melder. When the
# melder asks to erase the identity, the mailbox first tells them what that means for
# each app (`gevolgen`), and when the receiving officer erases it (wholly, or only the
# contact details when the rest must be kept, AVG art. 17(3)), each app drops what
# belongs to the erased fields inside that transaction and says what it keeps and why
# (`wissen`), for the letter to the melder. meldingen.services.identiteit calls both.


@dataclass(frozen=True)
class Identiteitsdeelnemer:
    naam: str
    # gevolgen(melding=...) -> plain sentences for the melder, before they ask: what
    # erasing the identity costs or leaves in place in this app. Nothing the melder
    # does not already know (no content, no names).
    gevolgen: Callable[..., Iterable[str]]
    # wissen(melding=..., velden=frozenset[str], door=...) -> plain sentences for the
    # letter on what this app keeps and why. `velden` names the MelderIdentiteit fields
    # that were erased, blind indexes included ("email_index", "personeelsnummer_index").
    wissen: Callable[..., Iterable[str]]


_IDENTITEITSDEELNEMERS: dict[str, Identiteitsdeelnemer] = {}


def identiteitswissing_registreren(deelnemer: Identiteitsdeelnemer) -> None:
    _IDENTITEITSDEELNEMERS[deelnemer.naam] = deelnemer


def identiteitswissing_verwijderen(naam: str) -> None:
    _IDENTITEITSDEELNEMERS.pop(naam, None)


def gevolgen_identiteit_wissen(*, melding) -> list[str]:
    """What the higher apps tell the melder before they ask to erase their identity."""
    return [str(zin) for d in tuple(_IDENTITEITSDEELNEMERS.values()) for zin in d.gevolgen(melding=melding)]


def na_identiteit_wissen(*, melding, velden: frozenset[str], door) -> list[str]:
    """Inside the erasure's transaction: each app drops what belongs to `velden`;
    returns what they keep and why, for the letter. An error fails the erasure."""
    return [
        str(zin)
        for d in tuple(_IDENTITEITSDEELNEMERS.values())
        for zin in d.wissen(melding=melding, velden=velden, door=door)
    ]


# --- Mailbox sections ----------------------------------------------------------------------
# The mailbox is the one channel to the melder; a higher app shows its part there. The
# mailbox view renders each section with the request (forms get their CSRF token); forms
# post to the app's own URLs, which find the mailbox with meldingen.views.meldingsbox_uit_sessie.


@dataclass(frozen=True)
class Sectie:
    template: str
    context: dict = field(default_factory=dict)


Aanbieder = Callable[..., "Sectie | None"]
_SECTIES: dict[str, Aanbieder] = {}


def sectie_registreren(naam: str, aanbieder: Aanbieder) -> None:
    """`aanbieder(meldingsbox=...)` returns a Sectie or None."""
    _SECTIES[naam] = aanbieder


def sectie_verwijderen(naam: str) -> None:
    _SECTIES.pop(naam, None)


def secties_voor(*, meldingsbox: Meldingsbox) -> list[Sectie]:
    secties = (aanbieder(meldingsbox=meldingsbox) for aanbieder in _SECTIES.values())
    return [s for s in secties if s is not None]


# --- Where the published regulation is (Art. 14.1) ----------------------------------------

_REGELING: list[Callable] = []


def regeling_registreren(aanbieder: Callable) -> None:
    """`aanbieder(organisatie) -> str | None`: the public URL of the regulation,
    or None while nothing is published. The public form then says where else to look."""
    _REGELING[:] = [aanbieder]


def regeling_url(*, organisatie) -> str | None:
    return _REGELING[0](organisatie) if _REGELING else None


# --- Preconditions of transition-table rows ---------------------------------------------
# A row of meldingen.workflow names its preconditions; the app that knows the answer
# registers a check: check(melding) -> None when met, or the reason (shown to the user)
# why not. meldingen registers its own (meldingen.overgangen); onderzoek registers
# "onderzoek_afgerond" and "reactie_beantwoord". The registry is kern's, shared by
# every case type's table (kern.overgangen).

voorwaarde_registreren = overgangen.voorwaarde_registreren
voorwaarde = overgangen.voorwaarde

# --- Evidence a row requires when the state moves ----------------------------------------
# A row names what the step itself produces and the state may not move without
# (kern.overgangen, `bewijs`): check(melding, naar) -> None when present, or the
# reason why not. onderzoek registers "besluit_ondertekend" (Art. 9.1-9.3) and
# "standpunt_ondertekend" (Art. 11.1). Asked only by melding_status_wijzigen.

bewijs_registreren = overgangen.bewijs_registreren
bewijs = overgangen.bewijs
