"""Doors and turfs on the command line: import, geocode, turf, walklist.

Thin wrappers over :mod:`fieldapp.services.importing`, ``geocoding``,
``turfs`` and ``walklists``: everything here can be done from the GUI too.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from fieldapp.errors import InputError

log = logging.getLogger(__name__)


def _out(text: str = "") -> None:
    from fieldapp.cli import out

    out(text)


# --------------------------------------------------------------------------- import


def cmd_import_doors(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services import importing
    from fieldapp.services.progress import LineProgress

    mapping: dict[str, str] = {}
    if args.mapping:
        mapping.update(importing.load_profile(args.mapping))
    if args.map:
        mapping.update(importing.parse_map_options(args.map))
    if args.save_mapping:
        fmt = importing.sniff(args.file, encoding=args.encoding, layout=args.layout)
        resolved = importing.resolve_mapping(Path(args.file), fmt.header, mapping,
                                             fmt.layout or None)
        saved = importing.save_profile(args.save_mapping, resolved)
        _out(f"Saved mapping profile {args.save_mapping!r} to {saved}")
    report = importing.import_doors(
        ctx.store(), args.file, mapping=mapping or None, encoding=args.encoding,
        layout=args.layout, dry_run=args.dry_run, strict=args.strict, progress=LineProgress(sys.stderr),
        alone=True,  # a first import into an empty store takes it to itself (faster)
    )
    for line in report.lines():
        _out(line)
    if not args.dry_run and args.assign_turfs and report.doors_created:
        from fieldapp.services.turfs import assign_doors

        with ctx.store().transaction() as session:
            placed = assign_doors(session, only_unassigned=True)
        _out(f"  {placed:,} new doors placed in turfs")
    return 0


def cmd_import_turfs(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.turfs import import_turfs

    report = import_turfs(ctx.store(), args.file)
    for line in report.lines():
        _out(line)
    return 0


def cmd_import_layouts(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.importing import layouts

    for kind, title, hint in (
        ("voters", "Voter-file layouts", "fieldapp import doors FILE --layout NAME"),
        ("points", "Address-point layouts", "fieldapp geocode --address-file FILE --layout NAME"),
    ):
        _out(f"{title} (force one with: {hint}):")
        for layout in layouts(kind).values():
            header = "header row" if layout.header else "no header row"
            _out(f"  {layout.name:14} {layout.title} ({len(layout.columns)} columns, {header})")
            if args.verbose:
                _out(f"                 {layout.source}")
                for column, field in layout.fields.items():
                    _out(f"                   {column} -> {field}")
    return 0


def cmd_import_profiles(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.importing import FIELDS, list_profiles, load_profile

    if args.fields:
        for name, description in FIELDS.items():
            _out(f"  {name:14} {description}")
        return 0
    names = list_profiles()
    if not names:
        _out("No mapping profiles saved yet (use: fieldapp import doors FILE --save-mapping NAME)")
    for name in names:
        _out(name)
        for column, field in load_profile(name).items():
            if field != "ignore":
                _out(f"  {column} -> {field}")
    return 0


# --------------------------------------------------------------------------- geocode


def cmd_geocode(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services import geocoding
    from fieldapp.services.progress import LineProgress

    if args.address_file:
        from fieldapp.services import importing

        mapping: dict[str, str] = {}
        if args.mapping:
            mapping.update(importing.load_profile(args.mapping))
        if args.map:
            mapping.update(importing.parse_map_options(args.map))
        file_report = geocoding.geocode_from_file(ctx.store(), args.address_file,
                                                  mapping=mapping or None, layout=args.layout,
                                                  progress=LineProgress(sys.stderr))
        for line in file_report.lines():
            _out(line)
        return 0
    geocoder = geocoding.make_geocoder(args.provider, domain=args.domain, scheme=args.scheme)
    report = geocoding.geocode_doors(
        ctx.store(), provider=args.provider, limit=args.limit, geocoder=geocoder,
        max_offline_wait=0 if args.no_wait else None, progress=LineProgress(sys.stderr),
    )
    for line in report.lines():
        _out(line)
    return 0


# --------------------------------------------------------------------------- turf


def cmd_turf_list(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.turfs import list_turfs

    with ctx.store().session() as session:
        rows = list_turfs(session)
    if not rows:
        _out("No turfs yet (fieldapp import turfs FILE, or fieldapp turf cut --doors-per-turf N)")
        return 0
    width = max(len(r.name) for r in rows)
    _out(f"{'Turf':{width}}  {'Doors':>6}  {'Status':11}  Captain / canvassers")
    for r in rows:
        people = r.captain or "-"
        if r.canvassers:
            people += " / " + ", ".join(r.canvassers)
        _out(f"{r.name:{width}}  {r.doors:>6,}  {r.status:11}  {people}")
        if args.ids:
            _out(f"{'':{width}}  id {r.id}")
    return 0


def cmd_turf_cut(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.progress import LineProgress
    from fieldapp.services.turfs import cut_turfs

    report = cut_turfs(ctx.store(), args.doors_per_turf, within=args.within,
                       name_prefix=args.prefix, progress=LineProgress(sys.stderr))
    for line in report.lines(args.doors_per_turf):
        _out(line)
    return 0


def cmd_turf_assign(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.turfs import assign_volunteer, unassign_volunteer

    if not args.captain and not args.canvasser and not args.remove:
        raise InputError("say who: --captain NAME, --canvasser NAME (repeatable) or --remove NAME")
    if args.captain:
        _out(assign_volunteer(ctx.store(), args.turf, args.captain, "captain"))
    for name in args.canvasser or []:
        _out(assign_volunteer(ctx.store(), args.turf, name, "canvasser"))
    for name in args.remove or []:
        _out(unassign_volunteer(ctx.store(), args.turf, name))
    return 0


# --------------------------------------------------------------------------- walklist


def cmd_walklist(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.turfs import find_turf
    from fieldapp.services.walklists import walk_plan, write_walklist_pdf

    if args.pdf:
        columns = [c.strip() for c in (args.columns or "").split(",") if c.strip()]
        sheet = write_walklist_pdf(ctx.store(), args.turf, args.pdf, lang=args.lang,
                                   columns=columns, include_off_list=args.include_removed)
        _out(f"Wrote {args.pdf}: {len(sheet.doors)} doors, "
             f"{sum(len(d.people) for d in sheet.doors)} people, walk ~{sheet.distance_m / 1000:.1f} km")
        if sheet.not_listed:
            _out(f"  {sheet.not_listed}")
        return 0
    with ctx.store().session() as session:
        turf = find_turf(session, args.turf)
        plan = walk_plan(session, turf.id, include_off_list=args.include_removed)
        _out(f"{turf.name}: {len(plan.doors)} doors, walk ~{plan.walking_distance_m() / 1000:.1f} km")
        for i, d in enumerate(plan.doors, start=1):
            unit = f", {d.unit}" if d.unit else ""
            _out(f"{i:4}. {d.street_number} {d.street_name}{unit}")
        if plan.suppressed:
            _out(plan.suppressed_summary())
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="import doors and people (voter files) or turf polygons")
    isub = p.add_subparsers(dest="import_what", metavar="WHAT", required=True)

    d = isub.add_parser("doors", help="doors and people from a CSV or tab-separated voter file")
    d.add_argument("file", help="the CSV/TSV file (UTF-8, UTF-16 or cp1252; the delimiter is detected)")
    d.add_argument("--mapping", metavar="PROFILE", help="use a saved column mapping profile")
    d.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                   help="map a column to a field (repeatable); see: fieldapp import profiles --fields")
    d.add_argument("--save-mapping", metavar="PROFILE", help="save the mapping used under this name")
    d.add_argument("--encoding", help="force the file's encoding (default: detected)")
    d.add_argument("--layout", metavar="NAME",
                   help="read the file as this built-in layout (see: fieldapp import layouts)")
    d.add_argument("--dry-run", action="store_true", help="show the report, write nothing")
    d.add_argument("--strict", action="store_true",
                   help="stop at the first bad row (nothing is written) instead of skipping it")
    d.add_argument("--no-assign-turfs", dest="assign_turfs", action="store_false",
                   help="do not put new located doors in the turfs that contain them")
    d.set_defaults(func=cmd_import_doors)

    t = isub.add_parser("turfs", help="turf polygons from a GeoJSON or KML file")
    t.add_argument("file", help="a .geojson/.json or .kml file of polygons or multipolygons")
    t.set_defaults(func=cmd_import_turfs)

    la = isub.add_parser("layouts", help="list the built-in voter-file layouts")
    la.add_argument("-v", "--verbose", action="store_true",
                    help="with each layout's source document and column mapping")
    la.set_defaults(func=cmd_import_layouts)

    pr = isub.add_parser("profiles", help="list saved column mapping profiles")
    pr.add_argument("--fields", action="store_true", help="list the fields a column can map to")
    pr.set_defaults(func=cmd_import_profiles)

    g = sub.add_parser("geocode", help="give coordinates to doors that have none")
    g.add_argument("--provider", choices=["nominatim", "arcgis", "photon"], default="nominatim",
                   help="online geocoder (default nominatim, at most one request a second)")
    g.add_argument("--limit", type=int, metavar="N", help="ask for at most N addresses")
    g.add_argument("--address-file", metavar="FILE",
                   help="geocode offline from a county address-points CSV (address + coordinates)")
    g.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                   help="with --address-file: map a column to a field (repeatable)")
    g.add_argument("--mapping", metavar="PROFILE", help="with --address-file: a saved mapping")
    g.add_argument("--layout", metavar="NAME",
                   help="with --address-file: openaddresses, nad or county_gis (default: detected)")
    g.add_argument("--domain", help="use another server for the provider (host[:port])")
    g.add_argument("--scheme", choices=["http", "https"], help="scheme for --domain")
    g.add_argument("--no-wait", action="store_true",
                   help="stop when the geocoder cannot be reached instead of waiting")
    g.set_defaults(func=cmd_geocode)

    tp = sub.add_parser("turf", help="list, cut and assign turfs")
    tsub = tp.add_subparsers(dest="turf_what", metavar="ACTION", required=True)
    ls = tsub.add_parser("list", help="turfs with door counts and who is assigned")
    ls.add_argument("--ids", action="store_true", help="show turf ids")
    ls.set_defaults(func=cmd_turf_list)
    cut = tsub.add_parser("cut", help="cut compact turfs of about N doors")
    cut.add_argument("--doors-per-turf", type=int, required=True, metavar="N")
    cut.add_argument("--within", metavar="TURF",
                     help="cut this turf into smaller ones (default: doors with no turf yet)")
    cut.add_argument("--prefix", help="name prefix for the new turfs")
    cut.set_defaults(func=cmd_turf_cut)
    asg = tsub.add_parser("assign", help="assign a captain and canvassers to a turf")
    asg.add_argument("turf", help="turf name or id")
    asg.add_argument("--captain", metavar="NAME", help="volunteer name or id")
    asg.add_argument("--canvasser", action="append", metavar="NAME", help="repeatable")
    asg.add_argument("--remove", action="append", metavar="NAME", help="remove a volunteer")
    asg.set_defaults(func=cmd_turf_assign)

    w = sub.add_parser("walklist", help="a turf's doors in walking order, or its printable PDF")
    w.add_argument("turf", help="turf name or id")
    w.add_argument("--pdf", metavar="OUT.pdf", help="write the walk sheet PDF")
    w.add_argument("--lang", choices=["en", "es"], default="en", help="language of the sheet")
    w.add_argument("--columns", metavar="party,status",
                   help="extra walk-sheet columns: party, status (comma separated)")
    w.add_argument("--include-removed", action="store_true",
                   help="also list removed, cancelled and deceased voters (left off by default)")
    w.set_defaults(func=cmd_walklist)
