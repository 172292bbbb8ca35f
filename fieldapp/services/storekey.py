"""Where a store's key lives: the credential store, a key file, or the user's head.

Order of lookup for an encrypted store:

1. ``FIELDAPP_STORE_KEY_FILE``: a file holding the key (for servers, scripts and CI);
2. the operating system's credential store through :mod:`keyring` (Secret
   Service, Windows Credential Manager, macOS Keychain), one entry per store file;
3. a passphrase prompt (the CLI asks on the terminal, the app in a dialog).

A new SQLite store is encrypted by default (setting ``store_encryption``, or
``FIELDAPP_STORE_ENCRYPT=0`` to turn it off): with a random key kept in the key
file or the credential store, or, where neither exists, with a passphrase the
user chooses. The key itself is never logged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from fieldapp import paths, settings
from fieldapp.core import cipher, files
from fieldapp.errors import InputError, StoreError

# Not fieldapp.core.db: installing the resolver must not load SQLAlchemy (``fieldapp
# info`` reads a current store without it); the resolver is kept in core.cipher.

log = logging.getLogger(__name__)

SERVICE = "Field App store"
KEY_FILE_ENV = "FIELDAPP_STORE_KEY_FILE"
ENCRYPT_ENV = "FIELDAPP_STORE_ENCRYPT"

Prompt = Callable[[Path, bool], "str | None"]
"""Asks the user for a passphrase: ``(store path, new)``; ``new`` asks twice to confirm.
Returns None when the user gives up (or nobody is there to ask)."""


# --------------------------------------------------------------------------- credential store


def _entry(path: Path) -> str:
    return str(path.expanduser().resolve())


BACKEND_CACHE = "keyring-backend.txt"
"""In the cache folder: the credential store backend chosen last time (its class name)."""
_backend_ready = False


def _choose_backend() -> None:
    """Give keyring the backend it chose last time, without probing every backend again.

    keyring finds its backend by importing and probing every one it knows (a
    fifth of a second or more, part of it running ``ldconfig`` for the macOS
    backend even on Linux). The class it chose is kept in the cache folder
    and loaded directly next time; keyring's own configuration (the
    ``PYTHON_KEYRING_BACKEND`` variable, its config file) still wins, and a
    remembered backend that no longer loads or is no longer usable is probed
    for again.
    """
    global _backend_ready
    if _backend_ready:
        return
    _backend_ready = True
    import keyring
    import keyring.core

    if keyring.core._keyring_backend is not None:  # chosen already (by the caller, a test)
        return
    if os.environ.get("PYTHON_KEYRING_BACKEND") or keyring.core.load_config() is not None:
        return  # keyring's own choice, made when first asked
    cache = paths.dirs().cache / BACKEND_CACHE
    try:
        name = cache.read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    if name:
        try:
            keyring.set_keyring(keyring.core.load_keyring(name))
            return
        except Exception:  # gone or no longer viable: probe again below
            log.info("the remembered credential store backend is not usable; looking again")
    backend = keyring.get_keyring()
    chosen = type(backend).__module__ + "." + type(backend).__qualname__
    if chosen != name:
        try:
            files.write_text(paths.ensure(cache.parent) / BACKEND_CACHE, chosen + "\n")
        except OSError:
            pass  # only a start-up shortcut


def credential_store_available() -> bool:
    """True when keyring has a real backend (not the 'fail' or 'null' one)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    _choose_backend()
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    return not isinstance(backend, fail.Keyring) and "null" not in name.lower()


def keyring_get(path: Path) -> str | None:
    if not credential_store_available():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _entry(path))
    except KeyringError as exc:
        log.warning("the credential store could not be read: %s", type(exc).__name__)
        return None


def keyring_set(path: Path, key: str) -> None:
    import keyring

    _choose_backend()
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _entry(path), key)
    except KeyringError as exc:
        raise StoreError(f"the credential store refused to keep the store key: {exc}") from exc


def keyring_delete(path: Path) -> None:
    if not credential_store_available():
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, _entry(path))
    except (PasswordDeleteError, KeyringError):
        pass


# --------------------------------------------------------------------------- key file


def key_file() -> Path | None:
    text = os.environ.get(KEY_FILE_ENV, "").strip()
    return Path(text).expanduser() if text else None


def read_key_file(path: Path) -> str:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise InputError(f"cannot read the store key file: {exc.strerror}", where=str(path)) from exc
    if not key:
        raise InputError("the store key file is empty", where=str(path))
    return key


def write_key_file(path: Path, key: str) -> None:
    """Write the key owner-only (from its first byte), atomically (core.files)."""
    files.write_text(path, key + "\n", private=True)

# --------------------------------------------------------------------------- policy


def encrypt_new_stores() -> bool:
    env = os.environ.get(ENCRYPT_ENV)
    if env is not None and env.strip() != "":
        return env.strip().lower() not in {"0", "no", "false", "off"}
    return bool(settings.get("store_encryption"))


def find_key(path: Path, prompt: Prompt | None = None) -> str:
    """The key of the encrypted store at ``path``; raises when there is none."""
    kf = key_file()
    if kf is not None and kf.exists():
        return read_key_file(kf)
    key = keyring_get(path)
    if key is not None:
        return key
    if prompt is not None:
        typed = prompt(path, False)
        if typed:
            return typed
    raise StoreError(
        f"cannot open the store at {path}: it is encrypted (or not a store at all) and its key "
        f"is not in this computer's credential store; set {KEY_FILE_ENV} to a file holding "
        "the key, or type the passphrase"
    )


def make_key(path: Path, prompt: Prompt | None = None) -> str:
    """A key for a store about to be encrypted, saved where :func:`find_key` looks first."""
    kf = key_file()
    if kf is not None:
        if kf.exists():
            return read_key_file(kf)
        key = cipher.new_key()
        write_key_file(kf, key)
        log.info("a new store key was written to the key file")
        return key
    if credential_store_available():
        key = cipher.new_key()
        keyring_set(path, key)
        log.info("a new store key was saved in the credential store")
        return key
    if prompt is not None:
        typed = prompt(path, True)
        if typed:
            return typed
    raise StoreError(
        "this computer has no credential store to keep the store key; set "
        f"{KEY_FILE_ENV} to a file for the key, or choose a passphrase"
    )


def save_key(path: Path, key: str) -> None:
    """Keep ``key`` for the store at ``path`` where the next open will find it."""
    kf = key_file()
    if kf is not None:
        write_key_file(kf, key)
    elif credential_store_available() and cipher.is_raw_key(key):
        keyring_set(path, key)
    else:  # a passphrase is typed each time: drop any older key kept for this file
        keyring_delete(path)


def forget_key(path: Path) -> None:
    keyring_delete(path)


def resolver(prompt: Prompt | None = None) -> cipher.KeyResolver:
    def resolve(path: Path, state: str) -> str | None:
        if state == "encrypted":
            return find_key(path, prompt)
        if not encrypt_new_stores():
            return None
        return make_key(path, prompt)

    return resolve


def install(prompt: Prompt | None = None) -> None:
    """Make :func:`fieldapp.core.db.open_store` find keys the way this module says."""
    cipher.set_key_resolver(resolver(prompt))
