"""benadeling's hooks into the melder's side of meldingen (docs/melderzijde.md):
the section in the mailbox (Art. 6.2, 13), the melder's protected-person row
(Art. 5.1, 5.4), and what erasing the melder's identity means for both (AVG art.
17). Registered in BenadelingConfig.ready; meldingen never imports this."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from benadeling import auditnotities
from benadeling.constants import BeschermdeRol
from benadeling.models import BeschermdPersoon, Personeelstoets, VoorgenomenMaatregel
from benadeling.selectors import melder_overzicht
from benadeling.services.beschermd import beschermd_persoon_toevoegen
from kern.kalender import lokale_datum
from kern.models import AuditActie
from kern.services import auditregel_schrijven
from meldingen.uitbreidingen import Identiteitsdeelnemer, Sectie


def box_sectie(*, meldingsbox) -> Sectie:
    """Retaliation in the mailbox: what became of the melder's claims and requests,
    the copies sent to them, and the way to report, ask for an investigation or
    tell that they went to the Huis voor Klokkenluiders (Art. 6.2, 13.1, 13.3)."""
    return Sectie(
        template="benadeling/melder_overzicht.html",
        context={
            "overzicht": melder_overzicht(melding=meldingsbox.melding),
            "melder_url": reverse("benadeling_melder:benadeling"),
        },
    )


def melder_beschermen(*, melding, identiteit=None) -> None:
    """Submission hook (meldingen.uitbreidingen.bij_indiening_registreren), inside
    the transaction of melding_indienen: a melder who gave an identity is protected
    from the date of the report (Art. 5.1), with blind indexes of employee number
    and e-mail so HR's check finds them (Art. 5.4). Report and protection commit
    together: a failure here fails the submission rather than leaving a melder
    unprotected. Idempotent: one melder row per case."""
    if identiteit is None:
        return
    if BeschermdPersoon.objects.filter(melding=melding, rol=BeschermdeRol.MELDER).exists():
        return
    beschermd_persoon_toevoegen(
        melding=melding,
        rol=BeschermdeRol.MELDER,
        personeelsnummer=identiteit.personeelsnummer,
        email=identiteit.email,
        beschermd_vanaf=lokale_datum(melding.ontvangen_op),
        door=None,
    )


# --- Erasing the melder's identity (AVG art. 17) ---------------------------------------
# The melder's protection (Art. 5.1) does not depend on who they are, and stays. But
# HR's check of an intended measure (Art. 5.4) recognises the melder only through the
# blind indexes of their employee number and e-mail address, copied from the identity
# onto the melder's protected-person row at submission. Erasing the identity erases
# those copies: HR's checks from then on no longer recognise the melder, so a measure
# against them no longer brings the motivation duty by itself. The mailbox says so
# before the melder asks. What a check already matched (the intended measure on the
# case, the HL's motivation, and the check itself) is the Art. 5.4 trail: the
# employer's legal duty and the melder's evidence (AVG art. 17(3)(b), (e)); it stays
# until the case is destroyed (docs/retention.md, "HR checks"). The sentences are the
# same whether or not a check ever matched: the mailbox must not tell the melder that
# HR checked a measure against them before the HL does (Art. 5.4).

BESCHERMING_BLIJFT = _(
    "U blijft beschermd tegen benadeling omdat u een melding deed (Art. 5). Dat hangt niet af van uw naam, en het "
    "staat bij uw melding."
)
TOETS_HERKENT_NIET_MEER = _(
    "Maar personeelszaken laat een voorgenomen maatregel tegen een medewerker, zoals een overplaatsing of een "
    "disciplinaire maatregel, eerst toetsen. Meldpunt vergelijkt dan het personeelsnummer of e-mailadres met dat van "
    "beschermde personen, en herkent het u, dan moet de hoogste leidinggevende de maatregel schriftelijk motiveren "
    "(Art. 5.4). Zonder uw gegevens herkent die toets u niet meer: een maatregel tegen u valt dan niet vanzelf onder "
    "die motiveringsplicht. Merkt u dat u nadelig wordt behandeld, meld het dan in uw meldingsbox, of bespreek het "
    "met uw contactpersoon."
)
TOETSEN_BLIJVEN = _(
    "Toetsen die u eerder herkenden en wat daarop volgde, zoals een motivering, blijven bewaard zolang uw melding "
    "wordt bewaard: ze laten zien of de werkgever zich aan die plicht hield, en kunnen u in een geschil helpen "
    "(AVG art. 17 lid 3)."
)
TOETS_HERKENT_NOG = _(
    "Omdat bewaard blijft wie u bent, herkent de toets van personeelszaken u nog (Art. 5.4): een maatregel tegen u "
    "moet nog steeds worden gemotiveerd."
)
# The identity's blind indexes and the protected-person row's copies of them.
INDEXEN = ("personeelsnummer_index", "email_index")


def identiteit_wissen_gevolgen(*, melding) -> list:
    """What the melder reads before asking to erase their identity (meldingen.uitbreidingen)."""
    return [BESCHERMING_BLIJFT, TOETS_HERKENT_NIET_MEER, TOETSEN_BLIJVEN]


@transaction.atomic(savepoint=False)
def identiteit_gewist(*, melding, velden: frozenset[str], door) -> list:
    """Inside the erasure's transaction: the melder's protected-person row drops the
    blind indexes that were erased from the identity; the row itself stays (Art. 5.1).
    Returns what the letter says this app keeps and why."""
    persoon = BeschermdPersoon.objects.select_for_update().filter(melding=melding, rol=BeschermdeRol.MELDER).first()
    if persoon is None:
        return []
    gewist = [veld for veld in INDEXEN if veld in velden and getattr(persoon, veld)]
    for veld in gewist:
        setattr(persoon, veld, "")
    if gewist:
        persoon.save(update_fields=[*gewist, "updated_at"])
        auditregel_schrijven(
            door=door, actie=AuditActie.GEWIJZIGD, object=persoon, toelichting=auditnotities.BLINDE_INDEXEN_GEWIST()
        )
        _toetsindexen_wissen(persoon=persoon, velden=gewist, door=door)
    if not any(veld in velden for veld in INDEXEN):
        return [BESCHERMING_BLIJFT, TOETS_HERKENT_NOG]
    return [BESCHERMING_BLIJFT, TOETS_HERKENT_NIET_MEER, TOETSEN_BLIJVEN]


def _toetsindexen_wissen(*, persoon: BeschermdPersoon, velden: list[str], door) -> None:
    """HR's checks that matched the melder and nobody else keep the measure and what
    followed (the Art. 5.4 trail, TOETSEN_BLIJVEN), but not the blind indexes HR typed
    in: with the key they still recognise the melder. A check that also matched
    another protected person keeps them, for that person."""
    van_de_melder = VoorgenomenMaatregel.objects.filter(beschermd_persoon=persoon, toets__isnull=False)
    van_anderen = VoorgenomenMaatregel.objects.exclude(beschermd_persoon=persoon).filter(toets__isnull=False)
    toetsen = Personeelstoets.objects.select_for_update().filter(pk__in=van_de_melder.values("toets"))
    for toets in toetsen.exclude(pk__in=van_anderen.values("toets")):
        for veld in velden:
            setattr(toets, veld, "")
        toets.save(update_fields=[*velden, "updated_at"])
        auditregel_schrijven(
            door=door, actie=AuditActie.GEWIJZIGD, object=toets, toelichting=auditnotities.BLINDE_INDEXEN_GEWIST()
        )


IDENTITEITSDEELNEMER = Identiteitsdeelnemer(
    naam="benadeling", gevolgen=identiteit_wissen_gevolgen, wissen=identiteit_gewist
)
