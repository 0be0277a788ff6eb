"""The project's page for answers Django gives without a body.

Django answers a request with a method a view does not take (a 405 from
`require_POST`, e.g. the address of the mailbox's message form opened in the
address bar after sending) with an empty body: the melder saw a blank page. This
middleware fills such an empty 405 with the project's error page (templates/405.html),
in the visitor's language, keeping the status and the Allow header. The other
error pages come from Django's handlers (templates/404.html and the like).

An error page under a staff address (the admin, /personeel/) leads back to the
staff workspace instead of the melder's front door and mailbox
(`is_personeelsadres`, given to the templates by kern.context_processors). It
depends on the address only, never on what was asked for: a case the user may
not see and a case that does not exist still get the same page (docs/vertrouwelijkheid.md).
"""

from django.template.loader import render_to_string

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
