"""``fieldapp store``: encryption at rest and retention.

``status`` says whether the store is encrypted and where its key is kept;
``encrypt``, ``decrypt`` and ``rekey`` convert the store file in place (a
backup first, encrypted too); ``purge --uploaded`` drops personal details HQ
already holds, and ``auto-purge on|off`` makes every sync HQ confirms do it. Thin wrappers over :mod:`fieldapp.services.storecrypt` and
:mod:`fieldapp.services.retention`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldapp.cli import terminal_prompt
from fieldapp.errors import InputError


def _out(text: str = "") -> None:
    from fieldapp.cli import out

    out(text)


def _store_file(ctx: Any) -> Path:
    target = ctx.store_target
    if "://" in target:
        raise InputError("only a store file (SQLite) can be encrypted or decrypted", where=target)
    return Path(target).expanduser().resolve()


def _passphrase(args: argparse.Namespace, path: Path) -> str | None:
    if not getattr(args, "passphrase", False):
        return None
    typed = terminal_prompt(path, True)
    if not typed:
        raise InputError("--passphrase needs a terminal to type it on", where=str(path))
    return typed


def cmd_status(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.core import cipher
    from fieldapp.services import storekey

    path = _store_file(ctx)
    state = cipher.file_state(path)
    _out(f"Store:      {path}")
    _out(f"Encrypted:  {'yes' if state == 'encrypted' else 'no' if state == 'plain' else '(no store yet)'}")
    if storekey.key_file() is not None:
        where = f"key file ({storekey.KEY_FILE_ENV})"
    elif storekey.keyring_get(path) is not None:
        where = "this computer's credential store"
    elif state == "encrypted":
        where = "a passphrase (typed at start)"
    else:
        where = "-"
    _out(f"Key:        {where}")
    return 0


def _report(verb: str, conv: Any) -> int:
    _out(f"{verb} {conv.path}")
    _out(f"  backup (encrypted): {conv.backup}")
    if conv.key_kept_in:
        _out(f"  key kept in: {conv.key_kept_in}")
    return 0


def cmd_encrypt(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.storecrypt import encrypt_store

    path = _store_file(ctx)
    conv = encrypt_store(path, passphrase=_passphrase(args, path), prompt=terminal_prompt)
    return _report("Encrypted", conv)


def cmd_decrypt(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.storecrypt import decrypt_store

    conv = decrypt_store(_store_file(ctx), prompt=terminal_prompt)
    return _report("Decrypted", conv)


def cmd_rekey(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services.storecrypt import rekey_store

    path = _store_file(ctx)
    conv = rekey_store(path, passphrase=_passphrase(args, path), prompt=terminal_prompt)
    return _report("New key for", conv)


def cmd_purge(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services import retention

    if not args.uploaded:
        raise InputError("say what to purge: --uploaded (details HQ already holds)", where="store purge")
    with ctx.store().transaction() as session:
        if args.keep_turfs is None:
            keep: list[str] = []
        elif args.keep_turfs == "packet":
            keep = retention.packet_turf_ids(session)
        else:
            keep = [t.strip() for t in args.keep_turfs.split(",") if t.strip()]
        report = retention.purge_uploaded(session, retention.uploaded_bundle_ids(session), keep)
    if report.watermark is None:
        _out("Nothing purged: no bundle has been exported and confirmed yet.")
        return 0
    _out(f"Purged personal details already uploaded (kept {len(keep)} turfs):")
    for table, count in report.fields_cleared.items():
        _out(f"  {table:22} {count:>9,} fields cleared")
    _out(f"  {'contact_attempts':22} {report.contact_attempts_removed:>9,} removed")
    return 0


def cmd_auto_purge(args: argparse.Namespace, ctx: Any) -> int:
    from fieldapp.services import retention

    if args.switch is not None:
        retention.set_auto_purge(args.switch == "on")
    on = retention.auto_purge_enabled()
    _out(f"Automatic purge after each sync that HQ confirms: {'on' if on else 'off'}")
    if on:
        _out("  Keeps the people of the newest turf packet's turfs; never runs before a packet "
             "arrived.")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("store", help="encryption at rest and retention of the local store")
    ssub = p.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    q = ssub.add_parser("status", help="is the store encrypted, and where is its key")
    q.set_defaults(func=cmd_status)
    for name, func, text in (
        ("encrypt", cmd_encrypt, "encrypt the store in place (an encrypted backup first)"),
        ("rekey", cmd_rekey, "give the encrypted store a new key (an encrypted backup first)"),
    ):
        q = ssub.add_parser(name, help=text)
        q.add_argument("--passphrase", action="store_true",
                       help="use a passphrase typed now instead of a random key")
        q.set_defaults(func=func)
    q = ssub.add_parser("decrypt", help="store the data unencrypted again (the backup stays encrypted)")
    q.set_defaults(func=cmd_decrypt)
    q = ssub.add_parser("purge", help="drop personal details that HQ already holds")
    q.add_argument("--uploaded", action="store_true",
                   help="phones, emails, notes and contact results already in exported bundles")
    q.add_argument("--keep-turfs", nargs="?", const="packet", metavar="IDS",
                   help="keep details in these turfs (comma-separated ids; alone: the turfs "
                        "of the newest turf packet)")
    q.set_defaults(func=cmd_purge)
    q = ssub.add_parser("auto-purge", help="purge by itself after each sync HQ confirms "
                        "(off by default; keeps the turf packet's people)")
    q.add_argument("switch", nargs="?", choices=("on", "off"), help="turn it on or off")
    q.set_defaults(func=cmd_auto_purge)
