"""Bar charts as inline SVG (vector graphics in the PDF; no chart library, no
raster images). Hidden (suppressed) cells get no bar, only their text."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BREEDTE = 600
LABEL_BREEDTE = 330
RIJ_HOOGTE = 22
KLEUR = "#154273"


def staafdiagram_svg(rijen: list[list], *, titel: str) -> SafeString:
    """`rijen` as frozen in a version: [label, value or None, text shown]."""
    waarden = [w for _l, w, _t in rijen if w is not None]
    hoogste = max(waarden, default=0) or 1
    ruimte = BREEDTE - LABEL_BREEDTE - 60
    hoogte = RIJ_HOOGTE * len(rijen) + 8
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" viewBox="0 0 {BREEDTE} {hoogte}" '
        f'width="{BREEDTE}" height="{hoogte}" aria-label="{escape(titel)}">'
    ]
    for i, (label, waarde, tekst) in enumerate(rijen):
        y = 4 + i * RIJ_HOOGTE
        midden = y + RIJ_HOOGTE / 2 + 4
        kort = label if len(label) <= 56 else label[:54] + "…"
        delen.append(
            f'<text x="{LABEL_BREEDTE - 8}" y="{midden:.1f}" text-anchor="end" font-size="11" '
            f'fill="#1b1b1b">{escape(kort)}</text>'
        )
        lengte = 0.0 if waarde is None else ruimte * waarde / hoogste
        if lengte > 0:
            delen.append(
                f'<rect x="{LABEL_BREEDTE}" y="{y + 3}" width="{lengte:.1f}" height="{RIJ_HOOGTE - 6}" fill="{KLEUR}"/>'
            )
        delen.append(
            f'<text x="{LABEL_BREEDTE + lengte + 6:.1f}" y="{midden:.1f}" font-size="11" '
            f'fill="#1b1b1b">{escape(tekst)}</text>'
        )
    delen.append(f'<line x1="{LABEL_BREEDTE}" y1="2" x2="{LABEL_BREEDTE}" y2="{hoogte - 2}" stroke="#777"/>')
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
