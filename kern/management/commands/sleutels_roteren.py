"""Re-encrypt every encrypted field and file with the newest key.

Key rotation (docs/adr/0001-versleuteling.md): put the new key first in
FIELD_ENCRYPTION_KEYS (keep the old ones after it), run this command, then drop
the old key. Safe to run repeatedly and to interrupt: rows already on the newest
key are skipped.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from kern import crypto
from kern.fields import VersleuteldTekstVeld
from kern.models import AuditActie, AuditRegel
from kern.opslag import VersleuteldeOpslag


class Command(BaseCommand):
    help = "Versleutelt alle versleutelde velden en bestanden opnieuw met de nieuwste sleutel."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        totaal_velden = totaal_bestanden = 0
        for model in apps.get_models():
            velden = [f for f in model._meta.concrete_fields if isinstance(f, VersleuteldTekstVeld)]
            bestanden = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.FileField) and isinstance(f.storage, VersleuteldeOpslag)
            ]
            for veld in velden:
                totaal_velden += self._velden(model, veld, batch)
            for veld in bestanden:
                totaal_bestanden += self._bestanden(model, veld)
        # Key rotation is itself audited: when, and how much was re-encrypted.
        AuditRegel.objects.create(
            actor_soort="systeem",
            actie=AuditActie.SLEUTELS_GEROTEERD,
            object_type="kern.sleutels",
            object_uuid="versleutelsleutels",
            toelichting=f"{totaal_velden} velden, {totaal_bestanden} bestanden",
        )
        self.stdout.write(f"opnieuw versleuteld: {totaal_velden} velden, {totaal_bestanden} bestanden")

    def _velden(self, model, veld, batch):
        aantal = 0
        # Cast to a plain text column: the raw ciphertext, not the decrypted value.
        # _base_manager is a plain manager: re-encryption is the one deliberate
        # update of append-only rows (same plaintext, newer key).
        rijen = (
            model._base_manager.exclude(**{f"{veld.name}__isnull": True})
            .annotate(_ruw=Cast(veld.name, models.TextField()))
            .values_list("pk", "_ruw")
            .iterator(chunk_size=batch)
        )
        for pk, ruw in rijen:
            if not ruw or crypto.is_actueel(ruw):
                continue
            with transaction.atomic():
                waarde = getattr(model._base_manager.select_for_update().get(pk=pk), veld.attname)
                model._base_manager.filter(pk=pk).update(**{veld.attname: waarde})
            aantal += 1
        return aantal

    def _bestanden(self, model, veld):
        aantal = 0
        for naam in model._base_manager.exclude(**{veld.name: ""}).values_list(veld.name, flat=True).iterator():
            if naam and veld.storage.herversleutel(naam):
                aantal += 1
        return aantal
