"""Start-up figures (issue 13): ``fieldapp --version``, ``fieldapp info``, the first window.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py``
(``--store PATH`` adds the first window and ``info`` on that store; when PATH
does not exist it is built first by importing a generated voter file of
``--voters`` rows, 2,000,000 by default: about 1.1M doors and 2M people, some
minutes, so keep the file and pass it again; ``--runs N``).

Targets: ``fieldapp --version`` < 0.15 s; ``fieldapp info`` < 0.4 s; the first
window < 0.8 s on an empty store and on a 1,000,000-door store.

A window's time runs from the process start to the end of the window's first paint.
Each figure is the median of several fresh processes, as wall-clock time and as
CPU time (user + system of the child; for a window, the process's own CPU time up
to the first paint, as it reports it): on a shared machine the wall clock
waits for the other processes, the CPU time much less. Below the table, the
import-time breakdown (``python -X importtime``, self time summed by top-level
package) says what the process spends its start on; it is the steadier figure.
The stores are plain SQLite files (``FIELDAPP_STORE_ENCRYPT=0``). The heavy
modules each process had loaded are listed beside it: none of
SQLAlchemy, Alembic, PySide6 for ``--version``; no SQLAlchemy or Alembic for ``info`` on a
current store; no numpy, shapely, folium for the first window.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "PySide6", "numpy", "shapely", "folium", "branca", "jinja2",
         "reportlab", "cryptography", "keyring")

CLI = r"""
import sys, time
from fieldapp import cli
try:
    code = cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = [m for m in HEAVY_NAMES if m in sys.modules]
sys.stderr.write("HEAVY " + ",".join(heavy) + "\n")
sys.exit(code or 0)
""".replace("HEAVY_NAMES", repr(HEAVY))

WINDOW = r"""
import gc; gc.disable()  # as fieldapp.cli.cmd_gui does before it imports the app
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from fieldapp import app as fapp
qapp = fapp.make_app(["bench"])
launcher = fapp.Launcher(sys.argv[1])
class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__()
        self.window, self.done = window, False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)  # right after this paint
        return False
    def report(self):
        heavy = [m for m in HEAVY_NAMES if m in sys.modules]
        sys.stdout.write(f"SHOWN {time.time()!r} {time.process_time()!r} "
                         f"{type(self.window).__name__}\n")
        sys.stderr.write("HEAVY " + ",".join(heavy) + "\n")
        sys.stdout.flush(); qapp.quit()
watchers = []
def shown(window):
    # Up to the window's first paint: Qt paints after the calls already posted when
    # show() returns, so whatever the window queued before showing is counted too.
    if watchers:
        return
    watchers.append(FirstPaint(window))
    window.installEventFilter(watchers[0])
    window.update()
launcher.window_shown.connect(shown)
launcher.failed.connect(lambda message: (sys.stderr.write(message), qapp.exit(1)))
launcher.start()
# The welcome screen (empty store) is a window too: report it when it shows.
def poll():
    if launcher.welcome is not None and launcher.welcome.isVisible():
        shown(launcher.welcome)
    else:
        QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
code = qapp.exec()
launcher.shutdown()
sys.exit(code)
""".replace("HEAVY_NAMES", repr(HEAVY))

ROWS: list[tuple[str, float, float, str, str]] = []


def run(args: list[str], env: dict[str, str], runs: int,
        shown_time: bool = False) -> tuple[float, float, str]:
    """Median wall and CPU seconds of ``runs`` fresh processes, and the heavy modules loaded."""
    walls, cpus, heavy = [], [], ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        proc = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                              timeout=300)
        end = time.time()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"{args} failed:\n{proc.stderr[-3000:]}")
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        if shown_time:  # up to the first paint, not up to the end of the process
            shown = next(ln for ln in proc.stdout.splitlines() if ln.startswith("SHOWN")).split()
            end, cpu = float(shown[1]), float(shown[2])  # the process's own CPU until then
        walls.append(end - t0)
        cpus.append(cpu)
        heavy = next((ln[6:] for ln in proc.stderr.splitlines() if ln.startswith("HEAVY ")), "?")
    return statistics.median(walls), statistics.median(cpus), heavy


def row(label: str, wall: float, cpu: float, target: str, heavy: str) -> None:
    ROWS.append((label, wall, cpu, target, heavy))
    print(f"{label:44} {wall:7.3f} s wall {cpu:7.3f} s cpu  target {target:8} loaded: {heavy or '-'}",
          flush=True)


def import_breakdown(args: list[str], env: dict[str, str], top: int = 8) -> str:
    """Self import time summed by top-level package (ms), heaviest first."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], env=env,
                          capture_output=True, text=True, timeout=300)
    totals: collections.Counter[str] = collections.Counter()
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line[len("import time:"):].split("|")
        totals[name.strip().split(".")[0]] += int(self_us)
    total = sum(totals.values()) / 1000
    parts = ", ".join(f"{name} {us / 1000:.0f}" for name, us in totals.most_common(top))
    return f"{total:.0f} ms of imports: {parts}"


def build_store(path: Path, voters: int) -> None:
    """A plain store holding an imported voter file of ``voters`` rows (kept for next time)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from doors import make_voter_file  # the generator of benchmarks/doors.py

    from fieldapp.core.db import open_store
    from fieldapp.services.importing import import_doors

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "voters.csv"
        make_voter_file(csv_path, voters)
        store = open_store(path, key=None)  # plain: no key resolver is installed here
        try:
            import_doors(store, csv_path)
        finally:
            store.close()
    print(f"built {path} from {voters:,} voter rows in {time.perf_counter() - started:.0f} s",
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, help="an existing (big) store for info and the first window")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--voters", type=int, default=2_000_000,
                        help="voter rows imported to build a missing --store (default 2,000,000)")
    args = parser.parse_args()
    if args.store and not args.store.exists():
        build_store(args.store, args.voters)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = dict(os.environ, FIELDAPP_DATA_DIR=str(tmp / "data"),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
        env.pop("FIELDAPP_DB", None)
        # Plain (unencrypted) stores: the encrypted path adds the credential store's
        # look-up, which depends on the machine's keyring, not on this code.
        env["FIELDAPP_STORE_ENCRYPT"] = "0"
        empty = tmp / "empty.sqlite"
        subprocess.run([sys.executable, "-c", CLI, "--db", str(empty), "info"], env=env,
                       capture_output=True, check=True)  # create it (and its key) once
        base = run(["-c", "pass"], env, args.runs)
        row("python -c pass (the interpreter alone)", base[0], base[1], "", "")
        cases: list[tuple[str, list[str], str, bool]] = [
            ("fieldapp --version", ["-c", CLI, "--version"], "< 0.15 s", False),
            ("fieldapp info (empty store)", ["-c", CLI, "--db", str(empty), "info"], "< 0.4 s", False),
            ("first window (empty store: welcome)", ["-c", WINDOW, str(empty)], "< 0.8 s", True),
        ]
        if args.store:
            cases += [
                (f"fieldapp info ({args.store.name})", ["-c", CLI, "--db", str(args.store), "info"],
                 "< 0.4 s", False),
                (f"first window ({args.store.name})", ["-c", WINDOW, str(args.store)], "< 0.8 s", True),
            ]
        breakdowns = []
        for label, cmd, target, window in cases:
            wall, cpu, heavy = run(cmd, env, args.runs, shown_time=window)
            row(f"{label} (median of {args.runs})", wall, cpu, target, heavy)
            breakdowns.append((label, import_breakdown(cmd, env)))
    print()
    print(f"{'figure':44} {'wall':>9} {'cpu':>11}  target")
    for label, wall, cpu, target, _heavy in ROWS:
        print(f"{label:44} {wall:7.3f} s {cpu:7.3f} s  {target}")
    print()
    for label, text in breakdowns:
        print(f"{label}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
