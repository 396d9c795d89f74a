"""Secrets for the embedded default, generated once into a git-ignored file.

Production never uses this: it reads every secret from the environment.
"""

import json
import secrets
from pathlib import Path

from cryptography.fernet import Fernet


def load_or_create(path: Path) -> dict:
    """Return the local secrets, creating the file (mode 600) on first use."""
    if path.exists():
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": [Fernet.generate_key().decode()],
    }
    path.touch(mode=0o600)
    path.write_text(json.dumps(values, indent=2))
    return values
