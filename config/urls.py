from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from kern.views import gezondheid
from meldingen.views import voordeur

urlpatterns = [
    # The front door: the way to report, back to the mailbox, and the staff login.
    path("", voordeur, name="voordeur"),
    path("admin/", admin.site.urls),
    path("personeel/passkeys/", include("kern.urls_passkeys")),
    path("personeel/", include("kern.urls")),
    path("personeel/oidc/", include("kern.oidc.urls")),
    path("personeel/benadeling/", include("benadeling.urls")),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("taal/", set_language, name="set_language"),
    # The melder's side: public form per organisation and the anonymous mailbox;
    # retaliation pages inside the mailbox session (before meldingen's slug patterns).
    path("melden/box/benadeling/", include("benadeling.urls_melder")),
    path("melden/", include("meldingen.urls")),
    # Published regulation (public) and the annual report for HL and OR.
    path("", include("rapportage.urls")),
]

# The 400 and 500 pages know whether the address is a staff one, without the
# request's context processors or the database (kern/foutpaginas.py).
handler400 = "kern.foutpaginas.ongeldig_verzoek"
handler500 = "kern.foutpaginas.serverfout"
