from django import forms
from django.utils.translation import gettext_lazy as _

from kern.forms import OndertekenForm
from rapportage.models import Jaarrapportage


class NieuweRapportageForm(forms.Form):
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    jaar = forms.IntegerField(label=_("Verslagjaar"), min_value=2000, max_value=2100)

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties


class TekstenForm(forms.ModelForm):
    class Meta:
        model = Jaarrapportage
        fields = ["beleid_afgelopen_jaar", "beleid_komend_jaar", "ervaringen_benadeling", "verwerking_standpunt"]
        widgets = {veld: forms.Textarea(attrs={"rows": 6}) for veld in fields}


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Standpunt of reden"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class OrStandpuntForm(ToelichtingForm):
    besproken_op = forms.DateField(
        label=_("Datum van de overlegvergadering"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class VersieOndertekenForm(OndertekenForm):
    """kern's sign form, with the hash of the PDF the HL looked at: signing a
    version that changed since is refused."""

    pdf_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
