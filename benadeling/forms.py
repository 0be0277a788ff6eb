"""Forms of the retaliation app. Input validation only; rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from benadeling import workflow
from benadeling.constants import (
    BENADELENDE_MAATREGELEN,
    BenadelingOordeel,
    BenadelingType,
    BeschermdeRol,
    ClaimUitkomst,
    MaatregelSoort,
    MotiveringVerstrekking,
    VerwijzingSoort,
    VerwijzingUitkomst,
    VoornemenStatus,
)
from benadeling.models import Motivering
from benadeling.selectors import organisaties_voor_personeelszaken
from kern.forms import OndertekenForm
from kern.vastleggingen import VastleggingStatus
from meldingen.forms import ToegankelijkFormulier

_MAATREGEL_KEUZES = [(t.value, t.label) for t in BENADELENDE_MAATREGELEN]


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ToetsForm(forms.Form):
    """HR's check of an intended adverse measure (Art. 5.4)."""

    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None, empty_label=None)
    personeelsnummer = forms.CharField(label=_("Personeelsnummer"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-mailadres van de medewerker"), required=False)
    soort = forms.ChoiceField(label=_("Voorgenomen maatregel (Art. 5.2)"), choices=_MAATREGEL_KEUZES)
    beoogd_op = forms.DateField(label=_("Beoogde datum"), widget=DatumInvoer())
    omschrijving = forms.CharField(
        label=_("Toelichting"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties_voor_personeelszaken(user=user)

    def clean(self):
        data = super().clean()
        if not (data.get("personeelsnummer") or "").strip() and not data.get("email"):
            raise forms.ValidationError(_("Vul het personeelsnummer of het e-mailadres van de medewerker in."))
        return data


def _mogelijk(procedure, objecten, naar, gebruiker):
    """A queryset of the objects on which the table allows this user a step to `naar`."""
    return objecten.model.objects.filter(pk__in=[o.pk for o in workflow.met_stap(procedure, objecten, naar, gebruiker)])


class _MetMelding(forms.Form):
    met_context = True  # receives user= and melding= on the case screen

    def __init__(self, *args, user, melding, **kwargs):
        self.user, self.melding = user, melding
        super().__init__(*args, **kwargs)


class BeschermdPersoonForm(_MetMelding):
    rol = forms.ChoiceField(label=_("Rol (Art. 5.1)"), choices=BeschermdeRol.choices)
    naam = forms.CharField(
        label=_("Naam"), required=False, max_length=200, help_text=_("Niet invullen voor de melder (Art. 7.2).")
    )
    personeelsnummer = forms.CharField(label=_("Personeelsnummer"), required=False, max_length=64)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    beschermd_vanaf = forms.DateField(label=_("Beschermd vanaf"), widget=DatumInvoer())


class RisicoanalyseForm(forms.Form):
    gesprek_op = forms.DateField(label=_("Datum van het gesprek"), widget=DatumInvoer())
    risicos = forms.CharField(label=_("Risico’s op benadeling"), widget=forms.Textarea(attrs={"rows": 4}))
    beperking = forms.CharField(label=_("Hoe die risico’s worden verminderd"), widget=forms.Textarea(attrs={"rows": 4}))
    wat_melder_kan_doen = forms.CharField(
        label=_("Wat de melder kan doen bij benadeling"), widget=forms.Textarea(attrs={"rows": 4})
    )


class BenadelingForm(forms.Form):
    types = forms.MultipleChoiceField(
        label=_("Soorten benadeling"), choices=BenadelingType.choices, widget=forms.CheckboxSelectMultiple
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 6}))


def papier_keuzes(*, melding, user) -> list[tuple[str, str]]:
    """The records awaiting the melder's signature on paper: a claim where its
    table allows the step (Art. 6.2), a risk record while the contactpersoon holds
    it (kern.vastleggingen's lifecycle, no table)."""
    keuzes = []
    if workflow.is_actor(melding=melding, door=workflow.CONTACTPERSOON, gebruiker=user):
        keuzes += [(f"r:{r.pk}", str(r)) for r in melding.risicoanalyses.exclude(status=VastleggingStatus.GOEDGEKEURD)]
    keuzes += [
        (f"b:{b.pk}", str(b))
        for b in workflow.met_stap(workflow.CLAIM, workflow.claims(melding), [workflow.ClaimStatus.DOORGESTUURD], user)
    ]
    return keuzes


class PapierGoedkeuringForm(_MetMelding):
    vastlegging = forms.ChoiceField(label=_("Verslag"))
    ondertekend_exemplaar = forms.FileField(label=_("Scan van het ondertekende exemplaar"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vastlegging"].choices = papier_keuzes(melding=self.melding, user=self.user)

    def clean_vastlegging(self):
        soort, pk = self.cleaned_data["vastlegging"].split(":")
        qs = self.melding.risicoanalyses if soort == "r" else self.melding.benadelingsmeldingen
        return qs.get(pk=pk)


class MaatregelForm(_MetMelding, OndertekenForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=MaatregelSoort.choices)
    benadelingsmelding = forms.ModelChoiceField(label=_("Naar aanleiding van"), queryset=None, required=False)
    omschrijving = forms.CharField(label=_("Maatregel"), widget=forms.Textarea(attrs={"rows": 5}))
    mededeling_aan_melder = forms.CharField(
        label=_("Wat de melder hierover hoort"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen wat de melder aangaat; geen details over maatregelen tegen collega’s (Art. 5.6)."),
    )
    field_order = ["soort", "benadelingsmelding", "omschrijving", "mededeling_aan_melder", "totp_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benadelingsmelding"].queryset = self.melding.benadelingsmeldingen.all()


class AfhandelenForm(_MetMelding):
    benadelingsmelding = forms.ModelChoiceField(label=_("Benadelingsmelding"), queryset=None)
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=ClaimUitkomst.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benadelingsmelding"].queryset = _mogelijk(
            workflow.CLAIM, workflow.claims(self.melding), [workflow.ClaimStatus.AFGEHANDELD], self.user
        )


class VoornemenForm(_MetMelding):
    beschermd_persoon = forms.ModelChoiceField(label=_("Tegen"), queryset=None)
    soort = forms.ChoiceField(label=_("Maatregel (Art. 5.2)"), choices=_MAATREGEL_KEUZES)
    beoogd_op = forms.DateField(label=_("Beoogde datum"), widget=DatumInvoer())
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beschermd_persoon"].queryset = self.melding.beschermde_personen.all()


class _VoornemenKeuze(_MetMelding):
    voornemen = forms.ModelChoiceField(label=_("Maatregel"), queryset=None)
    # The target states of benadeling.workflow.VOORNEMEN this form's step leads to.
    naar: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voornemen"].queryset = _mogelijk(
            workflow.VOORNEMEN, workflow.voornemens(self.melding), self.naar, self.user
        )


class MotiveringVragenForm(_VoornemenKeuze):
    naar = (VoornemenStatus.MOTIVERING_GEVRAAGD,)


class MotiveringForm(_VoornemenKeuze, OndertekenForm):
    naar = (VoornemenStatus.GEMOTIVEERD,)
    waarom_nodig = forms.CharField(label=_("Waarom de maatregel nodig is"), widget=forms.Textarea(attrs={"rows": 4}))
    geen_verband = forms.CharField(
        label=_("Waarom de maatregel geen verband houdt met de melding"), widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["voornemen", "waarom_nodig", "geen_verband", "totp_code"]


class GenomenForm(_VoornemenKeuze):
    naar = (VoornemenStatus.GENOMEN,)


class AfzienForm(_VoornemenKeuze):
    naar = (VoornemenStatus.AFGEZIEN,)


def te_verstrekken_motiveringen(*, melding):
    """Art. 5.4: the latest signed motivation of a measure not yet given to the person concerned."""
    return [
        motivering
        for voornemen in workflow.voornemens(melding)
        if (motivering := voornemen.motiveringen.order_by("-versie").first()) and motivering.verstrekt_op is None
    ]


class MotiveringVerstrekkenForm(_MetMelding):
    motivering = forms.ModelChoiceField(label=_("Motivering"), queryset=None)
    wijze = forms.ChoiceField(label=_("Gegeven via"), choices=MotiveringVerstrekking.choices)
    verstrekt_op = forms.DateField(label=_("Datum (bij persoonlijk of per post)"), required=False, widget=DatumInvoer())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivering"].queryset = Motivering.objects.filter(
            pk__in=[m.pk for m in te_verstrekken_motiveringen(melding=self.melding)]
        )


class OnderzoeksverzoekForm(forms.Form):
    verzoek = forms.CharField(label=_("Verzoek van de melder (Art. 13.1)"), widget=forms.Textarea(attrs={"rows": 4}))


class VerzoekBeslissenForm(_MetMelding, OndertekenForm):
    verzoek = forms.ModelChoiceField(label=_("Verzoek"), queryset=None)
    inwilligen = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("1", _("Onderzoek instellen (Art. 13.2)")), ("0", _("Geen onderzoek, met reden"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opdracht_of_reden = forms.CharField(
        label=_("Onderzoeksopdracht of reden"), widget=forms.Textarea(attrs={"rows": 5})
    )
    field_order = ["verzoek", "inwilligen", "opdracht_of_reden", "totp_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verzoek"].queryset = _mogelijk(
            workflow.VERZOEK,
            workflow.verzoeken(self.melding),
            [workflow.VerzoekStatus.INGEWILLIGD, workflow.VerzoekStatus.AFGEWEZEN],
            self.user,
        )


class _VerzoekKeuze(_MetMelding):
    """The requests on which the table allows this user the step to `naar`."""

    naar: workflow.VerzoekStatus
    verzoek = forms.ModelChoiceField(label=_("Onderzoek naar benadeling"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verzoek"].queryset = _mogelijk(
            workflow.VERZOEK, workflow.verzoeken(self.melding), [self.naar], self.user
        )


class BenadelingStandpuntForm(_VerzoekKeuze, OndertekenForm):
    """Art. 13.2 with Art. 11.1 and 11.3: the standpunt and the HL's assessment
    whether an external authority is told, signed with one code."""

    naar = workflow.VerzoekStatus.STANDPUNT_GEGEVEN
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=BenadelingOordeel.choices)
    standpunt = forms.CharField(label=_("Standpunt"), widget=forms.Textarea(attrs={"rows": 6}))
    vervolgstappen = forms.CharField(
        label=_("Stappen waartoe het onderzoek leidt"), widget=forms.Textarea(attrs={"rows": 3})
    )
    kennisgeving_melden = forms.TypedChoiceField(
        label=_("Een externe instantie op de hoogte brengen (Art. 11.3)?"),
        choices=[("0", _("Nee")), ("1", _("Ja"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        help_text=_("Beoordeel dit na afronding van het onderzoek, ook als het antwoord nee is."),
    )
    kennisgeving_motivering = forms.CharField(
        label=_("Motivering van de beoordeling"), widget=forms.Textarea(attrs={"rows": 3})
    )
    instantie = forms.CharField(label=_("Externe instantie (bij ja)"), max_length=200, required=False)
    kennisgeving = forms.CharField(
        label=_("Kennisgeving (bij ja)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    ernstige_bezwaren_afschrift = forms.CharField(
        label=_("Ernstige bezwaren tegen een afschrift aan de melder (Art. 11.3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Laat leeg: de melder krijgt een afschrift van de kennisgeving."),
    )
    field_order = [
        "verzoek",
        "uitkomst",
        "standpunt",
        "vervolgstappen",
        "kennisgeving_melden",
        "kennisgeving_motivering",
        "instantie",
        "kennisgeving",
        "ernstige_bezwaren_afschrift",
        "totp_code",
    ]


class BenadelingReactieAntwoordForm(_VerzoekKeuze):
    """Art. 12.2 via 13.2: the substantive answer to the melder's reasoned reaction."""

    naar = workflow.VerzoekStatus.BEANTWOORD
    antwoord = forms.CharField(
        label=_("Inhoudelijk antwoord"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Gaat als brief naar de melder (Art. 12.2)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verzoek"].label = _("Reactie van de melder")
        self.fields["verzoek"].label_from_instance = lambda v: f"{v.reactie_op:%d-%m-%Y %H:%M}: {v.reactie[:80]}"


class VerzoekAfsluitenForm(_VerzoekKeuze):
    """Art. 12 via 13.2: closing the request after its standpunt."""

    naar = workflow.VerzoekStatus.AFGESLOTEN
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


class VerwijzingForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=VerwijzingSoort.choices)
    aangeboden_op = forms.DateField(label=_("Datum"), widget=DatumInvoer())
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=VerwijzingUitkomst.choices)
    uitkomst_op = forms.DateField(label=_("Datum uitkomst"), required=False, widget=DatumInvoer())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DossierForm(forms.Form):
    ontvangers = forms.CharField(
        label=_("Aan wie wordt het dossier verstrekt?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: kantonrechter Den Haag; Huis voor Klokkenluiders, afdeling onderzoek."),
    )


# --- The melder's side (in the mailbox; no account) -----------------------------------


class MelderBenadelingFormulier(ToegankelijkFormulier):
    """Art. 6.2: the melder reports retaliation in their own words."""

    types = forms.MultipleChoiceField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Kies alles wat past."),
        choices=BenadelingType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één soort benadeling.")},
    )
    omschrijving = forms.CharField(
        label=_("Beschrijf de benadeling"),
        help_text=_("Wat gebeurde er, wanneer, en wie waren erbij?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={"required": _("Beschrijf de benadeling.")},
    )


class MelderOnderzoeksverzoekFormulier(ToegankelijkFormulier):
    """Art. 13.1: the melder asks for an investigation of how they are treated."""

    verzoek = forms.CharField(
        label=_("Uw verzoek om onderzoek"),
        help_text=_("Schrijf wat er onderzocht moet worden en waarom."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": _("Beschrijf het verzoek om onderzoek.")},
    )


class MelderHuisRouteFormulier(ToegankelijkFormulier):
    """Art. 13.3: the melder tells that they asked the Huis voor Klokkenluiders."""

    op = forms.DateField(
        label=_("Wanneer vroeg u het Huis voor Klokkenluiders om onderzoek?"),
        widget=DatumInvoer(),
        error_messages={
            "required": _("Vul de datum in (niet in de toekomst)."),
            "invalid": _("Vul een geldige datum in, zoals 15-03-2026."),
        },
    )
