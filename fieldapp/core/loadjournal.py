"""A first load into an empty SQLite store, with each page written once.

In WAL mode (the store's mode, so that readers never wait for a writer) every
page a transaction writes goes to the log, and the checkpoint after the commit
copies it into the file; a load bigger than the page cache spills pages to the
log as it goes and appends them again each time it changes them (an index page
many times). A voter file of 1,000,000 rows wrote a 1.7 GB log for a 1.7 GB
store, and the load spent about a sixth of its time on it.

With a rollback journal a transaction saves beforehand only the pages that
existed when it began (into an empty store: the schema and a few rows), and
writes every page straight into the file, once. :func:`sole_load` switches the
store to it for the load and back to WAL after, when it can:

* only on a SQLite file whose given tables are empty;
* only when the caller knows that nothing else in its process will open the
  store while the load runs (the command line: ``alone``);
* only when no other connection, in any process, has the store open: SQLite
  refuses to leave WAL otherwise (asked without waiting), and the load runs in
  WAL as before.

While the load runs, another program that opens the store waits (twice 10 s) and
then fails with "cannot open the store ...: database is locked". A crash during the load leaves a journal that SQLite plays
back the next time the store is opened, before WAL is set again: the store is as
it was before the load, as with WAL.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Engine

from fieldapp.core.db import sqlite_path

log = logging.getLogger(__name__)

BUSY_MS = 10000  # as every connection of the store waits (core.db)


def _is_empty(raw: Any, tables: Iterable[str]) -> bool:
    return all(raw.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone() is None
               for name in tables)


def _switch(raw: Any, mode: str, wait_ms: int) -> bool:
    """Set the journal mode of the store on ``raw`` (a DBAPI connection outside any
    transaction); whether it took."""
    raw.execute(f"PRAGMA busy_timeout={wait_ms}")
    try:
        row = raw.execute(f"PRAGMA journal_mode={mode}").fetchone()
    except Exception as exc:  # sqlite3's or sqlcipher3's OperationalError
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        log.info("journal mode %s not set: another connection has the store open", mode)
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return bool(row) and str(row[0]).lower() == mode


@contextlib.contextmanager
def sole_load(engine: Engine, tables: Iterable[str], alone: bool) -> Iterator[bool]:
    """Run the block (one load into ``tables``) with a rollback journal when the store
    allows it (see the module's docstring); yields whether it does."""
    switched = False
    if alone and sqlite_path(engine) is not None:
        pooled = engine.raw_connection()
        try:
            raw = pooled.driver_connection
            if _is_empty(raw, tables):
                switched = _switch(raw, "delete", 0)
        finally:
            pooled.close()  # back to the pool: the load's transaction takes it again
    if switched:
        log.info("loading into the empty store with a rollback journal")
    try:
        yield switched
    finally:
        if switched:
            pooled = engine.raw_connection()
            try:
                if not _switch(pooled.driver_connection, "wal", BUSY_MS):
                    # every connection sets WAL when it opens (core.db): the next does
                    log.warning("the store stays in rollback-journal mode until it is "
                                "next opened")
            finally:
                pooled.close()
