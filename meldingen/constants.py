from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Lifecycle of a melding (DESIGN.md §2). Transitions: meldingen/workflow.py."""

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


class Kanaal(models.TextChoices):
    """To whom the melder reports (Art. 3.1–3.3, 4); assigns that channel's officers."""

    EXTERNE_VERTROUWENSPERSOON = "externe_vertrouwenspersoon", _("Externe vertrouwenspersoon")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Vertrouwenspersoon")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")


class Wijze(models.TextChoices):
    """How the report was made (Art. 3.4)."""

    WEBFORMULIER = "webformulier", _("Webformulier")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (post of e-mail)")
    TELEFONISCH = "telefonisch", _("Telefonisch of spraakbericht")
    GESPREK = "gesprek", _("Gesprek op locatie")


class Soort(models.TextChoices):
    """A report without consent to formal treatment is an advice request (DESIGN.md §7)."""

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
    CONTACTPERSOON_AANGEWEZEN = "contactpersoon_aangewezen", _("Contactpersoon aangewezen")
    GEKOPPELD = "gekoppeld", _("Gekoppeld aan een andere melding")


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
