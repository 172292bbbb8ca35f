"""Translated names for the codes stored in the data (result codes, kinds...).

Each label is a literal ``QCoreApplication.translate("Labels", ...)`` call so
that ``pyside6-lupdate`` finds it. Call the functions at display time (not at
import time) so the language chosen at start-up applies.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication


def result_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "canvassed": t("Labels", "Canvassed"),
        "not_home": t("Labels", "Not home"),
        "refused": t("Labels", "Refused"),
        "moved": t("Labels", "Moved"),
        "deceased": t("Labels", "Deceased"),
        "inaccessible": t("Labels", "Inaccessible"),
        "hostile": t("Labels", "Hostile"),
        "language_barrier": t("Labels", "Language barrier"),
        "come_back": t("Labels", "Come back"),
        "do_not_knock": t("Labels", "Do not knock"),
    }


def event_kind_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "canvass_launch": t("Labels", "Canvass launch"),
        "house_party": t("Labels", "House party"),
        "phone_bank": t("Labels", "Phone bank"),
        "rally": t("Labels", "Rally"),
        "training": t("Labels", "Training"),
        "summit": t("Labels", "Summit"),
    }


def turf_status_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "open": t("Labels", "Open"),
        "assigned": t("Labels", "Assigned"),
        "in_progress": t("Labels", "In progress"),
        "done": t("Labels", "Done"),
    }


def signup_status_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "invited": t("Labels", "Invited"),
        "scheduled": t("Labels", "Scheduled"),
        "confirmed": t("Labels", "Confirmed"),
        "completed": t("Labels", "Completed"),
        "no_show": t("Labels", "No-show"),
        "declined": t("Labels", "Declined"),
    }


def role_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "captain": t("Labels", "Captain"),
        "canvasser": t("Labels", "Canvasser"),
        "staff": t("Labels", "Staff"),
    }


def language_labels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {"en": t("Labels", "English"), "es": t("Labels", "Spanish")}


def label(mapping: dict[str, str], code: str | None) -> str:
    """The label for ``code``, or the code itself when it has none."""
    if not code:
        return ""
    return mapping.get(code, code.replace("_", " "))


def support_label(support: int | None) -> str:
    if support is None:
        return ""
    t = QCoreApplication.translate
    names = {
        1: t("Labels", "1 strong support"),
        2: t("Labels", "2 lean support"),
        3: t("Labels", "3 undecided"),
        4: t("Labels", "4 lean oppose"),
        5: t("Labels", "5 strong oppose"),
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
    day = a.strftime("%a %Y-%m-%d")
    if a.date() == b.date():
        return f"{day} {a:%H:%M}–{b:%H:%M} {a.tzname() or ''}".strip()
    return f"{day} {a:%H:%M} – {b:%a %Y-%m-%d %H:%M} {b.tzname() or ''}".strip()
