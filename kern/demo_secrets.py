"""Secrets for the demo only, generated once per checkout under var/."""

import secrets
from pathlib import Path

from cryptography.fernet import Fernet


def demo_secrets(pad: Path) -> dict[str, str]:
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        regels = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        }
        pad.write_text("".join(f"{k}={v}\n" for k, v in regels.items()))
        pad.chmod(0o600)
    return dict(regel.split("=", 1) for regel in pad.read_text().splitlines() if "=" in regel)
