"""Records as plain, canonical JSON values (for dumps and sync bundles).

A record becomes a dict of every column: datetimes as ISO 8601 UTC strings
with microseconds and a ``Z``, clock stamps as 16 hex digits, everything else
as JSON gives it. :func:`canonical_json` writes sorted keys, no spaces, UTF-8:
the same record always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import DateTime, TypeDecorator

from fieldapp.core.hlc import format_hlc, parse_hlc
from fieldapp.core.models import Synced

CLOCK_COLUMNS = ("hlc", "born_hlc")
DT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_dt(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime(DT_FORMAT)


def parse_dt(text: str) -> dt.datetime:
    """Parse an ISO 8601 UTC string as written by :func:`format_dt` (or close to it)."""
    if not isinstance(text, str):
        raise ValueError(f"not a date-time string: {text!r}")
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"date-time without a time zone: {text!r}")
    return value.astimezone(dt.UTC)


def _is_datetime(column: Any) -> bool:
    col_type = column.type
    if isinstance(col_type, TypeDecorator):
        col_type = col_type.impl_instance
    return isinstance(col_type, DateTime)


def datetime_columns(model: type[Synced]) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns if _is_datetime(c))


def to_plain(model: type[Synced], values: Any) -> dict[str, Any]:
    """A record (ORM object or row mapping) as a dict of JSON values."""
    getter = values.__getitem__ if isinstance(values, dict) else (lambda k: getattr(values, k))
    dt_cols = datetime_columns(model)
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        value = getter(column.key)
        if value is None:
            out[column.key] = None
        elif column.key in CLOCK_COLUMNS:
            out[column.key] = format_hlc(int(value))
        elif column.key in dt_cols:
            out[column.key] = format_dt(value)
        else:
            out[column.key] = value
    return out


def from_plain(model: type[Synced], record: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`to_plain`: column values ready to write.

    Raises ``ValueError`` naming the field for a value that cannot be read.
    """
    dt_cols = datetime_columns(model)
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.key not in record:
            continue
        value = record[column.key]
        try:
            if value is None:
                out[column.key] = None
            elif column.key in CLOCK_COLUMNS:
                out[column.key] = parse_hlc(value)
            elif column.key in dt_cols:
                out[column.key] = parse_dt(value)
            else:
                out[column.key] = value
        except ValueError as exc:
            raise ValueError(f"field {column.key!r}: {exc}") from None
    return out


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
