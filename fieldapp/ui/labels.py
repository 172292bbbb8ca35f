"""Translated names for the codes stored in the data (result codes, kinds...).

Each label is a literal ``QCoreApplication.translate("Labels", ...)`` call so
that ``pyside6-lupdate`` finds it. Call the functions at display time (not at
import time) so the language chosen at start-up applies.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QLocale


def result_labels() -> dict[str, str]:
    return {
        "canvassed": QCoreApplication.translate("Labels", "Canvassed"),
        "not_home": QCoreApplication.translate("Labels", "Not home"),
        "refused": QCoreApplication.translate("Labels", "Refused"),
        "moved": QCoreApplication.translate("Labels", "Moved"),
        "deceased": QCoreApplication.translate("Labels", "Deceased"),
        "inaccessible": QCoreApplication.translate("Labels", "Inaccessible"),
        "hostile": QCoreApplication.translate("Labels", "Hostile"),
        "language_barrier": QCoreApplication.translate("Labels", "Language barrier"),
        "come_back": QCoreApplication.translate("Labels", "Come back"),
        "do_not_knock": QCoreApplication.translate("Labels", "Do not knock"),
    }


def event_kind_labels() -> dict[str, str]:
    return {
        "canvass_launch": QCoreApplication.translate("Labels", "Canvass launch"),
        "house_party": QCoreApplication.translate("Labels", "House party"),
        "phone_bank": QCoreApplication.translate("Labels", "Phone bank"),
        "rally": QCoreApplication.translate("Labels", "Rally"),
        "training": QCoreApplication.translate("Labels", "Training"),
        "summit": QCoreApplication.translate("Labels", "Summit"),
    }


def turf_status_labels() -> dict[str, str]:
    return {
        "open": QCoreApplication.translate("Labels", "Open"),
        "assigned": QCoreApplication.translate("Labels", "Assigned"),
        "in_progress": QCoreApplication.translate("Labels", "In progress"),
        "done": QCoreApplication.translate("Labels", "Done"),
    }


def signup_status_labels() -> dict[str, str]:
    return {
        "invited": QCoreApplication.translate("Labels", "Invited"),
        "scheduled": QCoreApplication.translate("Labels", "Scheduled"),
        "confirmed": QCoreApplication.translate("Labels", "Confirmed"),
        "completed": QCoreApplication.translate("Labels", "Completed"),
        "no_show": QCoreApplication.translate("Labels", "No-show"),
        "declined": QCoreApplication.translate("Labels", "Declined"),
    }


def voter_status_labels() -> dict[str, str]:
    """Registration status from the voter file."""
    return {
        "active": QCoreApplication.translate("Labels", "Active"),
        "inactive": QCoreApplication.translate("Labels", "Inactive"),
        "removed": QCoreApplication.translate("Labels", "Removed"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
        "confidential": QCoreApplication.translate("Labels", "Confidential"),
        "deceased": QCoreApplication.translate("Labels", "Deceased"),
    }


def role_labels() -> dict[str, str]:
    return {
        "captain": QCoreApplication.translate("Labels", "Captain"),
        "canvasser": QCoreApplication.translate("Labels", "Canvasser"),
        "staff": QCoreApplication.translate("Labels", "Staff"),
    }


def flag_labels() -> dict[str, str]:
    """Short consent flags as shown in tables ("DNC"); translators may abbreviate."""
    return {
        "DNC": QCoreApplication.translate("Labels", "DNC", "short for: do not call"),
        "DNT": QCoreApplication.translate("Labels", "DNT", "short for: do not text"),
        "DNE": QCoreApplication.translate("Labels", "DNE", "short for: do not email"),
    }


def language_labels() -> dict[str, str]:
    return {"en": QCoreApplication.translate("Labels", "English"), "es": QCoreApplication.translate("Labels", "Spanish")}


def label(mapping: dict[str, str], code: str | None) -> str:
    """The label for ``code``, or the code itself when it has none."""
    if not code:
        return ""
    return mapping.get(code, code.replace("_", " "))


def support_label(support: int | None) -> str:
    if support is None:
        return ""
    names = {
        1: QCoreApplication.translate("Labels", "1 strong support"),
        2: QCoreApplication.translate("Labels", "2 lean support"),
        3: QCoreApplication.translate("Labels", "3 undecided"),
        4: QCoreApplication.translate("Labels", "4 lean oppose"),
        5: QCoreApplication.translate("Labels", "5 strong oppose"),
    }
    return names.get(support, str(support))


def local_time(when: dt.datetime, zone: str) -> dt.datetime:
    """``when`` (UTC) in the time zone ``zone`` (UTC if the zone is unknown)."""
    try:
        tz = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(tz)


def event_when(starts: dt.datetime, ends: dt.datetime, zone: str) -> str:
    """"Sat 2026-11-21 10:00–14:00 CST", in the event's own time zone."""
    a, b = local_time(starts, zone), local_time(ends, zone)
    day = _day(a)
    if a.date() == b.date():
        return f"{day} {a:%H:%M}–{b:%H:%M} {a.tzname() or ''}".strip()
    return f"{day} {a:%H:%M} – {_day(b)} {b:%H:%M} {b.tzname() or ''}".strip()


def local_datetime(when: dt.datetime) -> str:
    """A moment in this computer's time zone: "Sat 2026-11-14 18:58" ("sáb" in Spanish)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    local = when.astimezone()
    return f"{_day(local)} {local:%H:%M}"


def _day(when: dt.datetime) -> str:
    """"Sat 2026-11-21" with the weekday in the interface language ("sáb" in Spanish)."""
    return QLocale().toString(QDate(when.year, when.month, when.day), "ddd yyyy-MM-dd")
