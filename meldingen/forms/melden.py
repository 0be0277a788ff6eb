"""The report form and what every form of the melder's side shares (accessible
help and error texts, several files in one input)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from meldingen.constants import Categorie, Discriminatiegrond, Identiteitskeuze, Kanaal, Relatie, Wijze
from meldingen.services.bijlagen import (
    MAX_AANTAL,
    MAX_GROOTTE,
    MAX_TOTAAL,
    TOEGESTANE_EXTENSIES,
    bestand_voorbereiden,
    grootte_controleren,
)
from meldingen.services.melder import MAX_KORT, MAX_OMSCHRIJVING, IdentiteitGegevens, Meldinginhoud

JA_NEE = [("nee", _("Nee")), ("ja", _("Ja"))]


class MeerdereBestandenInvoer(forms.FileInput):
    allow_multiple_selected = True


class MeerdereBestandenVeld(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MeerdereBestandenInvoer(attrs={"accept": ",".join(f".{e}" for e in TOEGESTANE_EXTENSIES)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data if d]
        return [enkel(data, initial)] if data else []


def _bijlagen_hulp() -> str:
    return _(
        "Hoogstens %(aantal)s bestanden van elk hoogstens %(mb)s MB, samen hoogstens %(totaal)s MB: %(soorten)s. "
        "Verborgen gegevens in bestanden (zoals de maker, het apparaat of de plaats waar een foto is genomen) halen "
        "wij er eerst uit; van een pdf bewaren wij daarom een afbeelding van elke pagina."
    ) % {
        "aantal": MAX_AANTAL,
        "mb": MAX_GROOTTE // (1024 * 1024),
        "totaal": MAX_TOTAAL // (1024 * 1024),
        "soorten": ", ".join(TOEGESTANE_EXTENSIES),
    }


# Lazy as a whole: `%` on a lazy string translates it at import, in the default
# language, so the English form showed this help text in Dutch.
BIJLAGEN_HULP = lazy(_bijlagen_hulp, str)()


class ToegankelijkFormulier(forms.Form):
    """Links help text and error text to each input with aria-describedby.
    Radio and checkbox groups are described on their fieldset in the template."""

    def _aria_bijwerken(self, fouten=None):
        for naam, veld in self.fields.items():
            if isinstance(veld.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            ids = []
            if veld.help_text:
                ids.append(f"id_{naam}_helptext")
            if fouten and naam in fouten:
                ids.append(f"id_{naam}_fout")
            if ids:
                veld.widget.attrs["aria-describedby"] = " ".join(ids)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts only: reading self.errors here would validate the form before
        # a subclass's __init__ has narrowed its choices (a channel the
        # organisation does not offer would pass).
        self._aria_bijwerken()

    def full_clean(self):
        super().full_clean()
        self._aria_bijwerken(self._errors)

    def bijlagen_voorbereiden(self, veldnaam: str = "bijlagen") -> list:
        bestanden = self.cleaned_data.get(veldnaam) or []
        if len(bestanden) > MAX_AANTAL:
            self.add_error(veldnaam, _("U kunt hoogstens %(max)s bestanden meesturen.") % {"max": MAX_AANTAL})
            return []
        if sum(bestand.size for bestand in bestanden) > MAX_TOTAAL:
            self.add_error(
                veldnaam,
                _("Uw bestanden zijn samen groter dan %(mb)s MB. Stuur er minder tegelijk.")
                % {"mb": MAX_TOTAAL // (1024 * 1024)},
            )
            return []
        voorbereid, fouten = [], []
        for bestand in bestanden:
            try:
                grootte_controleren(naam=bestand.name, grootte=bestand.size)
                voorbereid.append(
                    bestand_voorbereiden(
                        naam=bestand.name,
                        inhoud=bestand.read(),
                        metadata_behouden=bool(self.cleaned_data.get("metadata_behouden")),
                    )
                )
            except ValidationError as exc:
                fouten.extend(exc.messages)
        for fout in fouten:
            self.add_error(veldnaam, fout)
        return voorbereid


class MeldFormulier(ToegankelijkFormulier):
    omschrijving = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Beschrijf in uw eigen woorden wat u hebt gezien of gehoord. U hoeft niets te bewijzen."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_OMSCHRIJVING,
        error_messages={"required": _("Beschrijf wat er is gebeurd.")},
    )
    wanneer = forms.CharField(
        label=_("Wanneer gebeurde het?"),
        help_text=_("Een datum of periode, zo precies als u weet. Bijvoorbeeld: sinds maart, elke vrijdag."),
        required=False,
        max_length=MAX_KORT,
    )
    waar = forms.CharField(label=_("Waar gebeurde het?"), required=False, max_length=MAX_KORT)
    betrokkenen = forms.CharField(
        label=_("Wie zijn erbij betrokken?"),
        help_text=_("Namen of functies van de mensen om wie het gaat, als u die weet."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_KORT,
    )
    hl_betrokken = forms.ChoiceField(
        label=_("Is de hoogste leiding (directie of bestuur) erbij betrokken?"),
        help_text=_(
            "Zo ja, dan gaat uw melding naar de raad van commissarissen of het toezichthoudend orgaan en niet naar "
            "de directie (Art. 8.4)."
        ),
        choices=JA_NEE,
        initial="nee",
        widget=forms.RadioSelect,
    )
    categorie = forms.ChoiceField(
        label=_("Waar gaat uw melding over?"),
        help_text=_("Twijfelt u? Kies ‘Weet ik niet’."),
        choices=Categorie.choices,
        initial=Categorie.ONBEKEND,
        widget=forms.RadioSelect,
    )
    discriminatiegronden = forms.MultipleChoiceField(
        label=_("Gaat het om discriminatie? Op grond van"),
        help_text=_("Bij elke soort melding. Kies wat van toepassing is, of niets."),
        choices=Discriminatiegrond.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    relatie = forms.ChoiceField(
        label=_("Wat is uw relatie tot de organisatie?"),
        choices=Relatie.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    relatie_toelichting = forms.CharField(
        label=_("Toelichting op uw relatie"),
        help_text=_("Alleen als u ‘Anders’ koos."),
        required=False,
        max_length=200,
    )
    eerdere_meldingen = forms.CharField(
        label=_("Hebt u dit eerder gemeld?"),
        help_text=_("Bij wie en wanneer, en wat er toen mee gebeurde."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_KORT,
    )
    bijlagen = MeerdereBestandenVeld(label=_("Bestanden meesturen"), help_text=BIJLAGEN_HULP, required=False)
    metadata_behouden = forms.BooleanField(
        label=_("Bewaar mijn bestanden zoals ze zijn, met de verborgen gegevens"),
        help_text=_(
            "Let op: verborgen gegevens kunnen laten zien wie het bestand maakte. Kies dit alleen als u het "
            "origineel als bewijs wilt bewaren."
        ),
        required=False,
    )
    kanaal = forms.ChoiceField(
        label=_("Bij wie wilt u melden?"),
        help_text=_(
            "Alleen deze persoon of personen krijgen uw melding te zien. Vermoedt u dat de hoogste leiding "
            "(directie of bestuur) bij de misstand betrokken is, dan kunt u rechtstreeks melden bij de raad van "
            "commissarissen of het toezichthoudend orgaan (Art. 3.2, 4.1): de directie krijgt uw melding dan "
            "nooit te zien."
        ),
        choices=Kanaal.choices,
        initial=Kanaal.EXTERNE_VERTROUWENSPERSOON,
        widget=forms.RadioSelect,
    )
    identiteitskeuze = forms.ChoiceField(
        label=_("Wilt u uw naam noemen?"),
        help_text=_(
            "Anoniem: vul dan hieronder niets over uzelf in. Vertrouwelijk: alleen de ontvanger weet wie u bent; "
            "anderen alleen met uw schriftelijke toestemming (Art. 7.2)."
        ),
        choices=Identiteitskeuze.choices,
        initial=Identiteitskeuze.ANONIEM,
        widget=forms.RadioSelect,
    )
    naam = forms.CharField(
        label=_("Uw naam"), required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.CharField(
        label=_("Uw e-mailadres"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    postadres = forms.CharField(
        label=_("Uw postadres"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    personeelsnummer = forms.CharField(label=_("Uw personeelsnummer"), required=False, max_length=100)
    afdeling = forms.CharField(label=_("Uw afdeling"), required=False, max_length=200)
    gesprek_gewenst = forms.BooleanField(
        label=_("Ik wil mijn melding ook in een persoonlijk gesprek toelichten"),
        help_text=_("U krijgt binnen redelijke tijd een afspraak op een plek die u past (Art. 3.4)."),
        required=False,
    )
    notificatie_email = forms.EmailField(
        label=_("E-mailadres voor een seintje"),
        help_text=_(
            "Wij sturen dan alleen ‘er is nieuws in uw meldingsbox’, nooit inhoud. Gebruik liever een privéadres "
            "dan uw werkadres. Laat leeg als u dat niet wilt."
        ),
        required=False,
        max_length=254,
    )
    toestemming = forms.ChoiceField(
        label=_("Mag dit als formele melding worden behandeld?"),
        help_text=_(
            "Een formele melding wordt onderzocht volgens de regeling, met vaste termijnen. Wilt u eerst alleen "
            "advies? Dan behandelt de ontvanger uw vraag vertrouwelijk en gebeurt er niets zonder uw toestemming."
        ),
        choices=[
            ("ja", _("Ja, behandel dit als formele melding")),
            ("nee", _("Nee, ik wil eerst alleen advies")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of dit een formele melding is of een vraag om advies.")},
    )

    def __init__(self, *args, kanalen: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kanalen is not None:
            self.kanalen_beperken(kanalen)

    def kanalen_beperken(self, kanalen: list) -> None:
        """Only recipients this organisation has named (selectors.kanalen_met_ontvangers)."""
        self.fields["kanaal"].choices = [(k.value, k.label) for k in kanalen]
        if kanalen and self.fields["kanaal"].initial not in [k.value for k in kanalen]:
            self.fields["kanaal"].initial = kanalen[0].value

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("bijlagen") is None:
            cleaned["voorbereide_bijlagen"] = self.bijlagen_voorbereiden()
        return cleaned

    def inhoud(self) -> Meldinginhoud:
        d = self.cleaned_data
        return Meldinginhoud(
            omschrijving=d["omschrijving"],
            wanneer=d["wanneer"],
            waar=d["waar"],
            betrokkenen=d["betrokkenen"],
            eerdere_meldingen=d["eerdere_meldingen"],
            categorie=Categorie(d["categorie"]),
            discriminatiegronden=tuple(d["discriminatiegronden"]),
            relatie=d["relatie"],
            relatie_toelichting=d["relatie_toelichting"],
            hl_betrokken=d["hl_betrokken"] == "ja",
            gesprek_gewenst=d["gesprek_gewenst"],
            bijlagen=tuple(d.get("voorbereide_bijlagen") or ()),
        )

    def identiteit(self) -> IdentiteitGegevens:
        d = self.cleaned_data
        return IdentiteitGegevens(
            naam=d["naam"],
            email=d["email"],
            telefoon=d["telefoon"],
            postadres=d["postadres"],
            personeelsnummer=d["personeelsnummer"],
            afdeling=d["afdeling"],
        )


class RegistratieFormulier(MeldFormulier):
    """For the officer who records an oral, phone, post or in-person report."""

    wijze = forms.ChoiceField(
        label=_("Hoe is de melding gedaan?"),
        choices=[c for c in Wijze.choices if c[0] != Wijze.WEBFORMULIER],
        widget=forms.RadioSelect,
    )
    ontvangen_op = forms.DateField(
        label=_("Datum van ontvangst"),
        # ISO, as <input type="date"> requires: the localised "05-12-2026" would
        # leave the field empty in the browser.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
        help_text=_(
            "De dag waarop de brief binnenkwam of het gesprek of telefoontje plaatsvond. Alle termijnen lopen "
            "vanaf deze datum (Art. 8.5)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["notificatie_email"]
