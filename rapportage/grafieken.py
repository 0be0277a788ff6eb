"""Bar charts for the annual report's PDF: vector bars in the figures' tables (no
chart library, no raster images). Hidden (suppressed) cells get no bar, only
their text."""

from __future__ import annotations


def staaflengtes(rijen: list[list]) -> list[float | None]:
    """Per row, the bar's length in percent of the longest (`rijen` as frozen in
    a version: [label, value or None, text shown]); None for a hidden cell.

    The bars are drawn in the figures' own table instead of a separate SVG chart
    repeating every label and number as SVG text, which WeasyPrint places glyph
    by glyph: the charts cost more than half of the report's rendering time
    (issue 16; docs/adr/0008-intake-onder-last.md). Each bar is the number
    cell's background, a gradient with a hard stop at this length (a vector
    fill, no image), rather than a box in a column of its own: every table cell
    is a box WeasyPrint lays out, styles and draws."""
    waarden = [w for _l, w, _t in rijen if w is not None]
    hoogste = max(waarden, default=0) or 1
    return [None if w is None else round(100 * w / hoogste, 1) for _l, w, _t in rijen]
