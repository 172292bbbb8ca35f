"""Encrypt, decrypt or re-key a store file in place (``fieldapp store encrypt|decrypt|rekey``).

Each conversion writes a backup first, always encrypted: with the new key when
encrypting or re-keying (a re-key often means the old key leaked), with the old
key when decrypting (that key is then kept for the backup file). It keeps the new key where the next open
finds it before the store file is swapped, and swaps the file with one rename.
The store must be closed (the app closes its own before converting).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core import cipher
from fieldapp.core.db import Store, sqlite_path
from fieldapp.errors import InputError
from fieldapp.services import storekey
from fieldapp.services.storekey import Prompt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Conversion:
    path: Path
    encrypted: bool
    backup: Path
    key_kept_in: str  # "key file", "credential store" or "passphrase"


def _where(key: str) -> str:
    if storekey.key_file() is not None:
        return "key file"
    if cipher.is_raw_key(key) and storekey.credential_store_available():
        return "credential store"
    return "passphrase"


def _need(path: Path, state: str) -> None:
    actual = cipher.file_state(path)
    if actual == "missing":
        raise InputError("there is no store here", where=str(path))
    if actual != state:
        word = "already encrypted" if actual == "encrypted" else "not encrypted"
        raise InputError(f"the store is {word}", where=str(path))


def _new_key(path: Path, passphrase: str | None, prompt: Prompt | None) -> str:
    if passphrase:
        return passphrase
    if storekey.key_file() is not None or storekey.credential_store_available():
        return cipher.new_key()
    typed = prompt(path, True) if prompt is not None else None
    if not typed:
        raise InputError(
            "this computer has no credential store: choose a passphrase, or set "
            f"{storekey.KEY_FILE_ENV} to a file for the key", where=str(path))
    return typed


def encrypt_store(path: Path, *, passphrase: str | None = None,
                  prompt: Prompt | None = None) -> Conversion:
    """Encrypt a plain store with a new key (or ``passphrase``)."""
    _need(path, "plain")
    kf = storekey.key_file()
    key = storekey.read_key_file(kf) if kf is not None and kf.exists() and not passphrase \
        else _new_key(path, passphrase, prompt)
    storekey.save_key(path, key)
    backup = cipher.convert(path, None, key, backup_key=key)
    log.info("store encrypted; backup %s", backup.name)
    return Conversion(path, True, backup, _where(key))


def decrypt_store(path: Path, *, prompt: Prompt | None = None) -> Conversion:
    """Turn an encrypted store back into plain SQLite (its backup stays encrypted)."""
    _need(path, "encrypted")
    key = storekey.find_key(path, prompt)
    backup = cipher.convert(path, key, None, backup_key=key)
    storekey.save_key(backup, key)
    storekey.forget_key(path)
    log.info("store decrypted; encrypted backup %s", backup.name)
    return Conversion(path, False, backup, "")


def rekey_store(path: Path, *, passphrase: str | None = None,
                prompt: Prompt | None = None) -> Conversion:
    """Give an encrypted store a new key (or ``passphrase``); the backup gets the new key too."""
    _need(path, "encrypted")
    old = storekey.find_key(path, prompt)
    cipher.check_key(path, old)
    new = _new_key(path, passphrase, prompt)
    storekey.save_key(path, new)
    try:
        backup = cipher.convert(path, old, new, backup_key=new)
    except BaseException:
        storekey.save_key(path, old)  # the store still has the old key
        raise
    log.info("store re-keyed; backup %s", backup.name)
    return Conversion(path, True, backup, _where(new))


def convert_open_store(store: Store, action: str, *, passphrase: str | None = None,
                       prompt: Prompt | None = None) -> Conversion:
    """Encrypt, decrypt or re-key the store the app has open, then reopen it.

    ``action`` is ``"encrypt"``, ``"decrypt"`` or ``"rekey"``. The store's
    connections are closed for the conversion; on failure the store reopens
    as it was.
    """
    path = sqlite_path(store.engine)
    if path is None:
        raise InputError("only a store file (SQLite) can be encrypted", where=store.url)
    functions = {"encrypt": encrypt_store, "rekey": rekey_store}
    old = storekey_for_open(store)
    store.engine.dispose()
    try:
        if action == "decrypt":
            conv = decrypt_store(path, prompt=prompt)
        else:
            conv = functions[action](path, passphrase=passphrase, prompt=prompt)
    except BaseException:
        store.reopen(old)
        raise
    store.reopen(None if not conv.encrypted else _current_key(path, passphrase, prompt))
    return conv


def storekey_for_open(store: Store) -> str | None:
    from fieldapp.core.db import engine_key

    return engine_key(store.engine)


def _current_key(path: Path, passphrase: str | None, prompt: Prompt | None) -> str:
    return passphrase or storekey.find_key(path, prompt)
