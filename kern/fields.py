from django.db import models

from kern import crypto


class VersleuteldTekstVeld(models.TextField):
    """A text field stored encrypted (Fernet); decrypted on load.

    The column holds only ciphertext, so it cannot be searched or indexed in
    SQL: search decrypts in memory within the cases a user may see (DESIGN.md §7).
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
        # Equality on ciphertext would silently never match: refuse it loudly.
        if lookup_name not in ("isnull",):
            return None
        return super().get_lookup(lookup_name)
