"""Forms of the triage screens. Validation of input only; rules live in services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.rollen import Rol
from kern.vastleggingen import VastleggingStatus
from meldingen import selectors
from meldingen.constants import Categorie, Discriminatiegrond, ToestemmingSoort, WeigeringsGrond, WissingBron


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


# --- The melder's request to erase their identity (AVG art. 17) ---------------------------


class WissingsverzoekVastleggenForm(forms.Form):
    """A request that came by post, e-mail, phone or in a meeting (AVG art. 17)."""

    uitleg = _(
        "Leg hier een verzoek van de melder om de identiteit te wissen vast dat niet via de meldingsbox binnenkwam. "
        "De termijn van een maand (AVG art. 12 lid 3) loopt vanaf de dag van ontvangst. Het antwoord gaat als brief "
        "naar de meldingsbox."
    )
    ontvangen_op = forms.DateField(
        label=_("Ontvangen op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De dag waarop de brief, de e-mail of het telefoontje binnenkwam."),
    )
    bron = forms.ChoiceField(
        label=_("Ontvangen via"),
        choices=[(waarde, label) for waarde, label in WissingBron.choices if waarde != WissingBron.MELDINGSBOX],
        widget=forms.RadioSelect,
    )
    herkomst_vastgesteld = forms.BooleanField(
        label=_("Ik heb vastgesteld dat het verzoek van de melder zelf komt (AVG art. 12 lid 6)."),
        help_text=_(
            "Twijfelt u, vraag dan eerst via de meldingsbox of de melder dit verzoek deed: wie de ontvangstcode "
            "heeft, kan het ook zelf daar vragen."
        ),
        required=False,
    )


def _verzoek_uitleg(melding) -> str:
    verzoek = selectors.wissingsverzoek_open(melding=melding)
    if verzoek is None:
        return ""
    uiterlijk = selectors.wissing_uiterlijk(verzoek=verzoek)
    return _("Verzoek ontvangen op %(ontvangen)s (%(bron)s); antwoord uiterlijk op %(uiterlijk)s.") % {
        "ontvangen": _datum(verzoek.ontvangen_op),
        "bron": verzoek.get_bron_display().lower(),
        "uiterlijk": uiterlijk.strftime("%d-%m-%Y") if uiterlijk else "?",
    }


class IdentiteitWissenForm(forms.Form):
    """AVG art. 17(1): the receiving officer erases the identity; the box confirms."""

    met_context = True
    bevestigd = forms.BooleanField(
        label=_("Ik wis de identiteit van de melder. Dit kan niet ongedaan worden gemaakt."),
        error_messages={"required": _("Bevestig dat u de identiteit wist.")},
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitleg = "\n\n".join(
            str(deel)
            for deel in [
                _verzoek_uitleg(melding),
                _(
                    "Gewist worden: naam, e-mailadres, telefoonnummer, postadres, personeelsnummer en afdeling van de "
                    "melder, hun blinde indexen, het e-mailadres voor berichten en de berichten daarheen die nog "
                    "wachten. Toestemmingen die personen noemen (identiteit, adviseur) vervallen, met de toegang die "
                    "ze gaven; ondertekende toestemmingen op papier worden verwijderd. Wat andere onderdelen van "
                    "Meldpunt uit de identiteit afleidden, gaat ook; wat zij moeten bewaren, staat met de reden in de "
                    "brief aan de melder."
                ),
                _(
                    "Teksten in de melding (de omschrijving, berichten, vastleggingen, ook op papier getekende) "
                    "worden niet doorzocht of veranderd. Vroeg de melder daarnaar, gebruik dan ‘Kennelijk niet "
                    "relevante gegevens verwijderen’ waar dat mag."
                ),
            ]
        ).strip()


class WissingWeigerenForm(forms.Form):
    """AVG art. 17(3), 12(4): refused, as a whole or in part, with ground and reason."""

    met_context = True
    grond = forms.ChoiceField(label=_("Grond"), choices=WeigeringsGrond.choices, widget=forms.RadioSelect)
    reden = forms.CharField(
        label=_("Reden voor de melder"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "De melder leest deze reden in de brief (AVG art. 12 lid 4). Schrijf niets wat de melder niet al weet of "
            "niet mag weten."
        ),
    )
    omvang = forms.ChoiceField(
        label=_("Wat wordt toch gewist?"),
        choices=[
            (
                "contactgegevens",
                _(
                    "Alleen de contactgegevens: e-mailadres, telefoonnummer, postadres en het e-mailadres voor "
                    "berichten. Naam, personeelsnummer en afdeling (met hun blinde indexen) blijven."
                ),
            ),
            ("niets", _("Niets: de identiteit blijft zoals ze is.")),
        ],
        initial="contactgegevens",
        widget=forms.RadioSelect,
        help_text=_(
            "Een weigering mag deels zijn: geen grond van AVG art. 17 lid 3 vraagt om de contactgegevens, want de "
            "meldingsbox blijft het kanaal naar de melder. Wis ze tenzij er een reden is om ook die te bewaren."
        ),
    )

    def __init__(self, *args, user, melding, **kwargs):
        super().__init__(*args, **kwargs)
        delen = [_verzoek_uitleg(melding)]
        if melding.bewaarblokkades.filter(opgeheven_op__isnull=True).exists():
            delen.append(
                _(
                    "Er ligt een bewaarblokkade op deze melding: zolang die er ligt, kan de identiteit niet helemaal "
                    "worden gewist (AVG art. 17 lid 3 onder e)."
                )
            )
        self.uitleg = "\n\n".join(str(d) for d in delen if d)
