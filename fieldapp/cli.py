"""The ``fieldapp`` command. Never imports PySide6 (the GUI is imported lazily).

Each group of commands lives in ``fieldapp/clicmds/<name>.py`` with a
``register(subparsers)`` function; handlers take ``(args, ctx)`` and return an
exit code. Expected errors (:class:`FieldAppError`) print one line to stderr
and exit 1; usage errors exit 2.

Start-up is kept short: nothing heavy is imported at module level (the store,
SQLAlchemy and Alembic load when a command first opens the store), and the
command modules are imported only when the command line names one of their
commands or asks for the full help. ``fieldapp --version`` imports nothing but
argparse (not even the folder and logging modules, loaded once parsing is done).
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp import __version__
from fieldapp.errors import FieldAppError, InputError

if TYPE_CHECKING:
    from fieldapp.core.db import Store

log = logging.getLogger(__name__)

# Command groups added by later features; each module has register(subparsers).
COMMAND_MODULES: list[str] = ["maps", "canvass", "events", "reports", "sync", "doors", "conflicts", "hq", "store"]
# Commands defined in this file: naming one of them loads no command module.
BUILTIN_COMMANDS = frozenset({"gui", "demo", "info", "dump"})
# Global options that take a value (the word after them is not a command).
_VALUE_OPTIONS = ("--db", "--data-dir")

Handler = Callable[[argparse.Namespace, "Context"], int]


class Context:
    """What a command handler needs: the store (opened on first use)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._store: Store | None = None

    @property
    def store_target(self) -> str:
        from fieldapp import paths

        return paths.store_target(self.args.db)

    def store(self) -> Store:
        if self._store is None:
            from fieldapp.core.db import open_store

            self._store = open_store(self.store_target)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def out(text: str = "") -> None:
    """Command output goes to stdout (logging is for the log file)."""
    sys.stdout.write(text + "\n")


def cmd_gui(args: argparse.Namespace, ctx: Context) -> int:
    import gc

    # Start-up makes many long-lived objects and frees few: the cyclic collector would
    # walk them again and again (a tenth of the time to the first window). Once its first
    # window is up, the app collects again from a GUI-thread timer (fieldapp.app.resume_gc).
    gc.disable()
    from fieldapp.app import run_gui  # imported here: the CLI never loads Qt otherwise

    return int(run_gui(db=args.db, seed_demo_if_empty=getattr(args, "demo_if_empty", False),
                       page=getattr(args, "page", None)))


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    from fieldapp.services.demo import seed_demo
    from fieldapp.services.progress import LineProgress

    today = dt.date.fromisoformat(args.today) if args.today else None
    summary = seed_demo(
        ctx.store(), doors=args.doors, seed=args.seed, today=today, progress=LineProgress()
    )
    out(f"Seeded the demo campaign (seed {summary.seed}) into {ctx.store().url}")
    for table, count in summary.counts.items():
        if count:
            out(f"  {table:22} {count:>9,}")
    return 0


def cmd_info(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.services.quick_info import quick_store_info

    # A current SQLite store is read with the plain driver (no SQLAlchemy, no models);
    # anything else (new, due an upgrade, PostgreSQL...) is opened the usual way.
    info = quick_store_info(ctx.store_target)
    if info is None:
        from fieldapp.services.inspect_store import store_info

        info = store_info(ctx.store())
    if args.json:
        out(json.dumps(info.__dict__, indent=2, sort_keys=True))
        return 0
    out(f"Store:    {info.location}")
    out(f"Schema:   {info.schema}")
    out(f"Site id:  {info.site_id}")
    out("Records:")
    for table, count in info.counts.items():
        extra = f"  ({info.deleted[table]:,} deleted)" if info.deleted.get(table) else ""
        out(f"  {table:22} {count:>9,}{extra}")
    return 0


def cmd_dump(args: argparse.Namespace, ctx: Context) -> int:
    from fieldapp.core.files import atomic_write
    from fieldapp.services.inspect_store import write_dump

    if args.out:
        target = Path(args.out)
        with atomic_write(target, "w", encoding="utf-8", newline="\n") as fh:
            write_dump(ctx.store(), fh)
        out(f"Wrote {target}")
    else:
        write_dump(ctx.store(), sys.stdout)
    return 0


def needs_command_modules(argv: Sequence[str]) -> bool:
    """Whether parsing ``argv`` needs the command modules.

    Not for ``--version``, no command (the GUI) or a command of this file;
    yes for any other command word and for the top-level help, which lists them.
    """
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif word in ("-h", "--help"):
            return True
        elif word == "--version":
            return False
        elif not word.startswith("-"):
            return word not in BUILTIN_COMMANDS
    return False


def terminal_prompt(path: Path, new: bool) -> str | None:
    """Ask for a passphrase on the terminal (None when there is no terminal)."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    if not new:
        return getpass.getpass(f"Passphrase for the store {path.name}: ") or None
    first = getpass.getpass(f"New passphrase for the store {path.name} (at least 10 characters): ")
    if len(first) < 10:
        raise InputError("the passphrase is shorter than 10 characters", where=str(path))
    if getpass.getpass("The same passphrase again: ") != first:
        raise InputError("the two passphrases differ", where=str(path))
    return first


def _install_store_keys() -> None:
    """Store keys come from the key file, the credential store or a terminal prompt."""
    from fieldapp.services import storekey

    storekey.install(terminal_prompt)


def build_parser(*, with_modules: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="Field App: offline-first field organizing. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument("--db", metavar="URL", help="store to use: a file path or a SQLAlchemy URL "
                        "(postgresql://user@host/db); default: $FIELDAPP_DB or the user data folder")
    parser.add_argument("--data-dir", metavar="DIR", help="keep store, keys, logs and caches under DIR "
                        "(default: $FIELDAPP_DATA_DIR or the platform's user folders)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the app (the default)")
    p.add_argument("--demo-if-empty", action="store_true",
                   help="seed the demo campaign first when the store is empty")
    p.add_argument("--page", metavar="PAGE", help="open on this page (dashboard, map, turfs, doors, "
                   "canvass, people, events, sync, settings)")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("demo", help="seed a realistic demo campaign into an empty store")
    p.add_argument("--doors", type=int, default=2000, help="number of doors (default 2000)")
    p.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same data")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day the demo is built around (default: today)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("info", help="store location, schema version, site id and counts")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dump", help="the whole store as canonical JSON (stable, sorted)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_dump)

    if with_modules:
        for name in COMMAND_MODULES:
            module: Any = importlib.import_module(f"fieldapp.clicmds.{name}")
            module.register(sub)
    return parser


def report_unexpected(exc: BaseException, command: str | None) -> int:
    """An error that is not a :class:`FieldAppError`: a bug. Source runs and the frozen
    build both end here: the traceback goes to the log file, one line to stderr, exit 1."""
    from fieldapp import log as applog

    log.error("unexpected error in command %s", command or "gui", exc_info=exc,
              extra={applog.FILE_ONLY: True})
    where = applog.log_file()
    sys.stderr.write(f"fieldapp: unexpected error: {type(exc).__name__}: {applog.redact(str(exc))}"
                     + (f" (details in {where})\n" if where else "\n"))
    return 1


def report_file_error(exc: OSError, command: str | None) -> int:
    """A file the command had to read or write could not be (a folder that is a file, no
    permission, a full disk): not a bug, so one line that names the file and the reason,
    exit 1; the traceback still goes to the log file for whoever helps the user."""
    from fieldapp import log as applog

    log.error("file error in command %s", command or "gui", exc_info=exc,
              extra={applog.FILE_ONLY: True})
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, (FileExistsError, NotADirectoryError)) and Path(exc.filename).is_file():
        reason = "it is a file, where a folder is needed"
    sys.stderr.write(f"fieldapp: error: cannot use {exc.filename}: {reason}\n")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(with_modules=needs_command_modules(argv))
    args = parser.parse_args(argv)  # --version and --help exit here
    from fieldapp import log as applog
    from fieldapp import paths

    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    applog.setup(verbose=args.verbose)
    _install_store_keys()
    func: Handler = getattr(args, "func", cmd_gui)
    if not hasattr(args, "demo_if_empty"):
        args.demo_if_empty = False
    ctx = Context(args)
    try:
        return func(args, ctx)
    except FieldAppError as exc:
        log.info("command failed: %s", applog.redact(str(exc)))
        sys.stderr.write(f"fieldapp: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("fieldapp: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.filename is None:
            return report_unexpected(exc, args.command)
        return report_file_error(exc, args.command)
    except Exception as exc:  # a bug: one line here, the traceback in the log file
        return report_unexpected(exc, args.command)
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
