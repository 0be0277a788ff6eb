"""The one wrapper around WeasyPrint (docs/stijl.md). Imported lazily: WeasyPrint
loads Pango and fonts, which web requests that render no PDF should not pay for."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader


def html_naar_pdf(html: str) -> bytes:
    # Imported here on purpose (see the module docstring): only a request that
    # renders a PDF pays for loading WeasyPrint, Pango and the fonts.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # base_url lets templates use relative static paths; nothing is fetched from
    # the network: only our own files and data: URIs are allowed.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, timeout=2)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()


def template_naar_pdf(template: str, context: dict) -> bytes:
    return html_naar_pdf(render_to_string(template, context))


def pdf_tekst(pdf: bytes) -> str:
    """Extract the text of a PDF (tests and checks read letters back with this)."""

    return "\n".join(pagina.extract_text() or "" for pagina in PdfReader(BytesIO(pdf)).pages)
