"""``fieldapp hq ...`` (HQ's inbox: invite, serve, inbox, watch, revoke, packet) and the
laptop's ``fieldapp join FILE`` and ``fieldapp sync [--status]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def _out(text: str = "") -> None:
    from fieldapp.cli import out

    out(text)


# --------------------------------------------------------------------------- HQ


def cmd_invite(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.hq import laptops
    from fieldapp.services.hq.joinfile import JOIN_SUFFIX, write_join_pdf

    join = laptops.invite(ctx.store(), args.name, args.server or [], turfs=args.turf or [],
                          campaign=args.campaign)
    out = Path(args.out) if args.out else Path(
        "".join(c if c.isalnum() else "-" for c in args.name.lower()).strip("-") + JOIN_SUFFIX)
    laptops.write_join(join, out)
    pdf = out.with_suffix(".pdf")
    write_join_pdf(join, pdf)
    _out(f"Wrote {out} and {pdf} (QR code) for {join.laptop_name!r}, laptop {join.laptop_id}")
    _out("  The join file works once: hand it over privately (USB stick, in person).")
    return 0


def cmd_serve(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.server.app import ServerConfig, serve
    from fieldapp.services.hq.inbox import spool_dir
    from fieldapp.services.sync import keys

    keys.ensure_keys()
    if bool(args.certfile) != bool(args.keyfile):
        from fieldapp.errors import InputError

        raise InputError("give both --certfile and --keyfile (or neither, behind a TLS proxy)")
    config = ServerConfig(db=ctx.store_target, spool=spool_dir(args.spool),
                          max_bytes=args.max_mb * 1024 * 1024, body_timeout=args.body_timeout)
    serve(config, args.host, args.port, certfile=args.certfile, keyfile=args.keyfile)
    return 0


def cmd_inbox(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.hq import inbox, laptops

    if args.retry:
        inbox.retry(ctx.store(), args.retry)
        _out(f"Upload {args.retry} is back in line: a running `hq serve` merges it shortly")
        return 0
    names = {lap.id: lap.name for lap in laptops.list_laptops(ctx.store())}
    rows = inbox.inbox(ctx.store(), statuses=("held",) if args.held else None)
    if not rows:
        _out("The inbox is empty." if not args.held else "Nothing is held.")
    for r in rows:
        _out(f"{r.created_at:%Y-%m-%d %H:%M}  {r.status:9}  {r.id}  {names.get(r.laptop_id, '?'):20}"
             f"  {r.size:>11,} bytes  {r.records:>7,} records  {r.file_name}")
        if r.message and r.status == "held":
            _out(f"    {r.message}")
    counts = inbox.counts(ctx.store())
    _out(", ".join(f"{n} {status}" for status, n in counts.items()))
    return 0


def cmd_laptops(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.hq import laptops

    rows = laptops.list_laptops(ctx.store())
    if not rows:
        _out("No laptops invited yet: fieldapp hq invite --name NAME --server URL")
    for lap in rows:
        seen = f"{lap.last_seen_at:%Y-%m-%d %H:%M}" if lap.last_seen_at else "never"
        _out(f"{lap.id}  {lap.status:8}  {lap.name:24}  key {lap.fingerprint or '-':32}  "
             f"last seen {seen}")
        if lap.status == "revoked":
            from fieldapp.services.hq import revocation

            rev = revocation.info(ctx.store(), lap.id)
            final = ("none" if rev.policy in (None, "none") else
                     f"{rev.policy}, {rev.declared} bundle(s) declared"
                     + (", closed" if rev.closed_at else
                        f", open until {rev.until:%Y-%m-%d}" if rev.until else ""))
            wiped = f"{rev.wiped_at:%Y-%m-%d %H:%M}" if rev.wiped_at else "not yet reported"
            _out(f"    final upload: {final}; wiped: {wiped}")
    return 0


def cmd_revoke(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.hq import revocation

    done = revocation.revoke(ctx.store(), args.laptop, final_upload=args.final_upload,
                             final_days=args.final_days)
    lap = done.laptop
    _out(f"Revoked {lap.name!r} (laptop {lap.id}): HQ refuses its packets and join file; at its "
         "next sync it wipes the campaign's data")
    if done.policy == "none" or done.until is None:
        _out("  No final upload: HQ takes nothing more from it (unsent work stays on the laptop, "
             "encrypted to HQ, for a USB handover)")
    else:
        held = "held for review (hq inbox --held)" if done.policy == "review" else "merged"
        _out(f"  One final upload of what it still holds is accepted until "
             f"{done.until:%Y-%m-%d %H:%M} UTC, and {held}")
    return 0


def cmd_packet(args: argparse.Namespace, ctx: Any) -> int:
    import tempfile

    from fieldapp.maps.basemap import PACKET_ATTACHMENT, packet_clip
    from fieldapp.services.hq.laptops import find_laptop
    from fieldapp.services.hq.packets import make_packet
    from fieldapp.services.progress import LineProgress

    store = ctx.store()
    turfs = list(args.turf or find_laptop(store, args.laptop).turfs)
    with tempfile.TemporaryDirectory() as tmp:
        # The packet carries the basemap clip of its turfs when HQ has a PMTiles file open.
        clip = None if args.no_basemap else packet_clip(store, turfs, Path(tmp))
        info = make_packet(store, Path(args.spool) if args.spool else None, args.laptop,
                           turfs=args.turf or None, for_person=args.for_person,
                           progress=LineProgress(),
                           attachments={PACKET_ATTACHMENT: clip.path} if clip is not None else None)
    _out(f"Packet {info.id} ({info.size:,} bytes) waits for the laptop's next sync")
    if clip is not None:
        _out(f"  basemap clip: {clip.tiles:,} tiles, {clip.size / 1e6:.2f} MB")
    return 0


def cmd_watch(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.hq.watch import watch

    def report(path: Path, where: str, text: str) -> None:
        _out(f"{path.name}: {where} ({text})")

    rounds = 2 if args.once else None  # a file is taken once its size held still for one look
    try:
        n = watch(ctx.store(), args.dir, interval=args.interval, rounds=rounds, report=report)
    except KeyboardInterrupt:
        return 0
    _out(f"{n} bundle(s) taken from {args.dir}")
    return 0


# --------------------------------------------------------------------------- laptop


def cmd_join(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.campaign.state import join

    state = join(args.file, force=args.force)
    _out(f"Joined {state.campaign!r} as {state.laptop_name!r}: exports are encrypted to "
         f"{state.hq_name!r} and signed by this laptop")
    _out(f"  HQ: {', '.join(state.servers)}; the first `fieldapp sync` introduces this laptop")
    return 0


def cmd_sync(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.campaign import sync
    from fieldapp.services.progress import LineProgress

    if args.status:
        st = sync.status()
        _out(f"Campaign:   {st.campaign or 'none joined (fieldapp join FILE)'}")
        if st.wiped_at:
            _out(f"Status:     REVOKED by HQ; the campaign's data was removed on {st.wiped_at}")
        elif st.revoked:
            _out("Status:     REVOKED by HQ: the next `fieldapp sync` sends what it can and "
                 "wipes the campaign's data")
        _out(f"Last try:   {st.last_try or 'never'}")
        _out(f"Last sync:  {st.last_ok or 'never'}")
        if st.last_error:
            _out(f"Last error: {st.last_error}")
        _out(f"Outbox:     {len(st.waiting)} bundle(s) waiting")
        for item in st.waiting:
            _out(f"  {item.written_at:%Y-%m-%d %H:%M}  {item.size:>11,} bytes  {item.path.name}")
        return 0
    if args.export:
        from fieldapp.services.campaign.outbox import export_new_work

        result = export_new_work(ctx.store(), progress=LineProgress())
        _out(f"Exported {result.manifest.total_records:,} records to the outbox" if result
             else "No new work since the last export")
    from fieldapp.maps.basemap import keep_packet_basemap

    store = ctx.store()
    report = sync.sync(store, progress=LineProgress(),
                       on_packet=lambda path, status: keep_packet_basemap(store, path, status))
    if report.revoked is not None:
        return _print_revoked(report.revoked)
    if not report.online:
        _out(f"HQ is out of reach: {report.waiting} bundle(s) keep waiting in the outbox")
        _out(f"  {report.message}")
        return 1
    _out(f"Sent {len(report.sent)} bundle(s) to {report.server}; {report.waiting} waiting")
    for name, why in report.failed.items():
        _out(f"  not sent: {name}: {why}")
    for p in report.packets:
        _out(f"  turf packet {p}")
    if report.purged is not None:
        _out(f"  automatic purge: {report.purged:,} details HQ confirmed were dropped (the "
             "turf packet's people kept)")
    return 1 if report.failed else 0


def _print_revoked(rev: Any) -> int:
    """What a revoked laptop did; the exit code says it too (see RevokeReport.exit_code)."""
    _out(f"HQ revoked this laptop from {rev.campaign!r}.")
    if rev.exported:
        _out(f"  Unsent work exported: {rev.exported:,} records")
    how = {"sent": "sent to HQ", "partial": "sent to HQ, in part", "nothing": "nothing to send",
           "closed": "HQ no longer accepts a final upload", "offline": "HQ is out of reach"}
    _out(f"  Final upload: {how.get(rev.final, rev.final)} ({len(rev.sent)} bundle(s) sent)")
    if not rev.wiped:
        _out(f"  NOT wiped: {rev.problem}")
        return int(rev.exit_code)
    _out(f"  Wiped: the store, its backups and key, this laptop's keys ({rev.removed} files)")
    if rev.left:
        _out(f"  {len(rev.left)} bundle(s) could not be sent. They stay in {rev.outbox},")
        _out("  encrypted so that only HQ can open them: hand them to HQ on a USB stick.")
    _out("  Files you saved yourself (walk sheets, CSV exports) are not touched: delete them too.")
    return int(rev.exit_code)


# --------------------------------------------------------------------------- register


def register(sub: Any) -> None:
    hq = sub.add_parser("hq", help="HQ: invite laptops, run the inbox server, review the inbox")
    hsub = hq.add_subparsers(dest="hq_command", metavar="ACTION", required=True)

    p = hsub.add_parser("invite", help="make a join file (and a PDF with its QR code) for a laptop")
    p.add_argument("--name", required=True, help="who the laptop is for")
    p.add_argument("--server", metavar="URL", action="append",
                   help="the inbox address laptops use, e.g. https://hq.example.org (repeatable)")
    p.add_argument("--turf", metavar="NAME", action="append", help="turfs for this captain's packets")
    p.add_argument("--campaign", help="campaign name shown on the laptop (default: the store's)")
    p.add_argument("--out", metavar="FILE", help="where to write the join file")
    p.set_defaults(func=cmd_invite)

    p = hsub.add_parser("serve", help="run the HTTP inbox (uvicorn) over this store")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--certfile", help="TLS certificate (PEM), unless a reverse proxy does TLS")
    p.add_argument("--keyfile", help="TLS private key (PEM)")
    p.add_argument("--spool", metavar="DIR", help="where uploads are kept (default: data folder)")
    p.add_argument("--max-mb", type=int, default=512, help="largest bundle accepted (MiB)")
    p.add_argument("--body-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="drop an upload piece after this long without data (default 30)")
    p.set_defaults(func=cmd_serve)

    p = hsub.add_parser("inbox", help="uploads received: merged, held (and why), waiting")
    p.add_argument("--held", action="store_true", help="only the held ones")
    p.add_argument("--retry", metavar="UPLOAD_ID", help="put a held upload back in line")
    p.set_defaults(func=cmd_inbox)

    p = hsub.add_parser("laptops", help="laptops invited, joined and revoked")
    p.set_defaults(func=cmd_laptops)

    p = hsub.add_parser("revoke", help="revoke a laptop: it wipes the campaign's data at its "
                        "next sync, after one final upload")
    p.add_argument("laptop", metavar="LAPTOP", help="laptop id, key fingerprint or invite name")
    p.add_argument("--final-upload", choices=("review", "merge", "none"), default="review",
                   help="its last upload of unsent work: held for staff review (default), "
                        "merged (a captain leaving, laptop in hand), or refused (lost/stolen)")
    p.add_argument("--final-days", type=int, default=14, metavar="DAYS",
                   help="how long the final upload stays possible (default 14)")
    p.set_defaults(func=cmd_revoke)

    p = hsub.add_parser("packet", help="prepare a turf packet for a joined laptop to fetch")
    p.add_argument("laptop", metavar="LAPTOP")
    p.add_argument("--turf", metavar="NAME", action="append",
                   help="turfs (default: the ones named in the invite)")
    p.add_argument("--for", dest="for_person", metavar="PERSON", help="the captain (a person)")
    p.add_argument("--spool", metavar="DIR", help="the server's spool folder, if not the default")
    p.add_argument("--no-basemap", action="store_true",
                   help="leave out the basemap clip of the turfs (when a PMTiles file is open)")
    p.set_defaults(func=cmd_packet)

    p = hsub.add_parser("watch", help="import bundles that appear in a shared folder")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between looks")
    p.add_argument("--once", action="store_true", help="take what is there now, then stop")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("join", help="join a campaign with the join file from HQ")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="leave the campaign joined before")
    p.set_defaults(func=cmd_join)

    p = sub.add_parser(
        "sync", help="send the outbox to HQ and fetch turf packets",
        epilog="exit codes: 0 sent; 1 HQ out of reach or something refused; 3 HQ revoked this "
               "laptop and its campaign data was wiped, nothing left to carry; 4 the same, with "
               "bundles left in the outbox (encrypted to HQ) to hand over on a USB stick")
    p.add_argument("--status", action="store_true", help="what waits, and when the last try was")
    p.add_argument("--export", action="store_true", help="export new work to the outbox first")
    p.set_defaults(func=cmd_sync)
