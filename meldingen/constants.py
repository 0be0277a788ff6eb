from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Lifecycle of a melding (docs/toestanden.md). Transitions: meldingen/workflow.py."""

    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    NIET_IN_ONDERZOEK = "niet_in_onderzoek", _("Geen onderzoek")
    IN_ONDERZOEK = "in_onderzoek", _("In onderzoek")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen")
    STANDPUNT_VERZONDEN = "standpunt_verzonden", _("Standpunt verzonden")
    WEDERHOOR = "wederhoor", _("Wederhoor")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    VERNIETIGD = "vernietigd", _("Vernietigd")


GESLOTEN_STATUSSEN = frozenset({Status.AFGESLOTEN, Status.INGETROKKEN, Status.VERNIETIGD})
OPEN_STATUSSEN = frozenset(set(Status) - GESLOTEN_STATUSSEN)

# The article of the melder's withdrawal (Art. 2), as the timeline row stores it.
ARTIKEL_INTREKKEN = "Art. 2 (melder trekt in)"

# Article texts stored in timeline rows (Gebeurtenis.artikel) that hold Dutch words.
# The row keeps the text as written, so rows written before this table stay as they
# are; the reader's language is applied when it is shown (Gebeurtenis.artikel_weergave).
# A citation without words ("Art. 9.2", "EU 2019/1937 art. 17") reads the same in both.
ARTIKEL_WEERGAVE = {
    ARTIKEL_INTREKKEN: _("Art. 2 (melder trekt in)"),
    "AVG art. 15": _("AVG art. 15"),
    "AVG art. 5(1)(e)": _("AVG art. 5(1)(e)"),
    # The melder's right to erasure (meldingen.services.identiteit), with its term (art. 12(3)).
    "AVG art. 17": _("AVG art. 17"),
    "AVG art. 17(3)": _("AVG art. 17(3)"),
    "AVG art. 12(3)": _("AVG art. 12(3)"),
}


class Kanaal(models.TextChoices):
    """To whom the melder reports (Art. 3.1–3.3, 4); assigns that channel's officers."""

    EXTERNE_VERTROUWENSPERSOON = "externe_vertrouwenspersoon", _("Externe vertrouwenspersoon")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Vertrouwenspersoon")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    # Art. 3.2, 4.1: with a reasonable suspicion that the HL is involved, the melder
    # may report straight to the internal supervisory body (the hoogste
    # verantwoordelijke, e.g. the RvC); the HL never receives the report.
    HOOGSTE_VERANTWOORDELIJKE = (
        "hoogste_verantwoordelijke",
        _("Raad van commissarissen of toezichthoudend orgaan (als de hoogste leiding betrokken is)"),
    )


class Wijze(models.TextChoices):
    """How the report was made (Art. 3.4)."""

    WEBFORMULIER = "webformulier", _("Webformulier")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (post of e-mail)")
    TELEFONISCH = "telefonisch", _("Telefonisch of spraakbericht")
    GESPREK = "gesprek", _("Gesprek op locatie")


class Soort(models.TextChoices):
    """A report without consent to formal treatment is an advice request (docs/toestanden.md)."""

    MELDING = "melding", _("Formele melding")
    ADVIESVRAAG = "adviesvraag", _("Adviesvraag")


class ToewijzingRol(models.TextChoices):
    """In which capacity a user is assigned to one case."""

    ONTVANGER = "ontvanger", _("Ontvangende functionaris")
    BEHANDELAAR = "behandelaar", _("Behandelaar")
    HOOGSTE_LEIDINGGEVENDE = "hoogste_leidinggevende", _("Hoogste leidinggevende")
    HOOGSTE_VERANTWOORDELIJKE = "hoogste_verantwoordelijke", _("Hoogste verantwoordelijke")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    CONTACTPERSOON = "contactpersoon", _("Contactpersoon")


class GebeurtenisSoort(models.TextChoices):
    GEREGISTREERD = "geregistreerd", _("Geregistreerd")
    STATUS_GEWIJZIGD = "status_gewijzigd", _("Status gewijzigd")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    TOEWIJZING_BEEINDIGD = "toewijzing_beeindigd", _("Toewijzing beëindigd")
    DOORGESTUURD = "doorgestuurd", _("Doorgestuurd")
    OMGELEID = "omgeleid", _("Omgeleid naar de hoogste verantwoordelijke")
    # Art. 8.4 after the end: the HL's involvement came out once the case was closed
    # or withdrawn; HL access ended without re-routing (meldingen.services.triage).
    HL_TOEGANG_INGETROKKEN = "hl_toegang_ingetrokken", _("Toegang van de hoogste leidinggevende ingetrokken (Art. 8.4)")
    CONTACTPERSOON_AANGEWEZEN = "contactpersoon_aangewezen", _("Contactpersoon aangewezen")
    GEKOPPELD = "gekoppeld", _("Gekoppeld aan een andere melding")
    # A letter to the melder was sent; it may close a statutory term (meldingen.services.termijnen).
    BRIEF_VERZONDEN = "brief_verzonden", _("Brief verzonden")
    TERMIJN_VERLENGD = "termijn_verlengd", _("Termijn verlengd")
    TERMIJN_GESLOTEN = "termijn_gesloten", _("Termijn handmatig gesloten")
    FORMEEL_GEMAAKT = "formeel_gemaakt", _("Adviesvraag omgezet in melding")
    # EU 2019/1937 art. 17: something clearly irrelevant was removed; the
    # timeline says that, never what (meldingen.services.bewaring).
    INHOUD_VERWIJDERD = "inhoud_verwijderd", _("Kennelijk niet relevante gegevens verwijderd")
    BEWAARBLOKKADE_GEPLAATST = "bewaarblokkade_geplaatst", _("Bewaarblokkade geplaatst")
    BEWAARBLOKKADE_OPGEHEVEN = "bewaarblokkade_opgeheven", _("Bewaarblokkade opgeheven")
    INZAGEVERZOEK = "inzageverzoek", _("Inzageverzoek van een betrokkene")
    # Art. 3.4: the meeting the melder asked for was held or offered.
    GESPREK_VASTGELEGD = "gesprek_vastgelegd", _("Gesprek met de melder gevoerd of aangeboden (Art. 3.4)")
    # AVG art. 17: the melder asked to erase their identity, and the receiving
    # officer's answer. The timeline says that and which answer, never what.
    WISSING_GEVRAAGD = "wissing_gevraagd", _("Verzoek van de melder om de identiteit te wissen")
    IDENTITEIT_GEWIST = "identiteit_gewist", _("Identiteit van de melder gewist")
    WISSING_DEELS_GEWEIGERD = (
        "wissing_deels_geweigerd",
        _("Wissing deels geweigerd: contactgegevens gewist, identiteit bewaard"),
    )
    WISSING_GEWEIGERD = "wissing_geweigerd", _("Wissing van de identiteit geweigerd")


class Categorie(models.TextChoices):
    """Nature of the report: the misstand sub-categories of Art. 1 o, EU law
    (Art. 1 s), integriteitsschending/onregelmatigheid (Art. 1 t) and
    ongewenste omgangsvormen (see reference/kamerbrief-2021-meldpunten-discriminatie.txt)."""

    UNIERECHT = "unierecht", _("Schending van het Unierecht")
    WETTELIJK_VOORSCHRIFT = "wettelijk_voorschrift", _("Schending van een wettelijk voorschrift of strafbaar feit")
    VOLKSGEZONDHEID = "volksgezondheid", _("Gevaar voor de volksgezondheid")
    VEILIGHEID = "veiligheid", _("Gevaar voor de veiligheid van personen")
    MILIEU = "milieu", _("Gevaar voor het milieu")
    FUNCTIONEREN_ORGANISATIE = "functioneren_organisatie", _("Gevaar voor het goed functioneren van de organisatie")
    INFORMATIE_ACHTERHOUDEN = "informatie_achterhouden", _("Achterhouden, vernietigen of manipuleren van informatie")
    INTEGRITEITSSCHENDING = "integriteitsschending", _("Integriteitsschending of onregelmatigheid")
    ONGEWENSTE_OMGANGSVORMEN = "ongewenste_omgangsvormen", _("Ongewenste omgangsvormen of discriminatie")
    ONBEKEND = "onbekend", _("Weet ik niet")


class TermijnSoort(models.TextChoices):
    """meldingen's statutory terms (docs/termijnen.md), each with its article;
    higher apps register theirs (meldingen.uitbreidingen.termijnsoort_registreren)."""

    # Art. 8.5: acknowledgement within seven days after receipt.
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("Ontvangstbevestiging")
    # Art. 8.3–8.4: forward "onverwijld" to the HL (or the RvC).
    DOORSTUREN = "doorsturen", _("Doorsturen naar hoogste leidinggevende")
    # Art. 8.6: appoint a contactpersoon "onverwijld" after forwarding.
    CONTACTPERSOON = "contactpersoon", _("Contactpersoon aanwijzen")
    # Art. 9.2: refusal notice within two weeks after the report.
    MEDEDELING_GEEN_ONDERZOEK = "mededeling_geen_onderzoek", _("Mededeling geen onderzoek")
    # Art. 11.1: standpunt within eight weeks; moved by an extension (Art. 11.2).
    STANDPUNT = "standpunt", _("Standpunt")
    # Wbk art. 2 / EU 2019/1937 art. 9(1)(f), notes 25–26: feedback within three months, a hard cap.
    TERUGKOPPELING = "terugkoppeling", _("Terugkoppeling (wettelijk maximum)")
    # Art. 3.4 3°: a meeting in person within a reasonable time, when the melder asks for one.
    GESPREK = "gesprek", _("Gesprek met de melder (Art. 3.4)")
    # AVG art. 12(3), 17: the answer to the melder's request to erase their identity,
    # within one month; one term per request (onderwerp "wissingsverzoek:<id>").
    IDENTITEIT_WISSEN = "identiteit_wissen", _("Verzoek om wissing van de identiteit (AVG art. 17)")


class TermijnToestand(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    BINNENKORT = "binnenkort", _("Verloopt binnenkort")
    VERLOPEN = "verlopen", _("Verlopen")
    GESLOTEN_TIJDIG = "gesloten_tijdig", _("Tijdig afgehandeld")
    GESLOTEN_TE_LAAT = "gesloten_te_laat", _("Te laat afgehandeld")
    VERVALLEN = "vervallen", _("Vervallen")


class HerinneringSoort(models.TextChoices):
    HERINNERING = "herinnering", _("Herinnering")
    ESCALATIE = "escalatie", _("Escalatie")


class Relatie(models.TextChoices):
    """The melder's work-related relation to the organisation (Art. 4, Art. 1 x, note 17)."""

    WERKNEMER = "werknemer", _("Werknemer")
    OUD_WERKNEMER = "oud_werknemer", _("Oud-werknemer")
    SOLLICITANT = "sollicitant", _("Sollicitant")
    ZZP = "zzp", _("Zelfstandige (zzp'er)")
    STAGIAIR = "stagiair", _("Stagiair")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    LEVERANCIER = "leverancier", _("Leverancier, aannemer of onderaannemer")
    BESTUURDER = "bestuurder", _("Bestuurder of toezichthouder")
    ANDERS = "anders", _("Anders")


class Discriminatiegrond(models.TextChoices):
    """Grounds of the Algemene wet gelijke behandeling art. 1, plus "other" (docs/melderzijde.md)."""

    GODSDIENST = "godsdienst", _("Godsdienst")
    LEVENSOVERTUIGING = "levensovertuiging", _("Levensovertuiging")
    POLITIEKE_GEZINDHEID = "politieke_gezindheid", _("Politieke gezindheid")
    RAS = "ras", _("Ras of afkomst")
    GESLACHT = "geslacht", _("Geslacht")
    NATIONALITEIT = "nationaliteit", _("Nationaliteit")
    SEKSUELE_GEAARDHEID = "seksuele_geaardheid", _("Seksuele gerichtheid")
    BURGERLIJKE_STAAT = "burgerlijke_staat", _("Burgerlijke staat")
    HANDICAP = "handicap", _("Handicap of chronische ziekte")
    LEEFTIJD = "leeftijd", _("Leeftijd")
    ARBEIDSDUUR = "arbeidsduur", _("Arbeidsduur (deeltijd of voltijd)")
    CONTRACTSOORT = "contractsoort", _("Soort contract (tijdelijk of vast)")
    ANDERS = "anders", _("Anders")


class Identiteitskeuze(models.TextChoices):
    """How openly the melder reports (docs/melderzijde.md, Art. 7.2)."""

    ANONIEM = "anoniem", _("Anoniem: niemand weet wie ik ben")
    VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk: alleen de ontvanger van mijn melding weet wie ik ben")
    OPEN = "open", _("Open: mijn naam mag bekend zijn bij wie de melding behandelt")


class BerichtRichting(models.TextChoices):
    VAN_MELDER = "van_melder", _("Van de melder")
    AAN_MELDER = "aan_melder", _("Aan de melder")


class MetadataBehandeling(models.TextChoices):
    """What was done with the hidden data of an attachment (docs/melderzijde.md)."""

    VERWIJDERD = "verwijderd", _("Verborgen gegevens verwijderd")
    BEHOUDEN = "behouden", _("Origineel bewaard op verzoek van de melder")
    NIET_VAN_TOEPASSING = "niet_van_toepassing", _("Geen verborgen gegevens (tekstbestand)")


class VerzoekSoort(models.TextChoices):
    """meldingen's own requests to the melder; higher apps register theirs
    (meldingen.uitbreidingen.verzoeksoort_registreren)."""

    VASTLEGGING_GOEDKEUREN = "vastlegging_goedkeuren", _("Verslag goedkeuren of verbeteren")
    TOESTEMMING = "toestemming", _("Toestemming geven")


class VerzoekStatus(models.TextChoices):
    OPEN = "open", _("Wacht op uw antwoord")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class ToestemmingSoort(models.TextChoices):
    IDENTITEIT_BEKENDMAKEN = "identiteit_bekendmaken", _("Mijn identiteit bekendmaken aan de genoemde personen")
    FORMELE_BEHANDELING = "formele_behandeling", _("Mijn adviesvraag als formele melding behandelen")
    # Art. 7.4: the adviser's identity, only with the written consent of melder and adviser.
    ADVISEUR_BEKENDMAKEN = (
        "adviseur_bekendmaken",
        _("De identiteit van mijn adviseur bekendmaken aan de genoemde personen"),
    )


class WissingStatus(models.TextChoices):
    """The melder's request to erase their identity (AVG art. 17); the steps are
    meldingen.workflow.WISSING_OVERGANGEN, taken by meldingen.services.identiteit."""

    GEVRAAGD = "gevraagd", _("Gevraagd, wacht op de ontvanger")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd: identiteit gewist")
    # AVG art. 17(3): "to the extent that" the data are needed. Partial in one way
    # only: the contact details go, who the melder is stays (docs/retention.md).
    DEELS_GEWEIGERD = "deels_geweigerd", _("Deels geweigerd: contactgegevens gewist, identiteit bewaard")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class WissingBron(models.TextChoices):
    """How the request to erase the identity reached the organisation."""

    MELDINGSBOX = "meldingsbox", _("In de meldingsbox")
    POST = "post", _("Per post")
    EMAIL = "email", _("Per e-mail")
    TELEFOON = "telefoon", _("Telefonisch")
    GESPREK = "gesprek", _("In een gesprek")


class WeigeringsGrond(models.TextChoices):
    """Why (part of) the identity is kept despite the request (AVG art. 17(3), 12(6))."""

    BEWAARBLOKKADE = (
        "bewaarblokkade",
        _(
            "Er ligt een bewaarblokkade op de melding: de gegevens zijn nodig in een rechtszaak of onderzoek "
            "(AVG art. 17 lid 3 onder e)"
        ),
    )
    WETTELIJKE_PLICHT = (
        "wettelijke_plicht",
        _("Een wettelijke plicht om de gegevens te bewaren (AVG art. 17 lid 3 onder b)"),
    )
    RECHTSVORDERING = (
        "rechtsvordering",
        _("Nodig voor het instellen, uitoefenen of onderbouwen van een rechtsvordering (AVG art. 17 lid 3 onder e)"),
    )
    HERKOMST_ONZEKER = (
        "herkomst_onzeker",
        _("Niet vast te stellen dat het verzoek van de melder zelf komt (AVG art. 12 lid 6)"),
    )
    ANDERS = "anders", _("Een andere grond (zie de reden)")


class BlokkadeReden(models.TextChoices):
    """Why a legal hold stops the destruction of a case (docs/retention.md)."""

    RECHTSZAAK = "rechtszaak", _("Rechtszaak")
    GESCHIL_NADELIGE_BEHANDELING = "geschil_nadelige_behandeling", _("Geschil over nadelige behandeling (Art. 5)")
    HUIS_VOOR_KLOKKENLUIDERS = "huis_voor_klokkenluiders", _("Onderzoek door het Huis voor Klokkenluiders")
    TOEZICHTHOUDER = "toezichthouder", _("Onderzoek door een toezichthouder of het Openbaar Ministerie")
    ANDERS = "anders", _("Anders (zie toelichting)")


class VerwijderingSoort(models.TextChoices):
    """What was removed from an open case as clearly irrelevant (EU 2019/1937 art. 17)."""

    BERICHT = "bericht", _("Bericht")
    BIJLAGE = "bijlage", _("Bijlage")
    PASSAGE = "passage", _("Passage uit de omschrijving")


# The retention periods of docs/retention.md, in months after closing (docs/retention.md).
STANDAARD_BEWAARTERMIJN_MAANDEN = {
    "maanden_met_onderzoek": 24,
    "maanden_zonder_onderzoek": 12,
    "maanden_ingetrokken": 6,
    "maanden_adviesvraag": 6,
}
