"""Deleting what is clearly irrelevant from an open case (EU 2019/1937 art. 17:
personal data that are manifestly not relevant for handling a specific report
are not collected or, if accidentally collected, deleted without undue delay;
docs/retention.md). A message, an attachment or a passage goes, with a
recorded reason; the timeline shows that something was removed, never what."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import OPEN_STATUSSEN, GebeurtenisSoort, VerwijderingSoort
from meldingen.models import Bericht, Bijlage, Gebeurtenis, Inhoudsverwijdering, Melding, TeVerwijderenBestand
from meldingen.services.bewaring import bestanden_opruimen, rijen_verwijderen

ARTIKEL = "EU 2019/1937 art. 17"
VERWIJDERD = "[…]"


@transaction.atomic
def irrelevant_verwijderen(
    *,
    melding: Melding,
    reden: str,
    door: Gebruiker,
    bericht: Bericht | None = None,
    bijlage: Bijlage | None = None,
    passage: str = "",
) -> Inhoudsverwijdering:
    """Remove exactly one thing: a message (with its attachments), an attachment,
    or a passage of the description (replaced by "[…]")."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    # Those who hold the case (receiving officer, HL): the same who may assign.
    if not toegang.mag(user=door, perm="meldingen.toewijzen", obj=melding):
        raise PermissionDenied(_("U mag deze stap op deze melding niet zetten."))
    if melding.status not in OPEN_STATUSSEN:
        raise ValidationError(
            _("Alleen uit een lopende melding wordt iets verwijderd; een afgesloten melding volgt het bewaarbeleid.")
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden waarom dit kennelijk niet relevant is.")})
    gekozen = [x for x in (bericht, bijlage, passage.strip() or None) if x]
    if len(gekozen) != 1:
        raise ValidationError(_("Kies één bericht, één bijlage of één passage."))
    namen: list[str] = []
    if bericht is not None:
        if bericht.melding_id != melding.pk:
            raise ValidationError(_("Dit bericht hoort niet bij deze melding."))
        soort = VerwijderingSoort.BERICHT
        qs = Bijlage.objects.filter(bericht=bericht)
        namen += _verwijderen(qs)
        namen += _verwijderen(Bericht.objects.filter(pk=bericht.pk))
    elif bijlage is not None:
        if bijlage.melding_id != melding.pk:
            raise ValidationError(_("Deze bijlage hoort niet bij deze melding."))
        soort = VerwijderingSoort.BIJLAGE
        namen += _verwijderen(Bijlage.objects.filter(pk=bijlage.pk))
    else:
        soort = VerwijderingSoort.PASSAGE
        passage = passage.strip()
        if passage not in melding.omschrijving:
            raise ValidationError({"passage": _("Deze passage staat niet letterlijk in de omschrijving.")})
        melding.omschrijving = melding.omschrijving.replace(passage, VERWIJDERD)
        melding.save(update_fields=["omschrijving", "updated_at"])
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.INHOUD_VERWIJDERD, artikel=ARTIKEL, door=door
    )
    verwijdering = Inhoudsverwijdering.objects.create(
        melding=melding, soort=soort, reden=reden.strip(), gebeurtenis=gebeurtenis, door=door
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.VERWIJDERD,
        object=melding,
        toelichting=auditnotities.INHOUD_VERWIJDERD(soort=soort.value),
    )
    if namen:
        TeVerwijderenBestand.objects.bulk_create(
            [TeVerwijderenBestand(naam=naam) for naam in namen], ignore_conflicts=True
        )
        transaction.on_commit(bestanden_opruimen)
    return verwijdering


def _verwijderen(qs) -> list[str]:
    try:
        return rijen_verwijderen(qs)
    except ProtectedError:
        # A signed record or consent rests on it: that is evidence, not noise.
        raise ValidationError(
            _("Dit stuk is de ondertekende basis van een vastlegging of toestemming en kan niet worden verwijderd.")
        ) from None
