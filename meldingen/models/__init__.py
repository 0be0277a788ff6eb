"""Models of the register, one module per area (docs/stijl.md: past ~400 lines, a package)."""

from meldingen.models.betrokkenen import Betrokkene
from meldingen.models.bewaring import (
    Bewaarbeleid,
    Bewaarblokkade,
    Inhoudsverwijdering,
    TeVernietigenMelding,
    TeVerwijderenBestand,
    Vernietigingsbatch,
    Vernietigingsverslag,
)
from meldingen.models.identiteit import MelderAdviseur, MelderIdentiteit, Wissingsverzoek
from meldingen.models.inzage import Inzageverzoek, Weglating
from meldingen.models.meldingsbox import (
    Bericht,
    Bijlage,
    Brief,
    Meldingsbox,
    MislukteCodepoging,
    Vastlegging,
    VervangenOntvangstcode,
    Verzoek,
)
from meldingen.models.register import (
    Functionaris,
    Gebeurtenis,
    GebeurtenisToelichting,
    Melding,
    MeldingGebruikerPermissie,
    MeldingGroepPermissie,
    MeldingKoppeling,
    MeldingQuerySet,
    Organisatie,
    Registerteller,
    Toewijzing,
)
from meldingen.models.rolwijziging import Rolwijziging, RolwijzigingSoort, RolwijzigingStatus
from meldingen.models.termijnen import Herinnering, Termijn, TermijnInstelling, TermijnQuerySet, Verlenging
from meldingen.models.toestemming import Toestemming

__all__ = [
    "Bericht",
    "Betrokkene",
    "Bewaarbeleid",
    "Bewaarblokkade",
    "Bijlage",
    "Brief",
    "Functionaris",
    "Gebeurtenis",
    "GebeurtenisToelichting",
    "Herinnering",
    "Inhoudsverwijdering",
    "Inzageverzoek",
    "MelderAdviseur",
    "MelderIdentiteit",
    "Melding",
    "MeldingGebruikerPermissie",
    "MeldingGroepPermissie",
    "MeldingKoppeling",
    "MeldingQuerySet",
    "Meldingsbox",
    "MislukteCodepoging",
    "Organisatie",
    "Registerteller",
    "Rolwijziging",
    "RolwijzigingSoort",
    "RolwijzigingStatus",
    "TeVernietigenMelding",
    "TeVerwijderenBestand",
    "Termijn",
    "TermijnInstelling",
    "TermijnQuerySet",
    "Toestemming",
    "Toewijzing",
    "Vastlegging",
    "Verlenging",
    "Vernietigingsbatch",
    "Vernietigingsverslag",
    "VervangenOntvangstcode",
    "Verzoek",
    "Weglating",
    "Wissingsverzoek",
]
