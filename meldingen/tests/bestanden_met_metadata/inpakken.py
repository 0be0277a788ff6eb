"""The zip container of Office Open XML and OpenDocument files."""

from __future__ import annotations

import io
import zipfile


def zip_inpakken(leden: dict[str, bytes | str], eerste_ongecomprimeerd: str | None = None) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        if eerste_ongecomprimeerd:
            z.writestr(eerste_ongecomprimeerd, leden.pop(eerste_ongecomprimeerd), compress_type=zipfile.ZIP_STORED)
        for naam, data in leden.items():
            z.writestr(naam, data)
    return uit.getvalue()
