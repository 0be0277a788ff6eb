"""Check that every encrypted value and file can be decrypted with the keys in
FIELD_ENCRYPTION_KEYS: the last step of a restore drill (docs/sleutelbeheer.md).
Prints counts per model and field, never a value; exits non-zero when anything
is unreadable."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models
from django.db.models.functions import Cast

from kern import crypto
from kern.fields import VersleuteldTekstVeld
from kern.opslag import VersleuteldeOpslag


class Command(BaseCommand):
    help = "Controleert of alle versleutelde velden en bestanden met de ingestelde sleutels te lezen zijn."

    def handle(self, *args, **options):
        gelezen = onleesbaar = 0
        for model in apps.get_models():
            for veld in model._meta.concrete_fields:
                if isinstance(veld, VersleuteldTekstVeld):
                    rijen = (
                        model._base_manager.exclude(**{f"{veld.name}__isnull": True})
                        .annotate(_ruw=Cast(veld.name, models.TextField()))
                        .values_list("_ruw", flat=True)
                        .iterator(chunk_size=500)
                    )
                    waarden = (r for r in rijen if r)
                    goed, fout = self._tellen(waarden, lambda w: crypto.ontsleutel(w))
                elif isinstance(veld, models.FileField) and isinstance(veld.storage, VersleuteldeOpslag):
                    namen = model._base_manager.exclude(**{veld.name: ""}).values_list(veld.name, flat=True)
                    goed, fout = self._tellen(namen, lambda n, s=veld.storage: s.open(n).read())
                else:
                    continue
                gelezen += goed
                onleesbaar += fout
                if fout:
                    self.stderr.write(f"{model._meta.label}.{veld.name}: {fout} onleesbaar, {goed} leesbaar")
        self.stdout.write(f"leesbaar: {gelezen}, onleesbaar: {onleesbaar}")
        if onleesbaar:
            raise CommandError(f"{onleesbaar} values cannot be decrypted: a key is missing (docs/sleutelbeheer.md).")

    @staticmethod
    def _tellen(items, lezen) -> tuple[int, int]:
        goed = fout = 0
        for item in items:
            try:
                lezen(item)
            except (crypto.InvalidToken, FileNotFoundError):
                fout += 1
            else:
                goed += 1
        return goed, fout
