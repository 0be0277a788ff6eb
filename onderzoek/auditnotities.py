"""onderzoek's audit notes about a case (kern.auditnotities), read in its access
log (`MeldingAdmin.inzage_view`). The stored form is the note the services wrote
before, so older rows read in the reader's language too."""

from django.utils.translation import gettext_noop

from kern.auditnotities import GETAL, Auditnotitie, Keuze
from onderzoek.constants import BesluitSoort, KennisgevingFase

BESLUIT = Auditnotitie(
    "besluit %(soort)s", weergave=gettext_noop("besluit ondertekend: %(soort)s"), soort=Keuze(BesluitSoort)
)
BESLUIT_VERSIE = Auditnotitie(
    "besluit v%(versie)s", weergave=gettext_noop("besluit opnieuw ondertekend, versie %(versie)s"), versie=GETAL
)
EXTERNE_KENNISGEVING = Auditnotitie(gettext_noop("externe kennisgeving"))
WEDERHOOR = Auditnotitie("wederhoor", weergave=gettext_noop("reactie van de melder op het standpunt (Art. 12)"))
REACTIE_NAAR_EXTERN = Auditnotitie(
    "reactie naar extern", weergave=gettext_noop("reactie van de melder naar de externe instantie (Art. 12.3)")
)
WEDERHOOR_BEANTWOORD = Auditnotitie(
    "wederhoor beantwoord", weergave=gettext_noop("antwoord op de reactie van de melder verstuurd (Art. 12)")
)
KENNISGEVING_BEOORDEELD = Auditnotitie(
    "kennisgeving beoordeeld (%(fase)s)",
    weergave=gettext_noop("externe kennisgeving beoordeeld: %(fase)s"),
    fase=Keuze(KennisgevingFase),
)
BETROKKENEN_INFORMEREN = Auditnotitie(
    "Art. 11.4 informeren", weergave=gettext_noop("betrokkene geïnformeerd (Art. 11.4)")
)
BETROKKENEN_UITGESTELD = Auditnotitie(
    "Art. 11.4 uitgesteld", weergave=gettext_noop("informeren van een betrokkene uitgesteld (Art. 11.4)")
)
STANDPUNT = Auditnotitie("standpunt", weergave=gettext_noop("standpunt ondertekend"))
VERLENGINGSBRIEF = Auditnotitie(gettext_noop("verlengingsbrief"))
