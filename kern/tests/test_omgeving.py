"""The environment file the settings read (config/settings/_omgeving.py): every
variable may be set there, the var folder too; the environment still wins."""

import os
import subprocess
import sys
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent.parent


def _var_dir(tmp_path: Path, *, in_bestand: str | None, in_omgeving: str | None) -> str:
    bestand = tmp_path / "env"
    bestand.write_text(f"MELDPUNT_VAR_DIR={in_bestand}\n" if in_bestand else "")
    omgeving = {k: v for k, v in os.environ.items() if k != "MELDPUNT_VAR_DIR"}
    omgeving["MELDPUNT_ENV_FILE"] = str(bestand)
    if in_omgeving:
        omgeving["MELDPUNT_VAR_DIR"] = in_omgeving
    uitvoer = subprocess.run(
        [sys.executable, "-c", "from config.settings._omgeving import VAR_DIR; print(VAR_DIR)"],
        cwd=BASIS,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    return uitvoer.stdout.strip()


def test_var_map_uit_het_omgevingsbestand_telt(tmp_path):
    # Passed over before: the uploaded files and the SQLite database then went to
    # var/ in the project folder instead of the folder the file named.
    assert _var_dir(tmp_path, in_bestand="/srv/meldpunt/var", in_omgeving=None) == "/srv/meldpunt/var"


def test_omgeving_wint_van_het_bestand_en_zonder_beide_var_in_het_project(tmp_path):
    assert _var_dir(tmp_path, in_bestand="/srv/meldpunt/var", in_omgeving="/data/var") == "/data/var"
    assert _var_dir(tmp_path, in_bestand=None, in_omgeving=None) == str(BASIS / "var")
