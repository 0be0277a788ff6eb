"""The project's error pages where Django's own handlers fall short.

Django answers a request with a method a view does not take (a 405 from
`require_POST`, e.g. the address of the mailbox's message form opened in the
address bar after sending) with an empty body: the melder saw a blank page. This
middleware fills such an empty 405 with the project's error page (templates/405.html),
in the visitor's language, keeping the status and the Allow header. The 404, 403
and CSRF pages come from Django's handlers (templates/404.html and the like),
which render them with the request and so with the context processors.

An error page under a staff address (the admin, /personeel/) leads back to the
staff workspace instead of the melder's front door and mailbox
(`is_personeelsadres`, given to the templates by kern.context_processors). It
depends on the address only, never on what was asked for: a case the user may
not see and a case that does not exist still get the same page (docs/vertrouwelijkheid.md).

The 400 and 500 pages have their own handlers (`ongeldig_verzoek`, `serverfout`,
config/urls.py): Django's 500 handler renders without the request, so under a
staff address a member of staff got the melder's page. These handlers give the
template one fact, whether the address is a staff one, and nothing else: no
request (so no context processor runs and the database is never asked; the page
must come up when the database is what failed), no exception, no path, nothing
of what was sent. When even the template fails, a fixed page in the visitor's
language answers.
"""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The staff side's addresses (config/urls.py): the admin and /personeel/.
PERSONEELSADRESSEN = ("/admin/", "/personeel/")


def is_personeelsadres(pad: str) -> bool:
    return pad.startswith(PERSONEELSADRESSEN)


class LegeFoutAntwoordenMiddleware:
    """After CsrfViewMiddleware in MIDDLEWARE: the page's language switch gets a
    CSRF token whose cookie the CSRF middleware still sets on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwoord = self.get_response(request)
        if antwoord.status_code == 405 and not antwoord.streaming and not antwoord.content:
            antwoord.content = render_to_string("405.html", request=request)
            antwoord["Content-Type"] = "text/html; charset=utf-8"
        return antwoord


def _foutpagina(request, sjabloon: str) -> str:
    personeelsomgeving = is_personeelsadres(getattr(request, "path_info", "") or "")
    try:
        # Without the request: a plain Context, no context processors, no user, no session.
        return render_to_string(sjabloon, {"personeelsomgeving": personeelsomgeving})
    except Exception:
        # The error page itself must not fail (a static file missing from the
        # manifest, a broken template); what failed first is logged by Django.
        return _noodpagina(personeelsomgeving)


def _noodpagina(personeelsomgeving: bool) -> str:
    """The fixed last resort: no template, no static file, no database."""
    if personeelsomgeving:
        adres, tekst = reverse("admin:index"), _("Naar uw werkruimte: uw meldingen en taken")
    else:
        adres, tekst = reverse("voordeur"), _("Naar de voorpagina: een melding doen")
    return format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{} · Meldpunt</title></head>'
        '<body><h1>{}</h1><p><a href="{}">{}</a></p></body></html>',
        get_language() or "nl",
        _("Storing"),
        _("Er ging iets mis aan onze kant"),
        adres,
        tekst,
    )


def ongeldig_verzoek(request, exception):
    """handler400: the exception's text may quote what was sent; it is not shown."""
    return HttpResponseBadRequest(_foutpagina(request, "400.html"))


def serverfout(request):
    """handler500."""
    return HttpResponseServerError(_foutpagina(request, "500.html"))
