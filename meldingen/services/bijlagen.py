"""Attachments: type and size checks, metadata removal, encrypted storage (docs/melderzijde.md).

Metadata (author, GPS position, device, edit history) can identify a melder, so it
is removed before storage unless the melder explicitly keeps the original. The
cleaning itself runs in a separate, resource-limited process
(meldingen.bijlagen_werker): photos are re-drawn with Pillow, office files and
PDFs are cleaned with mat2 (Debian package) and checked afterwards. A file that
cannot be cleaned with certainty is not stored unless the melder keeps the
original after a plain warning; a decompression bomb is refused outright.
See docs/hostile-input.md for the budgets and what each format loses.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kern.models import AuditActie, Gebruiker
from kern.services import auditregel_schrijven
from meldingen.constants import MetadataBehandeling
from meldingen.models import Bericht, Bijlage, Melding

MAX_GROOTTE = 20 * 1024 * 1024
MAX_AANTAL = 10
# All files of one message together (the request cap, kern.uploads, is a little larger).
MAX_TOTAAL = 50 * 1024 * 1024
# Wall clock for cleaning one file in the sandbox (docs/hostile-input.md).
ZANDBAK_TIJD = 30

logger = logging.getLogger(__name__)

# extension -> (content type, family)
TOEGESTAAN: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "png": ("image/png", "png"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "txt": ("text/plain", "txt"),
}
TOEGESTANE_EXTENSIES = ("pdf", "jpg", "png", "docx", "xlsx", "odt", "txt")


@dataclass(frozen=True)
class VoorbereidBestand:
    """An uploaded file checked and (by default) cleaned, ready to store."""

    naam: str
    inhoud: bytes
    inhoudstype: str
    metadata: MetadataBehandeling


def _fout(naam: str, tekst: str) -> ValidationError:
    return ValidationError(_("%(naam)s: %(tekst)s") % {"naam": naam, "tekst": tekst})


def _past_bij_soort(inhoud: bytes, familie: str) -> bool:
    """Check the first bytes: the extension alone proves nothing."""
    if familie == "pdf":
        return inhoud.startswith(b"%PDF-")
    if familie == "jpeg":
        return inhoud.startswith(b"\xff\xd8\xff")
    if familie == "png":
        return inhoud.startswith(b"\x89PNG\r\n\x1a\n")
    if familie in ("ooxml", "odf"):
        return inhoud.startswith(b"PK\x03\x04")
    if familie == "txt":
        if b"\x00" in inhoud:
            return False
        try:
            inhoud.decode("utf-8")
        except UnicodeDecodeError:
            try:
                inhoud.decode("cp1252")
            except UnicodeDecodeError:
                return False
        return True
    return False


class OnzekerSchoon(ValidationError):
    """The file could not be cleaned with certainty: the melder is told, and it
    is stored only if they choose to keep the original (docs/melderzijde.md)."""


def _soort_van_reden(reden: str) -> str:
    """Only the kind of limit for the log (`zip-lid`, `pixels`, `mat2`): the
    cleaner's detail may carry a name from inside the file, such as an embedded
    photo's member name, and the log never holds anything of a melder's file
    (docs/hostile-input.md)."""
    soort = re.match(r"[a-z0-9-]+", reden)
    return soort.group(0)[:40] if soort else "onbekend"


def _in_zandbak_schoonmaken(inhoud: bytes, familie: str, extensie: str) -> bytes:
    """Clean one file in its own process (meldingen.bijlagen_werker) under a fixed
    memory, CPU and wall-clock budget, in a private folder on tmpfs that is
    removed afterwards (docs/hostile-input.md). Raises _Geweigerd, OnzekerSchoon
    or _Onleesbaar; the web worker never parses a hostile file itself."""
    tijdelijk = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None  # noqa: S108 - tmpfs, private subfolder
    with tempfile.TemporaryDirectory(prefix="meldpunt-", dir=tijdelijk) as map_:
        try:
            resultaat = subprocess.run(  # noqa: S603 - our own module, fixed arguments
                [sys.executable, "-m", "meldingen.bijlagen_werker", familie, extensie],
                input=inhoud,
                capture_output=True,
                timeout=ZANDBAK_TIJD,
                cwd=map_,
                env={
                    "PATH": "/usr/bin:/bin",
                    "TMPDIR": map_,
                    "HOME": map_,
                    "LANG": "C.UTF-8",
                    "PYTHONPATH": str(settings.BASE_DIR),
                },
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise _Geweigerd("tijd") from exc
    reden = resultaat.stderr.decode(errors="replace")[-300:]
    if resultaat.returncode == 0:
        return resultaat.stdout
    if resultaat.returncode == 11:
        raise OnzekerSchoon(reden)
    if resultaat.returncode == 12:
        raise _Onleesbaar(reden)
    # 10 (a limit was hit) or killed by a signal (RLIMIT_CPU, out of memory).
    raise _Geweigerd(reden or f"signaal {resultaat.returncode}")


class _Geweigerd(Exception):
    pass


class _Onleesbaar(Exception):
    pass


def grootte_controleren(*, naam: str, grootte: int) -> None:
    """Refuse a file over the limit before reading it into memory."""
    if grootte > MAX_GROOTTE:
        raise _fout(
            naam, _("het bestand is te groot. Het mag hoogstens %(max)s zijn.") % {"max": filesizeformat(MAX_GROOTTE)}
        )


def bestand_voorbereiden(*, naam: str, inhoud: bytes, metadata_behouden: bool = False) -> VoorbereidBestand:
    """Check type and size and remove metadata. Raises ValidationError with a
    message the melder understands. Pure: stores nothing."""
    # Only printable characters: the name is echoed in pages and in a download header.
    naam = "".join(ch for ch in (naam or "") if ch.isprintable()).strip()[:200] or "bestand"
    extensie = naam.rsplit(".", 1)[-1].lower() if "." in naam else ""
    if extensie not in TOEGESTAAN:
        raise _fout(
            naam,
            _("dit soort bestand kunnen we niet aannemen. Toegestaan zijn: %(soorten)s.")
            % {"soorten": ", ".join(TOEGESTANE_EXTENSIES)},
        )
    if len(inhoud) == 0:
        raise _fout(naam, _("het bestand is leeg."))
    grootte_controleren(naam=naam, grootte=len(inhoud))
    inhoudstype, familie = TOEGESTAAN[extensie]
    if not _past_bij_soort(inhoud, familie):
        raise _fout(
            naam, _("de inhoud past niet bij de extensie .%(ext)s. Is het bestand beschadigd?") % {"ext": extensie}
        )
    if familie == "txt":
        return VoorbereidBestand(naam, inhoud, inhoudstype, MetadataBehandeling.NIET_VAN_TOEPASSING)
    if metadata_behouden:
        return VoorbereidBestand(naam, inhoud, inhoudstype, MetadataBehandeling.BEHOUDEN)
    try:
        schoon = _in_zandbak_schoonmaken(inhoud, familie, extensie)
    except _Geweigerd as exc:
        # A decompression bomb or a file that needs more than the budget: refused,
        # never stored, not even as the original (docs/hostile-input.md).
        # Only the kind of limit: the cleaner's detail may name parts of the file.
        logger.info("attachment refused by the cleaner: %s", _soort_van_reden(str(exc)))
        raise _fout(
            naam,
            _(
                "dit bestand kunnen we niet veilig verwerken: uitgepakt is het veel te groot (bijvoorbeeld een "
                "enorm aantal beeldpunten of een sterk samengeperst archief). Stuur een kleinere versie, of "
                "beschrijf in uw bericht wat erin staat."
            ),
        ) from exc
    except OnzekerSchoon as exc:
        logger.info("attachment not cleaned with certainty: %s", _soort_van_reden(str(exc)))
        raise OnzekerSchoon(
            _fout(
                naam,
                _(
                    "we kunnen niet met zekerheid alle verborgen gegevens (zoals auteur, opmerkingen of locatie) "
                    "uit dit bestand halen. Het is daarom niet opgeslagen. U kunt het bestand weglaten, het "
                    "opslaan als pdf of afbeelding en opnieuw proberen, of kiezen om het origineel met de "
                    "verborgen gegevens te bewaren."
                ),
            ).messages[0]
        ) from exc
    except _Onleesbaar as exc:
        raise _fout(
            naam,
            _(
                "we konden de verborgen gegevens (zoals auteur of locatie) niet uit dit bestand halen. "
                "Is het beschadigd? U kunt ook kiezen om het origineel te bewaren."
            ),
        ) from exc
    return VoorbereidBestand(naam, schoon, inhoudstype, MetadataBehandeling.VERWIJDERD)


@transaction.atomic
def bijlage_opslaan(
    *,
    melding: Melding,
    bestand: VoorbereidBestand,
    bericht: Bericht | None = None,
    door: Gebruiker | None = None,
) -> Bijlage:
    """Store one prepared file encrypted (kern.opslag) and record what was done
    with its metadata, so the case shows it (docs/melderzijde.md)."""
    bijlage = Bijlage(
        melding=melding,
        bericht=bericht,
        bestandsnaam=bestand.naam,
        inhoudstype=bestand.inhoudstype,
        grootte=len(bestand.inhoud),
        metadata=bestand.metadata,
        van_melder=door is None,
    )
    bijlage.bestand.save("bijlage", ContentFile(bestand.inhoud), save=False)
    bijlage.save()
    auditregel_schrijven(
        door=door,
        actie=AuditActie.AANGEMAAKT,
        object=bijlage,
        toelichting=f"bijlage metadata={bestand.metadata}",
        actor_soort=None if door else "melder",
    )
    return bijlage


def bijlage_inhoud_lezen(*, bijlage: Bijlage, door: Gebruiker | None) -> bytes:
    """Decrypt one attachment for download; every download is audited (docs/vertrouwelijkheid.md).
    Access has been checked by the caller's selector."""
    with transaction.atomic():
        auditregel_schrijven(
            door=door, actie=AuditActie.GEDOWNLOAD, object=bijlage, actor_soort=None if door else "melder"
        )
    with bijlage.bestand.open("rb") as fh:
        return fh.read()
