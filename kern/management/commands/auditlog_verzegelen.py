"""Seal the audit rows committed since the previous seal now, as the beat task
does every few minutes (kern/auditzegels.py): for instance right before a backup."""

from django.core.management.base import BaseCommand

from kern.auditzegels import auditlog_verzegelen


class Command(BaseCommand):
    help = "Verzegelt de auditregels die sinds de vorige zegel zijn vastgelegd."

    def handle(self, *args, **options):
        zegel = auditlog_verzegelen()
        if zegel is None:
            self.stdout.write("niets nieuws te verzegelen")
        else:
            self.stdout.write(
                f"zegel {zegel.nummer}: auditregels {zegel.van_id + 1}-{zegel.tot_id} ({zegel.aantal})"
                + (f"; de volgende wacht op {len(zegel.wacht_op)} lopende transacties" if zegel.wacht_op else "")
            )
