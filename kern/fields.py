from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact

from kern import crypto


class _AlleenLeegExact(Exact):
    """`veld=""` works (empty stays empty, so constraints can test for it); any
    other equality on ciphertext would silently never match, so it is refused."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("Encrypted fields can only be compared with the empty string.")
        return super().get_prep_lookup()


class VersleuteldTekstVeld(models.TextField):
    """A text field stored encrypted (Fernet); decrypted on load.

    The column holds only ciphertext, so it cannot be searched or indexed in
    SQL: search decrypts in memory within the cases a user may see (docs/vertrouwelijkheid.md).
    Empty strings are stored as empty strings so `blank` keeps its meaning.
    """

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.ontsleutel(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.versleutel(str(value))

    def get_lookup(self, lookup_name):
        # Lookups on ciphertext would silently never match: refuse them loudly.
        if lookup_name == "exact":
            return _AlleenLeegExact
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
