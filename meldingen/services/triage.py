"""Triage by the receiving officer: forwarding, re-routing, contactpersoon,
linking related reports (Art. 8; docs/rollen.md)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities, uitbreidingen
from meldingen.constants import Categorie, Discriminatiegrond, GebeurtenisSoort, Soort, Status, ToewijzingRol
from meldingen.models import Functionaris, Gebeurtenis, Melding, MeldingKoppeling, Termijn, Toewijzing
from meldingen.overgangen import procedure_loopt, vereis_lopende_procedure
from meldingen.services.register import (
    is_alleen_hl,
    melding_status_wijzigen,
    toewijzing_beeindigen,
    toewijzing_verlenen,
)

HL_ROLLEN = (ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE)


def _vereis_ontvanger(melding: Melding, door: Gebruiker) -> None:
    # Forwarding and re-routing are the receiving officer's steps (docs/rollen.md).
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER],
        tekst=_("Alleen de ontvangende functionaris kan deze stap zetten."),
    )


def _leiding(melding: Melding) -> tuple[ToewijzingRol, list[Gebruiker]]:
    """Who leads the case: the HL, or the hoogste verantwoordelijke when the HL is
    involved (Art. 8.4). Without a supervisory body the HL is also the hoogste
    verantwoordelijke (Art. 1 l), configured as such on the organisation."""
    rol = melding.leiding_rol
    functie = (
        Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE
        if rol == ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE
        else Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    )
    gebruikers = [
        f.gebruiker
        for f in Functionaris.objects.filter(organisatie=melding.organisatie, functie=functie).select_related(
            "gebruiker"
        )
        if f.gebruiker.is_active
    ]
    return rol, gebruikers


@transaction.atomic
def melding_doorsturen(*, melding: Melding, door: Gebruiker) -> Melding:
    """Forward to the HL, or to the hoogste verantwoordelijke when the HL is
    involved (Art. 8.3–8.4). Moves the case from ontvangen to in_behandeling."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _vereis_ontvanger(melding, door)
    if melding.soort == Soort.ADVIESVRAAG:
        # An advice request stays with the receiving officer until the melder
        # consents to formal treatment (docs/toestanden.md).
        raise ValidationError(_("Een adviesvraag wordt niet doorgestuurd zolang de melder geen toestemming gaf."))
    rol, gebruikers = _leiding_toewijzen(melding=melding, door=door)
    if not gebruikers:
        raise ValidationError(
            _("Er is geen %(functie)s ingesteld voor deze organisatie. Vraag de functioneel beheerder dit te doen.")
            % {"functie": rol.label.lower()}
        )
    Gebeurtenis.objects.create(
        melding=melding,
        soort=GebeurtenisSoort.DOORGESTUURD,
        artikel="Art. 8.4" if melding.hl_betrokken else "Art. 8.3",
        door=door,
    )
    return melding_status_wijzigen(melding=melding, naar=Status.IN_BEHANDELING, door=door)


def _leiding_toewijzen(*, melding: Melding, door: Gebruiker) -> tuple[ToewijzingRol, list[Gebruiker]]:
    """Assign whoever leads the case (_leiding) in that role; returns them, so a
    caller that needs someone can refuse when nobody is configured."""
    rol, gebruikers = _leiding(melding)
    for gebruiker in gebruikers:
        toewijzing_verlenen(melding=melding, gebruiker=gebruiker, rol=rol, door=door)
    return rol, gebruikers


def _hl_toegang_beeindigen(*, melding: Melding, door: Gebruiker) -> None:
    """Art. 8.4: the HL is involved. Recorded on the case (from now on no HL user can
    be assigned to it, toewijzing_verlenen), every HL assignment ends, and every
    assignment of an HL user in any other role (contactpersoon, onderzoeker, ...): no
    HL user may see the case. Each ending is on the timeline and audited
    (toewijzing_beeindigen)."""
    melding.hl_betrokken = True
    melding.save(update_fields=["hl_betrokken", "updated_at"])
    for toewijzing in Toewijzing.objects.filter(melding=melding, beeindigd_op__isnull=True).select_related("gebruiker"):
        if toewijzing.rol == ToewijzingRol.HOOGSTE_LEIDINGGEVENDE or is_alleen_hl(
            melding=melding, gebruiker=toewijzing.gebruiker
        ):
            toewijzing_beeindigen(toewijzing=toewijzing, door=door)
    for gebruiker in Functionaris.objects.filter(
        organisatie_id=melding.organisatie_id, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
    ).select_related("gebruiker"):
        if is_alleen_hl(melding=melding, gebruiker=gebruiker.gebruiker):
            remove_perm("meldingen.identiteit_inzien", gebruiker.gebruiker, melding)


@transaction.atomic
def melding_omleiden_naar_hoogste_verantwoordelijke(*, melding: Melding, door: Gebruiker, reden: str) -> Melding:
    """HL involvement found later or flagged: route the case to the hoogste
    verantwoordelijke and revoke every HL assignment at once (Art. 8.4, docs/rollen.md)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _vereis_ontvanger(melding, door)
    # Art. 3.2, 4.1, 8.4: re-routing hands the case to the hoogste verantwoordelijke,
    # a step of the report's procedure; a closed or withdrawn case gains no new reader.
    vereis_lopende_procedure(melding)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom de hoogste leidinggevende betrokken is.")})
    _hl_toegang_beeindigen(melding=melding, door=door)
    if melding.status != Status.ONTVANGEN:
        _rol, gebruikers = _leiding_toewijzen(melding=melding, door=door)
        if not gebruikers:
            raise ValidationError(_("Er is geen hoogste verantwoordelijke ingesteld voor deze organisatie."))
    Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.OMGELEID, artikel="Art. 8.4", door=door, toelichting=reden
    )
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.OMGELEID())
    return melding


def mag_hl_toegang_intrekken(*, melding: Melding, gebruiker: Gebruiker) -> bool:
    """For the case screen: the receiving officer of an ended case on which the HL
    is not yet recorded as involved (hl_toegang_intrekken's own checks)."""
    return (
        not procedure_loopt(melding)
        and not melding.hl_betrokken
        and toegang.heeft_toewijzing(melding=melding, user=gebruiker, rollen=[ToewijzingRol.ONTVANGER])
    )


@transaction.atomic
def hl_toegang_intrekken(*, melding: Melding, reden: str, door: Gebruiker) -> Melding:
    """Art. 8.4 after the end (docs/rollen.md): the HL's involvement comes out only
    after the case was closed or withdrawn. Re-routing is refused then (it is a step
    of the report's procedure and would give the hoogste verantwoordelijke access to
    an ended case), so the receiving officer revokes the HL's access on its own: at
    once, with a reason, on the timeline and audited. The procedure does not reopen.
    What protects the melder (Art. 5, 6, 13) goes on without the HL: while a term
    that outlives the case still runs (acting on a retaliation claim, deciding on
    or answering in an investigation of the treatment), the hoogste verantwoordelijke
    is assigned to lead it in the HL's place, as re-routing would (Art. 8.4);
    otherwise nobody gains access."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _vereis_ontvanger(melding, door)
    if procedure_loopt(melding):
        # While the procedure runs, the case goes to the hoogste verantwoordelijke instead.
        raise ValidationError(_("Deze melding loopt nog: leid haar om naar de hoogste verantwoordelijke (Art. 8.4)."))
    if melding.hl_betrokken:
        raise ValidationError(_("De hoogste leidinggevende heeft al geen toegang tot deze melding (Art. 8.4)."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom de hoogste leidinggevende betrokken is.")})
    _hl_toegang_beeindigen(melding=melding, door=door)
    if Termijn.objects.filter(
        melding=melding,
        soort__in=uitbreidingen.termijnsoorten_na_afsluiten(),
        gesloten_op__isnull=True,
        vervallen_op__isnull=True,
    ).exists():
        # Without a hoogste verantwoordelijke (Art. 1 l: the HL is it) nobody can be
        # assigned: the term's escalation reaches the receiving officers.
        _leiding_toewijzen(melding=melding, door=door)
    Gebeurtenis.objects.create(
        melding=melding,
        soort=GebeurtenisSoort.HL_TOEGANG_INGETROKKEN,
        artikel="Art. 8.4",
        door=door,
        toelichting=reden.strip(),
    )
    auditregel_schrijven(
        door=door, actie=AuditActie.TOEGANG_INGETROKKEN, object=melding, toelichting=auditnotities.HL_TOEGANG_NA_EINDE()
    )
    return melding


def namens_hl_toegestaan(melding: Melding, door: Gebruiker) -> bool:
    """The HL's steps (Art. 8.5, 8.6) by the HL or hoogste verantwoordelijke, or by
    the receiving officer in their name when the organisation allows it (docs/rollen.md)."""
    if toegang.heeft_toewijzing(melding=melding, user=door, rollen=HL_ROLLEN):
        return True
    return melding.organisatie.ontvanger_handelt_namens_hl and toegang.heeft_toewijzing(
        melding=melding, user=door, rollen=[ToewijzingRol.ONTVANGER]
    )


@transaction.atomic
def contactpersoon_aanwijzen(
    *, melding: Melding, contactpersoon: Gebruiker, afgestemd_met_melder: bool, door: Gebruiker
) -> Toewijzing:
    """Art. 8.6: after receipt the HL appoints a contactpersoon against
    retaliation, in consultation with the melder."""
    if not namens_hl_toegestaan(melding, door):
        raise PermissionDenied(
            _("Alleen de hoogste leidinggevende (of namens hem de ontvanger) wijst de contactpersoon aan.")
        )
    if not afgestemd_met_melder:
        raise ValidationError(
            {"afgestemd_met_melder": _("De contactpersoon wordt in overleg met de melder aangewezen (Art. 8.6).")}
        )
    if contactpersoon == door:
        raise ValidationError({"contactpersoon": _("Wijs iemand anders aan dan uzelf.")})
    toewijzing = toewijzing_verlenen(
        melding=melding, gebruiker=contactpersoon, rol=ToewijzingRol.CONTACTPERSOON, door=door
    )
    Gebeurtenis.objects.create(
        melding=melding, soort=GebeurtenisSoort.CONTACTPERSOON_AANGEWEZEN, artikel="Art. 8.6", door=door
    )
    return toewijzing


@transaction.atomic
def melding_categorie_wijzigen(*, melding: Melding, categorie: str, door: Gebruiker) -> Melding:
    """The receiving officer or the HL classifies the report (the melder's own
    choice may be 'weet ik niet'); the annual figures count by it (Art. 14.2 b)."""

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER, melding.leiding_rol],
        tekst=_("Alleen de ontvanger of de hoogste leidinggevende bepaalt de aard van de melding."),
    )
    if categorie not in Categorie.values:
        raise ValidationError({"categorie": _("Kies de aard van de melding.")})
    oud = melding.categorie
    melding.categorie = categorie
    melding.save(update_fields=["categorie", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEWIJZIGD,
        object=melding,
        toelichting=auditnotities.AARD_GEWIJZIGD(oud=oud, nieuw=categorie),
    )
    return melding


@transaction.atomic
def melding_discriminatiegronden_wijzigen(*, melding: Melding, gronden, door: Gebruiker) -> Melding:
    """The receiving officer or the HL records the discrimination grounds of a
    report, of any category (AWGB art. 1; the annual figures count them, Art. 14.2 b).
    The audit row says that they changed, not which: no case content."""

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    toegang.vereis_toewijzing(
        melding=melding,
        door=door,
        rollen=[ToewijzingRol.ONTVANGER, melding.leiding_rol],
        tekst=_("Alleen de ontvanger of de hoogste leidinggevende legt de discriminatiegronden vast."),
    )
    gronden = sorted(set(gronden or ()))
    if any(g not in Discriminatiegrond.values for g in gronden):
        raise ValidationError({"gronden": _("Kies de gronden uit de lijst.")})
    melding.discriminatiegronden = gronden
    melding.save(update_fields=["discriminatiegronden", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=melding, toelichting=auditnotities.DISCRIMINATIEGRONDEN()
    )
    return melding


@transaction.atomic
def melding_koppelen(*, melding: Melding, andere: Melding, reden: str, door: Gebruiker) -> MeldingKoppeling:
    """Link two reports of one matter. The officer must be assigned to both: a link
    never reveals a case to someone who could not see it."""
    if melding.pk == andere.pk:
        raise ValidationError(_("Een melding kan niet aan zichzelf worden gekoppeld."))
    if not (
        toegang.mag(user=door, perm="meldingen.change_melding", obj=melding)
        and toegang.mag(user=door, perm="meldingen.change_melding", obj=andere)
    ):
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom deze meldingen bij elkaar horen.")})
    van, naar = sorted((melding, andere), key=lambda m: m.pk)
    koppeling, _nieuw = MeldingKoppeling.objects.get_or_create(
        van=van, naar=naar, defaults={"reden": reden, "door": door}
    )
    for m in (van, naar):
        Gebeurtenis.objects.create(melding=m, soort=GebeurtenisSoort.GEKOPPELD, door=door)
        auditregel_schrijven(
            door=door,
            actie=AuditActie.GEWIJZIGD,
            object=m,
            toelichting=auditnotities.GEKOPPELD(koppeling=koppeling.uuid),
        )
    return koppeling
