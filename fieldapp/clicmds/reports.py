"""``fieldapp report``: canvass and event figures as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from fieldapp.cli import out
from fieldapp.core.files import write_text
from fieldapp.services import reports


def cmd_report(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.store().session() as s:
        table = reports.report_table(s, args.report, tz=args.tz or reports.campaign_zone(s))
    if args.format == "csv":
        buf = io.StringIO(newline="")
        table.write_csv(buf)
        text = buf.getvalue()
    elif args.format == "json":
        text = table.as_json() + "\n"
    else:
        text = table.as_text() + "\n"
    if args.out:
        target = Path(args.out)
        write_text(target, text, newline="")
        out(f"Wrote {len(table.rows)} rows to {target}")
    else:
        out(text.rstrip("\n"))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="canvass and event figures: doors knocked, contacts, supporters, RSVPs, attendance",
        description="Doors knocked, contacts, contact rate and supporters identified (1-2) by turf, "
        "canvasser, organization or day; RSVPs, attendance and no-shows by event. "
        "Corrected (superseded) attempts are left out.",
    )
    p.add_argument("report", choices=reports.REPORTS)
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--tz", help="time zone for days (IANA name; default: the campaign's, "
                   "as on the Dashboard)")
    p.set_defaults(func=cmd_report)
