"""``fieldapp conflicts``: the Sync page's Conflicts tab from the command line.

``list`` shows open conflicts (``--all`` also resolved ones), ``show`` one in
full, ``resolve`` keeps the value in the store (``--keep winner``) or writes the
other one back (``--keep other``). The decision syncs to the other stores.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from fieldapp.cli import out
from fieldapp.errors import NotFoundError


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)


def cmd_list(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync import review

    rows = review.conflicts(ctx.store(), open_only=not args.all)
    if not rows:
        out("No open conflicts." if not args.all else "No conflicts.")
    for c in rows:
        state = "resolved" if c.resolved else "open"
        out(f"#{c.pk:<5} {state:8} {c.table}.{c.field:14} {c.label[:40]:40} "
            f"kept {_value(c.kept)[:30]} ({c.kept_by})  other {_value(c.other)[:30]} ({c.other_by})")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync import review

    rows = [c for c in review.conflicts(ctx.store(), open_only=False) if c.pk == args.pk]
    if not rows:
        raise NotFoundError(f"no conflict #{args.pk}")
    c = rows[0]
    out(f"Conflict #{c.pk} ({'resolved' if c.resolved else 'open'})")
    out(f"  record:  {c.table} {c.record_id} ({c.label})")
    out(f"  field:   {c.field}")
    out(f"  kept:    {_value(c.kept)}  written by {c.kept_by} at {c.kept_at:%Y-%m-%d %H:%M} UTC")
    out(f"  other:   {_value(c.other)}  written by {c.other_by} at {c.other_at:%Y-%m-%d %H:%M} UTC")
    if not c.resolved:
        out(f"  resolve: fieldapp conflicts resolve {c.pk} --keep winner|other")
    return 0


def cmd_resolve(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync.resolve import resolve_conflict

    resolve_conflict(ctx.store(), args.pk, "winner" if args.keep == "winner" else "loser")
    what = "kept the value in the store" if args.keep == "winner" else "wrote the other value back"
    out(f"Conflict #{args.pk} resolved: {what}. The decision goes out with the next bundle.")
    return 0


def register(sub: Any) -> None:
    group = sub.add_parser("conflicts", help="sync conflicts to review: list, show, resolve")
    csub = group.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="open conflicts (newest first)")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p.set_defaults(func=cmd_list)
    p = csub.add_parser("show", help="one conflict in full")
    p.add_argument("pk", type=int, metavar="NUMBER")
    p.set_defaults(func=cmd_show)
    p = csub.add_parser("resolve", help="keep the value in the store, or write the other back")
    p.add_argument("pk", type=int, metavar="NUMBER")
    p.add_argument("--keep", choices=("winner", "other"), required=True)
    p.set_defaults(func=cmd_resolve)
