"""Request bodies and uploaded files of hostile clients (docs/hostile-input.md).

Two rules: a body larger than MELDPUNT_MAX_VERZOEK_GROOTTE is refused on its
Content-Length header, before a byte of it is read or buffered; and an uploaded
file is held in memory only, never in a temporary file on disk, so the plaintext
of a melder's attachment does not outlive the request (it is encrypted before it
is stored: kern.opslag). Together they bound the memory one request can take.
"""

from __future__ import annotations

import codecs

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _


class GeheugenUploadHandler(MemoryFileUploadHandler):
    """Django's in-memory handler, used for every upload whatever its size.

    Django would switch to TemporaryFileUploadHandler (a file in /tmp) above
    FILE_UPLOAD_MAX_MEMORY_SIZE; that handler is not installed at all
    (settings.FILE_UPLOAD_HANDLERS), and the body's size is capped by
    VerzoekGrootteMiddleware before this handler runs."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


def _te_groot_antwoord(request) -> HttpResponse:
    grens = filesizeformat(settings.MELDPUNT_MAX_VERZOEK_GROOTTE)
    taal = translation.get_language_from_request(request)
    with translation.override(taal):
        titel = _("Te veel gegevens ineens")
        tekst = _(
            "Wat u verstuurde is groter dan %(grens)s en is niet ontvangen. Stuur minder of kleinere bestanden "
            "tegelijk; u kunt later meer bestanden toevoegen in uw meldingsbox."
        ) % {"grens": grens}
    inhoud = (
        f'<!DOCTYPE html><html lang="{taal}"><head><meta charset="utf-8"><title>{titel}</title></head>'
        f"<body><h1>{titel}</h1><p>{tekst}</p></body></html>"
    )
    antwoord = HttpResponse(inhoud, status=413)
    # The rest of the body is not read: tell the server to drop the connection.
    antwoord["Connection"] = "close"
    return antwoord


def _formulier_tekenset_controleren(request) -> None:
    """A form body (application/x-www-form-urlencoded) is UTF-8 by definition;
    Django refuses one that declares another charset with BadRequest, but does
    not mark the body as unreadable, so the 400 page's own CSRF step parsed it
    again, failed again, and the client got a bare 500 from gunicorn. Aliases of
    UTF-8 (`utf8`, `UTF_8`) are taken as UTF-8; any other charset is refused here,
    before anything reads the body, with the project's 400 page."""
    if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
        return
    tekenset = request.encoding
    if not tekenset or tekenset.lower() == "utf-8":
        return
    if codecs.lookup(tekenset).name == "utf-8":
        request.encoding = "utf-8"
        return
    # Read as an empty form from here on (the error page's CSRF step reads it).
    request.POST = QueryDict()
    raise BadRequest("form body with a charset other than UTF-8")


class VerzoekGrootteMiddleware:
    """Before anything reads the body (CsrfViewMiddleware is the first that
    does): refuses an oversized body on its declared length, and a form body in
    another charset than UTF-8.

    A body without Content-Length (chunked) is read by Django as empty, and one
    whose length is a lie is cut off at the declared length by Django's
    LimitedStream, so the header is the bound. The security headers
    (SecurityMiddleware, X-Frame-Options, CSP) sit outside it, so its answers
    carry them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        if lengte > settings.MELDPUNT_MAX_VERZOEK_GROOTTE:
            return _te_groot_antwoord(request)
        _formulier_tekenset_controleren(request)
        return self.get_response(request)
