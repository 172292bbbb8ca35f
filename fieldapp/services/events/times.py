"""Time zones: local wall-clock times in an event's IANA zone, stored as UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldapp.errors import InputError


def zone(name: str) -> ZoneInfo:
    """The IANA time zone, or a clear error naming the bad zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            f"unknown time zone {name!r} (use an IANA name like America/Chicago)", where="time zone"
        ) from exc


def to_utc(local: dt.datetime, tz: str) -> dt.datetime:
    """A wall-clock time in ``tz`` (naive, or aware: converted) as aware UTC."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone(tz))
    return local.astimezone(dt.UTC)


def to_local(utc: dt.datetime, tz: str) -> dt.datetime:
    """An aware UTC time as an aware local time in ``tz``."""
    return utc.astimezone(zone(tz))




class _LocalTimes:
    """Start and end as local times in the record's own time zone."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str

    @property
    def starts_local(self) -> dt.datetime:
        return to_local(self.starts_at, self.timezone)

    @property
    def ends_local(self) -> dt.datetime:
        return to_local(self.ends_at, self.timezone)
