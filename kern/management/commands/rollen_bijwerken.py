from django.core.management.base import BaseCommand

from kern.rollen import rollen_bijwerken


class Command(BaseCommand):
    help = "Maakt de rollen van docs/architecture.md aan als groepen met hun permissies (idempotent)."

    def handle(self, *args, **options):
        for rol, aantal in rollen_bijwerken().items():
            self.stdout.write(f"{rol}: {aantal} permissies")
