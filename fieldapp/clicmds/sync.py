"""``fieldapp bundle ...`` and ``fieldapp keys ...``: sync bundles and site keys."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fieldapp.core.files import write_text
from fieldapp.errors import FieldAppError


def _out(text: str = "") -> None:
    from fieldapp.cli import out

    out(text)


def _passphrase(args: argparse.Namespace) -> bytes | None:
    from fieldapp.services.sync.bundle import read_passphrase_file

    f = getattr(args, "passphrase_file", None)
    return read_passphrase_file(f) if f else None


def _progress() -> Any:
    from fieldapp.services.progress import LineProgress

    return LineProgress()


# --------------------------------------------------------------------------- bundle


def cmd_export(args: argparse.Namespace, ctx: Any) -> int:
    import tempfile
    from pathlib import Path

    from fieldapp.maps.basemap import PACKET_ATTACHMENT, packet_clip
    from fieldapp.services.campaign.outbox import outbox_dir
    from fieldapp.services.campaign.state import load_state
    from fieldapp.services.sync.bundle import export_bundle

    # A laptop that joined a campaign exports into its outbox (sent by `fieldapp sync`).
    folder = args.out or (outbox_dir() if load_state() is not None else ".")
    with tempfile.TemporaryDirectory() as tmp:
        # A turf packet carries the basemap clip of its turfs, when HQ has a PMTiles file open.
        clip = (packet_clip(ctx.store(), list(args.turf or []), Path(tmp))
                if args.for_person and not args.no_basemap else None)
        result = export_bundle(
            ctx.store(), folder, since_last=args.since_last, turfs=args.turf or [],
            for_person=args.for_person, to=args.to or [], passphrase=_passphrase(args),
            progress=_progress(),
            attachments={PACKET_ATTACHMENT: clip.path} if clip is not None else None,
        )
    m = result.manifest
    _out(f"Wrote {result.path}")
    _out(f"  {result.path.stat().st_size / 1e6:.2f} MB")
    if clip is not None:
        _out(f"  basemap clip: {clip.tiles:,} tiles, zoom {clip.zooms[0]}-{clip.zooms[1]}, "
             f"{clip.size / 1e6:.2f} MB")
    _out(f"  bundle {m.bundle_id}  sequence {m.seq}  scope {m.scope.get('kind')}")
    for table, count in result.counts.items():
        if count:
            _out(f"  {table:22} {count:>9,}")
    _out(f"  {'total':22} {m.total_records:>9,}")
    return 0


def _stats_line(result: Any) -> str:
    t = result.total()
    parts = [f"{t.new:,} new", f"{t.updated:,} updated", f"{t.unchanged:,} unchanged",
             f"{t.conflicts:,} conflicts"]
    if t.undeleted:
        parts.append(f"{t.undeleted:,} undeleted")
    if t.held:
        parts.append(f"{t.held:,} held")
    if result.duplicates:
        parts.append(f"{result.duplicates:,} possible duplicates")
    return ", ".join(parts)


def print_result(result: Any) -> None:
    head = f"{result.path}: bundle {result.bundle_id[:8]} from {result.site_name!r} #{result.seq}"
    if result.status in ("merged", "partial", "dry-run"):
        label = {"merged": "merged", "partial": "merged in part", "dry-run": "dry run"}[result.status]
        _out(f"{head}: {label}: {_stats_line(result)}")
        if result.message:
            _out(f"  {result.message}")
    else:
        _out(f"{head}: {result.message}")


def cmd_import(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync.merge import import_bundle

    passphrase = _passphrase(args)
    failed = 0
    for f in args.files:
        try:
            result = import_bundle(ctx.store(), f, passphrase=passphrase, dry_run=args.dry_run,
                                   accept_future=args.accept_future, progress=_progress())
            basemap = None
            if not args.dry_run:
                from fieldapp.maps.basemap import keep_packet_basemap

                basemap = keep_packet_basemap(ctx.store(), f, result.status,
                                              passphrase=passphrase)
        except FieldAppError as exc:
            sys.stderr.write(f"fieldapp: error: {exc}\n")
            failed += 1
            continue
        print_result(result)
        if basemap is not None:
            _out(f"  the packet's street map is now the maps' basemap ({basemap})")
        if result.status == "quarantined":
            failed += 1
    if len(args.files) > 1:
        _out(f"{len(args.files) - failed} of {len(args.files)} bundles imported")
    return 1 if failed else 0


def cmd_accept(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync.merge import accept_bundle

    result = accept_bundle(ctx.store(), args.bundle_id, passphrase=_passphrase(args),
                           progress=_progress())
    print_result(result)
    return 0


def cmd_inspect(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.core.hlc import format_hlc
    from fieldapp.services.sync.bundle import inspect_bundle

    manifest, signer = inspect_bundle(args.file, passphrase=_passphrase(args))
    if args.json:
        doc = json.loads(manifest.to_bytes())
        doc["signer"]["trusted_as"] = signer
        _out(json.dumps(doc, indent=2, sort_keys=True))
        return 0
    _out(f"Bundle:     {manifest.bundle_id}")
    _out(f"Format:     {manifest.format_version} (schema {manifest.schema}, app {manifest.app_version})")
    _out(f"Site:       {manifest.site_name} ({manifest.site_id})")
    _out(f"Sequence:   {manifest.seq} (previous {manifest.prev_bundle_id or 'none'})")
    _out(f"Created:    {manifest.created_at:%Y-%m-%d %H:%M:%S} UTC")
    _out(f"Clock:      {format_hlc(manifest.hlc_min)} .. {format_hlc(manifest.hlc_max)}")
    _out(f"Scope:      {json.dumps(manifest.scope, sort_keys=True)}")
    _out(f"Signer:     {manifest.signer} ({signer})")
    _out("Records:")
    for table, count in manifest.counts().items():
        if count:
            _out(f"  {table:22} {count:>9,}")
    _out(f"  {'total':22} {manifest.total_records:>9,}")
    return 0


def cmd_history(args: argparse.Namespace, ctx: Any) -> int:
    from sqlalchemy import select

    from fieldapp.core.models import SyncBundle

    with ctx.store().session() as session:
        rows = list(session.scalars(select(SyncBundle).order_by(SyncBundle.recorded_at, SyncBundle.pk)))
    if not rows:
        _out("No bundles yet.")
    for r in rows:
        counts = sum(int(v) for v in (r.summary.get("counts") or {}).values())
        _out(f"{r.recorded_at:%Y-%m-%d %H:%M}  {r.direction:3}  {r.status:11}  {r.bundle_id}  "
             f"site {r.site_id[:8]} #{r.seq}  {counts:,} records  {Path(r.file_name).name}")
    return 0


# --------------------------------------------------------------------------- keys


def cmd_keys_init(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp import paths
    from fieldapp.services.sync import keys

    site = keys.init_keys(args.name, force=args.force)
    _out(f"Made this site's keys in {paths.keys_dir()} (owner-only files)")
    _out(f"  name:          {site.name}")
    _out(f"  signing key:   {site.fingerprint}")
    _out(f"  age recipient: {site.recipient}")
    return 0


def cmd_keys_export(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync import keys

    site = keys.load_keys()
    text = json.dumps(site.public_document(ctx.store().site_id), indent=2, sort_keys=True)
    if args.out:
        write_text(args.out, text + "\n")
        _out(f"Wrote {args.out}")
    else:
        _out(text)
    return 0


def cmd_keys_trust(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.errors import InputError
    from fieldapp.services.sync import keys

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the public key file ({exc})", where=str(path)) from None
    site = keys.trust(keys.parse_public_document(text, str(path)), recipient=args.recipient,
                      name=args.name)
    role = "signer and default recipient" if site.recipient else "signer (use --to to send to it)"
    _out(f"Trusted {site.name!r} ({site.fingerprint}) as {role}")
    return 0


def cmd_keys_list(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync import keys

    if keys.keys_exist():
        own = keys.load_keys()
        _out(f"This site: {own.name}  signing {own.fingerprint}  recipient {own.recipient}")
    else:
        _out("This site has no keys yet: fieldapp keys init")
    sites = keys.load_trust()
    if not sites:
        _out("No trusted sites yet: fieldapp keys trust FILE")
    for s in sites:
        flag = "recipient" if s.recipient else "signer"
        _out(f"  {s.name:24} {s.fingerprint}  {flag:9}  {s.age_recipient}  sites: {', '.join(s.site_ids) or '-'}")
        problem = keys.entry_problem(s)
        if problem:
            _out(f"    UNUSABLE ({problem}): fieldapp keys untrust {s.fingerprint}")
    return 0


def cmd_keys_untrust(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.sync import keys

    gone = keys.untrust(args.name)
    _out(f"No longer trusted: {gone.name!r} ({gone.fingerprint})")
    return 0


# --------------------------------------------------------------------------- register


def register(sub: Any) -> None:
    bundle = sub.add_parser("bundle", help="sync bundles: export, import, inspect, accept")
    bsub = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)

    p = bsub.add_parser("export", help="write a bundle of this store (a full export by default)")
    p.add_argument("--out", metavar="DIR", help="folder to write into (default: the outbox once "
                   "a campaign is joined, else here)")
    p.add_argument("--since-last", action="store_true",
                   help="only what changed or arrived since this site's previous bundle")
    p.add_argument("--turf", metavar="NAME", action="append", help="only this turf (repeatable)")
    p.add_argument("--for", dest="for_person", metavar="PERSON",
                   help="a turf packet for this captain (name, email or id; needs --turf); it "
                        "carries the turfs' street map when a PMTiles basemap is open")
    p.add_argument("--no-basemap", action="store_true",
                   help="leave the basemap clip out of a turf packet")
    p.add_argument("--to", metavar="RECIPIENT", action="append",
                   help="encrypt to this trusted site (repeatable; default: the default recipients)")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="encrypt with the passphrase in FILE instead of keys")
    p.set_defaults(func=cmd_export)

    p = bsub.add_parser("import", help="merge bundles into this store (any order, any number of times)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--passphrase-file", metavar="FILE", help="passphrase for protected bundles")
    p.add_argument("--accept-future", action="store_true",
                   help="merge even if the bundle's clock is far ahead of this computer's")
    p.set_defaults(func=cmd_import)

    p = bsub.add_parser("inspect", help="show a bundle's manifest without importing it")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--passphrase-file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the manifest as JSON")
    p.set_defaults(func=cmd_inspect)

    p = bsub.add_parser("accept", help="merge a quarantined bundle (its clock was ahead)")
    p.add_argument("bundle_id", metavar="BUNDLE_ID")
    p.add_argument("--passphrase-file", metavar="FILE")
    p.set_defaults(func=cmd_accept)

    p = bsub.add_parser("history", help="bundles written and imported by this store")
    p.set_defaults(func=cmd_history)

    keys_p = sub.add_parser("keys", help="this site's keys and the sites it trusts")
    ksub = keys_p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = ksub.add_parser("init", help="make this site's signing key and age identity")
    p.add_argument("--name", help="a name for this site (default: the computer's name)")
    p.add_argument("--force", action="store_true", help="replace existing keys (old bundles to "
                   "this site can no longer be opened)")
    p.set_defaults(func=cmd_keys_init)
    p = ksub.add_parser("export-public", help="print this site's public keys (to hand to HQ)")
    p.add_argument("--out", metavar="FILE", help="write to FILE")
    p.set_defaults(func=cmd_keys_export)
    p = ksub.add_parser("trust", help="trust another site's public keys (from export-public)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--name", help="call the site this (default: its own name)")
    p.add_argument("--recipient", action="store_true",
                   help="encrypt every bundle to this site too (e.g. a laptop trusting HQ)")
    p.set_defaults(func=cmd_keys_trust)
    p = ksub.add_parser("list", help="this site's keys and the trusted sites")
    p.set_defaults(func=cmd_keys_list)
    p = ksub.add_parser("untrust", help="stop trusting a site's keys (bundles it signs are refused)")
    p.add_argument("name", metavar="NAME", help="its name, fingerprint, site id or age recipient")
    p.set_defaults(func=cmd_keys_untrust)
