"""rapportage's audit notes read in the admin's audit log (kern.auditnotities). The
stored form is the note the services wrote before, so older rows read in the
reader's language too."""

from django.utils.translation import gettext_noop

from kern.auditnotities import Auditnotitie

LID_OR = Auditnotitie("lid OR", weergave=gettext_noop("lid van de ondernemingsraad"))
