"""``fieldapp canvass``: record and correct results, show history and the script.

For scripting and for entering a paper walk sheet without the GUI.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from sqlalchemy import select

from fieldapp.cli import out
from fieldapp.core.models import RESULT_CODES, Campaign
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services import canvass, knocks


def _answers(pairs: list[str] | None) -> dict[str, str]:
    answers = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"{pair!r} is not KEY=VALUE", where="--answer")
        answers[key.strip()] = value.strip()
    return answers


def _at(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{text!r} is not an ISO date and time", where="--at") from exc
    return value if value.tzinfo else value.astimezone()


def cmd_record(args: argparse.Namespace, ctx: Any) -> int:
    ids = knocks.save_knock(ctx.store(), knocks.Knock(
        door_id=args.door, result_code=args.result, person_ids=args.person,
        whole_household=args.household, support=args.support, answers=_answers(args.answer),
        notes=args.notes or "", canvasser_id=args.canvasser, attempted_at=_at(args.at),
        no_call=args.no_call, no_text=args.no_text,
    ))
    out(f"Recorded {args.result} ({len(ids)} attempt{'s' if len(ids) != 1 else ''})")
    for aid in ids:
        out(f"  {aid}")
    if args.no_call or args.no_text:
        said = " and ".join(w for w, on in (("do not call", args.no_call), ("do not text", args.no_text)) if on)
        out(f"  recorded {said} for {'the named people' if args.person else 'the household'}")
    return 0


def cmd_consent(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services import consent

    changes = {ch: "opt_out" for ch in args.opt_out or []}
    for ch in args.opt_in or []:
        if ch in changes:
            raise InputError(f"{ch!r} given as both opt-out and opt-in", where="--opt-in")
        changes[ch] = "opt_in"
    with ctx.store().transaction() as s:
        if changes:
            consent.record(s, args.person, changes, source="cli", source_ref=args.note or "",
                           by_volunteer_id=args.by)
        history = consent.history(s, args.person)
    if not history:
        out("No consent recorded for this person (nothing opted out or in).")
    for c in history:
        choice = "opted out of" if c.choice == "opt_out" else "opted in to"
        out(f"{c.recorded_at:%Y-%m-%d %H:%M} UTC  {choice} {c.channel} via {c.source}"
            f"{' (' + c.source_ref + ')' if c.source_ref else ''}")
    return 0


def cmd_correct(args: argparse.Namespace, ctx: Any) -> int:
    kwargs: dict[str, Any] = {}
    if args.support is not None:
        kwargs["support"] = args.support
    if args.answer:
        kwargs["answers"] = _answers(args.answer)
    if args.person:
        kwargs["person_id"] = args.person
    with ctx.store().transaction() as s:
        # Every record the knock wrote (one per resident for a household result) is corrected.
        new = knocks.correct_knock(s, args.attempt, result_code=args.result, notes=args.notes, **kwargs)
    out(f"Corrected {len(new)} record{'s' if len(new) != 1 else ''} of that knock:")
    for aid in new:
        out(f"  {aid}")
    return 0


def cmd_history(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        if args.person:
            items = canvass.person_history(s, args.door, include_superseded=args.all)
        else:
            items = canvass.door_history(s, args.door, include_superseded=args.all)
    if not items:
        out("No contact attempts.")
    for h in items:
        support = f" support {h.support}" if h.support else ""
        who = f" by {h.canvasser_name}" if h.canvasser_name else ""
        person = f" ({h.person_name})" if h.person_name else ""
        old = " [superseded]" if h.superseded else ""
        out(f"{h.attempted_at:%Y-%m-%d %H:%M} UTC  {canvass.RESULT_LABELS.get(h.result_code, h.result_code)}"
            f"{support}{person}{who}{old}  {h.id}")
    return 0


def cmd_script(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        cid = args.campaign or s.scalar(select(Campaign.id).where(Campaign.deleted.is_(False)).limit(1))
        if cid is None:
            raise NotFoundError("no campaign in this store")
        qs = canvass.script(s, cid)
    by_id = {q.id: q for q in qs}
    for q in qs:
        branch = ""
        if q.show_if_question_id in by_id:
            branch = f"   (only if {by_id[q.show_if_question_id].key} = {q.show_if_answer})"
        out(f"{q.position}. [{q.key}] {q.text_in(args.lang)}{branch}")
        for c in q.choices:
            out(f"     {c.value:12} {c.label_in(args.lang)}")
    return 0


def register(sub: Any) -> None:
    group = sub.add_parser("canvass", help="record and correct canvass results; history; survey script")
    csub = group.add_subparsers(dest="canvass_command", metavar="ACTION", required=True)

    p = csub.add_parser("record", help="record a result at a door")
    p.add_argument("door", help="door id")
    p.add_argument("result", choices=RESULT_CODES)
    who = p.add_mutually_exclusive_group()
    who.add_argument("--household", action="store_true", help="for everyone living there")
    who.add_argument("--person", action="append", metavar="ID", help="for this person (repeat)")
    p.add_argument("--support", type=int, choices=range(1, 6), metavar="1-5")
    p.add_argument("--answer", action="append", metavar="KEY=VALUE", help="survey answer (repeat)")
    p.add_argument("--notes")
    p.add_argument("--canvasser", metavar="VOLUNTEER_ID")
    p.add_argument("--at", metavar="ISO", help="when (default now)")
    p.add_argument("--no-call", action="store_true",
                   help="they asked not to be called (an opt-out, saved with the knock)")
    p.add_argument("--no-text", action="store_true",
                   help="they asked not to be texted (an opt-out, saved with the knock)")
    p.set_defaults(func=cmd_record)

    p = csub.add_parser("consent", help="record what a person said about calls, texts, email; "
                        "show their consent history")
    p.add_argument("person", help="person id")
    p.add_argument("--opt-out", action="append", choices=("call", "text", "email"),
                   help="they asked not to be contacted this way (repeat)")
    p.add_argument("--opt-in", action="append", choices=("call", "text", "email"),
                   help="they explicitly agreed to be contacted this way again (repeat)")
    p.add_argument("--by", metavar="VOLUNTEER_ID", help="who took it down")
    p.add_argument("--note", help="where it was said (a form, an email...)")
    p.set_defaults(func=cmd_consent)

    p = csub.add_parser("correct", help="correct an attempt and the other records of its knock "
                                        "(new ones supersede them)")
    p.add_argument("attempt", help="contact attempt id")
    p.add_argument("--person", metavar="ID", help="the person spoken with (support and answers go to them)")
    p.add_argument("--result", choices=RESULT_CODES)
    p.add_argument("--support", type=int, choices=range(1, 6), metavar="1-5")
    p.add_argument("--answer", action="append", metavar="KEY=VALUE")
    p.add_argument("--notes")
    p.set_defaults(func=cmd_correct)

    p = csub.add_parser("history", help="contact history of a door (or --person), newest first")
    p.add_argument("door", help="door id (or person id with --person)")
    p.add_argument("--person", action="store_true")
    p.add_argument("--all", action="store_true", help="include superseded attempts")
    p.set_defaults(func=cmd_history)

    p = csub.add_parser("script", help="print the survey script")
    p.add_argument("--campaign", metavar="ID")
    p.add_argument("--lang", default="en", choices=("en", "es"))
    p.set_defaults(func=cmd_script)
