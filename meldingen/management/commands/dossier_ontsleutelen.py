"""Decrypt a case-file export (meldingen.services.export) into its zip file.

    manage.py dossier_ontsleutelen dossier-2026-0007.meldpunt dossier.zip

The passphrase is asked without echo (or read from MELDPUNT_DOSSIER_WACHTWOORDZIN
for scripted drills); docs/retention.md shows the same in ten lines of Python.
"""

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meldingen.services.export import ontsleutelen


class Command(BaseCommand):
    help = "Decrypt a Meldpunt case-file export into a zip file."

    def add_arguments(self, parser):
        parser.add_argument("export")
        parser.add_argument("zip")

    def handle(self, *args, **opties):
        wachtwoordzin = os.environ.get("MELDPUNT_DOSSIER_WACHTWOORDZIN") or getpass.getpass("Wachtwoordzin: ")
        try:
            data = ontsleutelen(Path(opties["export"]).read_bytes(), wachtwoordzin=wachtwoordzin)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        Path(opties["zip"]).write_bytes(data)
        self.stdout.write(f"{opties['zip']}: {len(data)} bytes")
