"""What the melder reads about erasing their identity (AVG art. 17): the
consequences before asking, and the letter with the answer (AVG art. 12(3)-(4)).
Nothing of the identity: the fields are named, never their values."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.kalender import lokale_datum
from kern.models import Gebruiker
from kern.pdf import template_naar_pdf
from meldingen import uitbreidingen
from meldingen.constants import (
    TermijnSoort,
    WissingStatus,
)
from meldingen.models import (
    Brief,
    Melding,
    Wissingsverzoek,
)
from meldingen.selectors.identiteit import wissingstermijn_onderwerp
from meldingen.services.brieven import briefcontext
from meldingen.services.meldingsbox import brief_bezorgen
from meldingen.services.termijnen import termijnsleutel

SOORT_BRIEF = "identiteit_wissen"

# What the melder reads before asking (meldingen's own part; the higher apps add
# theirs through meldingen.uitbreidingen). Lazy: read in the melder's language.
GEVOLGEN_WISSEN = (
    gettext_lazy(
        "Wij halen uw naam, e-mailadres, telefoonnummer, postadres, personeelsnummer en afdeling uit Meldpunt, "
        "ook in de vorm waarin wij ze konden vergelijken. Het e-mailadres waarop u een seintje krijgt als er "
        "nieuws is, gaat ook weg."
    ),
    gettext_lazy(
        "Daarna bent u voor deze melding anoniem. Uw melding wordt gewoon verder behandeld, en uw meldingsbox en "
        "ontvangstcode blijven werken. Bewaar de code goed: zonder naam en adres kunnen wij u op geen andere "
        "manier bereiken."
    ),
    gettext_lazy(
        "U krijgt geen e-mail meer als er nieuws is. Kijk zelf regelmatig in uw meldingsbox. Geeft u later zelf "
        "weer een e-mailadres op, dan kennen wij dat adres weer."
    ),
    gettext_lazy(
        "Gaf u toestemming om uw identiteit of die van uw adviseur aan bepaalde personen bekend te maken (Art. "
        "7.2, 7.4), dan vervalt die toestemming, en ondertekende toestemmingen op papier gaan weg. Wie uw "
        "identiteit al kende, blijft die natuurlijk kennen: wissen verandert wat Meldpunt bewaart, niet wat "
        "mensen weten."
    ),
    gettext_lazy(
        "In de tekst van uw melding zetten wij [melder] op de plaats van uw naam, contactgegevens en "
        "personeelsnummer. Wat u verder schreef of ondertekende, blijft zoals het is: uw berichten, uw bestanden "
        "en een verslag dat u op papier goedkeurde. Staat uw naam daarin en wilt u dat die verdwijnt, stuur dan "
        "een bericht."
    ),
    gettext_lazy(
        "Soms mogen wij (een deel van) uw gegevens niet wissen, bijvoorbeeld als de melding nodig is in een "
        "rechtszaak of een ander geschil, of als de wet ons verplicht ze te bewaren (AVG art. 17 lid 3). Dan "
        "krijgt u een brief met de reden en leest u wat wel is gewist. Uw contactgegevens wissen wij in elk "
        "geval."
    ),
    gettext_lazy("Wissen kan niet ongedaan worden gemaakt."),
)


def gevolgen_identiteit_wissen(*, melding: Melding) -> list[str]:
    """Everything the melder reads before asking: meldingen's part and what the higher
    apps registered (what erasing costs or leaves in place there)."""
    return [str(zin) for zin in GEVOLGEN_WISSEN] + uitbreidingen.gevolgen_identiteit_wissen(melding=melding)


def klachtrecht() -> str:
    # AVG art. 12(4): who does not act on a request says why and where to complain.
    return _(
        "Bent u het hier niet mee eens, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl) of naar de rechter gaan (AVG art. 12 lid 4, 77 en 79). U kunt ook "
        "opnieuw om wissing vragen als de reden vervalt, bijvoorbeeld als de bewaarblokkade is opgeheven."
    )


def brief_alineas(verzoek: Wissingsverzoek, behouden: list[str]) -> list[str]:
    """The letter's paragraphs. Nothing of the identity: the fields are named, never
    their values."""
    gevraagd = _("Op %(datum)s vroeg u ons uw identiteit te wissen (AVG art. 17).") % {
        "datum": date_format(lokale_datum(verzoek.ontvangen_op), "j F Y")
    }
    reden = _("De reden: %(grond)s. %(reden)s") % {
        "grond": verzoek.get_weigeringsgrond_display(),
        "reden": verzoek.weigeringsreden,
    }
    if verzoek.status == WissingStatus.UITGEVOERD:
        alineas = [
            f"{gevraagd} {_('Dat hebben wij gedaan.')}",
            _(
                "Gewist zijn uw naam, e-mailadres, telefoonnummer, postadres, personeelsnummer en afdeling, ook in de "
                "vorm waarin wij ze konden vergelijken, en het e-mailadres voor een seintje bij nieuws. Toestemming "
                "om uw identiteit of die van uw adviseur aan bepaalde personen bekend te maken, is vervallen; "
                "ondertekende toestemmingen op papier zijn verwijderd."
            ),
            _(
                "U bent voor melding %(nummer)s nu anoniem. Uw melding wordt verder behandeld zoals die er ligt. U "
                "krijgt geen e-mail meer als er nieuws is: kijk zelf in deze meldingsbox, met uw ontvangstcode."
            )
            % {"nummer": verzoek.melding.registernummer},
            *behouden,
            _(
                "In de tekst van uw melding staat nu [melder] op de plaats van uw naam en contactgegevens. Wat u "
                "verder schreef of ondertekende (berichten, bestanden en verslagen) is niet veranderd."
            ),
        ]
    elif verzoek.status == WissingStatus.DEELS_GEWEIGERD:
        alineas = [
            f"{gevraagd} {_('Wij wissen uw identiteit niet helemaal.')}",
            _(
                "Gewist zijn uw contactgegevens: uw e-mailadres, telefoonnummer en postadres, en het e-mailadres "
                "voor een seintje bij nieuws. U krijgt dus geen e-mail meer: kijk zelf in deze meldingsbox."
            ),
            _("Bewaard blijven uw naam, personeelsnummer en afdeling. Ze blijven vertrouwelijk (Art. 7.2)."),
            reden,
            *behouden,
            klachtrecht(),
        ]
    else:
        alineas = [
            f"{gevraagd} {_('Wij wissen uw identiteit niet.')}",
            reden,
            _(
                "Uw gegevens blijven dus bewaard zoals ze waren. Ze blijven vertrouwelijk (Art. 7.2) en worden "
                "vernietigd met de melding, na de bewaartermijn."
            ),
            klachtrecht(),
        ]
    return [str(alinea).strip() for alinea in alineas if str(alinea).strip()]


def brief_sturen(*, verzoek: Wissingsverzoek, behouden: list[str], door: Gebruiker) -> Brief:
    """The answer in the mailbox (AVG art. 12(3)-(4)); it closes the request's term
    when it reaches the melder (at once, or via the vertrouwenspersoon, Art. 7.3)."""
    onderwerp = _("Uw verzoek om uw identiteit te wissen")
    alineas = brief_alineas(verzoek, behouden)
    pdf = template_naar_pdf(
        "brieven/identiteit_wissen.html",
        briefcontext(melding=verzoek.melding, onderwerp=onderwerp, alineas=alineas, ondertekenaar=door),
    )
    return brief_bezorgen(
        melding=verzoek.melding,
        onderwerp=onderwerp,
        tekst="\n\n".join(alineas),
        pdf=pdf,
        soort=SOORT_BRIEF,
        door=door,
        sluit_termijnen=[termijnsleutel(TermijnSoort.IDENTITEIT_WISSEN, wissingstermijn_onderwerp(verzoek))],
        artikel="AVG art. 12(3)",
    )
