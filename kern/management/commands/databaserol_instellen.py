"""Give the application's database role a login and password (production).

Run by the one-shot `migrate` service as the owner of the tables, after the
migrations created the role without login (kern/databaserollen.py;
docs/threat-model.md §6). The password comes from DATABASE_APP_PASSWORD."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from kern.databaserollen import app_rol


class Command(BaseCommand):
    help = "Zet LOGIN en wachtwoord van de databaserol van de applicatie (uit DATABASE_APP_PASSWORD)."

    def handle(self, *args, **options):
        wachtwoord = os.environ.get("DATABASE_APP_PASSWORD", "")
        if connection.vendor != "postgresql":
            raise CommandError("Alleen voor PostgreSQL.")
        if len(wachtwoord) < 16:
            raise CommandError("DATABASE_APP_PASSWORD ontbreekt of is korter dan 16 tekens.")
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("ALTER ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                    sql.Identifier(app_rol()), sql.Literal(wachtwoord)
                )
            )
        self.stdout.write(f"Databaserol {app_rol()} kan inloggen.")
