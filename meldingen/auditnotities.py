"""meldingen's audit notes (kern.auditnotities): the stored form is the note the
services wrote before, so older rows read in the reader's language too.

Those a user sees: the role changes, terms and first appointments in the admin's
audit log (configuration), and every note about a case in its access log
(`MeldingAdmin.inzage_view`). Parameters are codes and UUIDs, never content or a name."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kern.auditnotities import UUID, Auditnotitie, Keuze, Parameter, samengevoegd
from kern.rollen import Rol
from meldingen.constants import (
    BlokkadeReden,
    Categorie,
    Status,
    ToestemmingSoort,
    ToewijzingRol,
    VerwijderingSoort,
    WissingBron,
    WissingStatus,
)
from meldingen.models import Functionaris, RolwijzigingSoort


class _Handeling(Parameter):
    """The name of a case-screen action (meldingen.handelingen), shown as its title."""

    def __init__(self):
        super().__init__(r"[a-z0-9_]+", "doorsturen")

    def weergave(self, waarde: str) -> str:
        # Resolved when read: meldingen.handelingen imports the services that write these notes.
        handeling = import_string("meldingen.handelingen.HANDELINGEN").get(waarde)
        return str(handeling.titel) if handeling is not None else waarde


# --- Configuration (the admin's audit log, AuditCategorie.BEHEER) ---------------------

_ROL_OF_FUNCTIE = Keuze(samengevoegd(Rol, Functionaris.Functie))
ROLWIJZIGING_VOORGESTELD = Auditnotitie(
    "voorgesteld: %(soort)s %(wat)s voor %(betreft)s",
    weergave=gettext_noop("voorgesteld: %(soort)s (%(wat)s) voor gebruiker %(betreft)s"),
    soort=Keuze(RolwijzigingSoort),
    wat=_ROL_OF_FUNCTIE,
    betreft=UUID,
)
ROLWIJZIGING_GOEDGEKEURD = Auditnotitie(
    "goedgekeurd: %(soort)s %(wat)s voor %(betreft)s",
    weergave=gettext_noop("goedgekeurd: %(soort)s (%(wat)s) voor gebruiker %(betreft)s"),
    soort=Keuze(RolwijzigingSoort),
    wat=_ROL_OF_FUNCTIE,
    betreft=UUID,
)
ROLWIJZIGING_AFGEWEZEN = Auditnotitie(gettext_noop("afgewezen"))
TERMIJNEN_INGESTELD = Auditnotitie("termijnen", weergave=gettext_noop("termijnen van de organisatie ingesteld"))
LEIDING_EERST_AANGEWEZEN = Auditnotitie(
    "eerste %(functie)s aangewezen door beheer (command)",
    weergave=gettext_noop("eerste %(functie)s aangewezen door beheer (opdrachtregel)"),
    functie=Keuze(Functionaris.Functie),
)

# --- A case (its access log) -----------------------------------------------------------

MELDING_GEOPEND = Auditnotitie("admin detail", weergave=gettext_noop("melding geopend"))
ACTIE_GEOPEND = Auditnotitie("actie %(actie)s", weergave=gettext_noop("scherm geopend: %(actie)s"), actie=_Handeling())
INZAGELOG_BEKEKEN = Auditnotitie("inzagelog", weergave=gettext_noop("inzagelog bekeken"))
TOEGANG = Auditnotitie(
    "%(rol)s %(gebruiker)s",
    weergave=gettext_noop("%(rol)s: gebruiker %(gebruiker)s"),
    rol=Keuze(ToewijzingRol),
    gebruiker=UUID,
)
STATUS_GEWIJZIGD = Auditnotitie(
    "%(van)s -> %(naar)s", weergave=gettext_noop("%(van)s → %(naar)s"), van=Keuze(Status), naar=Keuze(Status)
)
BETROKKENE_TOEGEVOEGD = Auditnotitie(gettext_noop("betrokkene toegevoegd"))
BETROKKENE_GEINFORMEERD = Auditnotitie(gettext_noop("betrokkene geïnformeerd"))
INFORMEREN_UITGESTELD = Auditnotitie(gettext_noop("informeren uitgesteld"))
# The melder withdrew the report, or someone withdrew a request to the melder.
INGETROKKEN = Auditnotitie(gettext_noop("ingetrokken"))
GESPREK = Auditnotitie(
    "gesprek %(uitkomst)s",
    weergave=gettext_noop("gesprek met de melder: %(uitkomst)s"),
    uitkomst=Keuze({"gevoerd": _("gevoerd"), "aangeboden": _("aangeboden")}),
)
INHOUD_VERWIJDERD = Auditnotitie(
    "art. 17: %(soort)s",
    weergave=gettext_noop("verwijderd als kennelijk niet relevant (EU-richtlijn art. 17): %(soort)s"),
    soort=Keuze(VerwijderingSoort),
)
BEWAARBLOKKADE_GEPLAATST = Auditnotitie(gettext_noop("bewaarblokkade geplaatst: %(reden)s"), reden=Keuze(BlokkadeReden))
BEWAARBLOKKADE_OPGEHEVEN = Auditnotitie(gettext_noop("bewaarblokkade opgeheven"))
ADVISEUR_VASTGELEGD = Auditnotitie(gettext_noop("adviseur vastgelegd"))
ADVISEUR_MET_TOESTEMMING = Auditnotitie(
    "adviseur met toestemming %(gebruiker)s",
    weergave=gettext_noop("adviseur bekendgemaakt met toestemming aan gebruiker %(gebruiker)s"),
    gebruiker=UUID,
)
ADVISEUR_AKKOORD = Auditnotitie("adviseur akkoord", weergave=gettext_noop("toestemming van de adviseur vastgelegd"))
DOSSIER_GEEXPORTEERD = Auditnotitie(
    "dossier versleuteld; doel %(doel)s; identiteit %(identiteit)s",
    weergave=gettext_noop("dossier versleuteld geëxporteerd; doel: %(doel)s; met identiteit: %(identiteit)s"),
    # By path: meldingen.services.export writes this note.
    doel=Keuze("meldingen.services.export.ExportDoel"),
    identiteit=Keuze({"ja": _("ja"), "nee": _("nee")}),
)
HL_TOEGANG_NA_EINDE = Auditnotitie(
    "HL-toegang na einde",
    weergave=gettext_noop("toegang van de hoogste leidinggevende ingetrokken na het einde van de procedure"),
)
OMGELEID = Auditnotitie(
    "omgeleid naar RvC", weergave=gettext_noop("omgeleid naar de hoogste verantwoordelijke (Art. 8.4)")
)
AARD_GEWIJZIGD = Auditnotitie(
    "aard %(oud)s -> %(nieuw)s",
    weergave=gettext_noop("aard: %(oud)s → %(nieuw)s"),
    oud=Keuze(Categorie),
    nieuw=Keuze(Categorie),
)
DISCRIMINATIEGRONDEN = Auditnotitie("discriminatiegronden", weergave=gettext_noop("discriminatiegronden vastgelegd"))
GEKOPPELD = Auditnotitie(
    "gekoppeld %(koppeling)s",
    weergave=gettext_noop("gekoppeld aan een andere melding (koppeling %(koppeling)s)"),
    koppeling=UUID,
)
ADVIESVRAAG_WORDT_MELDING = Auditnotitie(
    "adviesvraag -> melding", weergave=gettext_noop("adviesvraag wordt een formele melding")
)
TOESTEMMING_GEVRAAGD = Auditnotitie(
    "toestemming gevraagd %(soort)s",
    weergave=gettext_noop("toestemming gevraagd: %(soort)s"),
    soort=Keuze(ToestemmingSoort),
)
IDENTITEIT_MET_TOESTEMMING = Auditnotitie(
    "identiteit met toestemming %(gebruiker)s",
    weergave=gettext_noop("identiteit bekendgemaakt met toestemming aan gebruiker %(gebruiker)s"),
    gebruiker=UUID,
)
TOESTEMMING_INGETROKKEN = Auditnotitie(gettext_noop("toestemming ingetrokken"))
TOESTEMMING_GEWEIGERD = Auditnotitie(gettext_noop("toestemming geweigerd"))
VERNIETIGD = Auditnotitie(
    "vernietigd; batch %(batch)s", weergave=gettext_noop("vernietigd; vernietigingsbatch %(batch)s"), batch=UUID
)
# AVG art. 17: the melder's request to erase their identity and its answer
# (meldingen.services.identiteit); what was erased is named, never its value.
WISSING_GEVRAAGD = Auditnotitie(
    "AVG art. 17; %(bron)s",
    weergave=gettext_noop("verzoek om wissing van de identiteit ontvangen (AVG art. 17): %(bron)s"),
    bron=Keuze(WissingBron),
)
WISSING_BEANTWOORD = Auditnotitie(
    "AVG art. 17: %(status)s",
    weergave=gettext_noop("verzoek om wissing van de identiteit beantwoord (AVG art. 17): %(status)s"),
    status=Keuze(WissingStatus),
)
IDENTITEIT_GEWIST = Auditnotitie(
    "identiteit gewist; AVG art. 17", weergave=gettext_noop("identiteit van de melder gewist (AVG art. 17)")
)
CONTACTGEGEVENS_GEWIST = Auditnotitie(
    "contactgegevens gewist; AVG art. 17", weergave=gettext_noop("contactgegevens van de melder gewist (AVG art. 17)")
)
NOTIFICATIEADRES_GEWIST = Auditnotitie(
    "notificatie gewist; AVG art. 17",
    weergave=gettext_noop("e-mailadres voor berichten aan de melder gewist (AVG art. 17)"),
)
TOESTEMMING_VERVALLEN = Auditnotitie(
    "toestemming vervallen; AVG art. 17",
    weergave=gettext_noop("toestemming vervallen: de identiteit is gewist op verzoek van de melder (AVG art. 17)"),
)
