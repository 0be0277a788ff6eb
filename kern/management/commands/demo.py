"""`manage.py demo`: an organisation, one user per role, meldingen in several
states, so a newcomer sees a living system. Every state is reached through the
services the screens call, by the demo user whose step it is (meldingen/demo.py).

Each app contributes through `<app>/demo.py: vullen(ctx)` in the order of
INSTALLED_APPS (kern knows no domain model). Idempotent: existing demo data is
left as it is.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kern.ontdekking import app_modules


class Command(BaseCommand):
    help = "Laadt demogegevens: een organisatie, een gebruiker per rol en meldingen in verschillende fasen."

    def handle(self, *args, **options):
        # The demo creates accounts with printed passwords: never outside the demo
        # settings (docs/threat-model.md §5). It also enrols the signers'
        # authenticators without an enrolment link, which only an optional second
        # factor allows (kern.auth). Tests of this command switch both settings
        # for themselves, visibly.
        if not settings.MELDPUNT_DEMO or settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT:
            raise CommandError(
                "manage.py demo draait alleen met de demo-instellingen (config.settings.demo, `make run`)."
            )
        ctx: dict = {"inloggegevens": []}
        # The demo's decisions and letters are PDFs; WeasyPrint logs only warnings
        # (config/settings/base.py LOGGING), so the login details below stay in view.
        with transaction.atomic():
            for _config, module in app_modules("demo"):
                module.vullen(ctx)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
        self.stdout.write("Inloggen voor medewerkers: http://127.0.0.1:8000/personeel/inloggen/")
        for rol, gebruikersnaam, wachtwoord in ctx["inloggegevens"]:
            self.stdout.write(f"  {rol:<28} {gebruikersnaam:<22} {wachtwoord}")
        for regel in ctx.get("meldingen_uitleg", []):
            self.stdout.write(regel)
