"""What export and reading of ``.fieldbundle`` files share: the error, file names, temp folders."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core.models import MODEL_BY_TABLE
from fieldapp.core.site import SitePaths
from fieldapp.errors import InputError

SUFFIX = ".fieldbundle"
CHUNK_IDS = 500


class BundleError(InputError):
    """A bundle file that cannot be read or must not be merged."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message, where=str(path))
        self.detail = message


# --------------------------------------------------------------------------- helpers


def private_tempdir(site: SitePaths | None = None) -> Path:
    """A fresh owner-only folder for decrypted data (removed by the caller)."""
    base = paths.ensure(paths.resolve(site).tmp, private=True)
    return Path(tempfile.mkdtemp(prefix="bundle-", dir=base))


def bundle_file_name(site_id: str, seq: int, bundle_id: str) -> str:
    return f"{site_id[:8]}-{seq:05d}-{bundle_id}{SUFFIX}"


def chunks(items: list[str], size: int = CHUNK_IDS) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def among(session: Session, column: ColumnElement[Any], values: Sequence[str]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``column = ANY(array)``: one parameter, so the
    statement stays short and the same, and neither the driver nor the server parses a
    thousand placeholders again for every batch of a merge."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(String)))
    return column.in_(values)


def existing_ids(session: Session, table: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the store holds in ``table`` (chunked IN queries)."""
    t = MODEL_BY_TABLE[table].__table__
    found: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        found.update(session.execute(select(t.c.id).where(among(session, t.c.id, chunk))).scalars())
    return found
