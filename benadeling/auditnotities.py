"""benadeling's audit notes about a case (kern.auditnotities), read in its access
log (`MeldingAdmin.inzage_view`). The stored form is the note the services wrote
before, so older rows read in the reader's language too."""

from django.utils.translation import gettext_noop

from kern.auditnotities import UUID, Auditnotitie

DOSSIER_GEEXPORTEERD = Auditnotitie(
    "dossier %(export)s", weergave=gettext_noop("benadelingsdossier geëxporteerd (export %(export)s)"), export=UUID
)
# AVG art. 17: the melder's identity was erased; the protected-person row's copies of
# its blind indexes went with it (benadeling.melder.identiteit_gewist).
BLINDE_INDEXEN_GEWIST = Auditnotitie(
    "blinde indexen gewist; AVG art. 17",
    weergave=gettext_noop("blinde indexen van de melder gewist bij het wissen van de identiteit (AVG art. 17)"),
)
