"""Event kinds and signup statuses: their labels and which statuses hold a seat."""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {
    "canvass_launch": "Canvass launch",
    "house_party": "House party",
    "phone_bank": "Phone bank",
    "rally": "Rally",
    "training": "Training",
    "summit": "Summit",
}
STATUS_LABELS: dict[str, str] = {
    "invited": "Invited",
    "scheduled": "Scheduled",
    "confirmed": "Confirmed",
    "completed": "Completed",
    "no_show": "No-show",
    "declined": "Declined",
}
SEAT_STATUSES: frozenset[str] = frozenset({"scheduled", "confirmed", "completed"})
"""Statuses that hold a seat (unless waitlisted). An invitation holds none until accepted."""
RSVP_STATUSES: frozenset[str] = frozenset({"scheduled", "confirmed", "completed", "no_show"})
"""Statuses that mean the person said they would come."""
REMIND_STATUSES: tuple[str, ...] = ("invited", "scheduled", "confirmed")
