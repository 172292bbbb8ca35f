"""``fieldapp info`` without SQLAlchemy: a current SQLite store read with the plain driver.

``info`` only reads. For a SQLite file (plain, or SQLCipher with the key the
installed key resolver gives, as :func:`fieldapp.core.db.open_store` would ask
it) whose schema is already at the head revision and whose site id is written,
the figures are a few ``SELECT count(*)`` through :mod:`sqlite3` or
``sqlcipher3``: neither SQLAlchemy nor the models are imported, which is most
of the command's start-up. :func:`quick_store_info` returns None for anything
else, and the caller opens the store the usual way, which creates, upgrades,
refuses or explains: a new or empty file, a store due an upgrade or written by a
newer Field App, a PostgreSQL or other URL, a missing table or column, any
driver error. The figures are the same either way (a test compares both).

The tables counted are named here, not taken from the models (importing them is
what this avoids); a test checks that they are :data:`SYNCED_MODELS` and the
local ledger tables of :func:`fieldapp.services.inspect_store.store_info`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fieldapp.core import cipher, migrations

SYNCED_TABLES: tuple[tuple[str, bool], ...] = (
    ("organizations", True),
    ("campaigns", True),
    ("survey_questions", True),
    ("turfs", True),
    ("doors", True),
    ("people", True),
    ("person_organizations", True),
    ("volunteers", True),
    ("turf_assignments", True),
    ("contact_attempts", False),
    ("events", True),
    ("event_hosts", True),
    ("shifts", True),
    ("signups", True),
    ("check_ins", False),
    ("consent_changes", False),
    ("review_decisions", False),
)
"""Every synced table, parents first, with whether it is mutable (has ``deleted``)."""

LOCAL_TABLES: tuple[str, ...] = ("sync_bundles", "sync_conflicts", "possible_duplicates")
"""The sync ledger tables ``info`` counts too."""


@dataclass
class StoreInfo:
    location: str
    schema: str | None
    site_id: str
    counts: dict[str, int]
    deleted: dict[str, int]


def sqlite_file(target: str) -> Path | None:
    """The file behind a store target given as a plain path (None for any URL)."""
    if "://" in target or not target:
        return None
    return Path(target).expanduser().resolve()


def location_of(path: Path) -> str:
    """The store's location as :attr:`fieldapp.core.db.Store.url` writes it."""
    return "sqlite:///" + quote(str(path), safe=" +/")


def quick_store_info(target: str) -> StoreInfo | None:
    """The figures of the store at ``target`` read with the plain driver, or None.

    None means "open the store the usual way" (see the module docstring). A key
    that does not open an encrypted file raises the same error the usual way
    would (after the same key look-up), so a typed passphrase is asked once.
    """
    path = sqlite_file(target)
    if path is None or any(c in str(path) for c in "?#%"):
        return None  # URLs, and names SQLAlchemy's URL parsing would treat differently
    state = cipher.file_state(path)
    if state == "missing":
        return None
    if state == "plain":
        module: Any = sqlite3
        conn = sqlite3.connect(str(path), timeout=10)
    else:
        resolver = cipher.key_resolver()
        if resolver is None:
            return None
        key = resolver(path, "encrypted")
        if key is None:
            return None
        module = cipher.dbapi()
        conn = cipher.connect(path, key, timeout=10)  # a wrong key raises WrongKeyError
    try:
        return _read(conn, location_of(path))
    except module.Error:
        return None
    finally:
        conn.close()


def _scalar(conn: Any, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _read(conn: Any, location: str) -> StoreInfo | None:
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA query_only=ON")  # reads only, whatever happens below
    has_version = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if has_version is None:
        return None
    versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(versions) != 1 or versions[0][0] != migrations.head_revision():
        return None  # empty, due an upgrade, or from a newer Field App
    meta = dict(conn.execute(
        "SELECT key, value FROM store_meta WHERE key IN ('site_id', 'hlc_last')"
    ).fetchall())
    if not meta.get("site_id") or "hlc_last" not in meta:
        return None  # open_store writes them
    counts: dict[str, int] = {}
    deleted: dict[str, int] = {}
    conn.execute("BEGIN")  # one snapshot for every count
    try:
        # The same queries as the full path: each count reads the table's smallest
        # index, the tombstones a covering sort index (one query for both is slower).
        for table, mutable in SYNCED_TABLES:
            counts[table] = _scalar(conn, f'SELECT count(*) FROM "{table}"')
            if mutable:
                deleted[table] = _scalar(conn, f'SELECT count(*) FROM "{table}" WHERE deleted IS 1')
        for table in LOCAL_TABLES:
            counts[table] = _scalar(conn, f'SELECT count(*) FROM "{table}"')
    finally:
        conn.execute("COMMIT")
    return StoreInfo(location=location, schema=str(versions[0][0]), site_id=str(meta["site_id"]),
                     counts=counts, deleted=deleted)
