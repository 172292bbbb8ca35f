"""Smoke test of the standalone build, as a release engineer would try it.

    python release/smoke_test.py dist/fieldapp        (make dist-test; CI runs it after the suite)
    python release/smoke_test.py "dist/Field App.app" --skip postgres    (macOS runner)

The frozen programs run from a temporary folder with an environment stripped of any
virtualenv or PYTHONPATH, so nothing can come from the checkout. One step is one line in
``STEPS`` below; a step fails on a non-zero exit, on "Traceback" in its output, on a
missing/empty output file, or on its own check. The figures (time per step, folder size)
are printed at the end. Linux, Windows and macOS run the same script (the CI workflows).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-11-20"
DEMO = ["demo", "--doors", "300", "--seed", "7", "--today", DAY]
TURF = "T001 W Wells St / N 20th St"
EVENT = "Saturday canvass launch"
GUI_SECONDS = 20


class StepFailedError(Exception):
    pass


@dataclass
class Smoke:
    folder: Path  # the frozen build (dist/fieldapp, or the .app's Contents/MacOS)
    work: Path
    figures: list[tuple[str, float]] = field(default_factory=list)

    @property
    def cli(self) -> Path:
        return self.folder / ("fieldapp.exe" if os.name == "nt" else "fieldapp")

    @property
    def gui(self) -> Path:
        return self.folder / ("Field App.exe" if os.name == "nt" else "Field App")

    def data(self, name: str = "a") -> Path:
        return self.work / f"data-{name}"

    def out(self, name: str) -> Path:
        return self.work / name

    def env(self, **extra: str) -> dict[str, str]:
        """The user's environment without any trace of this checkout's Python."""
        drop = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "FIELDAPP_DB",
                "FIELDAPP_DATA_DIR"}
        env = {k: v for k, v in os.environ.items() if k not in drop}
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if p and p != venv_bin)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
        # New stores are encrypted (SQLCipher); a build machine has no credential store,
        # so the key comes from a file, as on a server.
        env["FIELDAPP_STORE_KEY_FILE"] = str(self.work / "store.key")
        env.update(extra)
        return env

    def run(self, *args: str, data: str = "a", env: dict[str, str] | None = None,
            expect: str | None = None, creates: str | None = None) -> str:
        """Run the frozen CLI; check exit 0, no traceback, `expect` in stdout, `creates` made."""
        cmd = [str(self.cli), "--data-dir", str(self.data(data)),
               *(a.replace("{work}", str(self.work)) for a in args)]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                              cwd=self.work, env=env or self.env(), timeout=600, check=False)
        if proc.returncode != 0 or "Traceback" in proc.stderr + proc.stdout:
            raise StepFailedError(f"exit {proc.returncode}: {' '.join(args)}\n{proc.stderr[-3000:]}")
        if expect is not None and expect not in proc.stdout:
            raise StepFailedError(f"{expect!r} not in the output of {' '.join(args)}:\n{proc.stdout[-2000:]}")
        if creates is not None:
            path = self.out(creates)
            if not path.exists() or path.stat().st_size == 0:
                raise StepFailedError(f"{' '.join(args)} did not write {path}")
        return proc.stdout


# --------------------------------------------------------------------------- checks

def dump_equals_source(s: Smoke) -> None:
    """The frozen build's demo store dumps byte for byte like the source run's."""
    src = s.data("source")
    env = {k: v for k, v in os.environ.items() if k not in ("FIELDAPP_DB", "FIELDAPP_DATA_DIR")}
    source = [sys.executable, "-m", "fieldapp", "--data-dir", str(src)]
    subprocess.run([*source, *DEMO], check=True, capture_output=True, cwd=ROOT, env=env)
    expected = subprocess.run([*source, "dump"], check=True, capture_output=True, cwd=ROOT,
                              env=env).stdout.decode("utf-8")
    if s.run("dump") != expected:
        raise StepFailedError("the frozen build's dump differs from the source run's")


def pdf_is_pdf(name: str) -> Callable[[Smoke], None]:
    def check(s: Smoke) -> None:
        head = s.out(name).read_bytes()[:5]
        if head != b"%PDF-":
            raise StepFailedError(f"{name} is not a PDF ({head!r})")
    return check


def map_is_offline(s: Smoke) -> None:
    html = s.out("map.html").read_text(encoding="utf-8")
    if "L.map(" not in html and "L.map (" not in html:
        raise StepFailedError("map.html has no Leaflet map in it")
    if "<script src=\"http" in html or "<link rel=\"stylesheet\" href=\"http" in html:
        raise StepFailedError("map.html loads scripts or styles from the network")


def bundle_round_trip(s: Smoke) -> None:
    secret = s.out("passphrase.txt")
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    bundles = s.out("bundles")
    bundles.mkdir(exist_ok=True)
    s.run("bundle", "export", "--out", str(bundles), "--passphrase-file", str(secret))
    files = sorted(bundles.glob("*.fieldbundle"))
    if len(files) != 1:
        raise StepFailedError(f"bundle export wrote {len(files)} bundles")
    s.run("keys", "export-public", "--out", str(s.out("site-a.pub")))
    s.run("keys", "trust", str(s.out("site-a.pub")), data="b")
    s.run("bundle", "import", str(files[0]), "--passphrase-file", str(secret), data="b")
    info_a = json.loads(s.run("info", "--json"))
    info_b = json.loads(s.run("info", "--json", data="b"))
    for table in ("doors", "people", "events", "canvass_attempts"):
        if info_b["counts"].get(table) != info_a["counts"].get(table):
            raise StepFailedError(f"{table}: {info_b['counts'].get(table)} imported, "
                             f"{info_a['counts'].get(table)} exported")


def voter_import(s: Smoke) -> None:
    """A voter file through the address parser (usaddress's model file must be bundled)."""
    sample = ROOT / "resources" / "sample_data" / "voters.csv"
    s.run("import", "doors", str(sample), data="voters", expect="Imported: voters.csv")
    counts = json.loads(s.run("info", "--json", data="voters"))["counts"]
    if not counts.get("doors") or not counts.get("people"):
        raise StepFailedError(f"the voter import wrote no doors or people: {counts}")
    # the reader process a big file gets (the build starts it as itself)
    s.run("import", "doors", str(sample), data="voters-reader", expect="Imported: voters.csv",
          env=s.env(FIELDAPP_IMPORT_READER="process"))
    again = json.loads(s.run("info", "--json", data="voters-reader"))["counts"]
    if again != counts:
        raise StepFailedError(f"read in the reader process the file gave {again}, not {counts}")


TURF_STEPS = [  # after DEMO (whose output names the store's path)
    ["import", "turfs", str(ROOT / "resources" / "sample_data" / "turfs.geojson")],
    ["turf", "cut", "--within", TURF, "--doors-per-turf", "40", "--prefix", "Cut"],
    ["walklist", "Cut \u00b7 1"],
]


def turfs_as_source(s: Smoke) -> None:
    """Turf import (shapely), turf cut and a walk order (numpy) give what the source run
    gives: the build's own numpy (no BLAS: the Makefile's build/numpy-noblas) cuts and
    orders alike."""
    src = s.data("turfs-source")
    source = [sys.executable, "-m", "fieldapp", "--data-dir", str(src)]
    subprocess.run([*source, *DEMO], check=True, capture_output=True, cwd=ROOT, env=s.env())
    s.run(*DEMO, data="turfs", expect="Seeded the demo campaign")
    for args in TURF_STEPS:
        expected = subprocess.run([*source, *args], check=True, capture_output=True, cwd=ROOT,
                                  env=s.env()).stdout.decode("utf-8")
        got = s.run(*args, data="turfs")
        if got != expected:
            raise StepFailedError(f"{' '.join(args[:2])}: the frozen build says\n{got[-1500:]}\n"
                                  f"the source run says\n{expected[-1500:]}")
    if not got.startswith("Cut \u00b7 1:") or "   2. " not in got:
        raise StepFailedError(f"no walk order for the cut turf:\n{got[-1500:]}")


def hq_serve_health(s: Smoke) -> None:
    """`hq serve` starts (uvicorn's protocol modules bundled) and answers /healthz."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [str(s.cli), "--data-dir", str(s.data("hq")), "hq", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=s.work,
                            env=s.env())
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                    raise StepFailedError(f"hq serve did not answer /healthz:\n{out[-2000:]}") from None
                time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def hq_invite_pdf(s: Smoke) -> None:
    """The join file's PDF carries its QR code: qrcode draws it with Pillow (PNG), reportlab
    reads it back through Pillow into the page."""
    s.run("hq", "invite", "--name", "Smoke Test", "--server", "http://127.0.0.1:9",
          "--out", "{work}/smoke.fieldjoin", creates="smoke.pdf")
    pdf = s.out("smoke.pdf").read_bytes()
    if not pdf.startswith(b"%PDF-") or b"/Subtype /Image" not in pdf:
        raise StepFailedError("the join PDF has no QR code image in it")


def postgres_store(s: Smoke) -> None:
    """A PostgreSQL store created and migrated by the frozen build (psycopg bundled)."""
    sys.path.insert(0, str(ROOT))
    from tests import pgserver

    try:
        server = pgserver.start()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise StepFailedError(f"CI is set but no PostgreSQL server could start: {exc}") from None
        print(f"    (skipped: {exc})")
        return
    try:
        server.admin("CREATE DATABASE smoke")
        url = server.url("smoke")
        info = json.loads(s.run("--db", url, "info", "--json"))
        if not info["schema"]:
            raise StepFailedError(f"no schema version in {info}")
        s.run("--db", url, *DEMO, expect="Seeded the demo campaign")
        # TLS too: on Linux libpq runs on the OpenSSL Python brings (build.spec).
        _serve_tls(server)
        info = json.loads(s.run("--db", url + "?sslmode=require", "info", "--json"))
        if not info["counts"].get("doors"):
            raise StepFailedError(f"no doors over TLS: {info}")
    finally:
        pgserver.stop(server)


def _serve_tls(server: Any) -> None:
    """Turn TLS on in the test server with a throwaway self-signed certificate."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    folder = server.folder
    key_file, cert_file = folder / "server.key", folder / "server.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.chmod(0o600)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # the server runs as postgres
        for path in (key_file, cert_file):
            shutil.chown(path, "postgres", "postgres")
    server.admin(f"ALTER SYSTEM SET ssl_cert_file = '{cert_file}'")
    server.admin(f"ALTER SYSTEM SET ssl_key_file = '{key_file}'")
    server.admin("ALTER SYSTEM SET ssl = on")
    server.admin("SELECT pg_reload_conf()")


def events_without_zone_database(s: Smoke) -> None:
    """Time zones come from the bundled tzdata, as on Windows where the system has none."""
    s.run("events", "list", env=s.env(PYTHONTZPATH=os.devnull + "/nonexistent"),
          expect="America/Chicago")


def file_error_is_one_line(s: Smoke) -> None:
    """A file the frozen CLI cannot write (here: below a path that is a file, not a folder):
    one line on stderr naming the file, the traceback in the log file, exit 1."""
    blocker = s.out("a-file")
    blocker.write_text("not a folder\n", encoding="utf-8")
    cmd = [str(s.cli), "--data-dir", str(s.data()), "dump", "--out", str(blocker / "dump.json")]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=s.work, env=s.env(),
                          timeout=120, check=False)
    lines = proc.stderr.strip().splitlines()
    if (proc.returncode != 1 or len(lines) != 1 or "Traceback" in proc.stderr
            or f"cannot use {blocker}" not in proc.stderr):
        raise StepFailedError(f"exit {proc.returncode}, stderr:\n{proc.stderr}")
    log_text = (s.data() / "logs" / "fieldapp.log").read_text(encoding="utf-8")
    if "Traceback" not in log_text or "file error in command dump" not in log_text:
        raise StepFailedError("the traceback is not in the log file")


def gui_runs(s: Smoke) -> None:
    """The windowed program in Spanish, offscreen, on the map page (QtWebEngine, Leaflet, the
    Qt and Field App translations) for GUI_SECONDS: still running, the map drawn, no
    traceback or error in its log."""
    config = s.data() / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text('{"language": "es"}', encoding="utf-8")
    log_file = s.data() / "logs" / "fieldapp.log"
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    proc = subprocess.Popen([str(s.gui), "--data-dir", str(s.data()), "gui", "--page", "map"],
                            cwd=s.work, env=s.env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        time.sleep(GUI_SECONDS)
        alive = proc.poll() is None
    finally:
        proc.terminate()
        try:
            output = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            proc.kill()
            output = proc.communicate()[0].decode("utf-8", "replace")
    logged = log_file.read_text(encoding="utf-8")[len(before):] if log_file.exists() else ""
    problem = None
    if not alive:
        problem = f"the GUI exited early (code {proc.returncode})"
    elif "Traceback" in logged + output or " ERROR " in logged or " CRITICAL " in logged:
        problem = "an error in the GUI's log"
    elif "main window shown" not in logged or "map drawn" not in logged:
        problem = "the window or the map never showed"
    elif "interface language: es (2 translation files)" not in logged:
        problem = "the Spanish translations (Field App's and Qt's) did not load"
    if problem:
        raise StepFailedError(f"{problem}\nGUI log:\n{logged[-3000:]}\nGUI output:\n{output[-2000:]}")


# --------------------------------------------------------------------------- the steps

# (name, what it does): one line a step. Later features add theirs here.
STEPS: list[tuple[str, Callable[[Smoke], object]]] = [
    ("--version", lambda s: s.run("--version", expect="fieldapp ")),
    ("demo", lambda s: s.run(*DEMO, expect="Seeded the demo campaign")),
    ("info", lambda s: s.run("info", expect="Schema:")),
    ("the store is encrypted (SQLCipher bundled)", lambda s: s.run("store", "status", expect="Encrypted:  yes")),
    ("dump equals the source run's", dump_equals_source),
    ("walklist --pdf (English)", lambda s: s.run("walklist", TURF, "--pdf", "{work}/walk-en.pdf", creates="walk-en.pdf")),
    ("walklist --pdf (Spanish)", lambda s: s.run("walklist", TURF, "--pdf", "{work}/walk-es.pdf", "--lang", "es", creates="walk-es.pdf")),
    ("walk sheets are PDFs", lambda s: (pdf_is_pdf("walk-en.pdf")(s), pdf_is_pdf("walk-es.pdf")(s))),
    ("events signin --pdf", lambda s: s.run("events", "signin", EVENT, "--pdf", "{work}/signin.pdf", creates="signin.pdf")),
    ("events ics", lambda s: s.run("events", "ics", "--out", "{work}/events.ics", creates="events.ics")),
    ("map --out (offline HTML)", lambda s: (s.run("map", "--out", "{work}/map.html", creates="map.html"), map_is_offline(s))),
    ("bundle export, import into a second store", bundle_round_trip),
    ("import layouts", lambda s: s.run("import", "layouts", expect="nc_ncvoter")),
    ("voter import (address parser)", voter_import),
    ("turf import, cut and walk order (shapely, numpy) as the source run", turfs_as_source),
    ("hq serve answers /healthz", hq_serve_health),
    ("hq invite: join file and its QR code PDF (Pillow)", hq_invite_pdf),
    ("PostgreSQL store migrated, then read over TLS", postgres_store),
    ("events list with no system zone database", events_without_zone_database),
    ("a file it cannot write: one line, exit 1", file_error_is_one_line),
    (f"GUI offscreen for {GUI_SECONDS} s", gui_runs),
]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="smoke test of the standalone build")
    parser.add_argument("folder", nargs="?", default=str(ROOT / "dist" / "fieldapp"))
    parser.add_argument("--skip", action="append", default=[], metavar="WORD",
                        help="leave out the steps whose name has WORD (e.g. postgres on a "
                        "runner with no PostgreSQL server); said in the output")
    opts = parser.parse_args(argv)
    folder = Path(opts.folder).resolve()
    if (folder / "Contents" / "MacOS").is_dir():  # the macOS .app
        folder = folder / "Contents" / "MacOS"
    work = Path(tempfile.mkdtemp(prefix="fieldapp-smoke-"))
    smoke = Smoke(folder, work)
    (work / "store.key").write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
    if not smoke.cli.exists():
        sys.stderr.write(f"smoke test: no frozen build at {smoke.cli} (run make dist)\n")
        return 1
    print(f"Smoke test of {folder} ({folder_size(folder) / 1e6:.0f} MB), working in {work}")
    failed = 0
    started = time.perf_counter()
    steps = [(n, f) for n, f in STEPS if not any(w.lower() in n.lower() for w in opts.skip)]
    for name, _ in STEPS:
        if all(name != n for n, _ in steps):
            print(f"  skipped (--skip): {name}")
    for name, step in steps:
        t0 = time.perf_counter()
        try:
            step(smoke)
            status = "ok"
        except (StepFailedError, subprocess.SubprocessError, OSError, ValueError) as exc:
            failed += 1
            status = f"FAILED\n{exc}"
        seconds = time.perf_counter() - t0
        smoke.figures.append((name, seconds))
        print(f"  {seconds:6.1f} s  {name}: {status}", flush=True)
    total = time.perf_counter() - started
    print(f"The frozen build ran {len(steps)} steps in {total:.0f} s")
    print(f"smoke: {len(steps) - failed} passed, {failed} failed")
    if not failed:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
