"""What a store holds: ``fieldapp info`` and ``fieldapp dump``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from sqlalchemy import func, select

from fieldapp.core import migrations
from fieldapp.core.db import Store
from fieldapp.core.models import SYNCED_MODELS, Mutable, PossibleDuplicate, SyncBundle, SyncConflict
from fieldapp.core.serialize import canonical_json, to_plain
from fieldapp.services.quick_info import StoreInfo

DUMP_FORMAT = "fieldapp-dump/1"

__all__ = ["DUMP_FORMAT", "StoreInfo", "iter_dump_lines", "store_info", "write_dump"]


def store_info(store: Store) -> StoreInfo:
    """What ``fieldapp info`` prints, through the open store (any backend).

    A current SQLite store is read faster, without SQLAlchemy, by
    :func:`fieldapp.services.quick_info.quick_store_info`; the figures are the same.
    """
    counts: dict[str, int] = {}
    deleted: dict[str, int] = {}
    with store.session() as session:
        for model in SYNCED_MODELS:
            counts[model.__tablename__] = session.scalar(
                select(func.count()).select_from(model)
            ) or 0
            if issubclass(model, Mutable):
                deleted[model.__tablename__] = session.scalar(
                    select(func.count()).select_from(model).where(model.deleted.is_(True))
                ) or 0
        for local in (SyncBundle, SyncConflict, PossibleDuplicate):
            counts[local.__tablename__] = session.scalar(
                select(func.count()).select_from(local)
            ) or 0
    return StoreInfo(
        location=store.url,
        schema=migrations.current_revision(store.engine),
        site_id=store.site_id,
        counts=counts,
        deleted=deleted,
    )


def iter_dump_lines(store: Store) -> Iterator[str]:
    """The synced content of the store as canonical JSON, one record per line.

    Tables come parents first, records sorted by id, keys sorted: two stores
    with the same content give the same bytes. Local tables (the sync ledger,
    caches, this store's own site id) are left out.
    """
    yield '{"format":' + canonical_json(DUMP_FORMAT) + ',"tables":{'
    with store.session() as session:
        for t_index, model in enumerate(SYNCED_MODELS):
            comma = "," if t_index else ""
            yield f"{comma}{canonical_json(model.__tablename__)}:["
            rows = session.execute(
                select(model.__table__).order_by(model.__table__.c.id)
            ).mappings()
            first = True
            for row in rows:
                yield ("" if first else ",") + "\n" + canonical_json(to_plain(model, dict(row)))
                first = False
            yield "\n]"
    yield "}}\n"


def write_dump(store: Store, out: IO[str]) -> None:
    for line in iter_dump_lines(store):
        out.write(line)
