"""Four eyes on who may reach cases (docs/rollen.md; docs/threat-model.md §3).

The functioneel beheerder proposes; the hoogste leidinggevende of the
organisation approves (the hoogste verantwoordelijke when the HL is the subject
or the change concerns the HL function). Nothing changes before approval. Every
step is audited, and an approved change is announced to the organisation's
current receiving officers by e-mail without case content, through the outbox
(kern/post.py)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.models import AuditActie, AuditCategorie, Gebruiker
from kern.post import Bericht, berichten_in_wachtrij
from kern.rollen import groepsnaam
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.constants import Kanaal
from meldingen.models import Functionaris, Organisatie, Rolwijziging, RolwijzigingSoort, RolwijzigingStatus, Toewijzing

HL = Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
HV = Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE


@transaction.atomic
def rolwijziging_voorstellen(
    *,
    organisatie: Organisatie,
    betreft: Gebruiker,
    soort: str,
    reden: str,
    door: Gebruiker,
    rol: str = "",
    functie: str = "",
) -> Rolwijziging:
    if not door.has_perm("meldingen.add_rolwijziging"):
        raise PermissionDenied
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef een reden voor de wijziging.")})
    soort = RolwijzigingSoort(soort)
    if soort in (RolwijzigingSoort.ROL_TOEKENNEN, RolwijzigingSoort.ROL_INTREKKEN):
        if not rol or functie:
            raise ValidationError({"rol": _("Kies een zaakrol.")})
    elif not functie or rol:
        raise ValidationError({"functie": _("Kies een functie.")})
    if Rolwijziging.objects.filter(
        organisatie=organisatie,
        betreft=betreft,
        soort=soort,
        rol=rol,
        functie=functie,
        status=RolwijzigingStatus.VOORGESTELD,
    ).exists():
        raise ValidationError(_("Deze wijziging is al voorgesteld en wacht op goedkeuring."))
    wijziging = Rolwijziging.objects.create(
        organisatie=organisatie,
        betreft=betreft,
        soort=soort,
        rol=rol,
        functie=functie,
        reden=reden.strip(),
        voorgesteld_door=door,
    )
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=wijziging,
        toelichting=auditnotities.ROLWIJZIGING_VOORGESTELD(soort=soort, wat=rol or functie, betreft=betreft.uuid),
        categorie=AuditCategorie.BEHEER,
    )
    return wijziging


def goedkeurders_voor(*, wijziging: Rolwijziging) -> list[Gebruiker]:
    """Who may approve: the HL of the organisation, or the hoogste
    verantwoordelijke when the HL is the subject or the HL function is at stake
    (docs/rollen.md). Also when the hoogste verantwoordelijke function is at
    stake: it replaces the HL when the HL is involved (Art. 8.4), so the HL does
    not choose it; only an organisation without one (Art. 1 l) has its first
    approved by the HL. Never the proposer, never the subject."""
    org = wijziging.organisatie
    hl_ids = set(Functionaris.objects.filter(organisatie=org, functie=HL).values_list("gebruiker_id", flat=True))
    hl_betrokken = wijziging.betreft_id in hl_ids or wijziging.functie == HL
    hv_betrokken = wijziging.functie == HV and Functionaris.objects.filter(organisatie=org, functie=HV).exists()
    functie = HV if hl_betrokken or hv_betrokken else HL
    return [
        f.gebruiker
        for f in Functionaris.objects.filter(organisatie=org, functie=functie).select_related("gebruiker")
        if f.gebruiker_id not in (wijziging.voorgesteld_door_id, wijziging.betreft_id) and f.gebruiker.is_active
    ]


def _vergrendeld_voor_beoordeling(*, wijziging: Rolwijziging, door: Gebruiker) -> Rolwijziging:
    wijziging = Rolwijziging.objects.select_for_update().get(pk=wijziging.pk)
    if wijziging.status != RolwijzigingStatus.VOORGESTELD:
        raise ValidationError(_("Over deze wijziging is al beslist."))
    if door.pk not in {g.pk for g in goedkeurders_voor(wijziging=wijziging)}:
        raise PermissionDenied
    return wijziging


@transaction.atomic
def rolwijziging_goedkeuren(*, wijziging: Rolwijziging, door: Gebruiker) -> Rolwijziging:
    wijziging = _vergrendeld_voor_beoordeling(wijziging=wijziging, door=door)
    _toepassen(wijziging)
    wijziging.status = RolwijzigingStatus.GOEDGEKEURD
    wijziging.beoordeeld_door = door
    wijziging.beoordeeld_op = timezone.now()
    wijziging.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.TOEGANG_VERLEEND
        if wijziging.soort in (RolwijzigingSoort.ROL_TOEKENNEN, RolwijzigingSoort.FUNCTIE_TOEKENNEN)
        else AuditActie.TOEGANG_INGETROKKEN,
        object=wijziging,
        toelichting=auditnotities.ROLWIJZIGING_GOEDGEKEURD(
            soort=wijziging.soort, wat=wijziging.rol or wijziging.functie, betreft=wijziging.betreft.uuid
        ),
        categorie=AuditCategorie.BEHEER,
    )
    _aankondigen(wijziging)
    return wijziging


@transaction.atomic
def rolwijziging_afwijzen(*, wijziging: Rolwijziging, door: Gebruiker) -> Rolwijziging:
    wijziging = _vergrendeld_voor_beoordeling(wijziging=wijziging, door=door)
    wijziging.status = RolwijzigingStatus.AFGEWEZEN
    wijziging.beoordeeld_door = door
    wijziging.beoordeeld_op = timezone.now()
    wijziging.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=wijziging,
        toelichting=auditnotities.ROLWIJZIGING_AFGEWEZEN(),
        categorie=AuditCategorie.BEHEER,
    )
    return wijziging


def _toepassen(wijziging: Rolwijziging) -> None:
    gebruiker = wijziging.betreft
    if wijziging.soort == RolwijzigingSoort.ROL_TOEKENNEN:
        # The membership trigger appends the kern.RolHistorie row (kern/migrations/0004).
        groep, _aangemaakt = Group.objects.get_or_create(name=groepsnaam(wijziging.rol))
        gebruiker.groups.add(groep)
    elif wijziging.soort == RolwijzigingSoort.ROL_INTREKKEN:
        gebruiker.groups.remove(*Group.objects.filter(name=groepsnaam(wijziging.rol)))
    elif wijziging.soort == RolwijzigingSoort.FUNCTIE_TOEKENNEN:
        # A new receiving officer gets the reports that arrive from now on; earlier
        # ones only when a current officer assigns them (docs/rollen.md): nothing is
        # granted on existing cases here.
        Functionaris.objects.get_or_create(
            organisatie=wijziging.organisatie, gebruiker=gebruiker, functie=wijziging.functie
        )
    else:
        Functionaris.objects.filter(
            organisatie=wijziging.organisatie, gebruiker=gebruiker, functie=wijziging.functie
        ).delete()


def _aankondigen(wijziging: Rolwijziging) -> None:
    """Tell the current receiving officers, so a rogue appointment does not go
    unnoticed (docs/rollen.md). Names the staff member and the role, no case content."""
    ontvangers = {
        f.gebruiker_id: f.gebruiker
        for f in Functionaris.objects.filter(
            organisatie=wijziging.organisatie, functie__in=list(Kanaal)
        ).select_related("gebruiker")
        if f.gebruiker.email and f.gebruiker.is_active
    }
    if not ontvangers:
        return
    wat = wijziging.get_rol_display() if wijziging.rol else wijziging.get_functie_display()
    onderwerp = _("Wijziging in de rollen van Meldpunt")
    tekst = _(
        "Er is een wijziging in de rollen van Meldpunt goedgekeurd:\n\n%(soort)s: %(wat)s voor %(wie)s.\n"
        "Voorgesteld door %(door)s, goedgekeurd door %(goedkeurder)s.\n\n"
        "Klopt dit niet, meld het dan direct bij de hoogste verantwoordelijke.\n"
        "Deze e-mail bevat bewust geen inhoud van meldingen."
    ) % {
        "soort": wijziging.get_soort_display(),
        "wat": wat,
        "wie": wijziging.betreft,
        "door": wijziging.voorgesteld_door,
        "goedkeurder": wijziging.beoordeeld_door,
    }
    # Into the outbox in the approval's transaction (kern/post.py): once per
    # approved change and officer, whatever happens to the mail server.
    berichten_in_wachtrij(
        soort="rolwijziging",
        berichten=[
            Bericht(sleutel=f"rolwijziging:{wijziging.uuid}:{pk}", adres=g.email, onderwerp=onderwerp, tekst=tekst)
            for pk, g in sorted(ontvangers.items())
        ],
    )


def heeft_toewijzing_of_functie(gebruiker: Gebruiker) -> bool:
    """An assignment, a function or an approved role change, ever: the account is
    protected against resets from the admin (kern.rollen.is_beschermd;
    docs/threat-model.md §3). Registered in kern.rollen.BESCHERMINGSBRONNEN by
    MeldingenConfig.ready(), because kern may not import meldingen."""
    return (
        Toewijzing.objects.filter(gebruiker=gebruiker).exists()
        or Functionaris.objects.filter(gebruiker=gebruiker).exists()
        or Rolwijziging.objects.filter(betreft=gebruiker, status=RolwijzigingStatus.GOEDGEKEURD).exists()
    )
