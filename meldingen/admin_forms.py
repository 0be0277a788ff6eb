"""Forms of the triage screens. Validation of input only; rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.rollen import Rol
from meldingen import selectors


class BevestigForm(forms.Form):
    """A step without input: the button is the confirmation."""


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ContactpersoonForm(forms.Form):
    contactpersoon = forms.ModelChoiceField(label=_("Contactpersoon"), queryset=None)
    afgestemd_met_melder = forms.BooleanField(
        label=_("Deze keuze is met de melder afgestemd (Art. 8.6)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = selectors.gebruikers_met_rol(rol=Rol.CONTACTPERSOON)


class KoppelForm(forms.Form):
    met_context = True  # receives user= and melding=
    registernummer = forms.RegexField(
        label=_("Registernummer van de andere melding"),
        regex=r"^\d{4}-\d{4,}$",
        error_messages={"invalid": _("Gebruik de vorm 2026-0007.")},
    )
    reden = forms.CharField(label=_("Waarom horen ze bij elkaar?"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, melding, **kwargs):
        self.user, self.melding = user, melding
        super().__init__(*args, **kwargs)

    def clean_registernummer(self):
        jaar, volgnummer = self.cleaned_data["registernummer"].split("-")
        andere = (
            selectors.melding_list_visible_for(user=self.user)
            .filter(organisatie=self.melding.organisatie, registerjaar=int(jaar), volgnummer=int(volgnummer))
            .first()
        )
        if andere is None:
            # Same message for missing and not assigned: reveals nothing.
            raise forms.ValidationError(_("Geen melding met dit nummer gevonden onder uw meldingen."))
        return andere
