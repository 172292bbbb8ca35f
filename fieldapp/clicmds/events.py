"""``fieldapp events``: list, create, cancel, duplicate, check in, and print.

Times on the command line are local wall-clock times in the event's zone
(``--tz``, an IANA name); the store keeps UTC.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from fieldapp.cli import out
from fieldapp.core.files import atomic_write
from fieldapp.core.models import EVENT_KINDS, SIGNUP_STATUSES, Organization
from fieldapp.errors import InputError
from fieldapp.services import events as ev


def _local(text: str, where: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.replace("T", " "))
    except ValueError as exc:
        raise InputError(f"{text!r} is not a date and time like 2026-12-05 09:00", where=where) from exc
    return value.replace(tzinfo=None) if value.tzinfo is None else value


def _org_ids(session: Any, refs: list[str] | None) -> list[str]:
    ids = []
    for ref in refs or []:
        org = session.scalar(
            select(Organization).where(
                Organization.deleted.is_(False),
                or_(Organization.id == ref, Organization.short_code.ilike(ref)),
            )
        )
        if org is None:
            raise InputError(f"no organization {ref!r} (give its short code or id)", where="--host")
        ids.append(org.id)
    return ids


def _when(info: ev.EventInfo) -> str:
    start, end = info.starts_local, info.ends_local
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M} {info.timezone}"


def cmd_list(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        items = ev.list_events(s, include_cancelled=args.all)
        rows = []
        for info in items:
            counts = ev.arrival_counts(s, info.id)
            rows.append((info, counts))
    if args.json:
        out(json.dumps([
            {"id": i.id, "title": i.title, "kind": i.kind, "starts_at": i.starts_at.isoformat(),
             "ends_at": i.ends_at.isoformat(), "timezone": i.timezone, "status": i.status,
             "place": i.place_name, "address": i.address, "capacity": i.capacity, "hosts": list(i.host_names),
             "rsvps": c.rsvps, "arrived": c.arrived, "waitlisted": c.waitlisted}
            for i, c in rows
        ], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        out("No events.")
        return 0
    for info, c in rows:
        flag = "  CANCELLED" if info.status == "cancelled" else ""
        out(f"{info.id[:8]}  {_when(info):40} {info.title}{flag}")
        cap = f"/{info.capacity}" if info.capacity is not None else ""
        out(f"          {ev.KIND_LABELS[info.kind]} · {info.place_name or info.address} · "
            f"{c.rsvps}{cap} RSVPs, {c.arrived} arrived, {c.waitlisted} waitlisted")
    return 0


def _input(args: argparse.Namespace, s: Any, base: ev.EventInput | None = None) -> ev.EventInput:
    data = base or ev.EventInput(kind="", title="", starts_local=dt.datetime.min, ends_local=dt.datetime.min)
    for name, attr in (("kind", "kind"), ("title", "title"), ("tz", "timezone"), ("description", "description"),
                       ("place", "place_name"), ("address", "address"), ("lat", "lat"), ("lon", "lon"),
                       ("capacity", "capacity")):
        value = getattr(args, name, None)
        if value is not None:
            setattr(data, attr, value)
    if args.start:
        data.starts_local = _local(args.start, "--start")
    if getattr(args, "end", None):
        data.ends_local = _local(args.end, "--end")
    elif args.start and getattr(args, "hours", None):
        data.ends_local = data.starts_local + dt.timedelta(hours=args.hours)
    if args.host is not None:
        data.host_organization_ids = _org_ids(s, args.host)
    return data


def cmd_create(args: argparse.Namespace, ctx: Any) -> int:
    if not args.end and not args.hours:
        raise InputError("give --end or --hours", where="--end")
    with ctx.store().transaction() as s:
        eid = ev.create_event(s, _input(args, s))
        info = ev.event_info(s, eid)
    out(f"Created {info.title!r} ({_when(info)}): {eid}")
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        base = ev.event_info(s, row.id).as_input()
        if args.start and not args.end and not args.hours:
            args.hours = (base.ends_local - base.starts_local).total_seconds() / 3600
        ev.update_event(s, row.id, _input(args, s, base))
        info = ev.event_info(s, row.id)
    out(f"Updated {info.title!r} ({_when(info)})")
    return 0


def cmd_duplicate(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        start = _local(args.start, "--start") if args.start else None
        eid = ev.duplicate_event(s, row.id, starts_local=start, title=args.title)
        info = ev.event_info(s, eid)
    out(f"Copied to {info.title!r} ({_when(info)}): {eid}")
    return 0


def cmd_cancel(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        ev.cancel_event(s, row.id, cancelled=not args.undo)
        title = row.title
    out(f"{'Reinstated' if args.undo else 'Cancelled'} {title!r}")
    return 0


def cmd_ics(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        ids = [ev.find_event(s, ref).id for ref in args.events] or None
        n = ev.write_ics(s, Path(args.out), ids)
    out(f"Wrote {n} events to {args.out}")
    return 0


def cmd_signin(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        row = ev.find_event(s, args.event)
        n = ev.write_signin_pdf(s, row.id, Path(args.pdf), blank_rows=args.blank)
    out(f"Wrote the sign-in sheet for {row.title!r} ({n} RSVPs, {args.blank} blank rows) to {args.pdf}")
    return 0


def cmd_calllist(args: argparse.Namespace, ctx: Any) -> int:
    target = Path(args.out)
    with ctx.store().session() as s:
        row = ev.find_event(s, args.event)
        with atomic_write(target, "w", encoding="utf-8", newline="") as fh:
            written, left_out = ev.write_call_list(s, row.id, fh)
    out(f"Wrote {written} people to call to {target} ({left_out} left out: no phone, do not call or waitlisted)")
    return 0


def cmd_checkin(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        if args.signup:
            matches = [r for r in ev.signup_rows(s, row.id) if r.signup_id == args.signup]
        else:
            matches = ev.signup_rows(s, row.id, args.query or "", limit=21, include_declined=True)
        if len(matches) != 1:
            if not matches:
                raise InputError(f"nobody signed up for {row.title!r} matches {args.query!r}; "
                                 "use `events walkin` for someone new", where="checkin")
            out(f"{len(matches) if len(matches) <= 20 else 'More than 20'} people match; give more of the name "
                "or --signup ID:")
            for r in matches[:20]:
                out(f"  {r.signup_id}  {r.name:30} {r.phone:14} {r.email:30} {r.status}")
            return 1
        res = ev.check_in(s, matches[0].signup_id)
        counts = ev.arrival_counts(s, row.id)
    verb = "was already checked in" if res.already else "checked in"
    out(f"{matches[0].name} {verb}. Arrived {counts.arrived} of {counts.rsvps} RSVPs "
        f"({counts.walk_ins} walk-ins).")
    return 0


def cmd_walkin(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        org = _org_ids(s, [args.org])[0] if args.org else None
        res = ev.walk_in(s, row.id, ev.WalkInInput(
            first_name=args.first, last_name=args.last, phone=args.phone or "", email=args.email or "",
            language=args.language, do_not_call=args.no_call, do_not_text=args.no_text,
            do_not_email=args.no_email, organization_id=org,
        ))
        counts = ev.arrival_counts(s, row.id)
    out(f"Walk-in {args.first} {args.last} checked in{' (already here)' if res.already else ''}. "
        f"Arrived {counts.arrived} of {counts.rsvps} RSVPs.")
    return 0


def cmd_counts(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        row = ev.find_event(s, args.event)
        c = ev.arrival_counts(s, row.id)
    out(f"{row.title}: {c.arrived} arrived of {c.rsvps} RSVPs ({c.arrived_from_rsvps} RSVPs, "
        f"{c.walk_ins} walk-ins), {c.waitlisted} waitlisted"
        + (f", capacity {c.capacity}" if c.capacity is not None else ""))
    return 0


def cmd_shifts(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        row = ev.find_event(s, args.event)
        items = ev.shifts(s, row.id)
    if not items:
        out("No shifts (signups are for the whole event).")
    for sh in items:
        cap = f"/{sh.capacity}" if sh.capacity is not None else ""
        wait = f", {sh.waitlisted} waitlisted" if sh.waitlisted else ""
        out(f"{sh.id}  {sh.starts_local:%Y-%m-%d %H:%M}-{sh.ends_local:%H:%M}  {sh.role:14} {sh.taken}{cap} taken{wait}")
    return 0


def cmd_add_shift(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        sid = ev.add_shift(s, row.id, starts_local=_local(args.start, "--start"), ends_local=_local(args.end, "--end"),
                           role=args.role, capacity=args.capacity)
    out(f"Added a {args.role} shift to {row.title!r}: {sid}")
    return 0


def cmd_signup(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        row = ev.find_event(s, args.event)
        res = ev.sign_up(s, row.id, args.person, shift_id=args.shift, status=args.status)
    out(f"Signed up ({'on the waitlist: the shift is full' if res.waitlisted else args.status}): {res.signup_id}")
    return 0


def cmd_set_status(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().transaction() as s:
        promoted = ev.set_signup_status(s, args.signup, args.status)
    out(f"Signup {args.signup} is now {args.status}"
        + (f"; {promoted} moved up from the waitlist" if promoted else ""))
    return 0


def _event_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--kind", choices=EVENT_KINDS, required=required)
    p.add_argument("--title", required=required)
    p.add_argument("--start", metavar="'YYYY-MM-DD HH:MM'", required=required, help="local start time")
    p.add_argument("--end", metavar="'YYYY-MM-DD HH:MM'", help="local end time")
    p.add_argument("--hours", type=float, help="length, instead of --end")
    p.add_argument("--tz", default=None if not required else "UTC",
                   help="IANA time zone of the times, e.g. America/Chicago")
    p.add_argument("--description")
    p.add_argument("--place", help="place name")
    p.add_argument("--address")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--capacity", type=int)
    p.add_argument("--host", action="append", metavar="ORG", help="host organization (short code or id); repeat")


def register(sub: Any) -> None:
    """``fieldapp events ACTION``: each action's options are set up by its own function."""
    group = sub.add_parser("events", help="events: list, create, check in, ICS, sign-in sheets, call lists")
    esub = group.add_subparsers(dest="events_command", metavar="ACTION", required=True)
    for add in (
        _add_list,
        _add_create,
        _add_edit,
        _add_duplicate,
        _add_cancel,
        _add_ics,
        _add_signin,
        _add_calllist,
        _add_checkin,
        _add_walkin,
        _add_shifts,
        _add_add_shift,
        _add_signup,
        _add_set_status,
        _add_counts,
    ):
        add(esub)


def _add_list(esub: Any) -> None:
    p = esub.add_parser("list", help="events by start time with RSVPs and arrivals")
    p.add_argument("--all", action="store_true", help="include cancelled events")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)


def _add_create(esub: Any) -> None:
    p = esub.add_parser("create", help="create an event")
    _event_options(p, required=True)
    p.set_defaults(func=cmd_create)


def _add_edit(esub: Any) -> None:
    p = esub.add_parser("edit", help="change an event (only the options given)")
    p.add_argument("event", help="event id, id prefix or exact title")
    _event_options(p, required=False)
    p.set_defaults(func=cmd_edit)


def _add_duplicate(esub: Any) -> None:
    p = esub.add_parser("duplicate", help="copy an event with its hosts and shifts (default: a week later)")
    p.add_argument("event")
    p.add_argument("--start", help="local start of the copy")
    p.add_argument("--title")
    p.set_defaults(func=cmd_duplicate)


def _add_cancel(esub: Any) -> None:
    p = esub.add_parser("cancel", help="cancel an event (signups are kept)")
    p.add_argument("event")
    p.add_argument("--undo", action="store_true", help="reinstate a cancelled event")
    p.set_defaults(func=cmd_cancel)


def _add_ics(esub: Any) -> None:
    p = esub.add_parser("ics", help="write events as an iCalendar file")
    p.add_argument("events", nargs="*", help="only these events (default: all)")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_ics)


def _add_signin(esub: Any) -> None:
    p = esub.add_parser("signin", help="print a sign-in sheet PDF: RSVPs and blank rows for walk-ins")
    p.add_argument("event")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf")
    p.add_argument("--blank", type=int, default=15, help="blank rows for walk-ins (default 15)")
    p.set_defaults(func=cmd_signin)


def _add_calllist(esub: Any) -> None:
    p = esub.add_parser("calllist", help="CSV of people to remind (leaves out do-not-call)")
    p.add_argument("event")
    p.add_argument("--out", required=True, metavar="FILE.csv")
    p.set_defaults(func=cmd_calllist)


def _add_checkin(esub: Any) -> None:
    p = esub.add_parser("checkin", help="check someone in by name, phone or email")
    p.add_argument("event")
    p.add_argument("query", nargs="?", help="name, phone digits or email")
    p.add_argument("--signup", metavar="ID", help="check in this signup")
    p.set_defaults(func=cmd_checkin)


def _add_walkin(esub: Any) -> None:
    p = esub.add_parser("walkin", help="add and check in someone who did not sign up")
    p.add_argument("event")
    p.add_argument("--first", required=True)
    p.add_argument("--last", default="")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--language", default="en", choices=("en", "es"))
    p.add_argument("--org", help="organization short code or id")
    p.add_argument("--no-call", action="store_true", help="do not call")
    p.add_argument("--no-text", action="store_true", help="do not text")
    p.add_argument("--no-email", action="store_true", help="do not email")
    p.set_defaults(func=cmd_walkin)


def _add_shifts(esub: Any) -> None:
    p = esub.add_parser("shifts", help="an event's shifts with seats taken")
    p.add_argument("event")
    p.set_defaults(func=cmd_shifts)


def _add_add_shift(esub: Any) -> None:
    p = esub.add_parser("add-shift", help="add a shift (local times in the event's zone)")
    p.add_argument("event")
    p.add_argument("--role", required=True)
    p.add_argument("--start", required=True, metavar="'YYYY-MM-DD HH:MM'")
    p.add_argument("--end", required=True, metavar="'YYYY-MM-DD HH:MM'")
    p.add_argument("--capacity", type=int)
    p.set_defaults(func=cmd_add_shift)


def _add_signup(esub: Any) -> None:
    p = esub.add_parser("signup", help="sign a person up (waitlisted when full)")
    p.add_argument("event")
    p.add_argument("person", help="person id")
    p.add_argument("--shift", metavar="ID")
    p.add_argument("--status", default="scheduled", choices=SIGNUP_STATUSES)
    p.set_defaults(func=cmd_signup)


def _add_set_status(esub: Any) -> None:
    p = esub.add_parser("set-status", help="change a signup's status (a decline promotes the waitlist)")
    p.add_argument("signup", help="signup id")
    p.add_argument("status", choices=SIGNUP_STATUSES)
    p.set_defaults(func=cmd_set_status)


def _add_counts(esub: Any) -> None:
    p = esub.add_parser("counts", help="arrivals against RSVPs")
    p.add_argument("event")
    p.set_defaults(func=cmd_counts)
