"""Alembic owns the schema. This module runs it from code, not from alembic.ini.

:func:`ensure_current` brings a store to the newest revision on open: a new
database is created, an older one is backed up and then upgraded, and one
stamped with a revision this version does not know (written by a newer Field
App) is refused without being touched.

Developers make a new revision with
``python -m fieldapp.core.migrations revision "what changed"``.

Alembic itself (about a tenth of a second to import) is loaded only when an
upgrade is due: opening a store that is already current reads the revision
with one plain query and finds the head by reading the revision files'
``revision``/``down_revision`` lines. SQLAlchemy itself is imported by the
functions that take an engine, not by this module: :func:`head_revision` serves
``fieldapp info``, which reads a current store with the plain driver.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.errors import StoreError, StoreTooNewError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE
)


def __getattr__(name: str) -> Any:
    # ``migrations.command`` is Alembic's command module, imported on first use.
    if name == "command":
        from alembic import command

        return command
    raise AttributeError(name)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest revision, read from the revision files without Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (HERE / "versions").glob("*.py"):
        found = dict(
            (m.group(1), m.group(2)) for m in _REVISION_LINE.finditer(path.read_text("utf-8"))
        )
        if not found.get("revision"):
            return _alembic_head()  # a file this reader does not understand
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        return _alembic_head()
    return heads[0]


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {heads}")
    return str(heads[0])


def current_revision(engine: Engine) -> str | None:
    """The store's revision (``None`` for an empty database), read with plain SQL."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def ensure_current(
    engine: Engine,
    *,
    upgrade: bool = True,
    backup: Callable[[Engine, str], Path | None] | None = None,
) -> str:
    """Make sure the store is at the newest schema; return the revision."""
    from sqlalchemy import inspect

    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return head
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise StoreTooNewError(
                f"this store was written by a newer version of Field App (schema "
                f"{current}); upgrade Field App to open it. The store was not changed."
            ) from None
    elif inspect(engine).get_table_names():
        raise StoreError(
            "this database has tables but no Field App schema version; "
            "point Field App at an empty database or a Field App store"
        )
    if not upgrade:
        raise StoreError(f"the store's schema ({current}) is older than this version's ({head})")
    if current is not None and backup is not None:
        copy = backup(engine, f"before-{head}")
        if copy is not None:
            log.info("store backed up to %s before the schema upgrade", copy)
    command.upgrade(alembic_config(engine), "head")
    log.info("store schema upgraded from %s to %s", current, head)
    return head


def regenerate_initial() -> Path:
    """Write the initial revision afresh from the models.

    Allowed only while no store outside development exists (before the first
    release); after that every change gets a revision of its own.
    """
    from alembic import command
    from sqlalchemy import create_engine

    versions = HERE / "versions"
    for old in versions.glob("*.py"):
        old.unlink()
    cfg = alembic_config(create_engine("sqlite://"))
    script = command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
    assert script is not None and not isinstance(script, list)
    made = Path(script.path)
    target = versions / "0001_initial_schema.py"
    made.rename(target)
    return target


def main(argv: list[str]) -> int:
    if argv[:1] == ["regen-initial"]:
        sys.stderr.write(f"wrote {regenerate_initial()}\n")
        return 0
    if len(argv) >= 2 and argv[0] == "revision":
        from alembic import command
        from sqlalchemy import create_engine

        engine = create_engine("sqlite://")
        command.upgrade(alembic_config(engine), "head")
        cfg = alembic_config(engine)
        command.revision(cfg, message=argv[1], autogenerate=True)
        return 0
    sys.stderr.write(
        "usage: python -m fieldapp.core.migrations revision MESSAGE | regen-initial\n"
    )
    return 2
