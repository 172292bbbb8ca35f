"""Engines, stores and sessions.

:func:`open_store` is the one way in: it makes the engine for a path or any
SQLAlchemy URL, brings the schema up to date (backing up a SQLite file first,
refusing a store written by a newer Field App), and returns a :class:`Store`
that knows this installation's site id and clock.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import fieldapp.core.stamping  # noqa: F401  (registers the flush hook)
from fieldapp.core import cipher, migrations
from fieldapp.core.files import atomic_path
from fieldapp.core.hlc import HybridLogicalClock
from fieldapp.core.models import StoreMeta
from fieldapp.core.site import SitePaths
from fieldapp.errors import StoreError

log = logging.getLogger(__name__)

KeyResolver = cipher.KeyResolver
set_key_resolver = cipher.set_key_resolver
"""Install where store keys come from (kept in :mod:`fieldapp.core.cipher`)."""

_engine_keys: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def engine_key(engine: Engine) -> str | None:
    """The SQLCipher key an engine was made with (None for a plain store)."""
    return _engine_keys.get(engine)


def url_for(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or the URL itself."""
    text = str(path_or_url)
    if "://" in text:
        if text.startswith("postgresql://"):
            return "postgresql+psycopg://" + text[len("postgresql://") :]
        if text.startswith("postgres://"):
            return "postgresql+psycopg://" + text[len("postgres://") :]
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own transaction handling is turned off so that SQLAlchemy's
    # BEGIN is the real one (needed for savepoints and all-or-nothing imports).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # FULL: in WAL mode every commit syncs the log, so a result a captain saved is
    # still there after a power cut (NORMAL may roll the last commits back). Bulk
    # imports are one transaction each, so they pay for one sync, not one per row.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, key: str | None = None) -> Engine:
    """An engine for ``url`` with the pragmas Field App relies on.

    With ``key``, a SQLite file is opened through SQLCipher: every connection
    applies the key before anything else touches the file.
    """
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        database = sa_url.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        if key is not None:
            if not database or database == ":memory:":
                raise StoreError("only a store file can be encrypted")

            def creator() -> Any:
                return cipher.connect(database, key, timeout=10, check_same_thread=False)

            engine = create_engine(url, creator=creator, module=cipher.dbapi())
            _engine_keys[engine] = key
        else:
            engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # the driver is an optional extra
        backend = sa_url.get_backend_name()
        hint = " (pip install 'fieldapp[postgres]')" if backend == "postgresql" else ""
        raise StoreError(
            f"cannot open the {backend} store: its driver ({exc.name}) is not installed{hint}"
        ) from exc


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, label: str) -> Path | None:
    """Copy the store file beside itself with a dated name; return the copy."""
    path = sqlite_path(engine)
    if path is None or not path.exists():
        return None
    key = engine_key(engine)
    if key is not None:  # an encrypted store's backup is encrypted with the same key
        target = cipher.export_copy(path, key, cipher.backup_name(path, label), key)
        log.info("backed up the encrypted store to %s", target.name)
        return target
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    # The online backup API copies a consistent snapshot even with WAL; the copy
    # lands under its name only when complete (and never half-written on a full disk).
    try:
        with atomic_path(target, private=True) as tmp:
            src = sqlite3.connect(str(path))
            try:
                dst = sqlite3.connect(str(tmp))
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot back up the store to {target}: {exc}; nothing was changed") from exc
    log.info("backed up %s to %s", path, target)
    return target


class Store:
    """An open store: engine, site id and clock. Sessions come from here."""

    def __init__(self, engine: Engine, site_id: str, clock: HybridLogicalClock,
                 site: SitePaths | None = None) -> None:
        self.engine = engine
        self.site_id = site_id
        self.clock = clock
        # This site's folders (keys, trust, outbox, quarantine); None: the process default.
        self.site = site
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def session(self, **info: Any) -> Session:
        """A new session whose flushes are stamped with this store's clock."""
        session = self._sessions()
        session.info["store"] = self
        session.info.update(info)
        return session

    @contextmanager
    def transaction(self, **info: Any) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.session(**info) as session, session.begin():
            yield session

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(StoreMeta.value).where(StoreMeta.key == key)).first()
        return None if row is None else row[0]

    def close(self) -> None:
        self.engine.dispose()

    def reopen(self, key: str | None) -> None:
        """Point this store at its file again, with ``key`` (after the file was re-keyed).

        Every pooled connection is closed first; sessions made afterwards use the
        new engine. Callers make sure no session is open.
        """
        url = self.engine.url.render_as_string(hide_password=False)
        self.engine.dispose()
        self.engine = make_engine(url, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)


def _init_meta(engine: Engine) -> tuple[str, int]:
    with Session(engine) as session, session.begin():
        rows = {m.key: m for m in session.scalars(select(StoreMeta))}
        if "site_id" not in rows:
            # random, not time-ordered: its first characters name the site (bundle files,
            # short labels), so two laptops set up the same hour must not share them
            session.add(StoreMeta(key="site_id", value=str(uuid.uuid4())))
            session.add(
                StoreMeta(key="created_at", value=dt.datetime.now(dt.UTC).isoformat())
            )
        if "hlc_last" not in rows:
            session.add(StoreMeta(key="hlc_last", value="0"))
        session.flush()
        site = session.get(StoreMeta, "site_id")
        last = session.get(StoreMeta, "hlc_last")
        assert site is not None and last is not None
        return site.value, int(last.value)


def store_key_for(url: str, key: str | None = None) -> str | None:
    """The key to open the SQLite file behind ``url`` with (None: plain).

    An explicit ``key`` wins; otherwise the installed resolver is asked for an
    encrypted file (its key) and for a new file (whether to encrypt it).
    """
    sa_url = make_url(url)
    database = sa_url.database or ""
    if sa_url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    state = cipher.file_state(Path(database))
    if key is not None or state == "plain":
        return key if state != "plain" else None
    resolver = cipher.key_resolver()
    if resolver is None:
        if state == "encrypted":
            raise StoreError(
                f"cannot open the store at {database}: it is encrypted (or not a store at "
                "all) and no key was given (set FIELDAPP_STORE_KEY_FILE or use the fieldapp command)"
            )
        return None
    return resolver(Path(database), state)


def open_store(path_or_url: str | Path, *, upgrade: bool = True, key: str | None = None,
               site: SitePaths | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at a path or URL.

    ``site`` names the site's folders (keys, outbox...) that services use with
    this store; without it they use the process default (``fieldapp.paths``).

    ``key`` opens an encrypted store (or encrypts a new one); without it the
    installed key resolver decides (see :func:`set_key_resolver`).

    Raises :class:`StoreTooNewError` for a store from a newer Field App, and
    :class:`StoreError` when the database cannot be reached or the key is wrong.
    """
    url = url_for(path_or_url)
    engine = make_engine(url, store_key_for(url, key))
    try:
        migrations.ensure_current(engine, upgrade=upgrade, backup=backup_sqlite)
        site_id, last = _init_meta(engine)
    except StoreError:
        engine.dispose()
        raise
    except (OperationalError, SQLAlchemyError) as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the store at {where}: {exc.orig if hasattr(exc, 'orig') else exc}") from exc
    return Store(engine, site_id, HybridLogicalClock(last), site)
