from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class InlogForm(AuthenticationForm):
    """Password step. Axes counts failures per username through the backend."""


class OndertekenForm(forms.Form):
    """Every signature asks the second factor again at the moment of signing
    (docs/adr/0005-ondertekening.md); forms of signed decisions extend this one."""

    totp_code = forms.CharField(
        label=_("Code uit uw authenticator-app (ondertekenen)"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Met deze code ondertekent u het document. Daarna kan het niet meer veranderen."),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, apparaat=None, **kwargs):
        self.apparaat = apparaat
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if self.apparaat is None or not self.apparaat.verify_token(token):
            raise forms.ValidationError(_("Deze code klopt niet of is verlopen. Probeer de volgende code."))
        return token


def validatiefout_naar_formulier(form: forms.Form, exc) -> None:
    """Show a service's ValidationError on the form: field errors at their field
    (or at the top when the form has no such field), the rest at the top."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)
