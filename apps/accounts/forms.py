from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so it is not checked:
        # an over-long name would reach authenticate() and the lockout log (a 500 on
        # PostgreSQL, whose column is shorter).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod"),
        max_length=16,
        help_text=_("Sex siffror från din autentiseringsapp, eller en reservkod."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
