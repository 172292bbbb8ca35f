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
    from fieldapp.maps.streets import street_sketch

    target = Path(args.out)
    if target.suffix.lower() not in (".html", ".htm"):
        raise InputError("the map is an HTML file: give a name ending in .html", where="--out")
    data = load_map_data(ctx.store(), turf=args.turf)
    title = f"Field App map: {data.turfs[0].name}" if args.turf and data.turfs else "Field App map"
    streets = street_sketch(ctx.store(), data)
    page = build_map(data, assets="inline", title=title, streets=streets)
    leaks = external_references(page)
    if leaks:  # a bug, never expected: the page would not work offline
        raise RuntimeError(f"map page refers to other machines: {leaks[:3]}")
    write_map(page, target)
    out(
        f"Wrote {target} ({len(data.turfs):,} turfs, {len(data.doors):,} doors, "
        f"{len(data.events):,} events, {len(streets):,} sketched street lines; "
        f"{target.stat().st_size / 1e6:.1f} MB, works offline)"
    )
    if data.doors_without_location:
        out(f"  {data.doors_without_location:,} doors have no location yet and are not on the map")
    return 0


def cmd_tiles_info(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp import settings
    from fieldapp.maps import tiles

    cache = tiles.MBTiles(tiles.cache_path())
    try:
        out(f"Tile server:  {settings.get('tile_url') or '(none set: plain background)'}")
        out(f"Cache:        {cache.path} ({cache.count():,} tiles)")
        opened = settings.get("mbtiles_file")
        out(f"MBTiles file: {opened or '(none)'}")
        from fieldapp.maps.basemap import describe, opened_path

        pm = opened_path()
        out(f"PMTiles:      {describe(pm) if pm else '(none: streets are sketched from the doors)'}")
    finally:
        cache.close()
    return 0


def _box(text: str) -> tuple[float, float, float, float]:
    try:
        s, w, n, e = (float(v) for v in text.split(","))
    except ValueError:
        raise InputError("give the area as SOUTH,WEST,NORTH,EAST in degrees", where="--box") from None
    if not (-90 <= s < n <= 90 and -180 <= w < e <= 180):
        raise InputError("the area must have south < north and west < east", where="--box")
    return s, w, n, e


def _zooms(text: str) -> tuple[int, int]:
    try:
        low, _, high = text.partition("-")
        lo, hi = int(low), int(high or low)
    except ValueError:
        raise InputError("give zoom levels as LOW-HIGH, e.g. 13-17", where="--zooms") from None
    if not 0 <= lo <= hi <= 19:
        raise InputError("zoom levels go from 0 to 19, low first", where="--zooms")
    return lo, hi


def cmd_tiles_save(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.maps import tiles
    from fieldapp.services.progress import LineProgress

    box, (lo, hi) = _box(args.box), _zooms(args.zooms)
    stack = tiles.TileSourceStack()
    saved = tiles.save_area(stack, box, lo, hi, provider_allows=args.provider_allows_bulk,
                            progress=LineProgress())
    out(f"Saved {saved:,} tiles for offline use in {stack.cache.path} "
        f"({stack.fetched:,} downloaded)")
    return 0


def cmd_tiles_open(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.maps.basemap import describe, open_basemap

    if args.stop:
        open_basemap(None)
        out("The maps no longer use a PMTiles basemap (streets are sketched from the doors).")
        return 0
    if not args.file:
        raise InputError("give a PMTiles file, or --stop", where="tiles open")
    path = open_basemap(args.file)
    assert path is not None
    out(f"The maps now use {describe(path)}")
    return 0


def cmd_tiles_clip(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.maps.basemap import clip, opened_path, turf_box

    source = args.source or opened_path()
    if source is None:
        raise InputError("no PMTiles file to clip from: give --from FILE.pmtiles or open one "
                         "with `fieldapp tiles open`", where="--from")
    target = Path(args.out)
    if target.suffix.lower() != ".pmtiles":
        raise InputError("the clip is a PMTiles file: give a name ending in .pmtiles",
                         where="--out")
    box = turf_box(ctx.store(), list(args.turf))
    result = clip(source, target, box, _zooms(args.zooms))
    out(f"Wrote {result.path} ({result.tiles:,} tiles, zoom {result.zooms[0]}-{result.zooms[1]}, "
        f"{result.size / 1e6:.2f} MB) for {len(args.turf)} turf(s)")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "map",
        help="write a map of turfs, doors and events as one HTML file that works offline",
    )
    p.add_argument("--out", required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--turf", metavar="NAME", help="only this turf (its name or id) and its doors")
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("tiles", help="the basemap tile cache: what is in it, save an area")
    tsub = p.add_subparsers(dest="tiles_command", metavar="ACTION", required=True)
    t = tsub.add_parser("info", help="tile server, cache size and opened MBTiles file")
    t.set_defaults(func=cmd_tiles_info)
    t = tsub.add_parser(
        "save-area",
        help="download an area's tiles into the cache for offline use (only from providers "
             "whose usage policy allows bulk downloads; never openstreetmap.org's servers)",
    )
    t.add_argument("--box", required=True, metavar="S,W,N,E", help="the area, in degrees")
    t.add_argument("--zooms", default="13-17", metavar="LOW-HIGH", help="zoom levels (13-17)")
    t.add_argument("--provider-allows-bulk", action="store_true",
                   help="confirm that your tile provider's usage policy allows bulk downloads")
    t.set_defaults(func=cmd_tiles_save)
    t = tsub.add_parser("open", help="use a PMTiles vector basemap (Protomaps schema) on the maps")
    t.add_argument("file", nargs="?", metavar="FILE.pmtiles")
    t.add_argument("--stop", action="store_true", help="stop using a PMTiles basemap")
    t.set_defaults(func=cmd_tiles_open)
    t = tsub.add_parser(
        "clip", help="cut the area of some turfs out of a large PMTiles file (for a turf packet)")
    t.add_argument("--turf", required=True, metavar="NAME", nargs="+", action="extend",
                   help="the turfs whose area to keep (with a margin)")
    t.add_argument("--zooms", default="12-15", metavar="LOW-HIGH", help="zoom levels (12-15)")
    t.add_argument("--from", dest="source", metavar="FILE.pmtiles",
                   help="the large file (default: the one opened with `tiles open`)")
    t.add_argument("--out", required=True, metavar="FILE.pmtiles", help="the clip to write")
    t.set_defaults(func=cmd_tiles_clip)
