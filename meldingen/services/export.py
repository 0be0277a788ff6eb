"""Export of a full case file for the organisation's archive or a court,
encrypted to a passphrase the requester chooses (docs/retention.md, "Export").

Format (version 1): the bytes `MELDPUNT-DOSSIER-1\\n`, a 16-byte salt, a 12-byte
nonce, then AES-256-GCM ciphertext (the header as associated data) of a zip
file. The key is scrypt(passphrase, salt, n=2**15, r=8, p=1, 32 bytes). Anyone
with Python and `cryptography` can decrypt it (docs/retention.md shows how);
`manage.py dossier_ontsleutelen` does it too.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from importlib import import_module

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import toegang
from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen import auditnotities
from meldingen.models import MelderIdentiteit, Melding

KOP = b"MELDPUNT-DOSSIER-1\n"
ZOUT, NONCE = 16, 12
MIN_LENGTE = 12


class ExportDoel(models.TextChoices):
    ARCHIEF = "archief", gettext_lazy("Archief van de organisatie")
    RECHTER = "rechter", gettext_lazy("Rechter of geschilleninstantie")
    HUIS = "huis_voor_klokkenluiders", gettext_lazy("Huis voor Klokkenluiders")


def _sleutel(wachtwoordzin: str, zout: bytes) -> bytes:
    return Scrypt(salt=zout, length=32, n=2**15, r=8, p=1).derive(wachtwoordzin.encode("utf-8"))


def versleutelen(data: bytes, *, wachtwoordzin: str) -> bytes:
    zout, nonce = os.urandom(ZOUT), os.urandom(NONCE)
    return KOP + zout + nonce + AESGCM(_sleutel(wachtwoordzin, zout)).encrypt(nonce, data, KOP)


def ontsleutelen(data: bytes, *, wachtwoordzin: str) -> bytes:
    """The zip inside an export; a clear error for a wrong passphrase or a file
    that is not (or no longer) an intact export."""
    if not data.startswith(KOP):
        raise ValueError("Not a Meldpunt case-file export (version 1).")
    zout = data[len(KOP) : len(KOP) + ZOUT]
    nonce = data[len(KOP) + ZOUT : len(KOP) + ZOUT + NONCE]
    try:
        return AESGCM(_sleutel(wachtwoordzin, zout)).decrypt(nonce, data[len(KOP) + ZOUT + NONCE :], KOP)
    except InvalidTag:
        raise ValueError("Wrong passphrase, or the export was altered.") from None


def _bijdragen(melding: Melding) -> list[tuple[str, dict, list[tuple[str, bytes]]]]:
    """Higher apps add their part through `<app>.export.dossier(*, melding)`."""
    gevonden = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.export")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.export":
                raise
            continue
        gegevens, bestanden = module.dossier(melding=melding)
        gevonden.append((config.label, gegevens, bestanden))
    return gevonden


def _meldingen_deel(melding: Melding, *, met_identiteit: bool) -> tuple[dict, list[tuple[str, bytes]]]:
    bestanden = []
    gegevens = {
        "registernummer": melding.registernummer,
        "organisatie": melding.organisatie.naam,
        "status": melding.status,
        "soort": melding.soort,
        "ontvangen_op": melding.ontvangen_op.isoformat(),
        "kanaal": melding.kanaal,
        "wijze": melding.wijze,
        "categorie": melding.categorie,
        "omschrijving": melding.omschrijving,
        "wanneer": melding.wanneer,
        "waar": melding.waar,
        "betrokkenen_omschrijving": melding.betrokkenen_omschrijving,
        "eerdere_meldingen": melding.eerdere_meldingen,
        "identiteitskeuze": melding.identiteitskeuze,
        "betrokkenen": [
            {
                "naam": b.naam,
                "functie": b.functie,
                "geinformeerd_op": b.geinformeerd_op and b.geinformeerd_op.isoformat(),
            }
            for b in melding.betrokkenen.all()
        ],
        "berichten": [
            {"tijdstip": b.created_at.isoformat(), "richting": b.richting, "tekst": b.tekst}
            for b in melding.berichten.all()
        ],
        "vastleggingen": [
            {"titel": v.titel, "tekst": v.tekst, "artikel": v.artikel, "status": v.status}
            for v in melding.vastleggingen.all()
        ],
        "brieven": [],
        "bijlagen": [],
        "tijdlijn": [
            {"tijdstip": g.tijdstip.isoformat(), "soort": g.soort, "artikel": g.artikel, "toelichting": g.toelichting}
            for g in melding.gebeurtenissen.all()
        ],
        "termijnen": [
            {"soort": t.soort, "due": t.due.isoformat(), "gesloten_op": t.gesloten_op and t.gesloten_op.isoformat()}
            for t in melding.termijnen.all()
        ],
    }
    for brief in melding.brieven.all():
        naam = f"brieven/{brief.uuid}.pdf" if brief.pdf else ""
        gegevens["brieven"].append({"onderwerp": brief.onderwerp, "tekst": brief.tekst, "bestand": naam})
        if brief.pdf:
            with brief.pdf.open("rb") as fh:
                bestanden.append((naam, fh.read()))
    for bijlage in melding.bijlagen.all():
        naam = f"bijlagen/{bijlage.uuid}"
        gegevens["bijlagen"].append({"bestandsnaam": bijlage.bestandsnaam, "bestand": naam})
        with bijlage.bestand.open("rb") as fh:
            bestanden.append((naam, fh.read()))
    if met_identiteit:
        identiteit = MelderIdentiteit.objects.filter(melding=melding).first()
        if identiteit is not None:
            gegevens["melder"] = {
                veld: getattr(identiteit, veld)
                for veld in ("naam", "email", "telefoon", "postadres", "personeelsnummer", "afdeling")
            }
    return gegevens, bestanden


@transaction.atomic
def dossier_exporteren(*, melding: Melding, wachtwoordzin: str, doel: ExportDoel | str, door: Gebruiker) -> bytes:
    """The full case file as an encrypted zip. The melder's identity is included
    only for a user who may see it (Art. 7.2); audited with the purpose."""
    if not toegang.mag(user=door, perm="meldingen.toewijzen", obj=melding):
        raise PermissionDenied(_("U mag deze stap op deze melding niet zetten."))
    if doel not in ExportDoel.values:
        raise ValidationError({"doel": _("Kies waarvoor het dossier wordt geëxporteerd.")})
    if len(wachtwoordzin) < MIN_LENGTE:
        raise ValidationError(
            {"wachtwoordzin": _("Kies een wachtwoordzin van ten minste %(n)s tekens.") % {"n": MIN_LENGTE}}
        )
    met_identiteit = toegang.mag(user=door, perm="meldingen.identiteit_inzien", obj=melding)
    gegevens, bestanden = _meldingen_deel(melding, met_identiteit=met_identiteit)
    inhoud = {"meldingen": gegevens, "geexporteerd_op": timezone.now().isoformat(), "doel": str(doel)}
    for label, deel, extra in _bijdragen(melding):
        inhoud[label] = deel
        bestanden += extra
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dossier.json", json.dumps(inhoud, ensure_ascii=False, indent=2, default=str))
        for naam, data in bestanden:
            zf.writestr(naam, data)
    auditregel_schrijven(
        door=door,
        actie=AuditActie.GEEXPORTEERD,
        object=melding,
        toelichting=auditnotities.DOSSIER_GEEXPORTEERD(
            doel=ExportDoel(doel).value, identiteit="ja" if met_identiteit else "nee"
        ),
    )
    return versleutelen(buffer.getvalue(), wachtwoordzin=wachtwoordzin)
