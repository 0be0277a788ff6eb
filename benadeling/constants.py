"""Choices of the retaliation app, each with the article it comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Art. 5.4 speaks of "binnen afzienbare tijd": the default period and why are in
# docs/adr/0004-motiveringsplicht.md.
MOTIVERINGSPERIODE_STANDAARD_MAANDEN = 36
# An organisation may not make the protection meaningless: never shorter than this.
MOTIVERINGSPERIODE_MINIMUM_MAANDEN = 12
# Art. 6.1 "onverwijld": the risk conversation after the contactpersoon is appointed.
RISICOGESPREK_MAXIMUM_DAGEN = 14
# Art. 2.3, 13.3: where the melder can go for advice and an investigation of their treatment.
HUIS_VOOR_KLOKKENLUIDERS = {
    "naam": "Huis voor Klokkenluiders",
    "website": "https://www.huisvoorklokkenluiders.nl",
    "telefoon": "088 - 133 10 00",
}

# The kinds this app registers in meldingen (meldingen.uitbreidingen, in BenadelingConfig.ready).
# Term: the risk conversation (Art. 6.1), and the timeline event that closes it.
RISICOGESPREK = "risicogesprek"
RISICOGESPREK_VASTGELEGD = "risicogesprek_vastgelegd"
# Terms: the HL acts on a forwarded retaliation claim (Art. 6.3), and decides on a
# request to investigate the treatment (Art. 13.1); one per claim or request
# (Termijn.onderwerp "claim:<pk>", "verzoek:<pk>"), each closed by its event.
BENADELINGSMELDING = "benadelingsmelding"
BENADELINGSMELDING_AFGEHANDELD = "benadelingsmelding_afgehandeld"
VERZOEK_BENADELING = "verzoek_benadeling"
VERZOEK_BENADELING_BESLIST = "verzoek_benadeling_beslist"
# Art. 6.3 names no period; the HL acts as "onverwijld" as the forwarding of Art. 6.2.
BENADELINGSMELDING_DAGEN = 14
# Art. 13.1 names no period; four weeks for the decision on the request (docs/termijnen.md).
VERZOEK_BESLISSEN_DAGEN = 28
# Request: the melder's reaction to the standpunt after an investigation into their
# treatment (Art. 12.1 via 13.2). Its own kind: onderzoek's STANDPUNT_REACTIE records a
# reaction to the report's own standpunt and moves the report's state.
STANDPUNT_REACTIE_BENADELING = "benadeling_standpunt_reactie"
# Term: the HL's substantive answer to a reasoned reaction to that standpunt (Art. 12.2
# via 13.2), one per request (Termijn.onderwerp "verzoek:<pk>"); the regulation names no
# length, the installation's for Art. 12.2 applies (MELDPUNT_TERMIJN_WEDERHOOR_ANTWOORD_DAGEN).
VERZOEK_REACTIE_ANTWOORD = "verzoek_reactie_antwoord"
# Request: approve a record of the risk conversation or of retaliation (Art. 6.1–6.2). Its
# own kind: the handlers of meldingen's VASTLEGGING_GOEDKEUREN read their own records only.
VASTLEGGING_GOEDKEUREN = "benadeling_vastlegging_goedkeuren"


class BeschermdeRol(models.TextChoices):
    """Who is protected against retaliation (Art. 5.1)."""

    MELDER = "melder", _("Melder")
    # Art. 1 h: whoever advises the melder in confidence.
    BIJSTAND = "bijstand", _("Degene die de melder bijstaat")
    # Art. 1 e: a colleague, relative or legal person connected to the melder.
    BETROKKEN_DERDE = "betrokken_derde", _("Betrokken derde")
    # Art. 5.1: the independent officer (externe vertrouwenspersoon, Art. 1 j).
    ONAFHANKELIJKE_FUNCTIONARIS = "onafhankelijke_functionaris", _("Onafhankelijke functionaris")


class BenadelingType(models.TextChoices):
    """Forms of retaliation: the adverse measures of Art. 5.2 a–n, the
    disproportionate measure of Art. 5.3, conduct of managers and colleagues of
    Art. 5.5 a–c, and anything else (the lists are not exhaustive, Art. 1 d)."""

    TIJDELIJK_BEEINDIGD = "5_2_a", _("Tussentijds beëindigen of niet verlengen van een tijdelijk dienstverband (5.2 a)")
    NIET_OMGEZET = "5_2_b", _("Tijdelijk dienstverband niet omzetten in een vast dienstverband (5.2 b)")
    DISCIPLINAIR = "5_2_c", _("Disciplinaire maatregel (5.2 c)")
    VERBOD = "5_2_d", _("Onderzoeks-, spreek-, werkplek- of contactverbod (5.2 d)")
    ANDERE_FUNCTIE = "5_2_e", _("Opgelegde benoeming in een andere functie (5.2 e)")
    TAKEN_GEWIJZIGD = "5_2_f", _("Taken uitbreiden of beperken, anders dan op eigen verzoek (5.2 f)")
    VERPLAATST = "5_2_g", _("Verplaatsen of overplaatsen, anders dan op eigen verzoek (5.2 g)")
    VERPLAATSING_GEWEIGERD = "5_2_h", _("Weigeren van een verzoek tot (over)plaatsing (5.2 h)")
    WERKPLEK = "5_2_i", _("Wijzigen van de werkplek of weigeren van een verzoek daartoe (5.2 i)")
    BELONING_ONTHOUDEN = "5_2_j", _("Onthouden van salarisverhoging, beloning, bonus of vergoeding (5.2 j)")
    PROMOTIE_ONTHOUDEN = "5_2_k", _("Onthouden van promotiekansen (5.2 k)")
    ZIEKMELDING = "5_2_l", _("Ziekmelding niet accepteren of als ziek geregistreerd laten (5.2 l)")
    VERLOF_AFGEWEZEN = "5_2_m", _("Afwijzen van een verlofaanvraag (5.2 m)")
    VERLOF_OPGELEGD = "5_2_n", _("Verlof verlenen, anders dan op eigen verzoek (5.2 n)")
    ONEVENREDIG = "5_3", _("Maatregel niet in redelijke verhouding tot de grond (5.3)")
    NEGEREN = "5_5_a", _("Negeren van de melder (5.5 a)")
    VERWIJTEN = "5_5_b", _("Ongefundeerde of buitenproportionele verwijten (5.5 b)")
    FEITELIJK_VERBOD = "5_5_c", _("Feitelijk opgelegd onderzoeks-, spreek-, werkplek- of contactverbod (5.5 c)")
    ANDERS = "anders", _("Anders (omschrijf)")


# Art. 5.4 applies to the adverse measures of the Art. 5.2 list only.
BENADELENDE_MAATREGELEN = [t for t in BenadelingType if t.value.startswith("5_2_")]


class ClaimUitkomst(models.TextChoices):
    """What became of a retaliation claim (Art. 14.2 c–d, annual figures)."""

    MAATREGELEN = "maatregelen", _("Benadeling tegengegaan met maatregelen")
    GEEN_BENADELING = "geen_benadeling", _("Geen benadeling vastgesteld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de melder")


class MaatregelSoort(models.TextChoices):
    """The HL's measures: countering retaliation (Art. 6.3) and action against
    those who retaliate (Art. 5.6)."""

    TEGENGAAN = "tegengaan", _("Maatregel om benadeling tegen te gaan (Art. 6.3)")
    AANSPREKEN = "aanspreken", _("Medewerker aangesproken op benadeling (Art. 5.6)")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing aan medewerker (Art. 5.6)")
    DISCIPLINAIR = "disciplinair", _("Disciplinaire maatregel tegen medewerker (Art. 5.6)")


class VoornemenBron(models.TextChoices):
    """Where an intended adverse measure came in (Art. 5.4)."""

    ZAAK = "zaak", _("Vastgelegd op de melding")
    PERSONEELSZAKEN = "personeelszaken", _("Toets door personeelszaken")


class VoornemenStatus(models.TextChoices):
    VOORGENOMEN = "voorgenomen", _("Voorgenomen")
    MOTIVERING_VEREIST = "motivering_vereist", _("Motivering vereist (Art. 5.4)")
    MOTIVERING_GEVRAAGD = "motivering_gevraagd", _("Motivering gevraagd aan de hoogste leidinggevende")
    GEMOTIVEERD = "gemotiveerd", _("Gemotiveerd en ondertekend")
    GENOMEN = "genomen", _("Genomen")
    AFGEZIEN = "afgezien", _("Afgezien van de maatregel")


class MotiveringVerstrekking(models.TextChoices):
    """How the signed motivation reached the person concerned (Art. 5.4)."""

    MELDINGSBOX = "meldingsbox", _("In de meldingsbox van de melder")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk overhandigd")
    POST = "post", _("Per post")


class VerzoekUitkomst(models.TextChoices):
    """The HL's answer to a request to investigate the treatment (Art. 13.1)."""

    OPEN = "open", _("Nog niet beslist")
    INGESTELD = "ingesteld", _("Onderzoek ingesteld")
    AFGEWEZEN = "afgewezen", _("Geen onderzoek (met reden)")


class BenadelingOordeel(models.TextChoices):
    """The employer's standpunt after an investigation into the treatment
    (Art. 13.2 with Art. 11.1; Art. 14.2 d "indicatie van de uitkomsten")."""

    BENADELING_VASTGESTELD = "benadeling_vastgesteld", _("Benadeling vastgesteld")
    GEDEELTELIJK = "gedeeltelijk", _("Gedeeltelijk vastgesteld")
    GEEN_BENADELING = "geen_benadeling", _("Geen benadeling vastgesteld")


class VerwijzingSoort(models.TextChoices):
    """Referrals and support offered to the melder (Art. 2.3, 13.3; Kamerbrief
    9 August 2021 on psychosocial and legal support)."""

    HUIS_ADVIES = "huis_advies", _("Afdeling advies van het Huis voor Klokkenluiders (Art. 2.3)")
    HUIS_ONDERZOEK = "huis_onderzoek", _("Onderzoek door het Huis voor Klokkenluiders (Art. 13.3)")
    PSYCHOSOCIAAL = "psychosociaal", _("Psychosociale ondersteuning")
    MEDIATION = "mediation", _("Mediation")
    JURIDISCH = "juridisch", _("Juridische bijstand")


class VerwijzingUitkomst(models.TextChoices):
    AANGEBODEN = "aangeboden", _("Aangeboden")
    AANGENOMEN = "aangenomen", _("Aangenomen door de melder")
    AFGESLAGEN = "afgeslagen", _("Afgeslagen door de melder")
    AFGEROND = "afgerond", _("Afgerond")
    GENOMEN = "genomen", _("Route genomen door de melder")
