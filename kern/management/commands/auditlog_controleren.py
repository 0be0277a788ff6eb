"""Verify the audit log against its seals (kern/auditzegels.py;
docs/adr/0011-audit-zegels.md). Prints seal numbers, id ranges and counts, never
the content of an audit row; exits non-zero on any finding: a seal that was
changed, removed or made with a key that is not configured, a broken chain, rows
missing, changed or added under a seal, rows unsealed for too long, or an anchor
outside the database that the seals no longer match."""

from django.core.management.base import BaseCommand, CommandError

from kern.auditzegels import auditlog_controleren


class Command(BaseCommand):
    help = "Controleert het auditlog tegen zijn zegels; geeft zegelnummers en bereiken, nooit de inhoud van een regel."

    def handle(self, *args, **options):
        controle = auditlog_controleren()
        for afwijking in controle.afwijkingen:
            self.stderr.write(str(afwijking))
        self.stdout.write(
            f"zegels: {controle.zegels}, verzegelde auditregels: {controle.regels}, "
            f"nog niet verzegeld: {controle.onverzegeld}, afwijkingen: {len(controle.afwijkingen)}"
        )
        if not controle.in_orde:
            raise CommandError(
                f"The audit log does not match its seals ({len(controle.afwijkingen)} findings, above; "
                "docs/adr/0011-audit-zegels.md)."
            )
