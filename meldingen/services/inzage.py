"""A person concerned's right of access (AVG art. 15), with what the law lets
the employer hold back: the melder's and witnesses' identities (Wbk; EU
2019/1937 art. 16 and 22; AVG art. 15(4)) and, while the investigation needs
it, the answer itself (AVG art. 23(1)(i), UAVG art. 41; EU 2019/1937 art. 22).
Every redaction is recorded with its reason (docs/retention.md)."""

from __future__ import annotations

import re
from datetime import date
from importlib import import_module

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import toegang
from kern.kalender import plus_maanden
from kern.models import AuditActie, Gebruiker
from kern.pdf import template_naar_pdf
from kern.services import auditregel_schrijven
from meldingen.constants import GebeurtenisSoort
from meldingen.models import Betrokkene, Gebeurtenis, Inzageverzoek, MelderIdentiteit, Melding, Weglating

# AVG art. 12(3): without undue delay, at the latest within one month.
TERMIJN_MAANDEN = 1
REDEN_MELDER = _("Identiteit van de melder: beschermd (Art. 7.2; EU 2019/1937 art. 16; AVG art. 15(4))")
REDEN_GETUIGE = _("Identiteit van een getuige of gehoorde: beschermd (EU 2019/1937 art. 16, 22; AVG art. 15(4))")
REDEN_BETROKKENE = _("Gegevens van een andere betrokkene (AVG art. 15(4))")
MELDERVELDEN = (
    ("naam", _("naam van de melder")),
    ("email", _("e-mailadres van de melder")),
    ("telefoon", _("telefoonnummer van de melder")),
    ("postadres", _("postadres van de melder")),
    ("personeelsnummer", _("personeelsnummer van de melder")),
    ("afdeling", _("afdeling van de melder")),
)


# The report's own texts a person concerned receives (AVG art. 15), with their
# headings. Erasing the melder's identity rewrites the same fields
# (meldingen.services.identiteit.wissen), since nothing could black the name out
# of them any more.
MELDINGTEKSTEN = (
    ("omschrijving", gettext_lazy("Omschrijving van de melding")),
    ("wanneer", gettext_lazy("Wanneer")),
    ("waar", gettext_lazy("Waar")),
    ("betrokkenen_omschrijving", gettext_lazy("Wie zijn betrokken (volgens de melder)")),
)


def _vereis(*, melding: Melding, door: Gebruiker) -> None:
    # The receiving officer or the HL answers for the organisation.
    if not toegang.mag(user=door, perm="meldingen.toewijzen", obj=melding):
        raise PermissionDenied(_("U mag deze stap op deze melding niet zetten."))


@transaction.atomic
def inzageverzoek_registreren(*, betrokkene: Betrokkene, ontvangen_op: date, door: Gebruiker) -> Inzageverzoek:
    melding = betrokkene.melding
    _vereis(melding=melding, door=door)
    verzoek = Inzageverzoek.objects.create(
        melding=melding,
        betrokkene=betrokkene,
        ontvangen_op=ontvangen_op,
        uiterlijk=plus_maanden(ontvangen_op, TERMIJN_MAANDEN),
        door=door,
    )
    Gebeurtenis.objects.create(melding=melding, soort=GebeurtenisSoort.INZAGEVERZOEK, artikel="AVG art. 15", door=door)
    auditregel_schrijven(door=door, actie=AuditActie.AANGEMAAKT, object=verzoek, toelichting="AVG art. 15")
    return verzoek


@transaction.atomic
def inzageverzoek_uitstellen(*, verzoek: Inzageverzoek, reden: str, tot: date, door: Gebruiker) -> Inzageverzoek:
    """Delay the answer while the investigation interest requires it, with the
    reason and a date; the restriction is lifted when it no longer applies."""
    _vereis(melding=verzoek.melding, door=door)
    if verzoek.afgehandeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van het uitstel (onderzoeksbelang).")})
    if tot <= timezone.localdate():
        raise ValidationError({"tot": _("Kies een datum in de toekomst.")})
    verzoek.uitstel_reden = reden.strip()
    verzoek.uitgesteld_tot = tot
    verzoek.save(update_fields=["uitstel_reden", "uitgesteld_tot", "updated_at"])
    auditregel_schrijven(
        door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting=f"uitgesteld tot {tot.isoformat()}"
    )
    return verzoek


@transaction.atomic
def weglating_toevoegen(*, verzoek: Inzageverzoek, passage: str, reden: str, door: Gebruiker) -> Weglating:
    """A passage that identifies the melder or a witness in other words
    ("the colleague who sits next to him"): left out, with the reason."""
    _vereis(melding=verzoek.melding, door=door)
    if verzoek.afgehandeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    if not passage.strip() or not reden.strip():
        raise ValidationError(_("Geef de passage en de reden om haar weg te laten."))
    weglating = Weglating.objects.create(
        verzoek=verzoek, omschrijving=_("passage"), passage=passage.strip(), reden=reden.strip()[:300]
    )
    auditregel_schrijven(door=door, actie=AuditActie.GEWIJZIGD, object=verzoek, toelichting="weglating")
    return weglating


def beschermde_identiteiten(*, melding: Melding, behalve: Betrokkene) -> list[tuple[str, str, str]]:
    """(what, value, reason) of everyone the file must not name: the melder, the
    other persons concerned, and what higher apps register in `<app>.inzage`
    (`beschermde_identiteiten(*, melding)`, e.g. onderzoek's witnesses)."""
    gevonden: list[tuple[str, str, str]] = []
    identiteit = MelderIdentiteit.objects.filter(melding=melding).first()
    if identiteit is not None:
        gevonden += [(str(wat), getattr(identiteit, veld), str(REDEN_MELDER)) for veld, wat in MELDERVELDEN]
    for ander in Betrokkene.objects.filter(melding=melding).exclude(pk=behalve.pk):
        gevonden.append((str(_("naam van een andere betrokkene")), ander.naam, str(REDEN_BETROKKENE)))
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.inzage")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.inzage":
                raise
            continue
        gevonden += [
            (wat, waarde, str(REDEN_GETUIGE)) for wat, waarde in module.beschermde_identiteiten(melding=melding)
        ]
    return [(wat, waarde.strip(), reden) for wat, waarde, reden in gevonden if waarde and waarde.strip()]


def naampatroon(waarde: str) -> re.Pattern:
    """The whole value and each longer part of it (a surname alone also names
    someone), as whole words, case-insensitive."""
    delen = {waarde} | {deel for deel in re.split(r"[\s,;]+", waarde) if len(deel) >= 4}
    for deel in list(delen):
        delen |= {d for d in deel.split("-") if len(d) >= 4}
    alternatieven = "|".join(re.escape(d) for d in sorted(delen, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatieven})(?!\w)", re.IGNORECASE)


def _weglaten(tekst: str, regels: list[tuple[int, re.Pattern]]) -> str:
    for nummer, patroon in regels:
        tekst = patroon.sub(f"[{_('weggelaten')} {nummer}]", tekst)
    return tekst


@transaction.atomic
def inzageverzoek_afhandelen(*, verzoek: Inzageverzoek, door: Gebruiker, vandaag: date | None = None) -> bytes:
    """Produce the person's file as PDF, with every redaction recorded; stored
    encrypted with the request and audited."""
    verzoek = Inzageverzoek.objects.select_for_update().get(pk=verzoek.pk)
    melding, betrokkene = verzoek.melding, verzoek.betrokkene
    _vereis(melding=melding, door=door)
    vandaag = vandaag or timezone.localdate()
    if verzoek.afgehandeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    if verzoek.uitgesteld_tot and verzoek.uitgesteld_tot > vandaag:
        raise ValidationError(
            _("Het antwoord is uitgesteld tot %(datum)s in het belang van het onderzoek.")
            % {"datum": verzoek.uitgesteld_tot.isoformat()}
        )
    verzoek.weglatingen.filter(automatisch=True).delete()
    beschermd = beschermde_identiteiten(melding=melding, behalve=betrokkene)
    automatisch = Weglating.objects.bulk_create(
        [
            Weglating(verzoek=verzoek, omschrijving=wat[:200], reden=reden[:300], automatisch=True)
            for wat, _w, reden in beschermd
        ]
    )
    handmatig = list(verzoek.weglatingen.filter(automatisch=False).order_by("created_at", "id"))
    # Passages chosen by hand first (whole sentences), then the names in what is left.
    paren = [(w, re.compile(re.escape(w.passage))) for w in handmatig]
    paren += [(w, naampatroon(waarde)) for w, (_wat, waarde, _reden) in zip(automatisch, beschermd, strict=True)]
    weglatingen, regels = [], []
    for nummer, (weglating, patroon) in enumerate(paren, start=1):
        weglating.nummer = nummer
        weglatingen.append(weglating)
        regels.append((nummer, patroon))
    onderdelen = [(titel, getattr(melding, veld)) for veld, titel in MELDINGTEKSTEN]
    context = {
        "organisatie": melding.organisatie,
        "registernummer": melding.registernummer,
        "onderwerp": _("Inzage in uw persoonsgegevens (AVG art. 15)"),
        "datum": timezone.now(),
        "betrokkene": betrokkene,
        "verzoek": verzoek,
        "onderdelen": [(titel, _weglaten(tekst, regels)) for titel, tekst in onderdelen if tekst],
        "weglatingen": weglatingen,
    }
    pdf = template_naar_pdf("meldingen/inzage_betrokkene.html", context)
    verzoek.document.save("inzage.pdf", ContentFile(pdf), save=False)
    verzoek.afgehandeld_op = timezone.now()
    verzoek.save(update_fields=["document", "afgehandeld_op", "updated_at"])
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEEXPORTEERD,
        object=verzoek,
        toelichting=f"AVG art. 15; {len(weglatingen)} weglatingen",
    )
    return pdf
