"""SQLCipher: encrypted SQLite stores, and converting a store in place.

A store key is text. 64 hexadecimal characters are a raw 256-bit key (what Field
App makes and keeps in the credential store: no key derivation on each open);
anything else is a passphrase that SQLCipher stretches with its own KDF (what a
captain types where no credential store exists).

Where the key comes from (credential store, key file, prompt) is not this
module's business: see :mod:`fieldapp.services.storekey`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.core import files
from fieldapp.errors import StoreError

log = logging.getLogger(__name__)

KeyResolver = Callable[[Path, str], "str | None"]
"""Finds the key of a SQLite store: ``(path, state)`` where state is ``"encrypted"``
(an existing encrypted file: return its key or raise) or ``"missing"`` (a new
store: return a key to encrypt it with, or None for a plain one)."""

_resolver: KeyResolver | None = None


def set_key_resolver(resolver: KeyResolver | None) -> None:
    """Install where store keys come from (the CLI and the app do this at start).

    It lives here, not in :mod:`fieldapp.core.db`, so that installing it loads
    neither SQLAlchemy nor the models (``fieldapp info`` reads a current store
    without them).
    """
    global _resolver
    _resolver = resolver


def key_resolver() -> KeyResolver | None:
    """The installed key resolver (None: keys are given explicitly or not at all)."""
    return _resolver

SQLITE_HEADER = b"SQLite format 3\x00"
_RAW_KEY = re.compile(r"^[0-9a-fA-F]{64}$")


class WrongKeyError(StoreError):
    """The key does not open this store (or the file is not a store at all)."""


def new_key() -> str:
    """A fresh random 256-bit raw key, as 64 hex characters."""
    return secrets.token_hex(32)


def is_raw_key(key: str) -> bool:
    return bool(_RAW_KEY.match(key))


def key_literal(key: str) -> str:
    """The value for ``PRAGMA key``/``ATTACH ... KEY``: a raw key or a quoted passphrase."""
    if is_raw_key(key):
        return f"\"x'{key.lower()}'\""
    return "'" + key.replace("'", "''") + "'"


def file_state(path: Path) -> str:
    """``"missing"`` (no file or an empty one), ``"plain"`` SQLite, or ``"encrypted"``."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == SQLITE_HEADER else "encrypted"


def dbapi() -> Any:
    """The SQLCipher DB-API module (``sqlcipher3``, from the ``sqlcipher3-wheels`` package)."""
    try:
        import sqlcipher3.dbapi2 as module
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreError(
            "encrypted stores need the sqlcipher3 module (pip install sqlcipher3-wheels)"
        ) from exc
    return module


def connect(path: Path | str, key: str | None, **kwargs: Any) -> Any:
    """A SQLCipher connection with the key applied and checked.

    Raises :class:`WrongKeyError` (one line, nothing written) when the key
    does not open the file.
    """
    module = dbapi()
    conn = module.connect(str(path), **kwargs)
    try:
        cur = conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")  # no stderr noise on a wrong key
        if key is not None:
            cur.execute(f"PRAGMA key = {key_literal(key)}")
        cur.execute("SELECT count(*) FROM sqlite_master").fetchall()
        # Pages are decrypted into the page cache: a larger cache (64 MB) keeps the
        # Doors table's sorted scans from decrypting the same pages again.
        cur.execute("PRAGMA cache_size = -64000")
        cur.close()
    except module.DatabaseError as exc:
        conn.close()
        raise WrongKeyError(
            f"cannot open the store at {path} with this key (wrong key or passphrase, "
            f"or not a Field App store); nothing was changed"
        ) from exc
    return conn


def check_key(path: Path, key: str | None) -> None:
    """Raise :class:`WrongKeyError` unless ``key`` opens the store at ``path``."""
    connect(path, key).close()


def _export(src: Any, target: Path, key: str | None) -> None:
    """Copy every table of an open connection into a new file with ``key`` (None: plain)."""
    if target.exists():
        target.unlink()
    literal = key_literal(key) if key is not None else "''"
    target_text = str(target).replace("'", "''")
    src.execute(f"ATTACH DATABASE '{target_text}' AS fieldapp_export KEY {literal}")
    try:
        src.execute("SELECT sqlcipher_export('fieldapp_export')")
        version = src.execute("PRAGMA main.user_version").fetchone()[0]
        src.execute(f"PRAGMA fieldapp_export.user_version = {int(version)}")
    finally:
        src.execute("DETACH DATABASE fieldapp_export")
    _fsync_file(target)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checkpoint(conn: Any) -> None:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def export_copy(path: Path, key: str | None, target: Path, target_key: str | None) -> Path:
    """Write a consistent copy of the store at ``path`` to ``target`` under ``target_key``."""
    conn = connect(path, key, isolation_level=None)
    try:
        with files.atomic_path(target, private=True) as tmp:
            _export(conn, tmp, target_key)
    finally:
        conn.close()
    return target


def backup_name(path: Path, label: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")


def convert(path: Path, key: str | None, new: str | None, *, backup_key: str | None) -> Path:
    """Re-write the store at ``path`` from ``key`` to ``new`` (None: plain), in place.

    First a backup beside the store, written under ``backup_key`` (so a backup of
    an encrypted store, or of one about to be encrypted, is encrypted too); then a
    full copy under the new key, swapped in with one rename: the store is
    always either the old file or the new one. Returns the backup's path.
    """
    if file_state(path) == "missing":
        raise StoreError(f"there is no store at {path}")
    backup = export_copy(path, key, backup_name(path, "before-cipher"), backup_key)
    conn = connect(path, key, isolation_level=None)
    try:
        # the new file takes the store's name in one rename (core.files), only once it
        # is complete and opens with the new key; the old WAL goes with the old file
        with files.atomic_path(path, private=True) as tmp:
            _checkpoint(conn)
            _export(conn, tmp, new)
            check_key(tmp, new)
            conn.close()
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    finally:
        conn.close()
    log.info("store re-keyed (encrypted: %s); backup written", new is not None)
    return backup

