"""The idle lock: after N idle minutes the app hides every page until unlocked.

Unlocking takes the store's key or passphrase, or a lock passphrase the user
set in Settings (kept as a salted scrypt hash in the settings file, never the
passphrase itself). The GUI's lock screen calls :func:`unlock`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path

from fieldapp import settings
from fieldapp.core import cipher
from fieldapp.errors import InputError

HASH_KEY = "lock_passphrase_hash"
MIN_LENGTH = 6


def lock_minutes() -> int:
    try:
        return max(0, int(settings.get("lock_minutes") or 0))
    except (TypeError, ValueError):
        return 0


def set_lock_minutes(minutes: int) -> None:
    settings.set_value("lock_minutes", max(0, int(minutes)))


def _hash(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)


def set_lock_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise InputError(f"the lock passphrase needs at least {MIN_LENGTH} characters",
                         where="Settings")
    salt = secrets.token_bytes(16)
    text = "scrypt$" + base64.b64encode(salt).decode() + "$" + \
        base64.b64encode(_hash(passphrase, salt)).decode()
    settings.set_value(HASH_KEY, text)


def has_lock_passphrase() -> bool:
    return bool(settings.get(HASH_KEY))


def _matches_lock_passphrase(typed: str) -> bool:
    stored = settings.get(HASH_KEY)
    if not isinstance(stored, str) or stored.count("$") != 2:
        return False
    _, salt, digest = stored.split("$")
    try:
        return hmac.compare_digest(_hash(typed, base64.b64decode(salt)), base64.b64decode(digest))
    except ValueError:
        return False


def unlock(typed: str, store_file: Path | None) -> bool:
    """True when ``typed`` is the lock passphrase, or opens the store file."""
    if not typed:
        return False
    if _matches_lock_passphrase(typed):
        return True
    if store_file is not None and cipher.file_state(store_file) == "encrypted":
        try:
            cipher.check_key(store_file, typed)
        except cipher.WrongKeyError:
            return False
        return True
    return False
