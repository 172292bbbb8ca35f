"""Alembic environment: runs on the engine handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from fieldapp.core.models import Base

config = context.config
engine = config.attributes.get("engine") or create_engine("sqlite://")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    # SQLite's procedure for schema changes: a table rebuilt in batch mode is dropped and
    # its copy renamed; with foreign keys on, dropping a parent (people, doors) counts its
    # children's references as violations that fail the commit, though the renamed copy
    # satisfies them. So foreign keys are off while the migrations run, and checked
    # before the commit. The pragma is ignored inside a transaction, and the store's
    # connections begin one for every statement, so it goes to the driver directly.
    raw = connection.connection.driver_connection if sqlite else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, rowid, parent, _ = broken[0]
                    raise RuntimeError(
                        f"the schema upgrade would leave {len(broken)} broken reference(s), "
                        f"e.g. {table} row {rowid} -> {parent}: nothing was changed")
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")
