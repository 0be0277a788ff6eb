"""Forms for the HL's decisions and the investigators' work. Input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.rollen import Rol
from meldingen import selectors as meldingen_selectors
from onderzoek.constants import BesluitSoort, OnderzoekSoort


class OndertekenForm(forms.Form):
    """Every signed decision asks the second factor again at the moment of signing."""

    totp_code = forms.CharField(
        label=_("Code uit uw authenticator-app (ondertekenen)"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Met deze code ondertekent u het document. Daarna kan het niet meer veranderen."),
    )


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
    inhoud = forms.CharField(label=_("Inhoudelijk standpunt"), widget=forms.Textarea(attrs={"rows": 8}))
    vervolgstappen = forms.CharField(
        label=_("Stappen waartoe de melding heeft geleid of zal leiden"), widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["inhoud", "vervolgstappen", "totp_code"]


class KennisgevingForm(OndertekenForm):
    instantie = forms.CharField(label=_("Externe instantie"), max_length=200)
    inhoud = forms.CharField(label=_("Kennisgeving"), widget=forms.Textarea(attrs={"rows": 6}))
    ernstige_bezwaren_afschrift = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 9.3, 11.3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["instantie", "inhoud", "ernstige_bezwaren_afschrift", "totp_code"]


class RapportForm(forms.Form):
    tekst = forms.CharField(label=_("Rapport"), widget=forms.Textarea(attrs={"rows": 16}))
