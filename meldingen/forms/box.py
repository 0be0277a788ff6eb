"""Forms of the melder's mailbox: the receipt code, messages, the address for
notices, withdrawal and answers to requests (docs/melderzijde.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meldingen.forms.melden import BIJLAGEN_HULP, MeerdereBestandenVeld, MeldFormulier, ToegankelijkFormulier
from meldingen.services.meldingsbox import MAX_TEKST


class CodeFormulier(ToegankelijkFormulier):
    code = forms.CharField(
        label=_("Uw ontvangstcode"),
        help_text=_(
            "De code die u kreeg na het melden, bijvoorbeeld ABCD-EFGH-…. Hoofdletters en streepjes maken niet uit."
        ),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    # The signed pass a waiting client got (meldingen.services.ontvangstcode): with it
    # the same code is checked after the wait, whatever others are guessing.
    wachtbewijs = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)


class BerichtFormulier(ToegankelijkFormulier):
    tekst = forms.CharField(
        label=_("Uw bericht of aanvullende informatie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_TEKST,
        required=False,
    )
    bijlagen = MeerdereBestandenVeld(label=_("Bestanden toevoegen"), help_text=BIJLAGEN_HULP, required=False)
    metadata_behouden = MeldFormulier.base_fields["metadata_behouden"]

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("bijlagen") is None:
            cleaned["voorbereide_bijlagen"] = self.bijlagen_voorbereiden()
        if not (cleaned.get("tekst") or "").strip() and not cleaned.get("voorbereide_bijlagen") and not self.errors:
            self.add_error("tekst", _("Schrijf eerst uw bericht of kies een bestand."))
        return cleaned


class NotificatieFormulier(ToegankelijkFormulier):
    notificatie_email = MeldFormulier.base_fields["notificatie_email"]


class IntrekFormulier(ToegankelijkFormulier):
    """The melder withdraws the report (docs/rollen.md); the consequences are shown above."""

    reden = forms.CharField(
        label=_("Waarom trekt u uw melding in?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    bevestigd = forms.BooleanField(
        label=_("Ik heb gelezen wat intrekken betekent en trek mijn melding in."),
        required=True,
        error_messages={"required": _("Bevestig dat u uw melding wilt intrekken.")},
    )


class WissingFormulier(ToegankelijkFormulier):
    """The melder asks to erase their identity (AVG art. 17); the consequences are
    shown above the form, the confirmation is this box."""

    bevestigd = forms.BooleanField(
        label=_("Ik heb gelezen wat wissen betekent en vraag om mijn identiteit te wissen."),
        required=True,
        error_messages={"required": _("Bevestig dat u uw identiteit wilt laten wissen.")},
    )


class VerzoekAntwoordFormulier(ToegankelijkFormulier):
    akkoord = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[("ja", _("Ik ga akkoord")), ("nee", _("Ik ga niet akkoord of wil iets verbeteren"))],
        widget=forms.RadioSelect,
        required=False,
    )
    antwoord = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Schrijf wat er anders moet, of uw reactie."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=MAX_TEKST,
    )

    def akkoord_waarde(self) -> bool | None:
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("akkoord") or "")
