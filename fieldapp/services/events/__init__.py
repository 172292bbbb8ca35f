"""Events: scheduling, shifts, signups with a waitlist, check-in and printouts.

Times: the organizer types a local wall-clock time and picks the event's IANA
time zone ("America/Chicago"); the store keeps UTC and the zone name, so a
summit in another city shows its own local time everywhere.

Seats: a signup holds a seat when it is not waitlisted and its status is one
of :data:`SEAT_STATUSES` (scheduled, confirmed, completed; an invitation holds
none until accepted). When the shift (or the event, without shifts) is full, a
new signup goes on the waitlist; when someone declines, the first person on
the waitlist (by sign-up time) is promoted.

Check-in writes a :class:`CheckIn` fact (append-only, merged by union across
laptops) and marks the signup completed. The search runs in SQL with a limit,
so it stays instant with thousands of signups at a summit.

The package has a module per job; every name is re-exported here, so
``from fieldapp.services import events as ev`` works as before:

- :mod:`.labels`: event kinds and signup statuses (labels, seat and RSVP statuses)
- :mod:`.times`: IANA time zones, local wall-clock <-> UTC
- :mod:`.event_crud`: events and their hosts (create, edit, duplicate, cancel, list)
- :mod:`.shift_crud`: shifts within an event
- :mod:`.signups`: signups, seats and the waitlist
- :mod:`.roster`: the signup roster and its SQL search
- :mod:`.checkin`: check-in, walk-ins, undo, arrival counts
- :mod:`.calllist`: reminder call lists and their CSV
- :mod:`.ical`: iCalendar export
- :mod:`.signin_sheet`: the printable sign-in sheet (PDF)
"""

from __future__ import annotations

from fieldapp.services.events.calllist import (
    CALL_LIST_HEADER,
    call_list,
    write_call_list,
)
from fieldapp.services.events.checkin import (
    ArrivalCounts,
    CheckInResult,
    WalkInInput,
    arrival_counts,
    check_in,
    undo_check_in,
    walk_in,
)
from fieldapp.services.events.event_crud import (
    EventInfo,
    EventInput,
    cancel_event,
    create_event,
    duplicate_event,
    event_info,
    find_event,
    list_events,
    organizations,
    update_event,
)
from fieldapp.services.events.ical import (
    ics_bytes,
    write_ics,
)
from fieldapp.services.events.labels import (
    KIND_LABELS,
    REMIND_STATUSES,
    RSVP_STATUSES,
    SEAT_STATUSES,
    STATUS_LABELS,
)
from fieldapp.services.events.roster import (
    SignupRow,
    count_signups,
    search_clause,
    signup_rows,
)
from fieldapp.services.events.shift_crud import (
    ShiftInfo,
    add_shift,
    remove_shift,
    shifts,
    update_shift,
)
from fieldapp.services.events.signin_sheet import (
    write_signin_pdf,
)
from fieldapp.services.events.signups import (
    SignupResult,
    log,
    promote_waitlist,
    seats_taken,
    set_signup_status,
    sign_up,
)
from fieldapp.services.events.times import (
    to_local,
    to_utc,
    zone,
)

__all__ = [
    "CALL_LIST_HEADER",
    "KIND_LABELS",
    "REMIND_STATUSES",
    "RSVP_STATUSES",
    "SEAT_STATUSES",
    "STATUS_LABELS",
    "ArrivalCounts",
    "CheckInResult",
    "EventInfo",
    "EventInput",
    "ShiftInfo",
    "SignupResult",
    "SignupRow",
    "WalkInInput",
    "add_shift",
    "arrival_counts",
    "call_list",
    "cancel_event",
    "check_in",
    "count_signups",
    "create_event",
    "duplicate_event",
    "event_info",
    "find_event",
    "ics_bytes",
    "list_events",
    "log",
    "organizations",
    "promote_waitlist",
    "remove_shift",
    "search_clause",
    "seats_taken",
    "set_signup_status",
    "shifts",
    "sign_up",
    "signup_rows",
    "to_local",
    "to_utc",
    "undo_check_in",
    "update_event",
    "update_shift",
    "walk_in",
    "write_call_list",
    "write_ics",
    "write_signin_pdf",
    "zone",
]
