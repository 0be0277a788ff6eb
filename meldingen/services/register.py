"""Every write on the register. Keyword-only, atomic, audited (docs/stijl.md)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from kern.invoegen import rijen_toevoegen
from kern.kalender import lokale_datum
from kern.models import AuditActie, Gebruiker
from kern.overgangen import OvergangNietToegestaan
from kern.services import auditregel_maken, auditregel_schrijven
from meldingen import auditnotities, signals
from meldingen.constants import (
    Categorie,
    GebeurtenisSoort,
    Identiteitskeuze,
    Kanaal,
    Relatie,
    Soort,
    Status,
    ToewijzingRol,
    Wijze,
)
from meldingen.models import (
    Functionaris,
    Gebeurtenis,
    Melding,
    MeldingGebruikerPermissie,
    Organisatie,
    Registerteller,
    Toewijzing,
)
from meldingen.overgangen import stap_controleren
from meldingen.services import termijnen
from meldingen.workflow import REDEN_VERPLICHT, artikel_voor

# Object permissions that make up "assigned to this case".
TOEGANG_PERMISSIES = ("meldingen.view_melding", "meldingen.change_melding")


# The table name comes from the model's _meta only.
REGISTERTELLER_SQL = """
INSERT INTO {tabel} (organisatie_id, jaar, laatste) VALUES (%s, %s, 1)
ON CONFLICT (organisatie_id, jaar) DO UPDATE SET laatste = {tabel}.laatste + 1
RETURNING laatste
"""


def registernummer_toekennen(*, organisatie: Organisatie, jaar: int) -> int:
    """Next number for (organisation, year), unique under concurrent submissions.

    One statement: INSERT ... ON CONFLICT DO UPDATE ... RETURNING creates the
    year's counter at 1 or raises it by one, holding the row lock until the
    submission commits, so concurrent transactions queue on it and each gets
    the next number (Art. 3.5). PostgreSQL and SQLite (3.35+) both run it.
    """
    with connection.cursor() as cursor:
        cursor.execute(REGISTERTELLER_SQL.format(tabel=Registerteller._meta.db_table), [organisatie.pk, jaar])
        return cursor.fetchone()[0]


# PostgreSQL: the counter and the report's number in one statement.
NUMMEREN_SQL = """
WITH teller AS ({teller})
UPDATE {melding} SET volgnummer = teller.laatste FROM teller WHERE {melding}.id = %s
RETURNING {melding}.volgnummer
"""


def registernummer_vastleggen(*, melding: Melding) -> int:
    """Give a new report its register number (Art. 3.5) as the last statement of
    the registering transaction.

    The counter's row lock is held from this statement until the commit, and every
    concurrent submission to the same organisation waits for it: taking the number
    last keeps that wait to one statement and the commit, instead of the whole
    submission (issue 16). A rolled-back submission gives its number back, so the
    register has no gaps.
    """
    if melding.volgnummer is not None:
        return melding.volgnummer
    if connection.vendor == "postgresql":
        sql = NUMMEREN_SQL.format(
            teller=REGISTERTELLER_SQL.format(tabel=Registerteller._meta.db_table),
            melding=Melding._meta.db_table,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [melding.organisatie_id, melding.registerjaar, melding.pk])
            melding.volgnummer = cursor.fetchone()[0]
    else:
        # SQLite takes the write lock for the whole transaction anyway (IMMEDIATE).
        melding.volgnummer = registernummer_toekennen(organisatie=melding.organisatie, jaar=melding.registerjaar)
        Melding.objects.filter(pk=melding.pk).update(volgnummer=melding.volgnummer)
    return melding.volgnummer


def melding_registreren_in_transactie(
    *,
    organisatie: Organisatie,
    omschrijving: str,
    kanaal: Kanaal,
    wijze: Wijze,
    categorie: Categorie = Categorie.ONBEKEND,
    hl_betrokken: bool = False,
    formeel: bool = True,
    ontvangen_op: datetime | None = None,
    door: Gebruiker | None = None,
    wanneer: str = "",
    waar: str = "",
    betrokkenen_omschrijving: str = "",
    eerdere_meldingen: str = "",
    relatie: Relatie | str = "",
    relatie_toelichting: str = "",
    discriminatiegronden: list[str] | tuple[str, ...] = (),
    identiteitskeuze: Identiteitskeuze = Identiteitskeuze.ANONIEM,
    gesprek_gewenst: bool = False,
    ontvanger_vereist: bool = False,
    nummeren: bool = True,
) -> Melding:
    """Register a report at receipt (Art. 3.5) and assign the channel's officers.

    The body of `melding_registreren` for a caller that already holds the
    transaction (melding_indienen): no savepoint of its own, because nothing
    here is caught and retried, and a failure rolls back the whole submission.

    `door` is the officer who registers an oral/phone/post report; None for the
    public web form (the melder has no account), which sets `ontvanger_vereist`:
    a report nobody would receive is refused before anything is written.

    `nummeren=False` leaves the register number to the caller, which must call
    `registernummer_vastleggen` as the last write of its transaction (melding_indienen
    writes the mailbox and the melder's protection first).
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("melding_registreren_in_transactie needs a transaction")
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat er is gebeurd.")})
    ontvangen_op = ontvangen_op or timezone.now()
    if kanaal == Kanaal.HOOGSTE_VERANTWOORDELIJKE:
        # Art. 3.2, 4.1: reported straight to the supervisory body because the HL is
        # involved: the case is the hoogste verantwoordelijke's and no HL receives it (Art. 8.4).
        hl_betrokken = True
    # The melder's choice of recipient assigns that channel's officers (docs/rollen.md).
    ontvangers = Functionaris.objects.filter(organisatie=organisatie, functie=kanaal).select_related("gebruiker")
    if hl_betrokken:
        # Art. 8.4: when the HL is involved, no HL user receives the case, not even
        # one who is also registered as an officer of the chosen channel.
        hl_gebruikers = Functionaris.objects.filter(
            organisatie=organisatie, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
        ).values("gebruiker_id")
        ontvangers = ontvangers.exclude(gebruiker_id__in=hl_gebruikers)
    gebruikers = [functionaris.gebruiker for functionaris in ontvangers]
    if ontvanger_vereist and not gebruikers:
        # A web report must reach someone: the chosen channel needs an officer
        # (docs/rollen.md). The form offers only such channels; this is the race.
        raise ValidationError({"kanaal": _("Bij deze ontvanger kunt u hier niet melden. Kies een andere ontvanger.")})
    # The register year is the year in Amsterdam (a report at 00:30 on 1 January
    # belongs to the new year), see kern.kalender.
    jaar = lokale_datum(ontvangen_op).year
    melding = Melding(
        organisatie=organisatie,
        registerjaar=jaar,
        volgnummer=None,  # given last (registernummer_vastleggen)
        ontvangen_op=ontvangen_op,
        kanaal=kanaal,
        wijze=wijze,
        categorie=categorie,
        hl_betrokken=hl_betrokken,
        soort=Soort.MELDING if formeel else Soort.ADVIESVRAAG,
        omschrijving=omschrijving,
        wanneer=wanneer,
        waar=waar,
        betrokkenen_omschrijving=betrokkenen_omschrijving,
        eerdere_meldingen=eerdere_meldingen,
        relatie=relatie,
        relatie_toelichting=relatie_toelichting,
        discriminatiegronden=list(discriminatiegronden),
        identiteitskeuze=identiteitskeuze,
        gesprek_gewenst=gesprek_gewenst,
    )
    # Every new report writes these rows: without the ORM's compiler (kern.invoegen).
    rijen_toevoegen([melding])
    if door is not None and not any(g.pk == door.pk for g in gebruikers):
        gebruikers.append(door)
    gebruikers = list({g.pk: g for g in gebruikers}.values())
    ontvangers_toewijzen(melding=melding, gebruikers=gebruikers, door=door)
    # The timeline and the audit trail of the registration and its assignments,
    # each in one INSERT (the same rows as toewijzing_verlenen per officer).
    rijen_toevoegen(
        [
            Gebeurtenis(
                melding=melding,
                soort=GebeurtenisSoort.GEREGISTREERD,
                naar_status=melding.status,
                artikel="Art. 3.5",
                door=door,
            ),
            *(Gebeurtenis(melding=melding, soort=GebeurtenisSoort.TOEGEWEZEN, door=door) for _g in gebruikers),
        ]
    )
    rijen_toevoegen(
        [
            auditregel_maken(
                door=door, actie=AuditActie.AANGEMAAKT, object=melding, actor_soort=None if door else "melder"
            ),
            *(
                auditregel_maken(
                    door=door,
                    actie=AuditActie.TOEGANG_VERLEEND,
                    object=melding,
                    toelichting=auditnotities.TOEGANG(rol=ToewijzingRol.ONTVANGER.value, gebruiker=g.uuid),
                )
                for g in gebruikers
            ),
        ]
    )
    termijnen.termijnen_starten(melding=melding, door=door)
    if nummeren:
        registernummer_vastleggen(melding=melding)
    return melding


# The service in its own transaction, for every caller that does not hold one.
melding_registreren = transaction.atomic(melding_registreren_in_transactie)


def ontvangers_toewijzen(*, melding: Melding, gebruikers: list[Gebruiker], door: Gebruiker | None) -> None:
    """Assign the receiving officers of a new report in a fixed number of
    statements, whatever their number: the assignments and their permission rows
    each in one INSERT; the registration writes their timeline entries and audit
    rows with its own. The Art. 8.4 check is done by the caller, which never
    selects an HL user when the HL is involved. Called inside the registration's
    transaction."""
    if not gebruikers:
        return
    rijen_toevoegen(
        [Toewijzing(melding=melding, gebruiker=g, rol=ToewijzingRol.ONTVANGER, verleend_door=door) for g in gebruikers]
    )
    permissies_toekennen(
        melding=melding, gebruiker_ids=[g.pk for g in gebruikers], permissies=_permissies_voor(ToewijzingRol.ONTVANGER)
    )


# Permission ids by codename, looked up once per process: they only change when
# the permission table is rebuilt (migrate, or a test database flush), and both
# send post_migrate, which empties this cache (meldingen.apps).
_PERMISSIE_IDS: dict[str, int] = {}


def permissie_ids_vergeten(**_kwargs) -> None:
    _PERMISSIE_IDS.clear()


def _permissie_ids(permissies: tuple[str, ...]) -> list[int]:

    ontbrekend = [p for p in permissies if p not in _PERMISSIE_IDS]
    if ontbrekend:
        for app_label, codename, pk in Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Melding),
            codename__in=[p.split(".", 1)[1] for p in ontbrekend],
        ).values_list("content_type__app_label", "codename", "pk"):
            _PERMISSIE_IDS[f"{app_label}.{codename}"] = pk
    return [_PERMISSIE_IDS[p] for p in permissies]


def permissies_toekennen(*, melding: Melding, gebruiker_ids: list[int], permissies: tuple[str, ...]) -> None:
    """The object permissions of an assignment (django-guardian's direct foreign
    key table) in one INSERT; rows that already exist are left alone."""
    rijen_toevoegen(
        [
            MeldingGebruikerPermissie(permission_id=permissie_id, user_id=gebruiker_id, content_object=melding)
            for gebruiker_id in gebruiker_ids
            for permissie_id in _permissie_ids(permissies)
        ],
        conflicten_negeren=True,
    )


def _permissies_voor(rol: ToewijzingRol) -> tuple[str, ...]:
    if rol == ToewijzingRol.ONTVANGER:
        # Only the receiving officer sees the identity (Art. 7.2, docs/vertrouwelijkheid.md).
        return (*TOEGANG_PERMISSIES, "meldingen.identiteit_inzien", "meldingen.toewijzen")
    if rol in (ToewijzingRol.HOOGSTE_LEIDINGGEVENDE, ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE):
        return (*TOEGANG_PERMISSIES, "meldingen.toewijzen")
    return TOEGANG_PERMISSIES


def is_alleen_hl(*, melding: Melding, gebruiker: Gebruiker) -> bool:
    """Whether the user is the organisation's HL and not also its hoogste
    verantwoordelijke (without a supervisory body the HL is both, Art. 1 l)."""
    functies = set(
        Functionaris.objects.filter(organisatie_id=melding.organisatie_id, gebruiker=gebruiker).values_list(
            "functie", flat=True
        )
    )
    return (
        Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE in functies
        and Functionaris.Functie.HOOGSTE_VERANTWOORDELIJKE not in functies
    )


@transaction.atomic
def toewijzing_verlenen(
    *, melding: Melding, gebruiker: Gebruiker, rol: ToewijzingRol, door: Gebruiker | None
) -> Toewijzing:
    """Assign a user to a case: the record, the object permissions, the audit row."""
    if melding.hl_betrokken and (
        rol == ToewijzingRol.HOOGSTE_LEIDINGGEVENDE or is_alleen_hl(melding=melding, gebruiker=gebruiker)
    ):
        # Art. 8.4: when the HL is involved no HL user may see the case, in any role.
        raise ValidationError(
            _("De hoogste leidinggevende is betrokken: deze melding gaat naar de hoogste verantwoordelijke.")
        )
    toewijzing, _nieuw = Toewijzing.objects.get_or_create(
        melding=melding, gebruiker=gebruiker, rol=rol, beeindigd_op=None, defaults={"verleend_door": door}
    )
    permissies_toekennen(melding=melding, gebruiker_ids=[gebruiker.pk], permissies=_permissies_voor(ToewijzingRol(rol)))
    gebeurtenis = Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.TOEGEWEZEN, door=door)
    termijnen.termijnen_na_toewijzing(melding=melding, rol=ToewijzingRol(rol), gebeurtenis=gebeurtenis)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.TOEGANG_VERLEEND,
        object=melding,
        toelichting=auditnotities.TOEGANG(rol=rol, gebruiker=gebruiker.uuid),
    )
    return toewijzing


@transaction.atomic
def toewijzing_beeindigen(*, toewijzing: Toewijzing, door: Gebruiker | None) -> None:
    """End an assignment and revoke exactly what no remaining assignment still grants."""
    toewijzing.beeindigd_op = timezone.now()
    toewijzing.save(update_fields=["beeindigd_op", "updated_at"])
    melding, gebruiker = toewijzing.melding, toewijzing.gebruiker
    nog_verleend = set()
    for rol in Toewijzing.objects.filter(melding=melding, gebruiker=gebruiker, beeindigd_op=None).values_list(
        "rol", flat=True
    ):
        nog_verleend.update(_permissies_voor(ToewijzingRol(rol)))
    for permissie in set(_permissies_voor(ToewijzingRol(toewijzing.rol))) - nog_verleend:
        remove_perm(permissie, gebruiker, melding)
    if not nog_verleend:
        # No assignment left: an identity permission that came from the melder's
        # consent goes too (consent names people who work on the case, Art. 7.2).
        remove_perm("meldingen.identiteit_inzien", gebruiker, melding)
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.TOEWIJZING_BEEINDIGD, door=door)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.TOEGANG_INGETROKKEN,
        object=melding,
        toelichting=auditnotities.TOEGANG(rol=toewijzing.rol, gebruiker=gebruiker.uuid),
    )


@transaction.atomic
def melding_status_wijzigen(*, melding: Melding, naar: Status, door: Gebruiker | None, reden: str = "") -> Melding:
    """The one service that moves a melding between states (docs/toestanden.md).

    Locks the row, checks the transition table, appends the timeline entry and
    the audit row, stores the status and sends `status_gewijzigd` after commit.
    """
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    van, naar = Status(melding.status), Status(naar)
    if artikel_voor(van, naar) is None:
        raise OvergangNietToegestaan(
            _("Van ‘%(van)s’ naar ‘%(naar)s’ is geen toegestane stap.") % {"van": van.label, "naar": naar.label}
        )
    if (van, naar) in REDEN_VERPLICHT and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden voor deze stap.")})
    # The table's actor and preconditions (meldingen.workflow): services refuse
    # what the table refuses, and the screens ask the same guard. Here, where the
    # state moves, also the row's evidence (the signed decision or standpunt).
    artikel = stap_controleren(melding=melding, naar=naar, door=door).artikel
    melding.status = naar
    melding.save(update_fields=["status", "updated_at"])
    gebeurtenis = Gebeurtenis.objects.create(
        melding=melding,
        soort=GebeurtenisSoort.STATUS_GEWIJZIGD,
        van_status=van,
        naar_status=naar,
        artikel=artikel,
        door=door,
        toelichting=reden,
    )
    termijnen.termijnen_na_statuswijziging(melding=melding, van=van, naar=naar, gebeurtenis=gebeurtenis, door=door)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.STATUS_GEWIJZIGD,
        object=melding,
        toelichting=auditnotities.STATUS_GEWIJZIGD(van=van.value, naar=naar.value),
    )
    transaction.on_commit(
        lambda: signals.status_gewijzigd.send(sender=Melding, melding=melding, van=van, naar=naar, door=door)
    )
    return melding
