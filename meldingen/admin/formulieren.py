"""Forms of the triage screens. Validation of input only; rules live in services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.rollen import Rol
from kern.vastleggingen import VastleggingStatus
from meldingen import selectors
from meldingen.constants import Categorie, Discriminatiegrond, ToestemmingSoort


def _datum(moment) -> str:
    # The day in Europe/Amsterdam, as the case screen shows it.
    return f"{timezone.localtime(moment):%d-%m-%Y}"


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
            selectors.meldingen_zichtbaar_voor(user=self.user)
            .filter(organisatie=self.melding.organisatie, registerjaar=int(jaar), volgnummer=int(volgnummer))
            .first()
        )
        if andere is None:
            # Same message for missing and not assigned: reveals nothing.
            raise forms.ValidationError(_("Geen melding met dit nummer gevonden onder uw meldingen."))
        return andere


class CategorieForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Aard van de melding"), choices=Categorie.choices, widget=forms.RadioSelect)


class DiscriminatiegrondenForm(forms.Form):
    met_context = True

    gronden = forms.MultipleChoiceField(
        label=_("Discriminatiegronden"),
        choices=Discriminatiegrond.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij elke aard van melding; leeg als het niet om discriminatie gaat."),
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gronden"].initial = list(melding.discriminatiegronden or ())


class OntvangstbevestigingForm(forms.Form):
    samenvatting = forms.CharField(
        label=_("Zakelijke beschrijving van de melding (Art. 8.5)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De brief bevat ook de datum van ontvangst en een afschrift van de melding."),
    )


class TerugkoppelingForm(forms.Form):
    beoordeling = forms.CharField(
        label=_("Hoe is de melding beoordeeld?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("Bijvoorbeeld: er loopt een onderzoek naar de feiten; er zijn redelijke gronden (Wbk art. 2)."),
    )
    vervolg = forms.CharField(
        label=_("Wat gebeurt er verder, en wanneer?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class GesprekForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Het gesprek dat de melder vroeg (Art. 3.4)"),
        choices=[("gevoerd", _("Het gesprek is gevoerd")), ("aangeboden", _("Een gesprek is aangeboden"))],
        widget=forms.RadioSelect,
        help_text=_("Leg wat er besproken is vast met ‘Mondelinge melding schriftelijk vastleggen’ (Art. 8.1–8.2)."),
    )


class VastleggingForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200, initial=_("Verslag van de mondelinge melding"))
    tekst = forms.CharField(
        label=_("Schriftelijke vastlegging"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("De melder keurt dit verslag goed of vraagt een correctie in de meldingsbox (Art. 8.1–8.2)."),
    )


class BerichtForm(forms.Form):
    tekst = forms.CharField(
        label=_("Bericht aan de melder"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


class _MetOntvangers(forms.Form):
    met_context = True

    ontvangers = forms.ModelMultipleChoiceField(
        label=_("Aan wie mag de identiteit bekend worden?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ontvangers"].queryset = selectors.toegewezen_gebruikers(melding=melding).exclude(pk=user.pk)


class ToestemmingForm(_MetOntvangers):
    soort = forms.ChoiceField(label=_("Toestemming voor"), choices=ToestemmingSoort.choices, widget=forms.RadioSelect)
    field_order = ["soort", "ontvangers"]


class ToestemmingPapierForm(ToestemmingForm):
    document = forms.FileField(label=_("Getekend document (PDF)"))
    getekend_op = forms.DateField(
        label=_("Getekend op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De toestemming en de termijnen die ermee beginnen, tellen vanaf deze datum (Art. 7.2)."),
    )
    field_order = ["soort", "ontvangers", "document", "getekend_op"]


class BriefDoorsturenForm(forms.Form):
    met_context = True

    brief = forms.ModelChoiceField(label=_("Brief"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief"].queryset = selectors.brieven_bij_vertrouwenspersoon(melding=melding)
        # Which letter it is, not "Brief object (11)".
        self.fields["brief"].label_from_instance = lambda b: f"{b.onderwerp} · {_datum(b.created_at)}"


class VerzoekDoorsturenForm(forms.Form):
    met_context = True

    verzoek = forms.ModelChoiceField(label=_("Verzoek"), queryset=None, empty_label=None)

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verzoek"].queryset = selectors.verzoeken_bij_vertrouwenspersoon(melding=melding)
        self.fields["verzoek"].label_from_instance = lambda v: f"{v.get_soort_display()} · {_datum(v.created_at)}"


class AdviseurForm(forms.Form):
    naam = forms.CharField(label=_("Naam van de adviseur"), max_length=500)
    organisatie = forms.CharField(label=_("Organisatie"), max_length=500, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoon = forms.CharField(label=_("Telefoonnummer"), max_length=100, required=False)


class AdviseurToestemmingForm(forms.Form):
    met_context = True

    toestemming = forms.ModelChoiceField(label=_("Toestemming van de melder"), queryset=None, empty_label=None)
    document = forms.FileField(label=_("Door de adviseur getekende toestemming (PDF)"))
    getekend_op = forms.DateField(label=_("Getekend op"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].queryset = selectors.adviseurtoestemmingen_open(melding=melding)


class VastleggingPapierForm(forms.Form):
    met_context = True

    vastlegging = forms.ModelChoiceField(label=_("Vastlegging"), queryset=None, empty_label=None)
    document = forms.FileField(label=_("Door de melder getekend exemplaar (PDF)"))

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vastlegging"].queryset = selectors.vastleggingen_voor(melding=melding).exclude(
            status=VastleggingStatus.GOEDGEKEURD
        )
        self.fields["vastlegging"].label_from_instance = lambda v: f"{v.titel} · {_datum(v.created_at)}"
