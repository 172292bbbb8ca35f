"""``fieldapp map``: write a turf map as one self-contained HTML file.

The file carries every script, stylesheet and image inline, so it opens in any
browser with no network: for sending a turf map by email or on a USB stick.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldapp.cli import Context, out
from fieldapp.errors import InputError


def cmd_map(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.maps.build import build_map, external_references, write_map
    from fieldapp.maps.data import load_map_data

    target = Path(args.out)
    if target.suffix.lower() not in (".html", ".htm"):
        raise InputError("the map is an HTML file: give a name ending in .html", where="--out")
    data = load_map_data(ctx.store(), turf=args.turf)
    title = f"Field App map: {data.turfs[0].name}" if args.turf and data.turfs else "Field App map"
    page = build_map(data, assets="inline", title=title)
    leaks = external_references(page)
    if leaks:  # a bug, never expected: the page would not work offline
        raise RuntimeError(f"map page refers to other machines: {leaks[:3]}")
    write_map(page, target)
    out(
        f"Wrote {target} ({len(data.turfs):,} turfs, {len(data.doors):,} doors, "
        f"{len(data.events):,} events; {target.stat().st_size / 1e6:.1f} MB, works offline)"
    )
    if data.doors_without_location:
        out(f"  {data.doors_without_location:,} doors have no location yet and are not on the map")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "map",
        help="write a map of turfs, doors and events as one HTML file that works offline",
    )
    p.add_argument("--out", required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--turf", metavar="NAME", help="only this turf (its name or id) and its doors")
    p.set_defaults(func=cmd_map)
