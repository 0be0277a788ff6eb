"""Forms for the HL's decisions and the investigators' work. Input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.forms import OndertekenForm
from kern.rollen import Rol
from meldingen import selectors as meldingen_selectors
from onderzoek import selectors
from onderzoek.constants import BesluitSoort, OnderzoekSoort, StandpuntUitkomst, StukHerkomst


class BesluitForm(OndertekenForm):
    soort = forms.ChoiceField(label=_("Besluit"), choices=BesluitSoort.choices, widget=forms.RadioSelect)
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verplicht als er geen onderzoek komt (Art. 9.2) of bij doorverwijzen."),
    )
    field_order = ["soort", "motivering", "totp_code"]


class OnderzoekForm(OndertekenForm):
    soort = forms.ChoiceField(label=_("Soort onderzoek"), choices=OnderzoekSoort.choices)
    opdracht = forms.CharField(label=_("Onderzoeksopdracht"), widget=forms.Textarea(attrs={"rows": 8}))
    ernstige_bezwaren_afschrift = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 9.5)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Laat leeg: de melder krijgt een afschrift van de opdracht."),
    )
    field_order = ["soort", "opdracht", "ernstige_bezwaren_afschrift", "totp_code"]


class OnderzoekerForm(forms.Form):
    met_context = True

    onderzoek = forms.ModelChoiceField(label=_("Onderzoek"), queryset=None)
    gebruiker = forms.ModelChoiceField(label=_("Medewerker"), queryset=None, required=False)
    externe_naam = forms.CharField(label=_("Of: naam van de externe onderzoeker"), required=False, max_length=200)
    verklaring = forms.CharField(
        label=_("Verklaring van onafhankelijkheid en onpartijdigheid"), widget=forms.Textarea(attrs={"rows": 3})
    )
    verklaart_geen_betrokkenheid = forms.BooleanField(
        label=_("De onderzoeker verklaart niet betrokken te zijn (geweest) bij het gemelde (Art. 9.4)"), required=False
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderzoek"].queryset = melding.onderzoeken.order_by("-created_at")
        self.fields["gebruiker"].queryset = meldingen_selectors.gebruikers_met_rol(rol=Rol.ONDERZOEKER)


class StandpuntForm(OndertekenForm):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=StandpuntUitkomst.choices, widget=forms.RadioSelect)
    inhoud = forms.CharField(label=_("Inhoudelijk standpunt"), widget=forms.Textarea(attrs={"rows": 8}))
    vervolgstappen = forms.CharField(
        label=_("Stappen waartoe de melding heeft geleid of zal leiden"), widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["uitkomst", "inhoud", "vervolgstappen", "totp_code"]


class KennisgevingForm(OndertekenForm):
    instantie = forms.CharField(label=_("Externe instantie"), max_length=200)
    inhoud = forms.CharField(label=_("Kennisgeving"), widget=forms.Textarea(attrs={"rows": 6}))
    ernstige_bezwaren_afschrift = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 9.3, 11.3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["instantie", "inhoud", "ernstige_bezwaren_afschrift", "totp_code"]


class VerlengingForm(OndertekenForm):
    """Art. 11.2: the signed extension letter."""

    nieuwe_datum = forms.DateField(
        label=_("Nieuwe datum voor het standpunt"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reden = forms.CharField(
        label=_("Waarom een langere termijn nodig is"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als de totale termijn meer dan twaalf weken wordt (Art. 11.2)."),
    )
    met_terugkoppeling = forms.BooleanField(
        label=_("Deze brief is ook de terugkoppeling (beoordeling en gezette stappen)"), required=False
    )
    beoordeling = forms.CharField(
        label=_("Hoe de melding is beoordeeld en welke stappen zijn gezet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nodig voor een verlenging voorbij drie maanden na de ontvangstbevestiging (Wbk art. 2)."),
    )
    field_order = ["nieuwe_datum", "reden", "met_terugkoppeling", "beoordeling", "totp_code"]


class MelderInformerenForm(forms.Form):
    """Art. 9.5: tell the melder that the investigation started and by whom."""

    met_context = True

    onderzoek = forms.ModelChoiceField(label=_("Onderzoek"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderzoek"].queryset = selectors.onderzoeken_niet_beeindigd(melding=melding).filter(
            melder_geinformeerd_op__isnull=True
        )


class ZonderRapportForm(OndertekenForm):
    """Art. 11.1: end an investigation without a report, with a signed reason."""

    met_context = True

    onderzoek = forms.ModelChoiceField(label=_("Onderzoek"), queryset=None, empty_label=None)
    reden = forms.CharField(label=_("Waarom geen onderzoeksrapport nodig is"), widget=forms.Textarea(attrs={"rows": 5}))
    field_order = ["onderzoek", "reden", "totp_code"]

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderzoek"].queryset = selectors.onderzoeken_niet_beeindigd(melding=melding)


class KennisgevingBeoordelingForm(OndertekenForm):
    """Art. 9.3, 11.3: the HL's signed assessment, also when the answer is no."""

    melden = forms.BooleanField(label=_("Een externe instantie op de hoogte brengen"), required=False)
    motivering = forms.CharField(label=_("Motivering van de beoordeling"), widget=forms.Textarea(attrs={"rows": 4}))
    instantie = forms.CharField(label=_("Externe instantie (bij ja)"), max_length=200, required=False)
    inhoud = forms.CharField(label=_("Kennisgeving (bij ja)"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    ernstige_bezwaren_afschrift = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 9.3, 11.3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["melden", "motivering", "instantie", "inhoud", "ernstige_bezwaren_afschrift", "totp_code"]


class _BetrokkeneMededelingForm(forms.Form):
    """Tell a person concerned, or record why not yet and when to look again
    (Art. 9.6 for the report, Art. 11.4 for the standpunt)."""

    met_context = True
    INFORMEREN, UITSTELLEN = "informeren", "uitstellen"
    # The subclass's text for "informed".
    geinformeerd = ""

    betrokkene = forms.ModelChoiceField(label=_("Betrokkene"), queryset=None, empty_label=None)
    keuze = forms.ChoiceField(label=_("Wat doet u?"), widget=forms.RadioSelect)
    reden = forms.CharField(
        label=_("Welk belang zich verzet tegen informeren"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    herzien_op = forms.DateField(
        label=_("Reden opnieuw bekijken op"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["betrokkene"].queryset = melding.betrokkenen.order_by("created_at")
        self.fields["keuze"].choices = [
            (self.INFORMEREN, self.geinformeerd),
            (self.UITSTELLEN, _("Nog niet informeren: het onderzoeks- of handhavingsbelang verzet zich ertegen")),
        ]


class StandpuntMededelingForm(_BetrokkeneMededelingForm):
    """Art. 11.4: tell a person concerned of the standpunt, or record why not yet."""

    geinformeerd = _("De betrokkene is over het standpunt geïnformeerd")

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("keuze") == self.UITSTELLEN and not (gegevens.get("reden") or "").strip():
            self.add_error("reden", _("Leg vast welk belang zich verzet tegen informeren (Art. 11.4)."))
        return gegevens


class BetrokkeneToevoegenForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    functie = forms.CharField(label=_("Functie of rol"), max_length=200, required=False)


class BetrokkeneInformerenForm(_BetrokkeneMededelingForm):
    """Art. 9.6, 11.4: inform a person concerned, or record why not yet."""

    geinformeerd = _("De betrokkene is geïnformeerd over de melding (en een eventuele externe kennisgeving)")

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("keuze") == self.UITSTELLEN and not gegevens.get("herzien_op"):
            self.add_error("herzien_op", _("Kies wanneer u de reden opnieuw bekijkt (Art. 9.6)."))
        return gegevens


class _WederhoorKeuze(forms.Form):
    met_context = True
    alleen = {}

    wederhoor = forms.ModelChoiceField(label=_("Reactie van de melder"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wederhoor"].queryset = melding.wederhoren.filter(**self.alleen).order_by("created_at")
        self.fields["wederhoor"].label_from_instance = lambda w: f"{w.created_at:%d-%m-%Y %H:%M}: {w.reactie[:80]}"


class WederhoorAntwoordForm(_WederhoorKeuze):
    """Art. 12.2: the substantive answer, and where needed an additional investigation."""

    alleen = {"beantwoord_op__isnull": True}

    antwoord = forms.CharField(
        label=_("Inhoudelijk antwoord"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verplicht bij een onderbouwde reactie (Art. 12.2). Gaat als brief naar de melder."),
    )
    aanvullend_onderzoek = forms.BooleanField(label=_("Een nieuw of aanvullend onderzoek instellen"), required=False)
    opdracht = forms.CharField(
        label=_("Onderzoeksopdracht (bij aanvullend onderzoek)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    totp_code = forms.CharField(
        label=_("Code uit uw authenticator-app (ondertekenen van de opdracht)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class WederhoorExternForm(_WederhoorKeuze):
    """Art. 12.3: the reaction also to the external authority, with a copy to the melder."""

    alleen = {"extern_doorgestuurd_op__isnull": True}


class _OnderzoekKeuze(forms.Form):
    """For the investigators: only their own running investigations of this case."""

    met_context = True

    onderzoek = forms.ModelChoiceField(label=_("Onderzoek"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderzoek"].queryset = selectors.onderzoeken_in_uitvoering(user=user, melding=melding)


class VerhoorMelderForm(_OnderzoekKeuze):
    titel = forms.CharField(label=_("Titel van het verslag"), max_length=200)
    tekst = forms.CharField(label=_("Verslag van het verhoor"), widget=forms.Textarea(attrs={"rows": 10}))


class VerhoorAnderForm(VerhoorMelderForm):
    naam_gehoorde = forms.CharField(label=_("Wie is gehoord"), max_length=200)
    field_order = ["onderzoek", "naam_gehoorde", "titel", "tekst"]


class VerhoorPapierForm(forms.Form):
    """Art. 10.1–10.2: the signed paper copy makes the record final."""

    met_context = True

    verhoor = forms.ModelChoiceField(label=_("Verhoor"), queryset=None, empty_label=None)
    getekend = forms.FileField(label=_("Getekend verslag (PDF)"))

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verhoor"].queryset = selectors.verhoren_te_tekenen(user=user, melding=melding)
        self.fields["verhoor"].label_from_instance = lambda v: f"{v} — {v.vastlegging.titel}"


class UitnodigingForm(_OnderzoekKeuze):
    """Art. 10.1: invite the melder to be heard."""

    toelichting = forms.CharField(
        label=_("Uitnodiging (hoe en wanneer de melder gehoord kan worden)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class _VerhoorKeuze(forms.Form):
    met_context = True
    selector = staticmethod(selectors.verhoren_te_tekenen)

    verhoor = forms.ModelChoiceField(label=_("Verhoor"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verhoor"].queryset = self.selector(user=user, melding=melding)
        self.fields["verhoor"].label_from_instance = lambda v: f"{v} — {v.vastlegging.titel}"


class VerhoorNietGoedgekeurdForm(_VerhoorKeuze):
    """Art. 10.1–10.2: the person heard does not approve the record."""

    reden = forms.CharField(label=_("Waarom niet goedgekeurd"), widget=forms.Textarea(attrs={"rows": 3}))


class VerhoorAfschriftForm(_VerhoorKeuze):
    """Art. 10.2: the copy of the record was given to the person heard."""

    selector = staticmethod(selectors.verhoren_zonder_afschrift)


class StukForm(_OnderzoekKeuze):
    """Art. 10.3–10.4: a document for the investigation."""

    herkomst = forms.ChoiceField(label=_("Herkomst"), choices=StukHerkomst.choices, widget=forms.RadioSelect)
    omschrijving = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}))
    bestand = forms.FileField(label=_("Bestand"))


class RapportForm(_OnderzoekKeuze):
    tekst = forms.CharField(label=_("Conceptrapport"), widget=forms.Textarea(attrs={"rows": 16}))


class ConceptVoorleggenForm(_OnderzoekKeuze):
    """Art. 10.5: the concept to the melder, unless serious objections."""

    ernstige_bezwaren = forms.CharField(
        label=_("Ernstige bezwaren tegen voorleggen aan de melder (Art. 10.5)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Laat leeg: de melder krijgt het concept in de meldingsbox en kan opmerkingen maken."),
    )


class RapportVaststellenForm(_OnderzoekKeuze):
    """Art. 10.6: fix the report; a copy to the melder unless serious objections."""

    ernstige_bezwaren = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 10.6)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Laat leeg: de melder krijgt een afschrift van het rapport."),
    )
    zonder_opmerkingen_reden = forms.CharField(
        label=_("Waarom u niet langer wacht op de opmerkingen van de melder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
