"""Review actions on what a merge found: possible duplicates and conflicts.

Each decision is written as a synced :class:`~fieldapp.core.models.ReviewDecision`
(see :mod:`fieldapp.services.sync.decisions`), so other stores close the same
pair or conflict when the decision reaches them.
"""

from __future__ import annotations

from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import (
    MODEL_BY_TABLE,
    Door,
    Person,
    PossibleDuplicate,
    SyncBundle,
    SyncConflict,
    Synced,
)
from fieldapp.core.serialize import to_plain
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.sync import decisions
from fieldapp.services.sync.format import check_record


def resolve_duplicate(store: Store, pk: int, action: str, keep_id: str | None = None) -> None:
    """Merge two doors or mark them distinct; the decision syncs like any record.

    Merging keeps ``keep_id`` (default: the older record), sets the other's
    ``merged_into_id`` and tombstone, and moves its people to the kept door.
    """
    if action not in ("merge", "distinct"):
        raise InputError(f"unknown resolution {action!r}: merge or distinct")
    with store.transaction() as session:
        dup = session.get(PossibleDuplicate, pk)
        if dup is None:
            raise NotFoundError(f"no possible duplicate #{pk}")
        if dup.status != "open":
            raise InputError(f"possible duplicate #{pk} was already resolved ({dup.status})")
        decisions.record(session, "duplicate",
                         decisions.pair_subject(dup.table_name, dup.a_id, dup.b_id),
                         "distinct" if action == "distinct" else "merged")
        if action == "distinct":
            dup.status = "distinct"
            return
        a, b = session.get(Door, dup.a_id), session.get(Door, dup.b_id)
        if a is None or b is None:
            raise NotFoundError("one of the two doors is gone")
        if keep_id is None:
            keep, other = (a, b) if (a.born_hlc, a.id) <= (b.born_hlc, b.id) else (b, a)
        elif keep_id in (a.id, b.id):
            keep, other = (a, b) if keep_id == a.id else (b, a)
        else:
            raise InputError(f"door {keep_id} is not one of the pair")
        other.merged_into_id = keep.id
        other.deleted = True
        for field_name in ("lat", "lon", "turf_id", "notes"):
            if getattr(keep, field_name) in (None, "") and getattr(other, field_name) not in (None, ""):
                setattr(keep, field_name, getattr(other, field_name))
        for person in session.scalars(select(Person).where(Person.door_id == other.id)):
            person.door_id = keep.id
        dup.status = "merged"


def resolve_conflict(store: Store, pk: int, use: str) -> None:
    """Keep the winner (mark resolved) or write the losing value back (a synced edit)."""
    if use not in ("winner", "loser"):
        raise InputError(f"unknown choice {use!r}: winner or loser")
    with store.transaction() as session:
        conflict = session.get(SyncConflict, pk)
        if conflict is None:
            raise NotFoundError(f"no conflict #{pk}")
        if use == "loser":
            model = MODEL_BY_TABLE[conflict.table_name]
            obj: Synced | None = session.get(model, conflict.record_id)
            if obj is None:
                raise NotFoundError(f"{conflict.table_name} {conflict.record_id} is gone")
            plain = to_plain(model, obj)
            plain[conflict.field] = conflict.loser_value
            value = check_record(conflict.table_name, plain)[conflict.field]
            setattr(obj, conflict.field, value)
        decisions.record(session, "conflict", decisions.conflict_subject(conflict), use)
        conflict.resolved = True


def pending_counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            "conflicts": session.scalar(select(func.count()).select_from(SyncConflict)
                                        .where(SyncConflict.resolved.is_(False))) or 0,
            "duplicates": session.scalar(select(func.count()).select_from(PossibleDuplicate)
                                         .where(PossibleDuplicate.status == "open")) or 0,
            "quarantined": session.scalar(select(func.count()).select_from(SyncBundle)
                                          .where(SyncBundle.status == "quarantined")) or 0,
        }
